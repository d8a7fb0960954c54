// Project-level merge request approval settings, Premium/Ultimate
// (https://docs.gitlab.com/api/merge_request_approvals/#project-approval-rules,
// "Retrieve / Change configuration"). Source: ee/lib/api/project_approvals.rb.
import { Access, projectAccess } from "../access";
import { created, ok, type Ctx, type Reply } from "../context";
import { forbidden, paramError, validationError } from "../errors";
import { adminProject, findProject } from "../lookup";
import { route, type Route } from "../router";
import type { ApprovalSettings } from "../state";

const BOOLEAN_SETTINGS = [
    "reset_approvals_on_push",
    "selective_code_owner_removals",
    "disable_overriding_approvers_per_merge_request",
    "merge_requests_author_approval",
    "merge_requests_disable_committers_approval",
] as const;

/** Every parameter of `at_least_one_of` on POST, in the source's order. */
const ALL_PARAMS = ["approvals_before_merge", ...BOOLEAN_SETTINGS, "require_password_to_approve", "require_reauthentication_to_approve"];

function settingsEntity(s: ApprovalSettings) {
    return {
        approvals_before_merge: s.approvals_before_merge,
        reset_approvals_on_push: s.reset_approvals_on_push,
        selective_code_owner_removals: s.selective_code_owner_removals,
        disable_overriding_approvers_per_merge_request: s.disable_overriding_approvers_per_merge_request,
        merge_requests_author_approval: s.merge_requests_author_approval,
        merge_requests_disable_committers_approval: s.merge_requests_disable_committers_approval,
        require_password_to_approve: s.require_reauthentication_to_approve,
        require_reauthentication_to_approve: s.require_reauthentication_to_approve,
    };
}

function getSettings(ctx: Ctx): Reply {
    const project = findProject(ctx);
    const user = ctx.user;
    if (!user || !(user.admin || projectAccess(ctx.state, project, user.id) >= Access.GUEST)) throw forbidden();
    // "approvers" and "approver_groups": "Deprecated in GitLab 12.3, always returns empty".
    return ok({ approvers: [], approver_groups: [], ...settingsEntity(project.approval_settings) });
}

function changeSettings(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const p = ctx.params;
    if (!ALL_PARAMS.some((k) => p.has(k))) throw paramError(`${ALL_PARAMS.join(", ")} are missing, at least one parameter must be provided`);
    const next: ApprovalSettings = { ...project.approval_settings };
    next.approvals_before_merge = p.int("approvals_before_merge") ?? next.approvals_before_merge;
    // A locked setting is not among the permitted params (merge_request_rules_params asks
    // can?(:modify_merge_request_author_setting) etc., which a group or instance lock
    // prevents: ee/app/policies/ee/project_policy.rb); it is dropped and the answer is still 201
    // (ee/spec/requests/api/project_approvals_spec.rb, "updates merge requests settings when possible").
    for (const key of BOOLEAN_SETTINGS) if (!(project.locked_approval_settings as readonly string[]).includes(key)) next[key] = p.bool(key) ?? next[key];
    // Two names for one setting: "If you specify values for both fields, the
    // require_reauthentication_to_approve field takes precedence."
    next.require_reauthentication_to_approve = p.bool("require_reauthentication_to_approve") ?? p.bool("require_password_to_approve") ?? next.require_reauthentication_to_approve;
    // MergeRequest::ApprovalRemovalSettings validates the effective values.
    if (next.selective_code_owner_removals && next.reset_approvals_on_push) {
        throw validationError({ base: ["selective_code_owner_removals can only be enabled when reset_approvals_on_push is disabled"] });
    }
    project.approval_settings = next;
    return created(settingsEntity(next));
}

export const approvalSettingsRoutes: Route[] = [
    route("GET", "/projects/:id/approvals", getSettings, { ee: true }),
    route("POST", "/projects/:id/approvals", changeSettings, { ee: true }),
];
