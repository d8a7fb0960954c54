import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/**
 * Inputs of `gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals`
 * (Premium/Ultimate only), less the deprecated `requirePasswordToApprove`:
 * use `requireReauthenticationToApprove`.
 */
export interface ProjectLevelMrApprovalsArgs {
    disableOverridingApproversPerMergeRequest?: pulumi.Input<boolean>;
    mergeRequestsAuthorApproval?: pulumi.Input<boolean>;
    mergeRequestsDisableCommittersApproval?: pulumi.Input<boolean>;
    project: pulumi.Input<string>;
    requireReauthenticationToApprove?: pulumi.Input<boolean>;
    resetApprovalsOnPush?: pulumi.Input<boolean>;
    /** Only valid while `resetApprovalsOnPush` is false. */
    selectiveCodeOwnerRemovals?: pulumi.Input<boolean>;
}

export class ProjectLevelMrApprovals extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals";

    declare readonly disableOverridingApproversPerMergeRequest: pulumi.Output<boolean>;
    declare readonly mergeRequestsAuthorApproval: pulumi.Output<boolean>;
    declare readonly mergeRequestsDisableCommittersApproval: pulumi.Output<boolean>;
    declare readonly project: pulumi.Output<string>;
    declare readonly requireReauthenticationToApprove: pulumi.Output<boolean>;
    declare readonly resetApprovalsOnPush: pulumi.Output<boolean>;
    declare readonly selectiveCodeOwnerRemovals: pulumi.Output<boolean>;

    constructor(name: string, args: ProjectLevelMrApprovalsArgs, opts?: pulumi.CustomResourceOptions) {
        super(ProjectLevelMrApprovals.__pulumiType, name, resourceInputs(args, []), withProviderVersion(opts));
    }
}
