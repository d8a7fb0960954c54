import type * as pulumi from "@pulumi/pulumi";
import { PROVIDER_VERSION } from "../contract/providerVersion";

export { PROVIDER_VERSION };

// The generated SDK (sdks/gitlab) already asks for its own version; passing it on
// every registration and invoke as well keeps the pin visible where resources
// are made, and makes a real `pulumi up` load exactly this plugin.

export function pinned<T extends pulumi.CustomResourceOptions>(opts: T): T & { version: string } {
    return { ...opts, version: PROVIDER_VERSION };
}

export function invokeOptions(opts: pulumi.InvokeOptions = {}): pulumi.InvokeOptions {
    return { ...opts, version: PROVIDER_VERSION };
}
