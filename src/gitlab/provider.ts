import * as pulumi from "@pulumi/pulumi";

/**
 * The pulumi-gitlab provider plugin this binding mirrors. Passing it on every
 * registration makes a real `pulumi up` load exactly this plugin; the tokens and
 * property names in this folder come from its schema (tag v10.1.1).
 */
export const PROVIDER_VERSION = "10.1.1";

/** Options for a resource registration, with the pinned provider version. */
export function withProviderVersion(opts?: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    return pulumi.mergeOptions(opts, { version: PROVIDER_VERSION });
}

/** Options for an invoke, with the pinned provider version. */
export function invokeOptions(opts?: pulumi.InvokeOptions): pulumi.InvokeOptions {
    return { ...opts, version: PROVIDER_VERSION };
}

/**
 * Resource inputs for the engine: the caller's args plus every output-only
 * property seeded as `undefined`, which is how the engine knows to return them.
 */
export function resourceInputs(args: object | undefined, outputOnly: readonly string[]): pulumi.Inputs {
    const inputs: pulumi.Inputs = { ...args };
    for (const name of outputOnly) {
        inputs[name] = undefined;
    }
    return inputs;
}
