import * as pulumi from "@pulumi/pulumi";
import * as debuggable from "@pulumi/pulumi/runtime/debuggable";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { loadStackConfig, NAMESPACE, pulumiConfigText } from "../config";
import { governFleet, type FleetOptions, type FleetOutputs } from "../governance";
import { OfflineGitLab } from "./offlineGitLab";

/**
 * Runs the program as `pulumi preview` would, but under Pulumi's runtime
 * mocks: registrations and invokes are recorded instead of sent, and lookups
 * are answered by an offline GitLab with stable fake ids. Used by
 * `npm run check` and by the unit tests.
 */

/** A resource registration as the engine would receive it. */
export interface Registration {
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly inputs: Record<string, unknown>;
    readonly version: string;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** The `deleteBeforeReplace` option. */
    readonly deleteBeforeReplace: boolean;
    readonly parent: string;
    /** URNs from `dependsOn` and from Output inputs. */
    readonly dependencies: readonly string[];
    /** The `import` option: the id of an existing object to adopt, or "". */
    readonly importId: string;
    /** The names the resource was known by before (the `aliases` option), from alias URNs or specs. */
    readonly aliases: readonly string[];
}

/** An invoke as the engine would receive it. */
export interface Invocation {
    readonly token: string;
    readonly inputs: Record<string, unknown>;
    readonly version: string;
}

/** What the offline GitLab returned for one registration: the resource's id and its output state. */
export interface Created {
    readonly id: string;
    readonly state: Record<string, unknown>;
}

interface RequestMeta {
    version: string;
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    parent: string;
    dependencies: string[];
    importId: string;
    aliases: string[];
}

export const recorded = { resources: [] as Registration[], invokes: [] as Invocation[], created: new Map<string, Created>() };

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
        deleteBeforeReplace: req.getDeletebeforereplace() === true,
        parent: req.getParent(),
        dependencies: req.getDependenciesList(),
        importId: req.getImportid(),
        aliases: [
            ...req.getAliasurnsList().map((urn: string) => urn.split("::").pop() ?? urn),
            ...req.getAliasesList().map((alias: any) => alias.getSpec?.()?.getName?.() ?? alias.getUrn?.()?.split("::").pop() ?? ""),
        ],
    };
    return registerResource.call(this, req, cb);
};
monitor.invoke = function (req, cb) {
    pending = { version: req.getVersion(), protect: false, retainOnDelete: false, deleteBeforeReplace: false, parent: "", dependencies: [], importId: "", aliases: [] };
    return invoke.call(this, req, cb);
};

// Two things the SDK does for every registration that a mock run has no use
// for, a quarter of the CPU of a 500-repository check between them. Both are
// called through an object at the time of the call, so they are replaced here,
// for mock runs only:
// - the promise-leak detector (`debuggablePromise`, runtime/debuggable.js:
//   three properties, two more promises and a set entry per promise), which
//   reports at exit what never settled; `runUnderMocks` waits for every
//   registration and output itself. PULUMI_DEBUG_PROMISE_LEAKS keeps it, as
//   it keeps the promises' stack traces (registrationWindow.ts).
// - the resource's source position and stack trace (`Resource.stackTrace`,
//   resource.js: the whole stack, parsed frame by frame), which go into the
//   request for the engine to show; the mock monitor never reads them.
if (!process.env.PULUMI_DEBUG_PROMISE_LEAKS) {
    (debuggable as { debuggablePromise: <T>(p: Promise<T>, ctx?: unknown) => Promise<T> }).debuggablePromise = (p) => p;
}
(pulumi.Resource as unknown as { stackTrace: () => unknown[] }).stackTrace = () => [];

function take(): RequestMeta {
    if (pending === undefined) throw new Error("mock run: a mock was called without a request");
    const meta = pending;
    pending = undefined;
    return meta;
}

function mocksFor(gitlab: OfflineGitLab): pulumi.runtime.Mocks {
    return {
        newResource(args) {
            const meta = take();
            recorded.resources.push({ type: args.type, name: args.name, custom: args.custom === true, inputs: args.inputs, ...meta });
            const made = gitlab.create(args.type, args.name, args.inputs);
            recorded.created.set(args.name, made);
            return made;
        },
        call(args) {
            const meta = take();
            recorded.invokes.push({ token: args.token, inputs: args.inputs, version: meta.version });
            return gitlab.lookup(args.token, args.inputs);
        },
    };
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply(resolve));
}

/** Stack config as Pulumi hands it to a program: namespaced keys, every value as the CLI's text. */
export function toConfigMap(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${NAMESPACE}:${k}`, pulumiConfigText(v)]));
}

export interface MockRun {
    readonly fleet: FleetOutputs;
    readonly resources: readonly Registration[];
    readonly invokes: readonly Invocation[];
    readonly created: ReadonlyMap<string, Created>;
}

/**
 * Run the program on a config and wait for every registration. `membershipsKnown: false`:
 * the offline GitLab's memberships stand for nothing real (npm run check), so approver
 * eligibility is reported as unverified rather than judged.
 */
export async function runUnderMocks(config: Record<string, unknown>, stack: string, gitlab: OfflineGitLab, options: FleetOptions = {}): Promise<MockRun> {
    await pulumi.runtime.setMocks(mocksFor(gitlab), "ml-model-governance", stack, false, "organization");
    recorded.resources = [];
    recorded.invokes = [];
    recorded.created = new Map();
    pulumi.runtime.setAllConfig(toConfigMap(config));
    const fleet = await governFleet(loadStackConfig(), options);
    const resources = fleet.components.flatMap((c) => [c, ...c.children]);
    await Promise.all(resources.map((r) => promiseOf(r.urn)));
    await Promise.all(fleet.components.map((c) => promiseOf(pulumi.all([c.webUrl, c.projectId]))));
    const run = { fleet, resources: recorded.resources, invokes: recorded.invokes, created: recorded.created };
    // Handed over, not kept: a process that checks stack after stack (check --all) holds one run at a time.
    recorded.resources = [];
    recorded.invokes = [];
    recorded.created = new Map();
    return run;
}
