// Protected branch representation (doc/api/protected_branches.md).
// CE's entity has id, name, push/merge_access_levels and allow_force_push, and
// each access level id, access_level, access_level_description, deploy_key_id
// (lib/api/entities/protected_branch.rb); EE adds unprotect_access_levels,
// code_owner_approval_required, inherited, and user_id/group_id per level.
import type { AccessEntry, ProtectedBranch, StandinState } from "../state";

/** `ProtectedRefAccess#human_access_levels` (app/models/concerns/protected_ref_access.rb). */
export const PROTECTED_REF_LEVEL_NAMES: Readonly<Record<number, string>> = {
    30: "Developers + Maintainers",
    40: "Maintainers",
    60: "Instance admins",
    0: "No one",
};

/** A user entry is described by the user's name, a group entry by the group's name (EE protected_ref_access.rb). */
export function accessLevelDescription(state: StandinState, entry: AccessEntry): string {
    if (entry.user_id !== null) return state.user(entry.user_id)?.name ?? "User";
    if (entry.group_id !== null) return state.group(entry.group_id)?.name ?? "Group";
    if (entry.deploy_key_id !== null) return "Deploy key";
    return PROTECTED_REF_LEVEL_NAMES[entry.access_level ?? 0] ?? "No one";
}

function accessEntry(state: StandinState, entry: AccessEntry) {
    const base = { id: entry.id, access_level: entry.access_level, access_level_description: accessLevelDescription(state, entry), deploy_key_id: entry.deploy_key_id };
    return state.edition === "ee" ? { ...base, user_id: entry.user_id, group_id: entry.group_id } : base;
}

export function protectedBranchEntity(state: StandinState, pb: ProtectedBranch) {
    const ce = {
        id: pb.id,
        name: pb.name,
        push_access_levels: pb.push_access_levels.map((e) => accessEntry(state, e)),
        merge_access_levels: pb.merge_access_levels.map((e) => accessEntry(state, e)),
        allow_force_push: pb.allow_force_push,
    };
    if (state.edition === "ce") return ce;
    return {
        ...ce,
        unprotect_access_levels: pb.unprotect_access_levels.map((e) => accessEntry(state, e)),
        code_owner_approval_required: pb.code_owner_approval_required,
        // Group-level protected branches are not modelled: nothing is inherited.
        inherited: false,
    };
}
