import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/** Every input of `gitlab:index/projectPushRules:ProjectPushRules` (Premium/Ultimate only). Regexes are RE2. */
export interface ProjectPushRulesArgs {
    authorEmailRegex?: pulumi.Input<string>;
    branchNameRegex?: pulumi.Input<string>;
    commitCommitterCheck?: pulumi.Input<boolean>;
    commitCommitterNameCheck?: pulumi.Input<boolean>;
    commitMessageNegativeRegex?: pulumi.Input<string>;
    commitMessageRegex?: pulumi.Input<string>;
    denyDeleteTag?: pulumi.Input<boolean>;
    fileNameRegex?: pulumi.Input<string>;
    /** Megabytes. */
    maxFileSize?: pulumi.Input<number>;
    memberCheck?: pulumi.Input<boolean>;
    preventSecrets?: pulumi.Input<boolean>;
    project: pulumi.Input<string>;
    rejectNonDcoCommits?: pulumi.Input<boolean>;
    rejectUnsignedCommits?: pulumi.Input<boolean>;
}

export class ProjectPushRules extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/projectPushRules:ProjectPushRules";

    declare readonly fileNameRegex: pulumi.Output<string>;
    declare readonly maxFileSize: pulumi.Output<number>;
    declare readonly memberCheck: pulumi.Output<boolean>;
    declare readonly preventSecrets: pulumi.Output<boolean>;
    declare readonly project: pulumi.Output<string>;
    declare readonly rejectUnsignedCommits: pulumi.Output<boolean>;

    constructor(name: string, args: ProjectPushRulesArgs, opts?: pulumi.CustomResourceOptions) {
        super(ProjectPushRules.__pulumiType, name, resourceInputs(args, []), withProviderVersion(opts));
    }
}
