import { encodePath } from "../restClient";
import { orGone, type ResourceHandler } from "./handler";

// resource_gitlab_project_compliance_frameworks.go (plugin framework; the
// VijetaPriya47/Gitlab-Terraform-Provider fork @3f3a7dca, 19.x). The project is
// resolved by REST first, since the GraphQL calls need its full path or numeric
// id; then one projectUpdateComplianceFrameworks mutation sets the project's
// WHOLE list (GitLab's UpdateProjectService removes every framework not given).
// The id is the `project` input. Both attributes RequiresReplace, and Update
// only reports a provider error.

interface ProjectNode {
    id: string;
    fullPath: string;
    complianceFrameworks: { nodes: Array<{ id: string }> };
}

const NODES = "complianceFrameworks { nodes { id } }";

export const projectComplianceFrameworks: ResourceHandler = {
    defaults: {},
    sticky: [],
    replaceOn: ["complianceFrameworkIds", "project"],
    sets: ["complianceFrameworkIds"],
    computed: [],
    async create(inputs, { api }) {
        const ids = (inputs.complianceFrameworkIds as string[]).map(String);
        const list = `["${ids.join('","')}"]`;
        // The provider returns on a 404 here without an error and without state, which the
        // framework then reports as an error; the double fails on the 404 itself.
        const project = await api.get(`projects/${encodePath(String(inputs.project))}`);
        // client-go's GraphQL.Do fails only on a non-2xx status; errors in a 200 body go unread.
        const body = await api.graphql<{ data?: { projectUpdateComplianceFrameworks: { project: ProjectNode | null } | null } | null }>(
            `mutation { projectUpdateComplianceFrameworks(input: { projectId: "gid://gitlab/Project/${project.id}", complianceFrameworkIds: ${list} }) { project { id, fullPath, ${NODES} } errors } }`,
        );
        const nodes = body.data?.projectUpdateComplianceFrameworks?.project?.complianceFrameworks.nodes ?? [];
        if (nodes.length === 0) throw new Error(`Project Compliance Frameworks not found: Unable to find Compliance Frameworks: ${list} on project: ${project.path_with_namespace}`);
        const id = String(inputs.project);
        return { id, outputs: { ...inputs, project: id, complianceFrameworkIds: nodes.map((n) => n.id) } };
    },
    async read(id, state, { api }) {
        return orGone(async () => {
            const project = await api.get(`projects/${encodePath(id)}`);
            const body = await api.graphql<{ data?: { project: ProjectNode | null } | null }>(`query { project(fullPath: "${project.path_with_namespace}") { id, fullPath, ${NODES} } }`);
            const nodes = body.data?.project?.complianceFrameworks.nodes ?? [];
            // No framework on the project: dropped from the state, "as they will get added via a create".
            if (nodes.length === 0) return undefined;
            const seen = { project: id, complianceFrameworkIds: nodes.map((n) => n.id) };
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update() {
        throw new Error("Provider Error, report upstream: Somehow the resource was requested to perform an in-place upgrade which is not possible.");
    },
    async delete(id, _state, { api }) {
        const project = await orGone(() => api.get(`projects/${encodePath(id)}`));
        if (project === undefined) return;
        await api.graphql(`mutation { projectUpdateComplianceFrameworks(input: { projectId: "gid://gitlab/Project/${project.id}", complianceFrameworkIds: [] }) { project { id, ${NODES} } errors } }`);
    },
};
