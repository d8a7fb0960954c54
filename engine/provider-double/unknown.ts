/**
 * A value the engine does not know yet (an id of a resource a preview has not
 * created). Terraform defers every validation that involves one, so an input
 * that is only checkable once known passes the first preview and fails `up`.
 */
export const UNKNOWN: unique symbol = Symbol("provider-double.unknown");

/** Whether any part of a value is unknown. */
export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}
