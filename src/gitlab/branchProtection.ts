import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/** `gitlab:index/BranchProtectionAllowedToPush:BranchProtectionAllowedToPush` (Premium/Ultimate only). */
export interface BranchProtectionAllowedToPush {
    accessLevel?: pulumi.Input<string>;
    deployKeyId?: pulumi.Input<number>;
    groupId?: pulumi.Input<number>;
    userId?: pulumi.Input<number>;
}

/** `gitlab:index/BranchProtectionAllowedToMerge:BranchProtectionAllowedToMerge` (Premium/Ultimate only). */
export interface BranchProtectionAllowedToMerge {
    accessLevel?: pulumi.Input<string>;
    groupId?: pulumi.Input<number>;
    userId?: pulumi.Input<number>;
}

/** `gitlab:index/BranchProtectionAllowedToUnprotect:BranchProtectionAllowedToUnprotect` (Premium/Ultimate only). */
export interface BranchProtectionAllowedToUnprotect {
    accessLevel?: pulumi.Input<string>;
    groupId?: pulumi.Input<number>;
    userId?: pulumi.Input<number>;
}

/** Every input of `gitlab:index/branchProtection:BranchProtection`. */
export interface BranchProtectionArgs {
    allowForcePush?: pulumi.Input<boolean>;
    allowedToMerges?: pulumi.Input<pulumi.Input<BranchProtectionAllowedToMerge>[]>;
    allowedToPushes?: pulumi.Input<pulumi.Input<BranchProtectionAllowedToPush>[]>;
    allowedToUnprotects?: pulumi.Input<pulumi.Input<BranchProtectionAllowedToUnprotect>[]>;
    branch: pulumi.Input<string>;
    /** Premium/Ultimate only. */
    codeOwnerApprovalRequired?: pulumi.Input<boolean>;
    /** CE (Free) only: the provider rejects it on Premium/Ultimate. */
    mergeAccessLevel?: pulumi.Input<string>;
    project: pulumi.Input<string>;
    /** CE (Free) only: the provider rejects it on Premium/Ultimate. */
    pushAccessLevel?: pulumi.Input<string>;
}

export class BranchProtection extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/branchProtection:BranchProtection";

    declare readonly allowForcePush: pulumi.Output<boolean | undefined>;
    declare readonly branch: pulumi.Output<string>;
    declare readonly branchProtectionId: pulumi.Output<number>;
    declare readonly codeOwnerApprovalRequired: pulumi.Output<boolean | undefined>;
    declare readonly project: pulumi.Output<string>;

    constructor(name: string, args: BranchProtectionArgs, opts?: pulumi.CustomResourceOptions) {
        super(BranchProtection.__pulumiType, name, resourceInputs(args, ["branchProtectionId"]), withProviderVersion(opts));
    }
}
