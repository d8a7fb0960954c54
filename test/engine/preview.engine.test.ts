import * as fs from "fs";
import * as path from "path";
import { ciPolicyArgs } from "./support/ci";
import { EngineWorkspace, ROOT, stacksIn } from "../../engine/workspace";
import { readStackFile } from "../../src/config/stackFile";
import { checkStack } from "../../src/check/offlineCheck";

// The real Pulumi CLI (engine/build.sh) loads the project, its committed stack
// files and the policy pack; the provider double answers as pulumi-gitlab 10.1.1
// against the GitLab API stand-in on 127.0.0.1, seeded from those stack files
// (engine/seed.ts), so the previews hold whatever names the stacks use.

let ws: EngineWorkspace;
beforeAll(async () => {
    ws = await EngineWorkspace.create();
    for (const stack of stacksIn(ws.dir)) await ws.stackInit(stack);
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

/** The pack arguments .gitlab-ci.yml computes for a stack, by running its own POLICY_ARGS line. */
const policyArgs = (stack: string) => ciPolicyArgs(stack, (script, env) => ws.shell(script, env));

describe("Pulumi.yaml under the real CLI", () => {
    it("loads, with the program's config namespace visible to `pulumi config`", async () => {
        const config = await ws.pulumi(["config", "--stack", "dev", "--json"]);
        expect(config.code).toBe(0);
        expect(Object.keys(JSON.parse(config.stdout))).toContain("ml-model-governance:repositories");
    });

    it("hands every stack-file value to the program as the text `npm run check` and `npm run report` read it with", async () => {
        const file = path.join(ws.dir, "Pulumi.dev.yaml");
        const good = fs.readFileSync(file, "utf8");
        // The committed values, and the YAML shapes where a typed reading would go wrong.
        const probes = ["probe:year: 2026", 'probe:quoted: "true"', "probe:flag: true", "probe:empty:", "probe:float: 1.50", 'probe:list: [1, "a"]', 'probe:map: {x: 1, y: "2"}'];
        fs.writeFileSync(file, good.replace(/^config:\n/m, `config:\n${probes.map((p) => `  ${p}\n`).join("")}`));
        try {
            const result = await ws.pulumi(["config", "--stack", "dev", "--json"]);
            expect(result.code).toBe(0);
            const cli = Object.fromEntries(Object.entries(JSON.parse(result.stdout) as Record<string, { value: string }>).map(([k, v]) => [k, v.value]));
            const ours = readStackFile(file).texts;
            expect(Object.keys(ours).filter((k) => k.startsWith("probe:"))).toHaveLength(probes.length);
            for (const [key, text] of Object.entries(ours)) {
                // Key order inside a mapping is not meaning: compare structured values as parsed JSON.
                const same = text.startsWith("{") || text.startsWith("[") ? JSON.parse(cli[key]) : cli[key];
                expect({ key, value: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text }).toEqual({ key, value: same });
            }
        } finally {
            fs.writeFileSync(file, good);
        }
    });

    it("was refused with the old description line (an unquoted `: `), so this test would have caught it", async () => {
        const file = path.join(ws.dir, "Pulumi.yaml");
        const good = fs.readFileSync(file, "utf8");
        const old = good.replace(/^description: "(.*)"$/m, "description: $1");
        expect(old).not.toBe(good);
        fs.writeFileSync(file, old);
        try {
            const result = await ws.pulumi(["stack", "ls"]);
            expect(result.code).not.toBe(0);
            expect(result.output).toMatch(/yaml: .*mapping values are not allowed/);
        } finally {
            fs.writeFileSync(file, good);
        }
    });
});

describe("pulumi preview of the committed stacks", () => {
    it.each(stacksIn(ROOT))("%s succeeds with the policy pack passed exactly as .gitlab-ci.yml passes it, which says what npm run check says", async (stack) => {
        const args = await policyArgs(stack);
        expect(args.slice(0, 2)).toEqual(["--policy-pack", "policy"]);
        const result = await ws.pulumi(["preview", "--stack", stack, "--non-interactive", "--diff", ...args]);
        expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-3000) }).toEqual({ code: 0, tail: "" });
        expect(result.output).toMatch(/gitlab-model-governance\|local\|policy\s+0\.1\.0/);
        expect(result.output).toMatch(/\+ \d+ to create/);
        // The pack's advisories at preview are the ones the offline check reports: one source.
        expect(result.output).not.toMatch(/\[mandatory\]/);
        const advised = (text: string, re: RegExp) => [...new Set([...text.matchAll(re)].map((m) => m[1]))].sort();
        const offline = (await checkStack(ws.dir, stack)).advisories.join("\n");
        expect(advised(result.output, /\[advisory\]\s+([a-z-]+)/g)).toEqual(advised(offline, /^\[([a-z-]+)\]/gm));
        // Read-only: the preview made no write to GitLab.
        expect(ws.standin.requests.filter((r) => r.method !== "GET")).toEqual([]);
    });
});

describe("a bad stack config", () => {
    it("fails the preview naming the key, and leaves nothing in the state", async () => {
        const file = path.join(ws.dir, "Pulumi.dev.yaml");
        const good = fs.readFileSync(file, "utf8");
        ws.editStack("dev", (c) => (c["ml-model-governance:repositories"][0].approvalRules[0].approvalsRequired = 150));
        try {
            const result = await ws.pulumi(["preview", "--stack", "dev", "--non-interactive"]);
            expect(result.code).not.toBe(0);
            expect(result.output).toContain("ml-model-governance:repositories[0].approvalRules[0].approvalsRequired: got 150; expected an integer from 0 to 100");
            expect(result.output).not.toMatch(/\n\s+at .+\.(ts|js):\d+/);
            expect((await ws.export("dev")).resources ?? []).toEqual([]);
        } finally {
            fs.writeFileSync(file, good);
        }
    });

    it("with a duplicate key, fails before the program runs, naming the line and the key, with no stack trace", async () => {
        const file = path.join(ws.dir, "Pulumi.dev.yaml");
        const good = fs.readFileSync(file, "utf8");
        // Whatever the user's file holds: a key written twice right under `config:`.
        fs.writeFileSync(file, good.replace(/^config:\n/m, "config:\n  ml-model-governance:production: false\n  ml-model-governance:production: true\n"));
        try {
            const result = await ws.pulumi(["preview", "--stack", "dev", "--non-interactive"]);
            expect(result.code).not.toBe(0);
            expect(result.output).toMatch(/line \d+: mapping key "ml-model-governance:production" already defined at line \d+/);
            expect(result.output).not.toMatch(/\n\s+at .+\.(ts|js):\d+/);
        } finally {
            fs.writeFileSync(file, good);
        }
    });

    it("with a GitLab token in it, is refused at preview: the token comes from GITLAB_TOKEN only", async () => {
        expect((await ws.pulumi(["config", "set", "--secret", "--stack", "dev", "gitlab:token", "glpat-write-token"])).code).toBe(0);
        try {
            const result = await ws.pulumi(["preview", "--stack", "dev", "--non-interactive"]);
            expect(result.code).not.toBe(0);
            expect(result.output).toContain("gitlab:token: expected no GitLab token in the stack file");
            expect(result.output).not.toContain("glpat-write-token");
        } finally {
            await ws.pulumi(["config", "rm", "--stack", "dev", "gitlab:token"]);
        }
    });
});

describe("the transpile-only preload of Pulumi.yaml (runtime.options.nodeargs)", () => {
    it("is in effect under the real CLI: a type error does not stop the program, and switching the preload off does", async () => {
        const file = path.join(ws.dir, "src", "typeErrorProbe.ts");
        const index = path.join(ws.dir, "index.ts");
        const good = fs.readFileSync(index, "utf8");
        fs.writeFileSync(file, 'export const probe: number = "not a number";\n');
        fs.writeFileSync(index, `import "./src/typeErrorProbe";\n${good}`);
        try {
            const transpiled = await ws.pulumi(["preview", "--stack", "dev", "--non-interactive"]);
            expect(transpiled.code).toBe(0);
            const checked = await ws.pulumi(["preview", "--stack", "dev", "--non-interactive"], { env: { PULUMI_NODEJS_TRANSPILE_ONLY: "false" } });
            expect(checked.code).not.toBe(0);
            expect(checked.output).toMatch(/TS2322|Type 'string' is not assignable to type 'number'/);
        } finally {
            fs.writeFileSync(index, good);
            fs.rmSync(file);
        }
    });
});
