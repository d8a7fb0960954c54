import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { pulumiConfigText, readNamespace } from "./namespace";
import type { GovernanceConfig } from "./model";
import { parseGovernanceConfig } from "./parse";
import { NAMESPACE } from "./schema";

/** A stack file that is not valid YAML, or holds a key twice: `Pulumi.prod.yaml:44:11: duplicate key approvalsRequired`. */
export class StackFileError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.join("\n"));
        this.name = "StackFileError";
    }
}

export interface StackFile {
    /** Every config value as the Pulumi CLI hands it to the program: text (secure values redacted). */
    readonly texts: Record<string, string>;
    /** This program's keys, namespace removed, read from `texts` as the program reads them. */
    readonly namespace: Record<string, unknown>;
    /** Every config key of the file, namespaces included. */
    readonly allKeys: readonly string[];
}

/**
 * Read `Pulumi.<stack>.yaml` strictly, as the Pulumi CLI does, over the
 * project-level config of the `Pulumi.yaml` beside it (a stack's key replaces
 * the project's whole, as the CLI merges them): a syntax error or a duplicate
 * key is an error with its file, line and column, never a silently dropped value.
 */
export function readStackFile(file: string): StackFile {
    const project = path.join(path.dirname(file), "Pulumi.yaml");
    const config = { ...(fs.existsSync(project) ? projectConfig(project) : {}), ...namespaced(configOf(file)) };
    // Through the CLI's text, not the YAML types: `environment: 2026` is the text "2026" to
    // the program, and a quoted "true" is read back as a boolean, in check and preview alike.
    const texts = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, pulumiConfigText(redactSecure(v))]));
    return { texts, namespace: readNamespace(texts), allKeys: Object.keys(config) };
}

/**
 * `Pulumi.<stack>.yaml` in `dir`, read and validated as the program reads it
 * (throws the same StackFileError or ConfigValidationError).
 */
export function readStackConfig(dir: string, stack: string): GovernanceConfig {
    const { namespace, allKeys } = readStackFile(path.join(dir, `Pulumi.${stack}.yaml`));
    return parseGovernanceConfig(namespace, { stack, allKeys });
}

/** The `config:` mapping of a YAML file, read strictly. */
function configOf(file: string): Record<string, unknown> {
    const text = fs.readFileSync(file, "utf8");
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    if (doc.errors.length > 0) {
        throw new StackFileError(
            doc.errors.map((e) => {
                const where = `${path.basename(file)}:${e.linePos?.[0].line ?? "?"}:${e.linePos?.[0].col ?? "?"}`;
                const what = e.code === "DUPLICATE_KEY" ? `duplicate key ${/^[^:\s]+/.exec(text.slice(e.pos[0]))?.[0] ?? ""}` : e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
                return `${where}: ${what}`;
            }),
        );
    }
    return ((doc.toJS() as { config?: Record<string, unknown> } | null)?.config ?? {}) as Record<string, unknown>;
}

/**
 * A key without a namespace is in the project's, as the CLI reads it (`pulumi config --json`
 * shows `promotionGate:` as `ml-model-governance:promotionGate`): a block indented too far
 * left is an unknown key here exactly as at preview, never a silently dropped one.
 */
function namespaced(config: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `${NAMESPACE}:${k}`, v]));
}

/** Keys a Pulumi.yaml config declaration may hold (the CLI's project schema, `configTypeDeclaration`). */
const DECLARATION_KEYS = new Set(["type", "description", "default", "value", "secret", "items"]);

/**
 * `Pulumi.yaml`'s project-level config as every stack inherits it, read as
 * CLI 3.274.1 reads it (`pulumi config --json`, engine suite): a scalar or a
 * list is the value; a mapping is a declaration whose `value`, else
 * `default`, is the value, and which sets nothing without either; any other
 * mapping the CLI refuses, and so does this.
 */
function projectConfig(file: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [key, entry] of Object.entries(namespaced(configOf(file)))) {
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) out[key] = entry;
        else if (Object.keys(entry).some((k) => !DECLARATION_KEYS.has(k))) {
            problems.push(`${path.basename(file)}: config ${key}: expected a value, or a declaration with \`value:\` (${[...DECLARATION_KEYS].join(", ")}): the Pulumi CLI refuses a plain mapping here; write it under \`value:\``);
        } else if ("value" in entry) out[key] = (entry as { value: unknown }).value;
        else if ("default" in entry) out[key] = (entry as { default: unknown }).default;
    }
    if (problems.length > 0) throw new StackFileError(problems);
    return out;
}

// `pulumi config set --secret` stores `{secure: <ciphertext>}`; keep even that out of any message.
function redactSecure(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redactSecure);
    if (value !== null && typeof value === "object") {
        if ("secure" in value && Object.keys(value).length === 1) return "[secret]";
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecure(v)]));
    }
    return value;
}
