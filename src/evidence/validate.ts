import Ajv2020 from "ajv/dist/2020";
import * as fs from "fs";
import * as path from "path";

/** The committed schema every record is checked against before it is written. */
export const EVIDENCE_SCHEMA = path.join(__dirname, "..", "..", "schema", "evidence.schema.json");

let compiled: ReturnType<Ajv2020["compile"]> | undefined;

/** The schema's complaints about a record, one line each; empty when it is valid. */
export function evidenceSchemaErrors(record: unknown): string[] {
    compiled ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(fs.readFileSync(EVIDENCE_SCHEMA, "utf8")) as object);
    return compiled(record) ? [] : (compiled.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}
