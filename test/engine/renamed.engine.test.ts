import * as fs from "fs";
import * as path from "path";
import { ciPolicyArgs } from "./support/ci";
import { expectSummaryOf, sandbox } from "./support/sandbox";
import { EngineWorkspace, ROOT, run, stacksIn } from "../../engine/workspace";
import { readStackFile } from "../../src/config/stackFile";
import { oldNamesOf, renameProject, strings, type Renaming } from "../support/renameStack";

// A team replaces every example group and person in the committed stack
// files (and Pulumi.yaml's shared config) with its own. The engine suite must not care: the stand-in is seeded
// from the stack files, so `npm run check`, `pulumi preview` with the pack and
// `npm run sandbox` pass on the renamed copy as on the original.

const STACKS = stacksIn(ROOT);

let ws: EngineWorkspace;
let renaming: Renaming;
beforeAll(async () => {
    ws = await EngineWorkspace.create(undefined, {
        prepare: (dir) => {
            renaming = renameProject(dir);
        },
    });
    for (const stack of STACKS) await ws.stackInit(stack);
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });
const oldTops = () => [...new Set([...renaming.groups.keys()].map((g) => g.split("/")[0]))];
const oldNames = () => oldNamesOf(renaming);

describe("both committed stacks with every group and person renamed", () => {
    it("hold none of the old names, and the old top-level group is gone", () => {
        expect(renaming.users.size).toBeGreaterThan(0);
        expect(oldTops().length).toBeGreaterThan(0);
        for (const stack of STACKS) {
            const values = strings(Object.values(readStackFile(path.join(ws.dir, `Pulumi.${stack}.yaml`)).namespace));
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
