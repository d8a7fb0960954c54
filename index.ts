import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, renderIssue } from "./src/config";
import { governFleet } from "./src/governance";

// Validation throws before the first lookup or registration, so bad config
// never half-applies. The program is async because every GitLab lookup is made
// up front, once per principal, before the resources are built.
export = async () => {
    const fleet = await governFleet(loadStackConfig());
    // What may not work for some merge requests: shown in every preview, never refused.
    for (const warning of fleet.warnings) pulumi.log.warn(renderIssue(warning));
    return {
        projectUrl: fleet.projectUrl,
        repositories: fleet.repositories,
        governance: fleet.governance,
    };
};
