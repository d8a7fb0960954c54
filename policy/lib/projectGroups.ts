import type { PolicyResource } from "@pulumi/policy";
import { GITLAB } from "./tokens";
import { field, ident, UNKNOWN } from "./values";

/** One GitLab project and the governance resources of the stack that point at it. */
export interface ProjectGroup {
    /** How messages name the project: its path, its name, or its id. */
    readonly label: string;
    /** The Project resource, when this stack manages the project itself. */
    readonly project?: PolicyResource;
    readonly protections: PolicyResource[];
    readonly rules: PolicyResource[];
    readonly mrApprovals: PolicyResource[];
    readonly files: PolicyResource[];
    readonly environments: PolicyResource[];
    readonly tagProtections: PolicyResource[];
}

const CHILD_KIND: Record<string, "protections" | "rules" | "mrApprovals" | "files" | "environments" | "tagProtections"> = {
    [GITLAB.branchProtection]: "protections",
    [GITLAB.protectedEnvironment]: "environments",
    [GITLAB.tagProtection]: "tagProtections",
    [GITLAB.approvalRule]: "rules",
    [GITLAB.mrApprovals]: "mrApprovals",
    [GITLAB.repositoryFile]: "files",
};

export interface ProjectGroups {
    readonly groups: ProjectGroup[];
    /**
     * Children whose project cannot be known yet. A check that would report a
     * missing protection or rule stays quiet while one of these may be it.
     */
    readonly unplaced: PolicyResource[];
}

/**
 * Groups a stack's GitLab resources by the project their `project` input names.
 * A child is attributed, in order, by
 *   1. its `project` property's dependency on a Project resource (known even
 *      in a preview that has not created the project yet);
 *   2. its `project` value equal to a Project's `id` or `pathWithNamespace`
 *      output, or else to a project the stack does not manage (an adopted one);
 *   3. when `project` is unknown, the Project that shares its parent
 *      component (this program parents each repository's resources under one
 *      `ModelGovernance` component);
 * and is left `unplaced` otherwise, so a check never fires on a guess.
 */
export function groupByProject(resources: readonly PolicyResource[]): ProjectGroups {
    const groups = new Map<string, ProjectGroup>();
    const byIdentity = new Map<string, string>();
    const byParent = new Map<string, string[]>();
    const unplaced: PolicyResource[] = [];

    for (const project of resources.filter((r) => r.type === GITLAB.project)) {
        const key = `urn:${project.urn}`;
        groups.set(key, emptyGroup(projectLabel(project), project));
        for (const output of ["id", "pathWithNamespace"]) {
            const value = ident(project.props, output);
            if (typeof value === "string") byIdentity.set(value.toLowerCase(), key);
        }
        const parent = parentUrn(project);
        if (parent !== undefined) byParent.set(parent, [...(byParent.get(parent) ?? []), key]);
    }

    for (const child of resources) {
        const kind = CHILD_KIND[child.type];
        if (kind === undefined) continue;
        const key = attribute(child, byIdentity, byParent);
        if (key === undefined) {
            unplaced.push(child);
            continue;
        }
        if (!groups.has(key)) groups.set(key, emptyGroup(key.slice(key.indexOf(":") + 1)));
        groups.get(key)![kind].push(child);
    }
    return { groups: [...groups.values()], unplaced };
}

function attribute(child: PolicyResource, byIdentity: Map<string, string>, byParent: Map<string, string[]>): string | undefined {
    const deps = (child.propertyDependencies?.project ?? []).filter((d) => d.type === GITLAB.project);
    if (deps.length === 1) return `urn:${deps[0].urn}`;

    const value = ident(child.props, "project");
    if (typeof value === "string") return byIdentity.get(value.toLowerCase()) ?? `project:${value}`;

    const parent = parentUrn(child);
    if (value === UNKNOWN && parent !== undefined) {
        const siblings = byParent.get(parent) ?? [];
        return siblings.length === 1 ? siblings[0] : undefined;
    }
    return undefined;
}

function emptyGroup(label: string, project?: PolicyResource): ProjectGroup {
    return { label, project, protections: [], rules: [], mrApprovals: [], files: [], environments: [], tagProtections: [] };
}

function projectLabel(project: PolicyResource): string {
    for (const key of ["pathWithNamespace", "path", "name"]) {
        const value = field(project.props, key);
        if (typeof value === "string" && value !== "") return value;
    }
    return project.name;
}

/** The parent component's URN; the root stack does not count, since every resource has it. */
export function parentUrn(resource: PolicyResource): string | undefined {
    const urn = resource.parent?.urn ?? resource.opts.parent;
    if (urn === undefined || urn === "" || urn.split("::")[2]?.endsWith("pulumi:pulumi:Stack")) return undefined;
    return urn;
}
