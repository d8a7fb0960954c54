// Whether a user passes a protected branch's access levels.
// `ProtectedRefAccess#check_access`: "return false if current_user.nil? ||
// no_access?; return current_user.admin? if admin_access?", then the user's
// project role must reach the level; EE user entries match the user, group
// entries the group's members (ee/app/models/concerns/ee/protected_ref_access.rb).
import { Access, canPushCode, isGroupMember, projectAccess } from "./access";
import { protectionsFor } from "./repository";
import type { AccessEntry, Project, ProtectedBranch, StandinState, User } from "./state";

export function checkAccess(state: StandinState, project: Project, entry: AccessEntry, user: User): boolean {
    if (entry.user_id !== null) return state.edition === "ee" && entry.user_id === user.id;
    if (entry.group_id !== null) {
        const group = state.group(entry.group_id);
        return state.edition === "ee" && group !== undefined && isGroupMember(state, group, user.id);
    }
    if (entry.deploy_key_id !== null) return false; // deploy keys push over SSH, never through the API
    const level = entry.access_level ?? Access.NO_ACCESS;
    if (level === Access.NO_ACCESS) return false;
    if (level === Access.ADMIN) return user.admin;
    return projectAccess(state, project, user.id) >= level;
}

/**
 * EE `ProtectedBranch#can_unprotect?`: "return true if
 * unprotect_access_levels.empty?; unprotect_access_levels.any? { |al|
 * al.check_access(user) }". With the `unprotection_restrictions` license the
 * policy prevents creating, updating or destroying a protection the user could
 * not unprotect (app/policies/protected_branch_policy.rb).
 */
export function canUnprotect(state: StandinState, project: Project, pb: ProtectedBranch, user: User): boolean {
    if (state.edition !== "ee" || pb.unprotect_access_levels.length === 0) return true;
    return pb.unprotect_access_levels.some((e) => checkAccess(state, project, e, user));
}

export type PushDenial = "forbidden" | "protected";

/**
 * Gitlab::UserAccess#can_push_to_branch?: `push_code` first (else 403), then,
 * for a protected branch, any matching protection's push levels; an empty
 * repository accepts a first push from whoever may push to the default
 * branch's future protection (Maintainer+ under full protection).
 */
export function pushDenial(state: StandinState, project: Project, branch: string, user: User): PushDenial | undefined {
    if (!canPushCode(state, project, user)) return "forbidden";
    if (project.repository.branches.length === 0) {
        const group = state.projectGroup(project);
        const level = group?.default_branch_protection ?? 2;
        const needs = level === 0 || level === 1 || level === 4 ? Access.DEVELOPER : Access.MAINTAINER;
        return user.admin || projectAccess(state, project, user.id) >= needs ? undefined : "protected";
    }
    const protections = protectionsFor(project, branch);
    if (protections.length === 0) return undefined;
    const allowed = protections.some((pb) => pb.push_access_levels.some((e) => checkAccess(state, project, e, user)));
    return allowed ? undefined : "protected";
}
