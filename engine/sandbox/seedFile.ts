// The sandbox's seed file, `.sandbox/<stack>.seed.yaml`: the GitLab a stack's
// sandbox starts from, written on the first run from the stack itself and
// then the user's to edit (format: docs/sandbox.md).
import * as fs from "fs";
import * as path from "path";
import { parseDocument, stringify } from "yaml";
import { z } from "zod";
import { fromZod, renderValue } from "../../src/config/issues";
import { groupPath, projectFullPath, username } from "../../src/config/primitives";
import { completeSeed, ROLES, type Role, type Seed } from "../seed";

const role = z.enum(Object.keys(ROLES) as [Role, ...Role[]]);

/** A map whose keys must each pass `key`, each bad one named (zod's record reports only "Invalid key"). */
function keyedBy<V extends z.ZodType>(key: z.ZodType<string>, value: V) {
    return z.record(z.string(), value).superRefine((record, ctx) => {
        for (const k of Object.keys(record)) {
            const bad = key.safeParse(k).error?.issues[0];
            if (bad !== undefined) ctx.addIssue({ code: "custom", message: `${bad.message}, for key ${JSON.stringify(k)}`, input: k });
        }
    });
}

// `group: {}` and `group:` (null) both mean no members.
const members = keyedBy(username, role).nullable();
const seedFileSchema = z.strictObject({
    edition: z.enum(["ce", "ee"]).optional(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: "expected a GitLab version such as `18.2.1`" }).optional(),
    users: z.array(username).nullable(),
    groups: keyedBy(groupPath, members).nullable(),
    projects: keyedBy(projectFullPath, members).nullable(),
}).partial();

export class SeedFileError extends Error {}

function header(stack: string, automationUser: string): string {
    return [
        `# The GitLab that \`npm run sandbox -- ${stack}\` starts from: a local stand-in, not GitLab (docs/sandbox.md).`,
        "# Edit it and re-run: each group gets exactly the members listed, each adopted project at least its members.",
        `# Roles: ${Object.keys(ROLES).join(", ")}. ${automationUser} (the stack's automationUser, or the sandbox's bot) owns the tokens.`,
        "# A user, group or project the stack names is added on every run; delete this file to start again from the stack.",
        "",
    ].join("\n");
}

/** A key path inside the seed file, for messages: `groups["acme-ml/leads"]["alice"]`. */
function keyOf(parts: readonly PropertyKey[]): string {
    return parts.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `[${JSON.stringify(p)}]`)).join("");
}

export function readSeedFile(file: string, automationUser: string): Seed {
    const text = fs.readFileSync(file, "utf8");
    const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
    const where = path.basename(file);
    if (doc.errors.length > 0) throw new SeedFileError(doc.errors.map((e) => `${where}:${e.linePos?.[0].line ?? "?"}: ${e.message.split("\n")[0]}`).join("\n"));
    const raw = doc.toJS() ?? {};
    const parsed = seedFileSchema.safeParse(raw);
    if (!parsed.success) {
        const issues = fromZod(parsed.error, raw, seedFileSchema).map((i) => `  - ${keyOf(i.path)}: ${"value" in i ? `got ${renderValue(i.value)}; ` : ""}${i.message}`);
        throw new SeedFileError(`${where}: ${issues.length} problem(s):\n${issues.join("\n")}`);
    }
    const { edition = "ee", version = "18.2.1", users, groups, projects } = parsed.data;
    const noNulls = (map: Record<string, Record<string, Role> | null> | null | undefined) => Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, v ?? {}]));
    return { edition, version, automationUser, users: users ?? [], groups: noNulls(groups), projects: noNulls(projects) };
}

export function writeSeedFile(file: string, stack: string, seed: Seed): void {
    const { automationUser: _, ...body } = seed;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, header(stack, seed.automationUser) + stringify(body));
}

/**
 * The seed a run starts from: the seed file, with what the stack newly names
 * added to it (and to the file, comments kept); the stack's own seed when
 * there is no file yet, which is then written.
 */
export function loadSeed(file: string, stack: string, derived: Seed): { seed: Seed; note?: string } {
    if (!fs.existsSync(file)) {
        writeSeedFile(file, stack, derived);
        return { seed: derived, note: `wrote ${file}: the users, groups and memberships the sandbox starts from; edit it to change them` };
    }
    const { seed, added } = completeSeed(readSeedFile(file, derived.automationUser), derived);
    if (added.length === 0) return { seed };
    const doc = parseDocument(fs.readFileSync(file, "utf8"));
    doc.set("users", seed.users);
    for (const kind of ["groups", "projects"] as const) {
        if (!doc.has(kind) || doc.get(kind) === null) doc.set(kind, {});
        for (const [key, value] of Object.entries(seed[kind])) if (!doc.hasIn([kind, key])) doc.setIn([kind, key], value);
    }
    fs.writeFileSync(file, doc.toString());
    return { seed, note: `added to ${file}, as the stack now names them: ${added.join(", ")}` };
}
