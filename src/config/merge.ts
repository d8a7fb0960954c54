import type { KeyPath } from "./issues";

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `defaults` under a repository: objects merge key by key, lists and scalars replace. */
export function mergeDefaults(defaults: Record<string, unknown>, repository: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...defaults };
    for (const [key, value] of Object.entries(repository)) {
        const base = out[key];
        out[key] = isPlainObject(base) && isPlainObject(value) ? mergeDefaults(base, value) : value;
    }
    return out;
}

/** One source of a repository's settings, most specific first: the entry, the stack's `defaults`, the environment's shared ones. */
export interface Layer {
    /** Where the layer is written, e.g. `["repositories", 2]` or `["environmentDefaults", "prod"]`. */
    readonly prefix: KeyPath;
    readonly value: unknown;
}

/**
 * Where a merged value was written: the most specific layer that holds it.
 * Mappings merge, so they are followed down; a list or scalar belongs
 * wholly to the layer that sets it. Errors point at the line the user has to
 * edit, not at the merged copy.
 */
export function originOf(rel: KeyPath, layers: readonly Layer[]): KeyPath {
    let nodes = layers.map((l) => l.value);
    let owner = 0;
    for (const part of rel) {
        const children = nodes.map((n) => (isPlainObject(n) || Array.isArray(n) ? (n as Record<string | number, unknown>)[part] : undefined));
        const defining = children.findIndex((c) => c !== undefined);
        if (defining < 0) break;
        owner = defining;
        if (!isPlainObject(children[defining])) break;
        nodes = children;
    }
    return [...layers[owner].prefix, ...rel];
}
