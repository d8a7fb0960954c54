import type { RepositoryView } from "./checks";
import type { KeyPath } from "./issues";

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

/**
 * Every group a promotion gate names (deployers, then approvals), with its key
 * relative to the repository: for validation (paths) and, once looked up, ids.
 */
export function gateGroupsAt<G>(gate: { readonly deployers: { readonly groups: readonly G[] }; readonly approvals: ReadonlyArray<{ readonly group?: G }> }): Array<{ ref: G; rel: KeyPath }> {
    return [
        ...gate.deployers.groups.map((ref, k) => ({ ref, rel: ["promotionGate", "deployers", "groups", k] })),
        ...gate.approvals.flatMap((a, k) => (a.group === undefined ? [] : [{ ref: a.group, rel: ["promotionGate", "approvals", k, "group"] }])),
    ];
}
