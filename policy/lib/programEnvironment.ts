import type { PolicyResource } from "@pulumi/policy";

/** The type of the program's component: one per governed repository, parent of its GitLab resources. */
export const MODEL_GOVERNANCE = "ml-model-governance:index:ModelGovernance";

/**
 * What the program's stack config says about the environment it governs,
 * as each ModelGovernance component registers it (its `environment`
 * property, input and output alike): the program reads the stack config, the
 * pack sees only resources, so this is how the two judge a stack alike.
 */
export interface ProgramEnvironment {
    readonly name?: string;
    readonly production?: boolean;
    readonly tier?: string;
    readonly edition?: string;
}

/**
 * The environment the stack's ModelGovernance components declare, or
 * undefined for a stack this program did not write (another team's
 * `@pulumi/gitlab` code): then the pack falls back to the stack's name and
 * its own config.
 */
export function programEnvironment(resources: readonly PolicyResource[]): ProgramEnvironment | undefined {
    for (const r of resources) {
        if (r.type !== MODEL_GOVERNANCE) continue;
        const env: unknown = r.props.environment;
        if (env === null || typeof env !== "object") continue;
        const { name, production, tier, edition } = env as Record<string, unknown>;
        return {
            ...(typeof name === "string" ? { name } : {}),
            ...(typeof production === "boolean" ? { production } : {}),
            ...(typeof tier === "string" ? { tier } : {}),
            ...(typeof edition === "string" ? { edition } : {}),
        };
    }
    return undefined;
}
