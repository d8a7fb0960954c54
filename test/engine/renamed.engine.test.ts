import * as fs from "fs";
import * as path from "path";
import { parse, parseDocument } from "yaml";
import { ciPolicyArgs } from "./support/ci";
import { expectSummaryOf, sandbox } from "./support/sandbox";
import { EngineWorkspace, ROOT, run, stackConfig } from "../../engine/workspace";
import { principalNames } from "../../src/governance/principals";

// A team replaces every example group and person in both committed stack
// files with its own. The engine suite must not care: the stand-in is seeded
// from the stack files, so `npm run check`, `pulumi preview` with the pack and
// `npm run sandbox` pass on the renamed copy as on the original.

const STACKS = ["dev", "prod"];

interface Renaming {
    readonly users: Map<string, string>;
    readonly groups: Map<string, string>;
    readonly projects: Map<string, string>;
}

/** New names for every user, group (each path segment) and adopted project the stacks name. */
function renamingOf(dir: string): Renaming {
    const configs = STACKS.map((s) => stackConfig(dir, s));
    const users = new Map<string, string>();
    const paths = new Set<string>();
    const projects = new Set<string>();
    for (const c of configs) {
        const names = principalNames(c);
        for (const u of [...names.users.map((n) => n.name), ...(c.automationUser === undefined ? [] : [c.automationUser])]) if (!users.has(u)) users.set(u, `person${users.size + 1}.renamed`);
        for (const g of [...names.groups, ...names.namespaces]) paths.add(g.name);
        for (const p of names.projects) projects.add(p.name);
    }
    const segments = new Map<string, string>();
    const renameSegment = (s: string, top: boolean) => {
        if (!segments.has(s)) segments.set(s, top ? `northwind-ai${segments.size === 0 ? "" : `-${segments.size}`}` : `unit-${segments.size + 1}`);
        return segments.get(s)!;
    };
    const renamePath = (p: string) => p.split("/").map((s, i) => renameSegment(s, i === 0)).join("/");
    const groups = new Map([...paths].map((p) => [p, renamePath(p)]));
    const renamedProjects = new Map([...projects].map((p) => [p, `${renamePath(p.slice(0, p.lastIndexOf("/")))}/${p.slice(p.lastIndexOf("/") + 1)}`]));
    return { users, groups, projects: renamedProjects };
}

function renameValues(node: unknown, r: Renaming): unknown {
    if (Array.isArray(node)) return node.map((n) => renameValues(n, r));
    if (node !== null && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renameValues(v, r)]));
    if (typeof node === "string") return r.users.get(node) ?? r.groups.get(node) ?? r.projects.get(node) ?? node;
    return node;
}

/** Every string value in a config map. */
function strings(node: unknown): string[] {
    if (Array.isArray(node)) return node.flatMap(strings);
    if (node !== null && typeof node === "object") return Object.values(node).flatMap(strings);
    return typeof node === "string" ? [node] : [];
}

let ws: EngineWorkspace;
let renaming: Renaming;
beforeAll(async () => {
    ws = await EngineWorkspace.create(undefined, {
        prepare: (dir) => {
            renaming = renamingOf(dir);
            for (const stack of STACKS) {
                const file = path.join(dir, `Pulumi.${stack}.yaml`);
                // Comments and layout stay as a user's edit leaves them.
                const doc = parseDocument(fs.readFileSync(file, "utf8"));
                doc.set("config", renameValues((doc.toJS() as { config: unknown }).config, renaming));
                fs.writeFileSync(file, doc.toString());
            }
        },
    });
    for (const stack of STACKS) await ws.stackInit(stack);
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });
const oldTops = () => [...new Set([...renaming.groups.keys()].map((g) => g.split("/")[0]))];
const oldNames = () => [...renaming.users.keys(), ...renaming.groups.keys(), ...renaming.projects.keys(), ...oldTops()];

describe("both committed stacks with every group and person renamed", () => {
    it("hold none of the old names, and the old top-level group is gone", () => {
        expect(renaming.users.size).toBeGreaterThan(0);
        expect(oldTops().length).toBeGreaterThan(0);
        for (const stack of STACKS) {
            const values = strings(parse(fs.readFileSync(path.join(ws.dir, `Pulumi.${stack}.yaml`), "utf8")).config);
            for (const old of oldNames()) expect({ stack, old, found: values.filter((v) => v === old || v.startsWith(`${old}/`)) }).toEqual({ stack, old, found: [] });
        }
        for (const top of oldTops()) expect(ws.standin.state.group(top)).toBeUndefined();
    });

    it.each(STACKS)("%s passes npm run check", async (stack) => {
        ok(await run(process.execPath, ["-r", path.join(ROOT, "scripts", "register-ts.js"), path.join(ROOT, "src", "check", "cli.ts"), stack], { cwd: ws.dir, env: process.env }));
    });

    it.each(STACKS)("%s previews with the policy pack passed as .gitlab-ci.yml passes it", async (stack) => {
        const args = await ciPolicyArgs(stack, (script, env) => ws.shell(script, env));
        const result = await ws.pulumi(["preview", "--stack", stack, "--non-interactive", "--diff", ...args]);
        ok(result);
        expect(result.output).toMatch(/\+ \d+ to create/);
        expect(result.output).not.toMatch(/\[mandatory\]/);
        for (const renamed of renaming.groups.values()) expect(ws.standin.state.group(renamed)?.full_path).toBe(renamed);
    });

    it("works in the sandbox: prod up ends with a read-back summary of the renamed stack", async () => {
        const home = path.join(path.dirname(ws.dir), "host-pulumi-home");
        fs.mkdirSync(home);
        const result = await sandbox(ws.dir, ["prod", "up"], home);
        ok(result);
        expectSummaryOf(result.stdout, ws.config("prod"));
        for (const old of oldNames()) expect(result.stdout).not.toContain(`@${old}`);
    });
});
