import * as proxyModule from "@pulumi/policy/proxy";
import {
    unknownCheckingProxy,
    UnknownValueError,
    type EnforcementLevel,
    type Policies,
    type PolicyResource,
    type PolicyResourceOptions,
    type ResourceValidationArgs,
    type ResourceValidationPolicy,
    type StackValidationArgs,
    type StackValidationPolicy,
} from "@pulumi/policy";

/**
 * The engine's wire sentinel for an unknown string, taken from the policy SDK
 * itself: its props proxy throws UnknownValueError on reading it, as in a
 * real preview. (The SDK's typings hide the constant; the module exports it.)
 */
export const UNKNOWN_VALUE: string = (proxyModule as unknown as { unknownStringValue: string }).unknownStringValue;

/** A resource as a test describes it; the helpers below turn it into what the policy SDK hands a policy. */
export interface FakeResource {
    readonly type: string;
    readonly name: string;
    /** Inputs for resource policies; for stack policies the outputs, when `outputs` is not given. */
    readonly props: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly protect?: boolean;
    /** URN of the parent component. */
    readonly parent?: string;
    /** Property name to URNs it depends on, as the engine records them. */
    readonly propertyDependencies?: Record<string, string[]>;
    readonly urn?: string;
}

const STACK = "test";
const PROJECT = "policy-test";

/** A URN as the engine builds it: a child's type is qualified by its parent's. */
export function urnOf(type: string, name: string, parent?: string): string {
    const qualified = parent === undefined ? type : `${parent.split("::")[2]}$${type}`;
    return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

export function urnOfFake(r: FakeResource): string {
    return r.urn ?? urnOf(r.type, r.name, r.parent);
}

function opts(r: FakeResource): PolicyResourceOptions {
    return {
        protect: r.protect === true,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(r.parent === undefined ? {} : { parent: r.parent }),
    };
}

// The pack matches type tokens; a policy that reached for SDK classes would break on the official SDK.
function noClasses(): never {
    throw new Error("policies must match type tokens, not SDK classes");
}

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason);
}

export function resourceArgs(r: FakeResource, config: object = {}): ResourceValidationArgs {
    return {
        type: r.type,
        name: r.name,
        urn: urnOfFake(r),
        props: unknownCheckingProxy(r.props),
        opts: opts(r),
        stackTags: new Map(),
        isType: noClasses,
        asType: noClasses,
        getConfig: <T extends object>() => config as T,
        notApplicable,
    };
}

export function stackArgs(fakes: readonly FakeResource[], config: object = {}): StackValidationArgs {
    const byUrn = new Map<string, PolicyResource>();
    const resources = fakes.map((r) => {
        const resource: PolicyResource = {
            type: r.type,
            name: r.name,
            urn: urnOfFake(r),
            props: unknownCheckingProxy(r.outputs ?? r.props),
            opts: opts(r),
            dependencies: [],
            propertyDependencies: {},
            isType: noClasses,
            asType: noClasses,
        };
        byUrn.set(resource.urn, resource);
        return resource;
    });
    // Linked afterwards, as the SDK does: parents and dependencies are the resource objects themselves.
    fakes.forEach((r, i) => {
        const resource = resources[i];
        if (r.parent !== undefined) resource.parent = byUrn.get(r.parent) ?? componentStub(r.parent);
        for (const [prop, urns] of Object.entries(r.propertyDependencies ?? {})) {
            resource.propertyDependencies[prop] = urns.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
            resource.dependencies.push(...resource.propertyDependencies[prop]);
        }
    });
    return { resources, stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable };
}

function componentStub(urn: string): PolicyResource {
    const parts = urn.split("::");
    return {
        type: parts[2].split("$").pop()!,
        name: parts[3],
        urn,
        props: {},
        opts: opts({ type: "", name: "", props: {} }),
        dependencies: [],
        propertyDependencies: {},
        isType: noClasses,
        asType: noClasses,
    };
}

export interface Violation {
    readonly policy: string;
    readonly level: EnforcementLevel;
    readonly message: string;
    readonly urn?: string;
}

function isStackPolicy(p: ResourceValidationPolicy | StackValidationPolicy): p is StackValidationPolicy {
    return "validateStack" in p;
}

/** Run one policy, as the analyzer would, over the whole fake stack. */
export async function violationsOf(policy: ResourceValidationPolicy | StackValidationPolicy, fakes: readonly FakeResource[], config: object = {}): Promise<Violation[]> {
    return runPolicy(policy, policy.enforcementLevel ?? "advisory", fakes, config);
}

async function runPolicy(policy: ResourceValidationPolicy | StackValidationPolicy, level: EnforcementLevel, fakes: readonly FakeResource[], config: object): Promise<Violation[]> {
    const found: Violation[] = [];
    const report = (urn?: string) => (message: string, reported?: string) => found.push({ policy: policy.name, level, message, urn: urn ?? reported });
    // As the analyzer does: a validation that touches an unknown value is reported, downgraded to advisory.
    const guarded = async (run: () => Promise<void> | void) => {
        try {
            await run();
        } catch (e) {
            if (!(e instanceof UnknownValueError)) throw e;
            found.push({ policy: policy.name, level: "advisory", message: `can't run during preview: ${(e as Error).message}` });
        }
    };
    if (isStackPolicy(policy)) {
        await guarded(() => policy.validateStack(stackArgs(fakes, config), report()));
        return found;
    }
    const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
    for (const r of fakes) {
        const args = resourceArgs(r, config);
        // The SDK ignores a resource policy's urn argument and reports the resource's own.
        for (const validate of validations) await guarded(() => validate(args, report(args.urn)));
    }
    return found;
}

/** A policy pack config as `--policy-pack-config` takes it: a level, or an object with a level and properties. */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

const levelOf = (entry: PackConfig[string] | undefined) => (typeof entry === "string" ? entry : entry?.enforcementLevel);

/** A policy's level as the analyzer resolves it: its own entry's, else `all`'s, else its default. */
export function policyLevel(policy: Policies[number], packConfig: PackConfig): EnforcementLevel {
    return levelOf(packConfig[policy.name]) ?? levelOf(packConfig.all) ?? policy.enforcementLevel ?? "advisory";
}

/** Run every policy with a pack config, resolving levels as the analyzer does; disabled policies do not run. */
export async function runPack(policies: Policies, fakes: readonly FakeResource[], packConfig: PackConfig = {}): Promise<Violation[]> {
    const found: Violation[] = [];
    for (const policy of policies) {
        const entry = packConfig[policy.name];
        const level = policyLevel(policy, packConfig);
        if (level === "disabled") continue;
        const { enforcementLevel: _, ...properties } = typeof entry === "object" ? entry : {};
        found.push(...(await runPolicy(policy, level, fakes, properties)));
    }
    return found;
}

/** Runs `fn` as the policy process of a stack with this name (the CLI passes it in PULUMI_NODEJS_STACK). */
export async function asStack<T>(stack: string | undefined, fn: () => Promise<T> | T): Promise<T> {
    const saved = { PULUMI_STACK: process.env.PULUMI_STACK, PULUMI_NODEJS_STACK: process.env.PULUMI_NODEJS_STACK };
    delete process.env.PULUMI_STACK;
    if (stack === undefined) delete process.env.PULUMI_NODEJS_STACK;
    else process.env.PULUMI_NODEJS_STACK = stack;
    try {
        return await fn();
    } finally {
        for (const [key, value] of Object.entries(saved)) {
            if (value === undefined) delete process.env[key];
            else process.env[key] = value;
        }
    }
}
