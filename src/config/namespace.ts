import { NAMESPACE } from "./schema";

/**
 * A stack-file value as the Pulumi CLI hands it to a program, so that the
 * offline tools read a stack file exactly as `pulumi preview` does. Measured
 * with the CLI 3.274.1 (`pulumi config --json`): scalars become their text
 * (`2026` → "2026", `1.50` → "1.5", `true` → "true", a quoted "true" stays
 * "true"), an empty value becomes "", lists and mappings become JSON.
 */
export function pulumiConfigText(value: unknown): string {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
}

/**
 * The `ml-model-governance:` keys of a flat Pulumi config map, prefix removed.
 * Pulumi hands structured values over as JSON text and scalars as plain text.
 */
export function readNamespace(all: Record<string, string>): Record<string, unknown> {
    const prefix = `${NAMESPACE}:`;
    const out: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(all)) {
        if (!key.startsWith(prefix)) continue;
        out[key.slice(prefix.length)] = parseValue(text);
    }
    return out;
}

// No top-level key is numeric, so numeric-looking text stays text (`environment: "2026"`).
function parseValue(text: string): unknown {
    try {
        const value: unknown = JSON.parse(text);
        return typeof value === "number" ? text : value;
    } catch {
        return text;
    }
}
