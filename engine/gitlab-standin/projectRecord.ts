// A new project record with GitLab's defaults for a fresh project; shared by
// `POST /projects` and the fixture loader.
import { randomBytes } from "node:crypto";
import type { Project, StandinState } from "./state";

/** "Generated based on name if not provided (generated as lowercase with dashes)." */
export function pathFromName(name: string): string {
    return name
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9_.]+/g, "-")
        .replace(/^[-.]+|[-.]+$/g, "");
}

export function newProject(state: StandinState, init: { id?: number; name: string; path: string; namespace_id: number; creator_id: number }): Project {
    const now = new Date().toISOString();
    const id = init.id ?? state.nextId("project");
    state.reserveId("project", id);
    return {
        id,
        name: init.name,
        path: init.path,
        namespace_id: init.namespace_id,
        description: null,
        visibility: "private",
        default_branch: null,
        topics: [],
        archived: false,
        created_at: now,
        last_activity_at: now,
        creator_id: init.creator_id,
        runners_token: `GR1348941${randomBytes(10).toString("hex")}`,
        marked_for_deletion_on: null,
        settings: {},
        members: [],
        shared_with_groups: [],
        repository: { branches: [], commits: [] },
        protected_branches: [],
        protected_tags: [],
        freeze_periods: [],
        approval_rules: [],
        approval_settings: {
            approvals_before_merge: 0,
            reset_approvals_on_push: true,
            selective_code_owner_removals: false,
            disable_overriding_approvers_per_merge_request: false,
            merge_requests_author_approval: false,
            merge_requests_disable_committers_approval: false,
            require_reauthentication_to_approve: false,
        },
        locked_approval_settings: [],
        push_rule: null,
        protected_environments: [],
    };
}
