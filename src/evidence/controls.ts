import type { RepositorySummary } from "../governance/summary";

/**
 * GitLab's own compliance controls, by their identifiers, judged from what
 * this program governs. Each judgement follows the method of the same name
 * in GitLab's `ee/lib/compliance_management/compliance_requirements/project_fields.rb`
 * (the controls table of `doc/user/compliance/compliance_frameworks/_index.md`
 * lists the identifiers), so a Premium user sees what Ultimate's compliance
 * center would show for the settings this program enforces.
 */
export const CONTROL_IDS = [
    "merge_request_prevent_author_approval",
    "merge_request_prevent_committers_approval",
    "minimum_approvals_required_2",
    "reset_approvals_on_push",
    "code_owner_approval_required",
    "force_push_disabled",
    "require_signed_commits",
    "default_branch_protected",
] as const;

export type ControlId = (typeof CONTROL_IDS)[number];

export interface ControlResult {
    readonly control: ControlId;
    readonly status: "pass" | "fail";
    readonly reason: string;
}

/** The parts of a repository's summary the controls read; the stack outputs hold them as JSON. */
export type ControlInput = Pick<RepositorySummary, "project" | "protectedBranch" | "approvalRules" | "anyApprover" | "mergeRequestApprovals" | "codeOwners" | "pushRules">;

const FREE = "merge request approval settings are not available on GitLab Free, so GitLab's default (allowed) applies";

function judge(control: ControlId, pass: boolean, passing: string, failing: string): ControlResult {
    return { control, status: pass ? "pass" : "fail", reason: pass ? passing : failing };
}

/** Every control for one repository, in CONTROL_IDS order. */
export function controlAdherence(repo: ControlInput): ControlResult[] {
    const mr = repo.mergeRequestApprovals;
    const settings = typeof mr === "string" ? undefined : mr;
    const pb = repo.protectedBranch;
    // project_fields.rb `minimum_approvals_required`: SUM(approvals_required) over the project's approval rules.
    const rules = [...repo.approvalRules.map((r) => r.approvalsRequired), ...(repo.anyApprover ? [repo.anyApprover.approvalsRequired] : [])];
    const total = rules.reduce((a, b) => a + b, 0);
    const defaultBranch = repo.project.defaultBranch;
    const protectsDefault = defaultBranch === undefined || defaultBranch === pb.branch;
    return [
        settings
            ? judge("merge_request_prevent_author_approval", !settings.allowAuthorApproval, "authors may not approve their own merge requests", "mergeRequestApprovals.allowAuthorApproval is on: authors may approve their own merge requests")
            : judge("merge_request_prevent_author_approval", false, "", FREE),
        settings
            ? judge("merge_request_prevent_committers_approval", !settings.allowCommitterApproval, "users who committed to a merge request may not approve it", "mergeRequestApprovals.allowCommitterApproval is on: committers may approve")
            : judge("merge_request_prevent_committers_approval", false, "", FREE),
        judge(
            "minimum_approvals_required_2",
            total >= 2,
            `the approval rules require ${total} approvals in all`,
            rules.length === 0 ? "no approval rule is governed" : `the approval rules require ${total} approval${total === 1 ? "" : "s"} in all; GitLab's control asks for at least 2`,
        ),
        settings
            ? judge("reset_approvals_on_push", settings.resetApprovalsOnPush, "new commits reset approvals", "mergeRequestApprovals.resetApprovalsOnPush is off: approvals survive new commits")
            : judge("reset_approvals_on_push", false, "", FREE),
        // GitLab's check is that a CODEOWNERS file exists on the default branch; the reason says whether the branch also requires the owners' approval.
        judge(
            "code_owner_approval_required",
            repo.codeOwners !== undefined,
            `${repo.codeOwners?.file} is governed${pb.codeOwnerApprovalRequired ? " and the protected branch requires code owner approval" : "; the protected branch does not require code owner approval"}`,
            "no codeOwners are configured, so the project has no CODEOWNERS file from this program",
        ),
        judge("force_push_disabled", !pb.allowForcePush, `force push to \`${pb.branch}\` is not allowed`, `protectedBranch.allowForcePush is on for \`${pb.branch}\``),
        judge(
            "require_signed_commits",
            repo.pushRules?.rejectUnsignedCommits === true,
            "the push rule rejects unsigned commits",
            repo.pushRules === undefined ? "no push rules are governed" : "pushRules.rejectUnsignedCommits is off",
        ),
        judge(
            "default_branch_protected",
            protectsDefault,
            `the default branch \`${defaultBranch ?? pb.branch}\` is protected`,
            `the protected branch \`${pb.branch}\` is not the default branch \`${defaultBranch}\``,
        ),
    ];
}

/** Passed controls out of all, as the report and the evidence show it. */
export function adherenceScore(results: readonly ControlResult[]): { readonly passed: number; readonly total: number } {
    return { passed: results.filter((r) => r.status === "pass").length, total: results.length };
}
