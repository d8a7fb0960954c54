import type * as pulumi from "@pulumi/pulumi";

/**
 * The pulumi-gitlab provider plugin the program is written against. The
 * generated SDK (sdks/gitlab) already asks for its own version; passing it on
 * every registration and invoke as well keeps the pin visible where resources
 * are made, and makes a real `pulumi up` load exactly this plugin.
 */
export const PROVIDER_VERSION = "10.1.1";

export function pinned<T extends pulumi.CustomResourceOptions>(opts: T): T & { version: string } {
    return { ...opts, version: PROVIDER_VERSION };
}

export function invokeOptions(opts: pulumi.InvokeOptions = {}): pulumi.InvokeOptions {
    return { ...opts, version: PROVIDER_VERSION };
}
