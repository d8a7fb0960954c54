import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/**
 * The provider's raw `ruleType` strings. The rendered docs show `anyApprover`;
 * that camelCase is a docs artefact and the API rejects it.
 */
export type ApprovalRuleType = "regular" | "any_approver" | "report_approver";

/** Every input of `gitlab:index/projectApprovalRule:ProjectApprovalRule` (Premium/Ultimate only). */
export interface ProjectApprovalRuleArgs {
    appliesToAllProtectedBranches?: pulumi.Input<boolean>;
    approvalsRequired: pulumi.Input<number>;
    disableImportingDefaultAnyApproverRuleOnCreate?: pulumi.Input<boolean>;
    groupIds?: pulumi.Input<pulumi.Input<number>[]>;
    name?: pulumi.Input<string>;
    project: pulumi.Input<string>;
    protectedBranchIds?: pulumi.Input<pulumi.Input<number>[]>;
    reportType?: pulumi.Input<string>;
    ruleType?: pulumi.Input<ApprovalRuleType>;
    userIds?: pulumi.Input<pulumi.Input<number>[]>;
}

export class ProjectApprovalRule extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/projectApprovalRule:ProjectApprovalRule";

    declare readonly approvalsRequired: pulumi.Output<number>;
    declare readonly groupIds: pulumi.Output<number[] | undefined>;
    declare readonly name: pulumi.Output<string>;
    declare readonly project: pulumi.Output<string>;
    declare readonly protectedBranchIds: pulumi.Output<number[] | undefined>;
    declare readonly ruleType: pulumi.Output<string>;
    declare readonly userIds: pulumi.Output<number[] | undefined>;

    constructor(name: string, args: ProjectApprovalRuleArgs, opts?: pulumi.CustomResourceOptions) {
        super(ProjectApprovalRule.__pulumiType, name, resourceInputs(args, []), withProviderVersion(opts));
    }
}
