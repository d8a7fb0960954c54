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

/**
 * Where a merged value was written: under `repositories[i]` or under `defaults`.
 * Errors point at the line the user has to edit, not at the merged copy.
 */
export function originOf(index: number, rel: KeyPath, repository: unknown, defaults: unknown): KeyPath {
    let own = repository;
    let inherited = defaults;
    for (const part of rel) {
        const ownChild = isPlainObject(own) || Array.isArray(own) ? (own as Record<string | number, unknown>)[part] : undefined;
        const inheritedChild = isPlainObject(inherited) ? inherited[part] : undefined;
        if (ownChild === undefined && inheritedChild !== undefined) return ["defaults", ...rel];
        if (!isPlainObject(ownChild)) break;
        own = ownChild;
        inherited = inheritedChild;
    }
    return ["repositories", index, ...rel];
}
