import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { governFleet, type FleetOutputs } from "../../src/governance";
import { loadStackConfig, NAMESPACE } from "../../src/config";
import { FakeGitLab } from "./fakeGitLab";

/** A resource registration as the engine would receive it. */
export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly inputs: Record<string, unknown>;
    readonly version: string;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    readonly parent: string;
    /** URNs from `dependsOn`. */
    readonly dependencies: readonly string[];
}

/** An invoke as the engine would receive it. */
export interface Invocation {
    readonly token: string;
    readonly inputs: Record<string, unknown>;
    readonly version: string;
}

interface RequestMeta {
    version: string;
    protect: boolean;
    retainOnDelete: boolean;
    parent: string;
    dependencies: string[];
}

export const recorded = { resources: [] as Registration[], invokes: [] as Invocation[] };

// The mock callbacks do not see request options, so read them off the request
// just before the monitor calls the mock; the monitor does so synchronously.
let pending: RequestMeta | undefined;
const monitor = MockMonitor.prototype as unknown as Record<string, (req: any, cb: unknown) => Promise<void>>;
const registerResource = monitor.registerResource;
const invoke = monitor.invoke;
monitor.registerResource = function (req, cb) {
    pending = {
        version: req.getVersion(),
        protect: req.getProtect() === true,
        retainOnDelete: req.getRetainondelete() === true,
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
    };
    return registerResource.call(this, req, cb);
};
monitor.invoke = function (req, cb) {
    pending = { version: req.getVersion(), protect: false, retainOnDelete: false, parent: "", dependencies: [] };
    return invoke.call(this, req, cb);
};

export const gitlab = new FakeGitLab();
// A test that changes what the fake GitLab answers changes it for itself only.
beforeEach(() => gitlab.reset());

const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
        const meta = take();
        recorded.resources.push({ type: args.type, name: args.name, custom: args.custom === true, inputs: args.inputs, ...meta });
        return gitlab.create(args.type, args.name, args.inputs);
    },
    call(args) {
        const meta = take();
        recorded.invokes.push({ token: args.token, inputs: args.inputs, version: meta.version });
        return gitlab.lookup(args.token, args.inputs);
    },
};

function take(): RequestMeta {
    if (pending === undefined) throw new Error("test harness: a mock was called without a request");
    const meta = pending;
    pending = undefined;
    return meta;
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** Stack config as Pulumi hands it to a program: namespaced keys, structured values as JSON. */
export function toConfigMap(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${NAMESPACE}:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
}

export interface Evaluation {
    readonly fleet: FleetOutputs;
    readonly resources: readonly Registration[];
    readonly invokes: readonly Invocation[];
}

/** Run the program on a config, as `pulumi preview` would, and wait for every registration. */
export async function evaluate(config: Record<string, unknown>, stack = "dev"): Promise<Evaluation> {
    await pulumi.runtime.setMocks(mocks, "ml-model-governance", stack, false);
    recorded.resources = [];
    recorded.invokes = [];
    pulumi.runtime.setAllConfig(toConfigMap(config));
    const fleet = await governFleet(loadStackConfig());
    await settle(fleet);
    return { fleet, resources: [...recorded.resources], invokes: [...recorded.invokes] };
}

async function settle(fleet: FleetOutputs): Promise<void> {
    const resources = fleet.components.flatMap((c) => [c, ...c.children]);
    await Promise.all(resources.map((r) => promiseOf(r.urn)));
    await Promise.all(fleet.components.map((c) => promiseOf(pulumi.all([c.webUrl, c.projectId]))));
}

export function byType(resources: readonly Registration[], token: string): Registration[] {
    return resources.filter((r) => r.type === token);
}
