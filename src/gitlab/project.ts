import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/**
 * Inputs of `gitlab:index/project:Project` that this program sets. The schema
 * has many more; add them here, spelled as in the schema, when they are needed.
 */
export interface ProjectArgs {
    archiveOnDestroy?: pulumi.Input<boolean>;
    defaultBranch?: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    initializeWithReadme?: pulumi.Input<boolean>;
    lfsEnabled?: pulumi.Input<boolean>;
    name?: pulumi.Input<string>;
    namespaceId?: pulumi.Input<number>;
    onlyAllowMergeIfAllDiscussionsAreResolved?: pulumi.Input<boolean>;
    onlyAllowMergeIfPipelineSucceeds?: pulumi.Input<boolean>;
    path?: pulumi.Input<string>;
    removeSourceBranchAfterMerge?: pulumi.Input<boolean>;
    topics?: pulumi.Input<pulumi.Input<string>[]>;
    visibilityLevel?: pulumi.Input<string>;
}

const OUTPUT_ONLY = ["avatarUrl", "emptyRepo", "httpUrlToRepo", "pathWithNamespace", "runnersToken", "sshUrlToRepo", "webUrl"] as const;

export class Project extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/project:Project";

    declare readonly archiveOnDestroy: pulumi.Output<boolean | undefined>;
    declare readonly defaultBranch: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;
    declare readonly httpUrlToRepo: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string>;
    declare readonly namespaceId: pulumi.Output<number>;
    declare readonly path: pulumi.Output<string>;
    declare readonly pathWithNamespace: pulumi.Output<string>;
    declare readonly sshUrlToRepo: pulumi.Output<string>;
    declare readonly topics: pulumi.Output<string[]>;
    declare readonly visibilityLevel: pulumi.Output<string>;
    declare readonly webUrl: pulumi.Output<string>;

    constructor(name: string, args?: ProjectArgs, opts?: pulumi.CustomResourceOptions) {
        super(Project.__pulumiType, name, resourceInputs(args, OUTPUT_ONLY), withProviderVersion(opts));
    }
}
