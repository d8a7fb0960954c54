import type { ResourceValidationPolicy } from "@pulumi/policy";
import { GITLAB } from "../lib/tokens";
import { bool, UNKNOWN } from "../lib/values";

/**
 * Check 2, separation of duties. Both settings must be set explicitly: an
 * unset property is not managed by the stack, so it keeps whatever the project
 * (or its group or instance) has, which a Maintainer can change in the UI.
 */
export const noAuthorOrCommitterApproval: ResourceValidationPolicy = {
    name: "no-author-or-committer-approval",
    description: "ProjectLevelMrApprovals must set mergeRequestsAuthorApproval: false and mergeRequestsDisableCommittersApproval: true.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== GITLAB.mrApprovals) return;
        const author = bool(args.props, "mergeRequestsAuthorApproval");
        if (author !== false && author !== UNKNOWN) {
            reportViolation(`mergeRequestsAuthorApproval is ${describe(author)}; expected false: an author must never approve their own merge request.`);
        }
        const committers = bool(args.props, "mergeRequestsDisableCommittersApproval");
        if (committers !== true && committers !== UNKNOWN) {
            reportViolation(`mergeRequestsDisableCommittersApproval is ${describe(committers)}; expected true: whoever pushed commits to a merge request must not approve it.`);
        }
    },
};

/**
 * Check 2, stale approvals. Unset passes: GitLab's default is true. Set it
 * explicitly anyway if drift detection should cover it, since an unset
 * property is not compared on refresh.
 */
export const resetApprovalsOnPush: ResourceValidationPolicy = {
    name: "reset-approvals-on-push",
    description: "ProjectLevelMrApprovals must not set resetApprovalsOnPush: false (unset means GitLab's default, true).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== GITLAB.mrApprovals) return;
        if (bool(args.props, "resetApprovalsOnPush") === false) {
            reportViolation("resetApprovalsOnPush is false: approvals survive new commits, so code nobody approved can be merged. Set it to true or leave it unset.");
        }
    },
};

/** Check 3. Otherwise an MR author can edit the approvers of their own merge request. */
export const noApproverOverridePerMergeRequest: ResourceValidationPolicy = {
    name: "no-approver-override-per-merge-request",
    description: "ProjectLevelMrApprovals must set disableOverridingApproversPerMergeRequest: true.",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== GITLAB.mrApprovals) return;
        const disabled = bool(args.props, "disableOverridingApproversPerMergeRequest");
        if (disabled !== true && disabled !== UNKNOWN) {
            reportViolation(`disableOverridingApproversPerMergeRequest is ${describe(disabled)}; expected true: otherwise a merge request's author can change who must approve it.`);
        }
    },
};

function describe(value: boolean | undefined): string {
    return value === undefined ? "unset" : String(value);
}
