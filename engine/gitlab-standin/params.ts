// Request parameters as Grape sees them: query string and body merged into one
// bag, values coerced to the declared type. A JSON client sends numbers and
// booleans; curl and form posts send strings; both must work.
import { paramError } from "./errors";

export type RawParams = Record<string, unknown>;

/** A parameter value Grape treats as given: not missing and not JSON null. */
function given(value: unknown): boolean {
    return value !== undefined && value !== null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function toInt(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
    return undefined;
}

function toBool(value: unknown): boolean | undefined {
    // Grape's Boolean coercion accepts these spellings.
    if (typeof value === "boolean") return value;
    if (value === 1 || value === "1" || value === "true" || value === "t" || value === "yes") return true;
    if (value === 0 || value === "0" || value === "false" || value === "f" || value === "no") return false;
    return undefined;
}

export class Params {
    constructor(
        readonly raw: RawParams,
        /** Prefix for error texts of nested params, e.g. `allowed_to_push[0]`. */
        private readonly scope = "",
    ) {}

    private label(key: string): string {
        return this.scope ? `${this.scope}[${key}]` : key;
    }

    has(key: string): boolean {
        return given(this.raw[key]);
    }

    /** Present in the request at all, even as null (a JSON `null` clears some fields). */
    present(key: string): boolean {
        return key in this.raw;
    }

    str(key: string): string | undefined {
        const v = this.raw[key];
        if (!given(v)) return undefined;
        if (typeof v === "string") return v;
        if (typeof v === "number" || typeof v === "boolean") return String(v);
        throw paramError(`${this.label(key)} is invalid`);
    }

    requiredStr(key: string): string {
        const v = this.str(key);
        if (v === undefined) throw paramError(`${this.label(key)} is missing`);
        return v;
    }

    int(key: string): number | undefined {
        const v = this.raw[key];
        if (!given(v) || v === "") return undefined;
        const n = toInt(v);
        if (n === undefined) throw paramError(`${this.label(key)} is invalid`);
        return n;
    }

    requiredInt(key: string): number {
        const v = this.int(key);
        if (v === undefined) throw paramError(`${this.label(key)} is missing`);
        return v;
    }

    /** An integer restricted to `values` (Grape `values:` → "does not have a valid value"). */
    intIn(key: string, values: readonly number[]): number | undefined {
        const v = this.int(key);
        if (v !== undefined && !values.includes(v)) throw paramError(`${this.label(key)} does not have a valid value`);
        return v;
    }

    strIn(key: string, values: readonly string[]): string | undefined {
        const v = this.str(key);
        if (v !== undefined && !values.includes(v)) throw paramError(`${this.label(key)} does not have a valid value`);
        return v;
    }

    bool(key: string): boolean | undefined {
        const v = this.raw[key];
        if (!given(v) || v === "") return undefined;
        const b = toBool(v);
        if (b === undefined) throw paramError(`${this.label(key)} is invalid`);
        return b;
    }

    /** Integer array; GitLab also accepts a comma-separated string (CommaSeparatedToIntegerArray). */
    intArray(key: string): number[] | undefined {
        const v = this.raw[key];
        if (!given(v)) return undefined;
        const items = Array.isArray(v) ? v : typeof v === "string" ? (v === "" ? [] : v.split(",")) : [v];
        return items.map((item) => {
            const n = toInt(item);
            if (n === undefined) throw paramError(`${this.label(key)} is invalid`);
            return n;
        });
    }

    strArray(key: string): string[] | undefined {
        const v = this.raw[key];
        if (!given(v)) return undefined;
        const items = Array.isArray(v) ? v : typeof v === "string" ? (v === "" ? [] : v.split(",")) : [v];
        return items.map((item) => String(item));
    }

    /** An array of hashes (e.g. `allowed_to_push`), each wrapped for typed access. */
    hashes(key: string): Params[] | undefined {
        const v = this.raw[key];
        if (!given(v)) return undefined;
        // Form encoding `a[0][k]=v` arrives as an object keyed by index.
        const list = Array.isArray(v) ? v : isRecord(v) ? Object.keys(v).sort((a, b) => Number(a) - Number(b)).map((k) => v[k]) : undefined;
        if (list === undefined) throw paramError(`${this.label(key)} is invalid`);
        return list.map((item, i) => {
            if (!isRecord(item)) throw paramError(`${this.label(key)}[${i}] is invalid`);
            return new Params(item, `${this.label(key)}[${i}]`);
        });
    }
}
