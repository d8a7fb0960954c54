import * as fs from "fs";
import * as path from "path";
import { parse, parseDocument } from "yaml";
import { stacksIn } from "../../src/check/fleet";

export const ROOT = path.resolve(__dirname, "../..");

function configOf(file: string): Record<string, unknown> {
    const doc = parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
    return doc.config ?? {};
}

/**
 * The `config:` map of a committed `Pulumi.<stack>.yaml`. Users edit these:
 * tests may only check invariants of them (they validate, they pass the policy
 * pack and the provider contract), never exact people or counts.
 */
export function stackConfig(stack: string): Record<string, unknown> {
    return configOf(path.join(ROOT, `Pulumi.${stack}.yaml`));
}

/** The `config:` map of a frozen stack file under test/fixtures/stacks, for exact expectations. */
export function fixtureConfig(name: string): Record<string, unknown> {
    return configOf(path.join(ROOT, "test", "fixtures", "stacks", `${name}.yaml`));
}

/** A fixture's `ml-model-governance:` keys without the namespace, as the config parser takes them: a copy to edit. */
export function fixtureNamespace(name: string): Record<string, any> {
    return Object.fromEntries(Object.entries(fixtureConfig(name)).map(([k, v]) => [k.replace(/^ml-model-governance:/, ""), structuredClone(v)]));
}

/** The committed stacks, found as `npm run check -- --all` finds them. */
export const COMMITTED_STACKS = stacksIn(ROOT);

/** A stack file's text with its `config:` map edited, everything else (comments, order) kept. */
export function editConfig(text: string, change: (config: Record<string, any>) => void): string {
    const doc = parseDocument(text);
    const config = (doc.toJS() as { config: Record<string, any> }).config;
    change(config);
    doc.set("config", config);
    return doc.toString();
}
