// Who may see and do what. GitLab derives a user's role in a project from
// direct membership, membership of the project's group and its ancestors
// (inherited), and membership of groups the project is shared with (capped at
// the share's group_access). Instance admins may do everything.
// Docs: https://docs.gitlab.com/user/permissions/ and
// https://docs.gitlab.com/user/project/members/sharing_projects_groups/
import type { Group, Membership, Project, StandinState, User } from "./state";

/** Gitlab::Access levels (doc/api/members.md "Roles"). */
export const Access = {
    NO_ACCESS: 0,
    MINIMAL_ACCESS: 5,
    GUEST: 10,
    PLANNER: 15,
    REPORTER: 20,
    SECURITY_MANAGER: 25,
    DEVELOPER: 30,
    MAINTAINER: 40,
    OWNER: 50,
    ADMIN: 60,
} as const;

/** Values accepted for a membership or share (`Gitlab::Access.all_values` + Security Manager, 18.x). */
export const MEMBER_ACCESS_LEVELS = [5, 10, 15, 20, 25, 30, 40, 50] as const;

/** Human role names, as `Member#human_access` words them in the inherited-membership error. */
export const ROLE_NAMES: Readonly<Record<number, string>> = {
    0: "No access",
    5: "Minimal Access",
    10: "Guest",
    15: "Planner",
    20: "Reporter",
    25: "Security Manager",
    30: "Developer",
    40: "Maintainer",
    50: "Owner",
};

function today(): string {
    return new Date().toISOString().slice(0, 10);
}

/** Expired memberships and shares grant nothing. */
export function isActive(entry: { expires_at: string | null }): boolean {
    return entry.expires_at === null || entry.expires_at >= today();
}

function level(members: readonly Membership[], userId: number): number {
    const m = members.find((x) => x.user_id === userId && isActive(x));
    return m ? m.access_level : 0;
}

/** Direct membership level in `group` (0 if none). */
export function directGroupAccess(group: Group, userId: number): number {
    return level(group.members, userId);
}

/** Highest membership in the group or any ancestor, and the group it comes from. */
export function inheritedGroupMembership(state: StandinState, group: Group, userId: number): { level: number; group?: Group } {
    let best: { level: number; group?: Group } = { level: 0 };
    for (const g of state.selfAndAncestors(group)) {
        const l = directGroupAccess(g, userId);
        if (l > best.level) best = { level: l, group: g };
    }
    return best;
}

export function groupAccess(state: StandinState, group: Group, userId: number): number {
    return inheritedGroupMembership(state, group, userId).level;
}

/** Direct or inherited member of the group (`Group#member?`). */
export function isGroupMember(state: StandinState, group: Group, userId: number, inherited = true): boolean {
    return (inherited ? groupAccess(state, group, userId) : directGroupAccess(group, userId)) > Access.MINIMAL_ACCESS;
}

/** Role of the project's creator-owner in a personal namespace: Owner. */
function namespaceOwnerAccess(state: StandinState, project: Project, userId: number): number {
    const ns = state.namespaceOf(project);
    return ns.kind === "user" && ns.owner.id === userId ? Access.OWNER : 0;
}

/** The project's group and its ancestors: where inherited project membership comes from. */
export function projectGroupChain(state: StandinState, project: Project): Group[] {
    const group = state.projectGroup(project);
    return group ? state.selfAndAncestors(group) : [];
}

/** Inherited membership only: the highest membership in the project's group chain. */
export function inheritedProjectMembership(state: StandinState, project: Project, userId: number): { level: number; group?: Group } {
    const group = state.projectGroup(project);
    return group ? inheritedGroupMembership(state, group, userId) : { level: 0 };
}

/** The user's effective role in the project (max_member_access); admins get no implicit role here. */
export function projectAccess(state: StandinState, project: Project, userId: number): number {
    let best = Math.max(level(project.members, userId), namespaceOwnerAccess(state, project, userId), inheritedProjectMembership(state, project, userId).level);
    for (const share of project.shared_with_groups) {
        const group = state.group(share.group_id);
        if (!group || !isActive(share)) continue;
        // A shared group's members get at most the share's group_access.
        best = Math.max(best, Math.min(groupAccess(state, group, userId), share.group_access));
    }
    return best;
}

/** Guest or more: a project member in GitLab's sense (minimal access is not membership). */
export function isProjectMember(state: StandinState, project: Project, userId: number): boolean {
    return projectAccess(state, project, userId) >= Access.GUEST;
}

function atLeast(state: StandinState, project: Project, user: User | null, min: number): boolean {
    if (!user) return false;
    return user.admin || projectAccess(state, project, user.id) >= min;
}

/** Public: anyone; internal: any signed-in user; private: members and admins. */
export function canReadProject(state: StandinState, project: Project, user: User | null): boolean {
    if (project.visibility === "public") return true;
    if (project.visibility === "internal") return user !== null;
    return atLeast(state, project, user, Access.GUEST);
}

/** Reading repository content (`read_code`): Reporter+ on private projects. */
export function canReadCode(state: StandinState, project: Project, user: User | null): boolean {
    if (project.visibility !== "private") return canReadProject(state, project, user);
    return atLeast(state, project, user, Access.REPORTER);
}

/** `admin_project`: Maintainer+ (project settings, protections, rules, members, shares). */
export function canAdminProject(state: StandinState, project: Project, user: User | null): boolean {
    return atLeast(state, project, user, Access.MAINTAINER);
}

/** Archive and delete: "administrator or the owner" (doc/api/projects.md). */
export function canOwnProject(state: StandinState, project: Project, user: User | null): boolean {
    return atLeast(state, project, user, Access.OWNER);
}

/** `push_code`: Developer+, and never into an archived (read-only) project. */
export function canPushCode(state: StandinState, project: Project, user: User | null): boolean {
    return !project.archived && atLeast(state, project, user, Access.DEVELOPER);
}

/**
 * Private groups are visible to their members (direct or inherited), to
 * members of anything below them, and to admins.
 */
export function canReadGroup(state: StandinState, group: Group, user: User | null): boolean {
    if (group.visibility === "public") return true;
    if (!user) return false;
    if (group.visibility === "internal" || user.admin) return true;
    if (isGroupMember(state, group, user.id)) return true;
    if (state.descendants(group).some((g) => directGroupAccess(g, user.id) > 0)) return true;
    return state.projects.some((p) => projectGroupChain(state, p).includes(group) && level(p.members, user.id) > 0);
}

/** Creating a project in a group: Maintainer+ (GitLab's default project_creation_level). */
export function canCreateProjectIn(state: StandinState, group: Group, user: User): boolean {
    return user.admin || groupAccess(state, group, user.id) >= Access.MAINTAINER;
}

/**
 * Users who may be approvers of the project's approval rules:
 * "a user must be a direct member of at least one of: your project; your
 * project's group; any of your project's group's parent groups; another group
 * that has been shared with your project" — and "inherited member of the
 * project's group: Yes", "inherited member of a group invited to the project: No".
 * https://docs.gitlab.com/user/project/merge_requests/approvals/rules/#eligible-approvers
 * (Group-to-group shares are not modelled.)
 */
export function eligibleApproverIds(state: StandinState, project: Project): Set<number> {
    const ids = new Set<number>();
    const add = (members: readonly Membership[]) => members.filter((m) => isActive(m) && m.access_level >= Access.GUEST).forEach((m) => ids.add(m.user_id));
    add(project.members);
    for (const g of projectGroupChain(state, project)) add(g.members);
    for (const share of project.shared_with_groups) {
        const group = state.group(share.group_id);
        if (group && isActive(share)) add(group.members);
    }
    const ns = state.namespaceOf(project);
    if (ns.kind === "user") ids.add(ns.owner.id);
    return ids;
}
