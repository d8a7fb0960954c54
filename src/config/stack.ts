import * as pulumi from "@pulumi/pulumi";
import type { GovernanceConfig } from "./model";
import { parseGovernanceConfig } from "./parse";
import { readNamespace } from "./namespace";

/** Read and validate this stack's config; throws before anything is registered. */
export function loadStackConfig(): GovernanceConfig {
    const all = pulumi.runtime.allConfig();
    return parseGovernanceConfig(readNamespace(all), { stack: pulumi.getStack(), allKeys: Object.keys(all) });
}
