// docs/configuration.md against the config schema: every key a stack file may
// hold is documented under the heading of the object that holds it, and
// nothing is documented that the schema would refuse.
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { repositorySchema, stackSchema } from "../src/config/schema";
import { ROOT } from "./support/stackFile";

function unwrap(node: z.ZodType): z.ZodType {
    let current = node;
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodNullable || current instanceof z.ZodPipe) {
        current = (current instanceof z.ZodPipe ? current.in : current.unwrap()) as z.ZodType;
    }
    return current;
}

/** Each object a stack file may hold, by its path (`promotionGate.approvals[]`), with its keys. */
function objectsOf(schema: z.ZodObject, at: string, out: Map<string, string[]>): Map<string, string[]> {
    out.set(at, Object.keys(schema.shape));
    for (const [key, value] of Object.entries(schema.shape)) {
        let node = unwrap(value as z.ZodType);
        let where = at === "A repository" || at === "Top level" ? key : `${at}.${key}`;
        if (node instanceof z.ZodArray) {
            node = unwrap(node.element as z.ZodType);
            where += "[]";
        }
        if (node instanceof z.ZodObject) objectsOf(node, where, out);
        // A union of objects (a complianceFrameworks entry defines or refers): every option's keys.
        if (node instanceof z.ZodDiscriminatedUnion) {
            const keys = new Set<string>();
            for (const option of node.options as z.ZodType[]) {
                const object = unwrap(option);
                if (!(object instanceof z.ZodObject)) continue;
                objectsOf(object, where, out);
                for (const key of out.get(where)!) keys.add(key);
            }
            out.set(where, [...keys]);
        }
    }
    return out;
}

/** The keys each heading's tables document: backticked names in a table row's first cell. */
function documented(markdown: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    let headings: string[] = [];
    for (const line of markdown.split("\n")) {
        const heading = /^#{2,4} (.*)$/.exec(line);
        if (heading) {
            const named = [...heading[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
            headings = named.length > 0 ? named : [heading[1].trim()];
            for (const h of headings) if (!out.has(h)) out.set(h, []);
            continue;
        }
        const cell = /^\| ([^|]+) \|/.exec(line)?.[1];
        if (cell === undefined || /^-+$/.test(cell.trim()) || cell.trim() === "key") continue;
        const keys = [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\[\]$/, ""));
        for (const h of headings) out.get(h)!.push(...keys);
    }
    return out;
}

describe("docs/configuration.md", () => {
    const schema = objectsOf(repositorySchema, "A repository", objectsOf(stackSchema, "Top level", new Map()));
    const doc = documented(fs.readFileSync(path.join(ROOT, "docs", "configuration.md"), "utf8"));

    it("knows the schema's objects (a sanity check of this test's walk)", () => {
        expect([...schema.keys()]).toEqual(expect.arrayContaining(["Top level", "A repository", "protectedBranch", "approvalRules[]", "codeOwners.sections[].rules[]", "promotionGate.approvals[]", "pushRules", "complianceFrameworks[]"]));
    });

    it.each([...schema.keys()])("documents exactly the keys of %s", (object) => {
        expect(doc.has(object)).toBe(true);
        expect([...new Set(doc.get(object))].sort()).toEqual([...schema.get(object)!].sort());
    });
});
