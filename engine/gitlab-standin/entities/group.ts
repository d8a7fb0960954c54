// Group representations: `GET /groups/:id` (doc/api/groups.md "Get a single
// group" example) and the shorter one inside approval rules.
import type { Group, StandinState } from "../state";

/** GitLab's group-level defaults for each default_branch_protection value (doc/api/groups.md, branches/default.md). */
export function defaultBranchProtectionDefaults(level: number) {
    const push = level === 0 ? 30 : level === 1 ? 30 : 40;
    const merge = level === 0 || level === 3 ? 30 : 40;
    return {
        allowed_to_push: [{ access_level: push }],
        allow_force_push: level === 0,
        allowed_to_merge: [{ access_level: merge }],
        ...(level === 4 ? { developer_can_initial_push: true } : {}),
    };
}

export function groupWebUrl(origin: string, group: Group): string {
    return `${origin}/groups/${group.full_path}`;
}

function fullName(state: StandinState, group: Group): string {
    return state
        .selfAndAncestors(group)
        .reverse()
        .map((g) => g.name)
        .join(" / ");
}

export function groupDetail(state: StandinState, origin: string, group: Group, options: { showRunnersToken: boolean; projects?: unknown[] }) {
    const entity: Record<string, unknown> = {
        id: group.id,
        name: group.name,
        path: group.path,
        description: group.description,
        visibility: group.visibility,
        avatar_url: null,
        web_url: groupWebUrl(origin, group),
        request_access_enabled: false,
        repository_storage: "default",
        full_name: fullName(state, group),
        full_path: group.full_path,
        file_template_project_id: null,
        parent_id: group.parent_id,
        enabled_git_access_protocol: "all",
        created_at: group.created_at,
        default_branch_protection: group.default_branch_protection,
        default_branch_protection_defaults: defaultBranchProtectionDefaults(group.default_branch_protection),
        shared_with_groups: [],
        ip_restriction_ranges: null,
        math_rendering_limits_enabled: true,
        lock_math_rendering_limits_enabled: false,
    };
    // "The prevent_sharing_groups_outside_hierarchy attribute is present only on top-level groups."
    if (group.parent_id === null) entity.prevent_sharing_groups_outside_hierarchy = false;
    // runners_token is shown to those who may administer the group.
    if (options.showRunnersToken) entity.runners_token = group.runners_token;
    // `with_projects=false` drops the (deprecated) project lists.
    if (options.projects) {
        entity.projects = options.projects;
        entity.shared_projects = [];
    }
    return entity;
}

/** Groups inside approval rules (merge_request_approvals.md example). */
export function approvalGroup(state: StandinState, origin: string, group: Group) {
    return {
        id: group.id,
        name: group.name,
        path: group.path,
        description: group.description,
        visibility: group.visibility,
        lfs_enabled: true,
        avatar_url: null,
        web_url: groupWebUrl(origin, group),
        request_access_enabled: false,
        full_name: fullName(state, group),
        full_path: group.full_path,
        parent_id: group.parent_id,
        ldap_cn: null,
        ldap_access: null,
    };
}
