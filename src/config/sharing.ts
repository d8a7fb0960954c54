import { isOwnGroup, projectNamespace } from "./groups";
import type { PrincipalRef, Repository, ShareAccessLevel } from "./model";

export interface SharedGroup {
    readonly group: PrincipalRef;
    readonly access: ShareAccessLevel;
}

const RANK: Readonly<Record<ShareAccessLevel, number>> = { reporter: 20, developer: 30, maintainer: 40 };

/** The group path the repository's project lives in (undefined: the token user's namespace). */
export function repositoryNamespace(repo: Repository): string | undefined {
    return projectNamespace(repo.project.mode === "adopt" ? { existing: repo.project.pathWithNamespace } : { namespace: repo.project.namespace });
}

/**
 * The groups GitLab honours only once the project is shared with them:
 * CODEOWNERS groups (approving needs Developer), and the promotion gate's
 * deployer groups (Developer) and approver groups (Reporter), and release-tag
 * creator groups (Developer). The project's own
 * group and its ancestors already count, and cannot be shared with. One share
 * per group, at the highest role it needs, unless `sharedGroupAccess` says.
 *
 * `pathOf` gives a group's full path; a group known only by id (offline) is
 * taken to be outside the project's hierarchy.
 */
export function groupsToShare(repo: Repository, pathOf: (ref: PrincipalRef) => string | undefined): SharedGroup[] {
    const needs: Array<[PrincipalRef, ShareAccessLevel]> = [
        ...(repo.codeOwners ? [...repo.codeOwners.rules, ...repo.codeOwners.sections.flatMap((s) => s.rules)].flatMap((r) => r.groups.map((g): [PrincipalRef, ShareAccessLevel] => [g, "developer"])) : []),
        ...(repo.promotionGate?.deployers.groups.map((g): [PrincipalRef, ShareAccessLevel] => [g, "developer"]) ?? []),
        ...(repo.promotionGate?.approvals.flatMap((a): Array<[PrincipalRef, ShareAccessLevel]> => (a.group === undefined ? [] : [[a.group, "reporter"]])) ?? []),
        // GitLab keeps a group among a protected tag's creators only if the project is shared with it (EE ProtectedRefAccess).
        ...repo.releaseTags.flatMap((t) => t.groups.map((g): [PrincipalRef, ShareAccessLevel] => [g, "developer"])),
    ];
    const namespace = repositoryNamespace(repo);
    const byGroup = new Map<string, SharedGroup>();
    for (const [group, access] of needs) {
        const path = pathOf(group);
        if (path !== undefined && isOwnGroup(path, namespace)) continue;
        const key = (path ?? `id:${group}`).toLowerCase();
        const current = byGroup.get(key);
        if (current === undefined || RANK[access] > RANK[current.access]) byGroup.set(key, { group: current?.group ?? group, access });
    }
    return [...byGroup.values()].map((s) => ({ group: s.group, access: repo.sharedGroupAccess ?? s.access }));
}
