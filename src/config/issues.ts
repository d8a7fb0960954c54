import * as pulumi from "@pulumi/pulumi";
import { closest, distance } from "fastest-levenshtein";
import { z } from "./zod";
import { NAMESPACE } from "./schema";

export type KeyPath = readonly (string | number)[];

/** One problem with the stack config, tied to the key that holds it. */
export interface ConfigIssue {
    readonly path: KeyPath;
    /** What was wrong, and what is expected instead. */
    readonly message: string;
    /** The offending value; absent where there is nothing to show (a missing or unknown key). */
    readonly value?: unknown;
    /** A stack config key outside this program's namespace (`gitlab:token`), shown instead of `path`. */
    readonly key?: string;
    /** The policy of the pack that reports the same finding at `pulumi preview`, so the program need not. */
    readonly policy?: string;
}

/** `ml-model-governance:repositories[0].approvalRules[1].approvalsRequired` */
export function renderPath(path: KeyPath): string {
    return path.length === 0 ? NAMESPACE : `${NAMESPACE}:${renderKey(path)}`;
}

/** A key path within the namespace: `repositories[0].approvalRules[1].approvalsRequired`. */
export function renderKey(path: KeyPath): string {
    const [head, ...rest] = path;
    let out = head === undefined ? "" : String(head);
    for (const part of rest) {
        out += typeof part === "number" ? `[${part}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
    }
    return out;
}

const MAX_VALUE_CHARS = 80;

export function renderValue(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export function renderIssue(issue: ConfigIssue): string {
    const got = "value" in issue ? `got ${renderValue(issue.value)}; ` : "";
    return `${issue.key ?? renderPath(issue.path)}: ${got}${issue.message}`;
}

/** Every problem at once, in a stable order, so one edit-preview cycle can fix them all. */
export class ConfigValidationError extends pulumi.RunError {
    readonly issues: readonly ConfigIssue[];

    constructor(issues: readonly ConfigIssue[]) {
        const lines = issues.map((i) => `  - ${renderIssue(i)}`);
        const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
        super(`Invalid ${NAMESPACE} stack config (${count}); nothing was registered:\n${lines.join("\n")}`);
        this.name = "ConfigValidationError";
        this.issues = issues;
    }
}

/** "did you mean" only for a near miss, so an unrelated key gets no misleading hint. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
    if (candidates.length === 0) return undefined;
    const best = closest(word.toLowerCase(), candidates.map((c) => c.toLowerCase()));
    const match = candidates.find((c) => c.toLowerCase() === best);
    return match !== undefined && distance(word.toLowerCase(), best) <= Math.max(2, Math.floor(word.length / 3)) ? match : undefined;
}

/** The keys a strict object schema accepts at `path`, for "did you mean" hints. */
export function knownKeysAt(schema: z.ZodType, path: KeyPath): string[] {
    let node: z.ZodType | undefined = schema;
    for (const part of [...path, undefined]) {
        node = unwrap(node);
        if (part === undefined) break;
        if (node instanceof z.ZodObject) node = node.shape[String(part)] as z.ZodType | undefined;
        else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
        else return [];
    }
    return keysOf(node);
}

/** An object's keys; a union of objects (a complianceFrameworks entry) has every option's. */
function keysOf(node: z.ZodType | undefined): string[] {
    if (node instanceof z.ZodObject) return Object.keys(node.shape);
    if (node instanceof z.ZodDiscriminatedUnion) return [...new Set((node.options as z.ZodType[]).flatMap(keysOf))];
    return [];
}

function unwrap(node: z.ZodType | undefined): z.ZodType | undefined {
    let current = node;
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodNullable) {
        current = current.unwrap() as z.ZodType;
    }
    return current;
}

const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized)/;
const TYPE_NAMES: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "a whole number",
    boolean: "true or false",
    array: "a list",
    object: "a mapping of keys to values",
    record: "a mapping of keys to values",
};

/** Turn zod's issues into ours: absolute key paths, the bad value, what is expected. */
export function fromZod(error: z.ZodError, input: unknown, schema: z.ZodType, prefix: KeyPath = []): ConfigIssue[] {
    const out: ConfigIssue[] = [];
    for (const iss of error.issues) {
        const rel = iss.path.map((p) => (typeof p === "symbol" ? String(p) : p));
        const path = [...prefix, ...rel];
        if (iss.code === "unrecognized_keys") {
            const known = knownKeysAt(schema, rel);
            for (const key of iss.keys) {
                const hint = suggest(key, known);
                const expected = known.length > 0 ? `; expected one of: ${known.join(", ")}` : "";
                out.push({ path: [...path, key], message: `unknown key${hint ? ` (did you mean \`${hint}\`?)` : ""}${expected}` });
            }
            continue;
        }
        const value = valueAt(input, rel);
        if (value === undefined) {
            out.push({ path, message: `missing; expected ${expectation(iss)}` });
        } else {
            out.push({ path, value, message: `expected ${expectation(iss)}` });
        }
    }
    return out;
}

function expectation(iss: z.core.$ZodIssue): string {
    if (!ZOD_DEFAULT_MESSAGE.test(iss.message)) return iss.message.replace(/^expected /, "");
    switch (iss.code) {
        case "invalid_type":
            return TYPE_NAMES[iss.expected] ?? iss.expected;
        case "invalid_value":
            return `one of: ${iss.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "too_small":
            return bound(iss.origin, "at least", iss.minimum, iss.inclusive);
        case "too_big":
            return bound(iss.origin, "at most", iss.maximum, iss.inclusive);
        default:
            return iss.message;
    }
}

function bound(origin: string, side: "at least" | "at most", limit: number | bigint, inclusive?: boolean): string {
    const n = Number(limit);
    const edge = inclusive === false ? (side === "at least" ? n + 1 : n - 1) : n;
    if (origin === "array") return `a list with ${side} ${edge} item${edge === 1 ? "" : "s"}`;
    if (origin === "string") return edge === 1 && side === "at least" ? "a non-empty string" : `a string with ${side} ${edge} characters`;
    return `a number ${side} ${edge}`;
}

export function valueAt(input: unknown, path: KeyPath): unknown {
    let node: unknown = input;
    for (const part of path) {
        if (node === null || typeof node !== "object") return undefined;
        node = (node as Record<string | number, unknown>)[part];
    }
    return node;
}
