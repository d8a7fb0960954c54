import * as fs from "fs";
import * as path from "path";
import { UNKNOWN } from "./unknown";

// The schema the double serves is pulumi-gitlab 10.1.1's: the full one reduced
// to the resources the program uses when ../shared is present, else the
// committed reduction. What Check enforces from it is what Terraform's own
// config decoding enforces before any provider code runs (names, types,
// required arguments); deprecations are only warnings there, so not failures here.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { subsetOf } = require("../../scripts/schema-subset.js") as { subsetOf: (schema: unknown) => ProviderSchema };

const ROOT = path.resolve(__dirname, "../..");
const FULL = process.env.PULUMI_GITLAB_SCHEMA ?? path.resolve(ROOT, "../shared/pulumi-gitlab/schema.json");
const SUBSET = path.join(ROOT, "schema/pulumi-gitlab.subset.json");

export interface PropertySpec {
    type?: string;
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    willReplaceOnChanges?: boolean;
    secret?: boolean;
}
interface ObjectSpec {
    properties?: Record<string, PropertySpec>;
    required?: string[];
}
export interface ProviderSchema {
    resources: Record<string, { inputProperties: Record<string, PropertySpec>; requiredInputs?: string[]; properties: Record<string, PropertySpec> }>;
    functions: Record<string, { inputs?: ObjectSpec; outputs?: ObjectSpec }>;
    types: Record<string, ObjectSpec>;
}

export function loadSchema(): ProviderSchema {
    if (fs.existsSync(FULL)) return subsetOf(JSON.parse(fs.readFileSync(FULL, "utf8")));
    return JSON.parse(fs.readFileSync(SUBSET, "utf8")) as ProviderSchema;
}

/** Terraform's wording for a config that does not decode against the schema (hashicorp/terraform configs/configschema decoding). */
function objectProblems(where: string, inputs: Record<string, unknown>, properties: Record<string, PropertySpec>, required: readonly string[], schema: ProviderSchema): string[] {
    const out: string[] = [];
    for (const name of required) if (inputs[name] === undefined || inputs[name] === null) out.push(`${where}: The argument "${name}" is required, but no definition was found.`);
    for (const [name, value] of Object.entries(inputs)) {
        const spec = properties[name];
        if (spec === undefined) out.push(`${where}: An argument named "${name}" is not expected here.`);
        else out.push(...valueProblems(`${where}.${name}`, value, spec, schema));
    }
    return out;
}

function valueProblems(where: string, value: unknown, spec: PropertySpec, schema: ProviderSchema): string[] {
    if (value === undefined || value === null || value === UNKNOWN) return [];
    const wrong = (expected: string) => [`${where}: Inappropriate value for attribute: ${expected} required, got ${JSON.stringify(value)}`];
    if (spec.$ref !== undefined) {
        if (!spec.$ref.startsWith("#/types/")) return [];
        const type = schema.types[spec.$ref.slice("#/types/".length)];
        if (typeof value !== "object" || Array.isArray(value)) return wrong("object");
        return objectProblems(where, value as Record<string, unknown>, type.properties ?? {}, type.required ?? [], schema);
    }
    switch (spec.type) {
        case "string":
            return typeof value === "string" ? [] : wrong("string");
        case "integer":
            return Number.isInteger(value) ? [] : wrong("number (integer)");
        case "number":
            return typeof value === "number" ? [] : wrong("number");
        case "boolean":
            return typeof value === "boolean" ? [] : wrong("bool");
        case "array":
            return Array.isArray(value) ? value.flatMap((v, i) => valueProblems(`${where}[${i}]`, v, spec.items ?? {}, schema)) : wrong("list");
        case "object":
            return typeof value === "object" && !Array.isArray(value) ? Object.entries(value as object).flatMap(([k, v]) => valueProblems(`${where}.${k}`, v, spec.additionalProperties ?? {}, schema)) : wrong("map");
        default:
            return [];
    }
}

export function resourceInputProblems(type: string, inputs: Record<string, unknown>, schema: ProviderSchema): string[] {
    const resource = schema.resources[type];
    if (resource === undefined) return [`${type}: not a resource of this provider`];
    return objectProblems(type, inputs, resource.inputProperties, resource.requiredInputs ?? [], schema);
}

export function invokeInputProblems(token: string, inputs: Record<string, unknown>, schema: ProviderSchema): string[] {
    const fn = schema.functions[token];
    if (fn === undefined) return [`${token}: not a function of this provider`];
    return objectProblems(token, inputs, fn.inputs?.properties ?? {}, fn.inputs?.required ?? [], schema);
}
