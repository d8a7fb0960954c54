// POST /api/graphql: the part of GitLab's GraphQL API that the provider's
// compliance framework resources use, executed by graphql-js against a small
// SDL subset of GitLab's schema, so a document that names a field, argument or
// type GitLab does not have fails validation as it would on GitLab (the wording
// is graphql-js's, not graphql-ruby's).
//
// Citations (gitlab-ee = flyisland/gitlab-ee@be1c96a2, a mirror of GitLab EE):
//  - mutations: ee/app/graphql/mutations/compliance_management/frameworks/{create,update,destroy}.rb,
//    ee/app/graphql/mutations/projects/update_compliance_frameworks.rb;
//  - services: ee/app/services/compliance_management/frameworks/{create,update_project}_service.rb;
//  - permissions: ee/app/policies/compliance_management/framework_policy.rb (Owner of the
//    framework's namespace, and the `custom_compliance_frameworks` license, Premium) and
//    ee/app/policies/ee/project_policy.rb (`admin_compliance_framework` on a project is that
//    permission on the project's group);
//  - doc/api/graphql/compliance_frameworks.md (gitlabhq@3919ad72): prerequisites, "Each
//    framework name must be unique within a group", an empty list removes every framework.
import { buildSchema, graphqlSync, parse, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { Access, canReadGroup, canReadProject, groupAccess } from "./access";
import { checkScope } from "./auth";
import type { Reply } from "./context";
import type { ComplianceFramework, Group, Project, StandinState, Token, User } from "./state";

const COMMON = `
  type Query {
    namespace(fullPath: ID!): Namespace
    group(fullPath: ID!): Group
    project(fullPath: ID!): Project
  }
  type Namespace { id: ID!, fullPath: ID!, name: String! }
  type Group { id: ID!, fullPath: ID!, name: String! }
  type Project { id: ID!, fullPath: ID!, name: String! }
`;

// EE only: on CE none of these types or fields exist.
const EE = `
  scalar ComplianceManagementFrameworkID
  scalar ProjectID
  extend type Namespace { complianceFrameworks(id: ComplianceManagementFrameworkID, ids: [ComplianceManagementFrameworkID!], search: String, first: Int): ComplianceFrameworkConnection }
  extend type Group { complianceFrameworks(id: ComplianceManagementFrameworkID, ids: [ComplianceManagementFrameworkID!], search: String, first: Int): ComplianceFrameworkConnection }
  extend type Project { complianceFrameworks: ComplianceFrameworkConnection }
  type ComplianceFramework {
    id: ID!
    name: String!
    description: String!
    color: String!
    default: Boolean
    pipelineConfigurationFullPath: String
    namespace: Namespace
  }
  type ComplianceFrameworkConnection { nodes: [ComplianceFramework] }
  input ComplianceFrameworkInput { name: String, description: String, color: String, default: Boolean, pipelineConfigurationFullPath: String }
  input CreateComplianceFrameworkInput { clientMutationId: String, namespacePath: ID!, params: ComplianceFrameworkInput! }
  type CreateComplianceFrameworkPayload { clientMutationId: String, errors: [String!]!, framework: ComplianceFramework }
  input UpdateComplianceFrameworkInput { clientMutationId: String, id: ComplianceManagementFrameworkID!, params: ComplianceFrameworkInput! }
  type UpdateComplianceFrameworkPayload { clientMutationId: String, errors: [String!]!, complianceFramework: ComplianceFramework }
  input DestroyComplianceFrameworkInput { clientMutationId: String, id: ComplianceManagementFrameworkID! }
  type DestroyComplianceFrameworkPayload { clientMutationId: String, errors: [String!]! }
  input ProjectUpdateComplianceFrameworksInput { clientMutationId: String, projectId: ProjectID!, complianceFrameworkIds: [ComplianceManagementFrameworkID!]! }
  type ProjectUpdateComplianceFrameworksPayload { clientMutationId: String, errors: [String!]!, project: Project }
  type Mutation {
    createComplianceFramework(input: CreateComplianceFrameworkInput!): CreateComplianceFrameworkPayload
    updateComplianceFramework(input: UpdateComplianceFrameworkInput!): UpdateComplianceFrameworkPayload
    destroyComplianceFramework(input: DestroyComplianceFrameworkInput!): DestroyComplianceFrameworkPayload
    projectUpdateComplianceFrameworks(input: ProjectUpdateComplianceFrameworksInput!): ProjectUpdateComplianceFrameworksPayload
  }
`;

const SCHEMAS: Record<"ce" | "ee", GraphQLSchema> = { ce: buildSchema(COMMON), ee: buildSchema(COMMON + EE) };

/** Gitlab::Graphql::Errors::ResourceNotAvailable's message (raise_resource_not_available_error!, authorize!). */
export const RESOURCE_NOT_AVAILABLE = "The resource that you are attempting to access does not exist or you don't have permission to perform this action";
const FRAMEWORK_GID = /^gid:\/\/gitlab\/ComplianceManagement::Framework\/(\d+)$/;
const PROJECT_GID = /^gid:\/\/gitlab\/Project\/(\d+)$/;
/** ProjectUpdateComplianceFrameworks::MAX_FRAMEWORKS. */
const MAX_FRAMEWORKS = 10;
// ComplianceManagement::Framework: `validates :color, color: true` (a hex color) and name unique per namespace.
const COLOR = /^#([0-9A-Fa-f]{3}){1,2}$/;

/**
 * The resolver's `search` (Resolvers::ComplianceManagement::FrameworkResolver →
 * ComplianceManagement::Framework.search → Gitlab::SQL::Pattern#fuzzy_search(query, [:name],
 * use_minimum_char_limit: true), gitlab-ee lib/gitlab/sql/pattern.rb): a blank query matches
 * all; else every whitespace-separated (or double-quoted) term of 3 characters or more must occur
 * in the name, case-insensitively (`ILIKE '%term%'`); a query with no such term matches the
 * whole name case-insensitively (`ILIKE query`). "SOC 2" thus finds "SOC 1" and "SOC 2".
 */
export function matchesSearch(name: string, query: string): boolean {
    if (query.trim() === "") return true;
    const squished = query.trim().replace(/\s+/g, " ");
    const quoted: string[] = [];
    const rest = squished.replace(/(?<=^| )"[^"]+"(?= |$)/g, (term) => {
        quoted.push(term.slice(1, -1));
        return "";
    });
    const terms = [...rest.split(" ").filter((t) => t !== ""), ...quoted];
    const words = terms.filter((t) => [...t].length >= 3);
    const lower = name.toLowerCase();
    if (words.length > 0) return words.every((w) => lower.includes(w.toLowerCase()));
    return lower === squished.toLowerCase();
}

export const frameworkGid = (f: ComplianceFramework) => `gid://gitlab/ComplianceManagement::Framework/${f.id}`;

class GraphQLRequest {
    constructor(
        readonly state: StandinState,
        readonly user: User | null,
    ) {}

    private gidOf(value: unknown, pattern: RegExp, type: string): number {
        const match = pattern.exec(String(value));
        if (!match) throw new Error(`${JSON.stringify(value)} is not a valid Global ID of type ${type}`);
        return Number(match[1]);
    }

    /** custom_compliance_frameworks is a Premium license feature; CE has no license. */
    private licensed(): boolean {
        return this.state.edition === "ee" && this.state.license !== "free";
    }

    /** FrameworkPolicy / GroupPolicy: Owner (direct or inherited) of the group, with the license. */
    private canAdminFrameworksOf(group: Group): boolean {
        return this.user !== null && this.licensed() && (this.user.admin || groupAccess(this.state, group, this.user.id) >= Access.OWNER);
    }

    private topLevel(group: Group): Group {
        return this.state.selfAndAncestors(group).at(-1)!;
    }

    private frameworkNode(f: ComplianceFramework) {
        const group = this.state.group(f.namespace_id)!;
        return {
            id: frameworkGid(f),
            name: f.name,
            description: f.description,
            color: f.color,
            default: this.state.default_compliance_frameworks[group.id] === f.id,
            pipelineConfigurationFullPath: f.pipeline_configuration_full_path,
            namespace: () => this.groupNode(group),
        };
    }

    /** A group's frameworks are its top-level group's (a subgroup lists its root's). */
    private frameworksOf(group: Group) {
        return (args: { id?: string; ids?: string[]; search?: string; first?: number }) => {
            // Without read_compliance_framework (members of the root group, with the license) the list is empty.
            const root = this.topLevel(group);
            const readable = this.licensed() && this.user !== null && canReadGroup(this.state, root, this.user);
            let list = readable ? this.state.compliance_frameworks.filter((f) => f.namespace_id === root.id) : [];
            if (args.id !== undefined) list = list.filter((f) => frameworkGid(f) === args.id);
            if (args.ids !== undefined) list = list.filter((f) => args.ids!.includes(frameworkGid(f)));
            if (args.search !== undefined) list = list.filter((f) => matchesSearch(f.name, args.search!));
            // The connection's `first` (ids ascending, the table's order: the resolver sets none).
            if (args.first !== undefined) list = list.slice(0, Math.max(0, args.first));
            return { nodes: list.map((f) => this.frameworkNode(f)) };
        };
    }

    private groupNode(group: Group) {
        return { id: `gid://gitlab/Group/${group.id}`, fullPath: group.full_path, name: group.name, complianceFrameworks: this.frameworksOf(group) };
    }

    private projectNode(project: Project) {
        return {
            id: `gid://gitlab/Project/${project.id}`,
            fullPath: this.state.pathWithNamespace(project),
            name: project.name,
            complianceFrameworks: () => ({
                nodes: this.state.project_compliance_frameworks
                    .filter((s) => s.project_id === project.id)
                    .map((s) => this.state.compliance_frameworks.find((f) => f.id === s.framework_id))
                    .filter((f): f is ComplianceFramework => f !== undefined)
                    .map((f) => this.frameworkNode(f)),
            }),
        };
    }

    private readableGroup(fullPath: string): Group | undefined {
        const group = this.state.group(fullPath);
        return group !== undefined && canReadGroup(this.state, group, this.user) ? group : undefined;
    }

    /** ComplianceManagement::Framework validations, as model errors' full messages. */
    private invalid(f: ComplianceFramework): string[] {
        const errors: string[] = [];
        if (f.name.trim() === "") errors.push("Name can't be blank");
        if (f.description.trim() === "") errors.push("Description can't be blank");
        if (!COLOR.test(f.color)) errors.push("Color must be a valid color code");
        if (this.state.compliance_frameworks.some((o) => o !== f && o.namespace_id === f.namespace_id && o.name === f.name)) errors.push("Name has already been taken");
        return errors;
    }

    private applyParams(f: ComplianceFramework, params: Record<string, unknown>): string | undefined {
        if (typeof params.name === "string") f.name = params.name;
        if (typeof params.description === "string") f.description = params.description;
        if (typeof params.color === "string") f.color = params.color;
        const pipeline = params.pipelineConfigurationFullPath;
        if (typeof pipeline === "string" && pipeline !== "") {
            // compliance_pipeline_configuration_available?: the evaluate_group_level_compliance_pipeline feature, Ultimate.
            if (this.state.license !== "ultimate") return "Pipeline configuration full path feature is not available";
            f.pipeline_configuration_full_path = pipeline;
        } else if (pipeline === "") f.pipeline_configuration_full_path = null;
        return undefined;
    }

    private setDefault(f: ComplianceFramework, value: unknown): void {
        if (value === true) this.state.default_compliance_frameworks[f.namespace_id] = f.id;
        else if (value === false && this.state.default_compliance_frameworks[f.namespace_id] === f.id) delete this.state.default_compliance_frameworks[f.namespace_id];
    }

    /** `authorized_find!(id:)`: a framework the user may administer, or ResourceNotAvailable. */
    private adminFramework(id: unknown): ComplianceFramework {
        const fid = this.gidOf(id, FRAMEWORK_GID, "ComplianceManagement::Framework");
        const framework = this.state.compliance_frameworks.find((f) => f.id === fid);
        if (framework === undefined || !this.canAdminFrameworksOf(this.state.group(framework.namespace_id)!)) throw new Error(RESOURCE_NOT_AVAILABLE);
        return framework;
    }

    rootValue() {
        return {
            namespace: ({ fullPath }: { fullPath: string }) => {
                const group = this.readableGroup(fullPath);
                return group === undefined ? null : this.groupNode(group);
            },
            group: ({ fullPath }: { fullPath: string }) => {
                const group = this.readableGroup(fullPath);
                return group === undefined ? null : this.groupNode(group);
            },
            project: ({ fullPath }: { fullPath: string }) => {
                const project = this.state.project(fullPath);
                return project !== undefined && canReadProject(this.state, project, this.user) ? this.projectNode(project) : null;
            },
            createComplianceFramework: ({ input }: { input: { namespacePath: string; params: Record<string, unknown> } }) => {
                // FullPathModelLoader(Namespace): a namespace the user cannot see is not found.
                const group = this.readableGroup(input.namespacePath);
                if (group === undefined) throw new Error(RESOURCE_NOT_AVAILABLE);
                // CreateService: the framework belongs to the namespace's root ancestor.
                const root = this.topLevel(group);
                const framework: ComplianceFramework = { id: 0, namespace_id: root.id, name: "", description: "", color: "", pipeline_configuration_full_path: null };
                if (!this.canAdminFrameworksOf(root)) return { errors: ["Not permitted to create framework"], framework: null };
                const refused = this.applyParams(framework, input.params);
                if (refused !== undefined) return { errors: [refused], framework: null };
                const errors = this.invalid(framework);
                if (errors.length > 0) return { errors: ["Failed to create framework", ...errors], framework: null };
                framework.id = this.state.nextId("compliance_framework");
                this.state.compliance_frameworks.push(framework);
                this.setDefault(framework, input.params.default === true ? true : undefined);
                return { errors: [], framework: this.frameworkNode(framework) };
            },
            updateComplianceFramework: ({ input }: { input: { id: string; params: Record<string, unknown> } }) => {
                const framework = this.adminFramework(input.id);
                const candidate = { ...framework };
                const refused = this.applyParams(candidate, input.params);
                const errors = refused !== undefined ? [refused] : this.invalid(candidate);
                // UpdateService saves only a valid record; the mutation reports the object's errors.
                if (errors.length === 0) {
                    Object.assign(framework, candidate);
                    this.setDefault(framework, input.params.default);
                }
                return { errors, complianceFramework: this.frameworkNode(framework) };
            },
            destroyComplianceFramework: ({ input }: { input: { id: string } }) => {
                const framework = this.adminFramework(input.id);
                // The default framework of a group cannot be deleted (the provider unsets it first).
                if (this.state.default_compliance_frameworks[framework.namespace_id] === framework.id) return { errors: ["Cannot delete the default framework"] };
                this.state.compliance_frameworks.splice(this.state.compliance_frameworks.indexOf(framework), 1);
                // Its project settings go with it: every project that carried it loses the label.
                const kept = this.state.project_compliance_frameworks.filter((s) => s.framework_id !== framework.id);
                this.state.project_compliance_frameworks.splice(0, Infinity, ...kept);
                return { errors: [] };
            },
            projectUpdateComplianceFrameworks: ({ input }: { input: { projectId: string; complianceFrameworkIds: string[] } }) => {
                if (input.complianceFrameworkIds.length > MAX_FRAMEWORKS) throw new Error(`No more than ${MAX_FRAMEWORKS} compliance frameworks can be updated at the same time.`);
                const project = this.state.project(this.gidOf(input.projectId, PROJECT_GID, "Project"));
                const group = project === undefined ? undefined : this.state.projectGroup(project);
                // authorize!(project): admin_compliance_framework on the project is that permission on its group.
                if (project === undefined || group === undefined || !canReadProject(this.state, project, this.user) || !this.canAdminFrameworksOf(group)) throw new Error(RESOURCE_NOT_AVAILABLE);
                const ids = [...new Set(input.complianceFrameworkIds.map((id) => this.gidOf(id, FRAMEWORK_GID, "ComplianceManagement::Framework")))];
                const missing = ids.filter((id) => !this.state.compliance_frameworks.some((f) => f.id === id));
                if (missing.length > 0) throw new Error(`Framework id(s) [${missing.join(", ")}] are invalid.`);
                // UpdateProjectService: the given list replaces the project's; a framework of another
                // top-level group is skipped without an error (project_is_in_root_or_csp_namespace).
                const root = this.topLevel(group);
                const wanted = ids.filter((id) => this.state.compliance_frameworks.find((f) => f.id === id)!.namespace_id === root.id);
                const others = this.state.project_compliance_frameworks.filter((s) => s.project_id !== project.id);
                this.state.project_compliance_frameworks.splice(0, Infinity, ...others, ...wanted.map((framework_id) => ({ project_id: project.id, framework_id })));
                return { errors: [], project: this.projectNode(project) };
            },
        };
    }
}

/**
 * One GraphQL request: `{"query", "variables"?, "operationName"?}`. GitLab answers 200 with
 * `data` and `errors` for anything that parses as a request, including authorization errors.
 */
export function handleGraphQL(state: StandinState, user: User | null, token: Token | null, body: unknown): Reply {
    const request = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
    if (typeof request.query !== "string") return { status: 200, body: { errors: [{ message: "No query string was present" }] } };
    let document;
    try {
        document = parse(request.query);
    } catch (e) {
        return { status: 200, body: { errors: [{ message: (e as Error).message }] } };
    }
    const mutation = document.definitions.some((d) => d.kind === "OperationDefinition" && (d as OperationDefinitionNode).operation === "mutation");
    // A read_api token may query, not mutate (the API's scope rule, applied to the operation).
    if (token !== null) checkScope(token, mutation ? "POST" : "GET");
    const run = new GraphQLRequest(state, user);
    const result = graphqlSync({ schema: SCHEMAS[state.edition], source: request.query, rootValue: run.rootValue(), variableValues: request.variables, operationName: request.operationName });
    return { status: 200, body: JSON.parse(JSON.stringify(result)) };
}
