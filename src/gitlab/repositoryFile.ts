import * as pulumi from "@pulumi/pulumi";
import { resourceInputs, withProviderVersion } from "./provider";

/** Every input of `gitlab:index/repositoryFile:RepositoryFile`. */
export interface RepositoryFileArgs {
    authorEmail?: pulumi.Input<string>;
    authorName?: pulumi.Input<string>;
    /** Changing it replaces the file. */
    branch: pulumi.Input<string>;
    commitMessage?: pulumi.Input<string>;
    content: pulumi.Input<string>;
    createCommitMessage?: pulumi.Input<string>;
    deleteCommitMessage?: pulumi.Input<string>;
    /** `base64` or `text`. */
    encoding: pulumi.Input<string>;
    executeFilemode?: pulumi.Input<boolean>;
    /** Relative to the repository root, no leading `/` or `./`. */
    filePath: pulumi.Input<string>;
    /** Take over a file that already exists; only read on create. */
    overwriteOnCreate?: pulumi.Input<boolean>;
    project: pulumi.Input<string>;
    startBranch?: pulumi.Input<string>;
    updateCommitMessage?: pulumi.Input<string>;
}

const OUTPUT_ONLY = ["blobId", "commitId", "contentSha256", "fileName", "lastCommitId", "ref", "size"] as const;

export class RepositoryFile extends pulumi.CustomResource {
    /** @internal */
    public static readonly __pulumiType = "gitlab:index/repositoryFile:RepositoryFile";

    declare readonly branch: pulumi.Output<string>;
    declare readonly commitId: pulumi.Output<string>;
    declare readonly content: pulumi.Output<string>;
    declare readonly contentSha256: pulumi.Output<string>;
    declare readonly filePath: pulumi.Output<string>;
    declare readonly lastCommitId: pulumi.Output<string>;
    declare readonly project: pulumi.Output<string>;

    constructor(name: string, args: RepositoryFileArgs, opts?: pulumi.CustomResourceOptions) {
        super(RepositoryFile.__pulumiType, name, resourceInputs(args, OUTPUT_ONLY), withProviderVersion(opts));
    }
}
