import * as pulumi from "@pulumi/pulumi";
import type { GovernanceConfig } from "./model";
import { parseGovernanceConfig } from "./parse";
import { NAMESPACE } from "./schema";

/**
 * The `ml-model-governance:` keys of a flat Pulumi config map, prefix removed.
 * Pulumi hands structured values over as JSON text and scalars as plain text.
 */
export function readNamespace(all: Record<string, string>): Record<string, unknown> {
    const prefix = `${NAMESPACE}:`;
    const out: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(all)) {
        if (!key.startsWith(prefix)) continue;
        out[key.slice(prefix.length)] = parseValue(text);
    }
    return out;
}

// No top-level key is numeric, so numeric-looking text stays text (`environment: "2026"`).
function parseValue(text: string): unknown {
    try {
        const value: unknown = JSON.parse(text);
        return typeof value === "number" ? text : value;
    } catch {
        return text;
    }
}

/** Read and validate this stack's config; throws before anything is registered. */
export function loadStackConfig(): GovernanceConfig {
    const all = pulumi.runtime.allConfig();
    return parseGovernanceConfig(readNamespace(all), { stack: pulumi.getStack(), allKeys: Object.keys(all) });
}
