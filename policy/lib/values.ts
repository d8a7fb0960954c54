import { UnknownValueError } from "@pulumi/policy";

/**
 * A value the engine cannot know yet, such as the id of a project that a
 * preview has not created. Policies skip what depends on one: a preview must
 * not fail on a value that `pulumi up` would show to be fine.
 */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Maybe<T> = T | typeof UNKNOWN;

/**
 * `props` from the policy SDK are a proxy that throws on an unknown value;
 * this turns that throw into UNKNOWN so the policy can decide what to do.
 */
export function read<T>(get: () => T): Maybe<T> {
    try {
        return get();
    } catch (e) {
        if (isUnknownValueError(e)) return UNKNOWN;
        throw e;
    }
}

// By name as well as by class: a process can load two copies of @pulumi/policy
// (a pack that imports these policies as a library, or a test runner), and the
// proxy that throws may come from the other copy.
function isUnknownValueError(e: unknown): boolean {
    return e instanceof UnknownValueError || (e instanceof Error && e.constructor.name === "UnknownValueError");
}

export function field(props: Record<string, any>, key: string): unknown {
    return read(() => props[key] as unknown);
}

/** A boolean property: its value, `undefined` when unset, UNKNOWN in preview. */
export function bool(props: Record<string, any>, key: string): Maybe<boolean | undefined> {
    const value = field(props, key);
    return typeof value === "boolean" || value === UNKNOWN ? value : undefined;
}

export function num(props: Record<string, any>, key: string): Maybe<number | undefined> {
    const value = field(props, key);
    return typeof value === "number" || value === UNKNOWN ? value : undefined;
}

/** Strings and numbers both identify GitLab objects (`project: "42"` or `project: 42`). */
export function ident(props: Record<string, any>, key: string): Maybe<string | undefined> {
    const value = field(props, key);
    if (value === UNKNOWN) return UNKNOWN;
    return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** A list property with each element read on its own: one unknown id leaves the others readable. */
export function list(props: Record<string, any>, key: string): Maybe<unknown[] | undefined> {
    const value = field(props, key);
    if (value === UNKNOWN) return UNKNOWN;
    if (!Array.isArray(value)) return undefined;
    return Array.from({ length: value.length }, (_, i) => read(() => value[i] as unknown));
}
