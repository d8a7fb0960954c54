import type { MergeRequestApprovals } from "../config";
import type { ProjectLevelMrApprovalsArgs } from "@pulumi/gitlab";

/** Our positive "allow…" settings in the provider's mixed-polarity names. */
export function mergeRequestApprovalInputs(settings: MergeRequestApprovals): Omit<ProjectLevelMrApprovalsArgs, "project"> {
    return {
        mergeRequestsAuthorApproval: settings.allowAuthorApproval,
        mergeRequestsDisableCommittersApproval: !settings.allowCommitterApproval,
        resetApprovalsOnPush: settings.resetApprovalsOnPush,
        disableOverridingApproversPerMergeRequest: !settings.allowOverridingApproversPerMergeRequest,
        requireReauthenticationToApprove: settings.requireReauthenticationToApprove,
        selectiveCodeOwnerRemovals: settings.selectiveCodeOwnerRemovals,
    };
}
