import { loadStackConfig } from "./src/config";
import { governFleet } from "./src/governance";

// Validation throws before the first lookup or registration, so bad config
// never half-applies. The program is async because every GitLab lookup is made
// up front, once per principal, before the resources are built.
export = async () => {
    const fleet = await governFleet(loadStackConfig());
    return {
        projectUrl: fleet.projectUrl,
        repositories: fleet.repositories,
        governance: fleet.governance,
    };
};
