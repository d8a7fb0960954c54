import type { PolicyConfigSchema } from "@pulumi/policy";

/** The `default` of every property of a config schema, as the one source of defaults. */
export function schemaDefaults(schema: PolicyConfigSchema): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, prop] of Object.entries(schema.properties)) {
        if (prop.default !== undefined) out[key] = prop.default;
    }
    return out;
}

/**
 * A policy's config with the schema's defaults under it. `getConfig()` returns
 * only what the engine passed, which can be nothing at all; applying the
 * defaults here keeps the policy correct however it is run.
 */
export function configOf<T extends object>(schema: PolicyConfigSchema, args: { getConfig<U extends object>(): U }): T {
    return { ...schemaDefaults(schema), ...args.getConfig<Partial<T>>() } as T;
}
