import * as fs from "fs";
import * as path from "path";
import { UNKNOWN } from "./unknown";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { subsetOf } = require("../../scripts/schema-subset.js") as { subsetOf: (schema: unknown) => ProviderSchema };

const ROOT = path.resolve(__dirname, "../..");

export interface PropertySpec {
    type?: string;
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    deprecationMessage?: unknown;
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

export const FULL_SCHEMA = process.env.PULUMI_GITLAB_SCHEMA ?? path.resolve(ROOT, "../shared/pulumi-gitlab/schema.json");
export const SUBSET_SCHEMA = path.join(ROOT, "schema/pulumi-gitlab.subset.json");

export const subsetSchema = (): ProviderSchema => JSON.parse(fs.readFileSync(SUBSET_SCHEMA, "utf8"));

/** The full provider schema when it is beside the repo, reduced the same way as the committed subset. */
export function fullSchemaSubset(): ProviderSchema | undefined {
    if (!fs.existsSync(FULL_SCHEMA)) return undefined;
    return subsetOf(JSON.parse(fs.readFileSync(FULL_SCHEMA, "utf8")));
}

/** Every way `inputs` breaks the schema: unknown names, wrong JSON types, missing required, deprecated inputs. */
export function inputViolations(where: string, inputs: Record<string, unknown>, properties: Record<string, PropertySpec>, required: readonly string[], schema: ProviderSchema): string[] {
    const out: string[] = [];
    for (const name of required) {
        if (inputs[name] === undefined) out.push(`${where}: required input \`${name}\` is missing`);
    }
    for (const [name, value] of Object.entries(inputs)) {
        const spec = properties[name];
        if (spec === undefined) out.push(`${where}: \`${name}\` is not an input in the schema`);
        else {
            if (spec.deprecationMessage) out.push(`${where}: \`${name}\` is deprecated in the schema`);
            out.push(...valueViolations(`${where}.${name}`, value, spec, schema));
        }
    }
    return out;
}

function valueViolations(where: string, value: unknown, spec: PropertySpec, schema: ProviderSchema): string[] {
    // An unknown value is checked on the run that knows it, as the engine does.
    if (value === undefined || value === null || value === UNKNOWN) return [];
    if (spec.$ref !== undefined) {
        if (!spec.$ref.startsWith("#/types/")) return []; // pulumi.json#/Any and friends accept anything
        const type = schema.types[spec.$ref.slice("#/types/".length)];
        if (typeof value !== "object" || Array.isArray(value)) return [`${where}: expected an object (${spec.$ref}), got ${JSON.stringify(value)}`];
        return inputViolations(where, value as Record<string, unknown>, type.properties ?? {}, type.required ?? [], schema);
    }
    switch (spec.type) {
        case "string":
            return typeof value === "string" ? [] : [`${where}: expected string, got ${JSON.stringify(value)}`];
        case "integer":
            return Number.isInteger(value) ? [] : [`${where}: expected integer, got ${JSON.stringify(value)}`];
        case "number":
            return typeof value === "number" ? [] : [`${where}: expected number, got ${JSON.stringify(value)}`];
        case "boolean":
            return typeof value === "boolean" ? [] : [`${where}: expected boolean, got ${JSON.stringify(value)}`];
        case "array":
            return Array.isArray(value) ? value.flatMap((v, i) => valueViolations(`${where}[${i}]`, v, spec.items ?? {}, schema)) : [`${where}: expected array, got ${JSON.stringify(value)}`];
        case "object":
            return typeof value === "object" && !Array.isArray(value)
                ? Object.entries(value as object).flatMap(([k, v]) => valueViolations(`${where}.${k}`, v, spec.additionalProperties ?? {}, schema))
                : [`${where}: expected object, got ${JSON.stringify(value)}`];
        default:
            return [];
    }
}

export function registrationViolations(type: string, name: string, inputs: Record<string, unknown>, schema: ProviderSchema): string[] {
    const resource = schema.resources[type];
    if (resource === undefined) return [`${name}: type token ${type} is not a resource in the schema`];
    return inputViolations(`${name} (${type})`, inputs, resource.inputProperties, resource.requiredInputs ?? [], schema);
}

export function invokeViolations(token: string, inputs: Record<string, unknown>, schema: ProviderSchema): string[] {
    const fn = schema.functions[token];
    if (fn === undefined) return [`${token}: not a function in the schema`];
    return inputViolations(token, inputs, fn.inputs?.properties ?? {}, fn.inputs?.required ?? [], schema);
}
