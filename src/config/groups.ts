import type { RepositoryView } from "./checks";

/** The group path a project lives in: its own group and that group's ancestors count as the project's. */
export function projectNamespace(repo: Pick<RepositoryView, "existing" | "namespace">): string | undefined {
    if (repo.existing !== undefined) return repo.existing.split("/").slice(0, -1).join("/");
    return repo.namespace;
}

/** Why a promotion gate may not name the project's own group or an ancestor; one text for a path (validation) and an id (after the lookup). */
export function ownGateGroupMessage(namespace: string): string {
    return `expected a group other than the project's own group or its ancestors (${namespace}): GitLab ignores groups in protected environments unless the project is shared with them, and it cannot be shared with those; use accessLevel, users, or another group`;
}

/** Whether `group` is the namespace or one of its ancestors (compared without case, as GitLab does). */
export function isOwnGroup(group: string, namespace: string | undefined): boolean {
    if (namespace === undefined) return false;
    const g = group.toLowerCase();
    const ns = namespace.toLowerCase();
    return ns === g || ns.startsWith(`${g}/`);
}
