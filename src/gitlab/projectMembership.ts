import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/** Every input of `gitlab:index/projectMembership:ProjectMembership`. */
export interface ProjectMembershipArgs {
    /** `no one`, `minimal`, `guest`, `planner`, `reporter`, `securityManager`, `developer`, `maintainer`, `owner`. */
    accessLevel: pulumi.Input<string>;
    /** `YYYY-MM-DD`. */
    expiresAt?: pulumi.Input<string>;
    /** Ultimate only. */
    memberRoleId?: pulumi.Input<number>;
    project: pulumi.Input<string>;
    userId: pulumi.Input<number>;
}

export class ProjectMembership extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/projectMembership:ProjectMembership";

    declare readonly accessLevel: pulumi.Output<string>;
    declare readonly project: pulumi.Output<string>;
    declare readonly userId: pulumi.Output<number>;

    constructor(name: string, args: ProjectMembershipArgs, opts?: pulumi.CustomResourceOptions) {
        super(ProjectMembership.__pulumiType, name, resourceInputs(args, []), withProviderVersion(opts));
    }
}
