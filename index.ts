import * as pulumi from "@pulumi/pulumi";
import { loadStackConfig, renderIssue } from "./src/config";
import { governFleet } from "./src/governance";
import { changeControl } from "./src/governance/changeControl";

// Validation throws before the first lookup or registration, so bad config
// never half-applies. The program is async because every GitLab lookup is made
// up front, once per principal, before the resources are built.
export = async () => {
    const config = loadStackConfig();
    // A production weakening without its acknowledgement stops here, before any registration.
    const changes = await changeControl(config);
    // What may not work for some merge requests: shown in every preview, never refused, and
    // before any resource registers, so an `up` that fails part-way still shows them.
    const fleet = await governFleet(config, { onWarnings: (warnings) => warnings.forEach((w) => pulumi.log.warn(renderIssue(w))) });
    return {
        projectUrl: fleet.projectUrl,
        repositories: fleet.repositories,
        governance: fleet.governance,
        changeControl: changes,
    };
};
