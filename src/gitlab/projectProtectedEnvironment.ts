import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/**
 * `gitlab:index/ProjectProtectedEnvironmentApprovalRule:ProjectProtectedEnvironmentApprovalRule`:
 * exactly one of `userId`, `groupId`, `accessLevel`; `requiredApprovals` not with `userId`.
 */
export interface ProjectProtectedEnvironmentApprovalRule {
    accessLevel?: pulumi.Input<string>;
    accessLevelDescription?: pulumi.Input<string>;
    groupId?: pulumi.Input<number>;
    groupInheritanceType?: pulumi.Input<number>;
    id?: pulumi.Input<number>;
    requiredApprovals?: pulumi.Input<number>;
    userId?: pulumi.Input<number>;
}

/** `gitlab:index/ProjectProtectedEnvironmentDeployAccessLevelsAttribute:ProjectProtectedEnvironmentDeployAccessLevelsAttribute`. */
export interface ProjectProtectedEnvironmentDeployAccessLevelsAttribute {
    accessLevel?: pulumi.Input<string>;
    accessLevelDescription?: pulumi.Input<string>;
    groupId?: pulumi.Input<number>;
    groupInheritanceType?: pulumi.Input<number>;
    id?: pulumi.Input<number>;
    userId?: pulumi.Input<number>;
}

/** Every input of `gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment` (Premium/Ultimate only). */
export interface ProjectProtectedEnvironmentArgs {
    approvalRules?: pulumi.Input<pulumi.Input<ProjectProtectedEnvironmentApprovalRule>[]>;
    deployAccessLevelsAttributes?: pulumi.Input<pulumi.Input<ProjectProtectedEnvironmentDeployAccessLevelsAttribute>[]>;
    environment: pulumi.Input<string>;
    project: pulumi.Input<string>;
}

export class ProjectProtectedEnvironment extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment";

    declare readonly environment: pulumi.Output<string>;
    declare readonly project: pulumi.Output<string>;

    constructor(name: string, args: ProjectProtectedEnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
        super(ProjectProtectedEnvironment.__pulumiType, name, resourceInputs(args, []), withProviderVersion(opts));
    }
}
