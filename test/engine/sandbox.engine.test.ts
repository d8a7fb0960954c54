import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { expectSummaryOf, filesUnder, sandbox } from "./support/sandbox";
import { LABEL } from "../../engine/sandbox/summary";
import { copyProject, ROOT, run, stackConfig } from "../../engine/workspace";

// `npm run sandbox` as a user runs it, in a copy of the project as a clone has
// it: the real CLI, the provider double and a stand-in seeded from the stack,
// checked against the stack's own contents, whatever names it holds.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { tempDir } = require("../../scripts/engine-env.js") as { tempDir: (prefix: string) => string };

let root: string;
let dir: string;
/** The host's own PULUMI_HOME, which the sandbox must leave alone. */
let home: string;
beforeAll(() => {
    root = tempDir("mlmg-sandbox-");
    dir = path.join(root, "project");
    home = path.join(root, "host-pulumi-home");
    fs.mkdirSync(home);
    copyProject(ROOT, dir);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });

describe("npm run sandbox -- prod up", () => {
    it("applies the stack and ends with what GitLab enforces, read back from the stand-in: the stack's approvers, rules and gate", async () => {
        const result = await sandbox(dir, ["prod", "up"], home);
        ok(result);
        expect(result.stderr).toMatch(/a new GitLab stand-in for stack prod is at http:\/\/127\.0\.0\.1:\d+\/api\/v4\//);
        expect(result.stderr).toMatch(/pulumi up --stack prod --yes --refresh --diff --policy-pack policy/);
        expect(result.stderr).toMatch(/gitlab-model-governance\|local\|policy\s+0\.1\.0/);
        expect(result.stdout).toMatch(/^What GitLab enforces for stack prod, read back from the stand-in's REST API:/);
        expect(result.stdout.trimEnd().endsWith(LABEL)).toBe(true);
        expectSummaryOf(result.stdout, stackConfig(dir, "prod"));
        // The state, the stand-in's GitLab and the seed are kept in .sandbox; the user's own Pulumi set-up is untouched.
        for (const f of ["prod.seed.yaml", "prod/gitlab.json", "prod/encryptionsalt"]) expect(fs.existsSync(path.join(dir, ".sandbox", f))).toBe(true);
        expect(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8")).toBe(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"));
        expect(filesUnder(home)).toEqual([]);
        expect(result.output).not.toContain("must-not-be-used");
    });

    it("run again, changes nothing: no resource changes and no write to GitLab", async () => {
        const result = await sandbox(dir, ["prod", "up"], home);
        ok(result);
        expect(result.stderr).toMatch(/the saved GitLab stand-in for stack prod/);
        expect(result.stderr).toMatch(/Resources:\s+\d+ unchanged\s*\n/);
        expect(result.stderr).not.toMatch(/\b\d+ (created|updated|deleted|replaced)\b/);
        expect(result.stderr).toContain("this run changed nothing in GitLab");
        expectSummaryOf(result.stdout, stackConfig(dir, "prod"));
    });

    it("after an edit to the stack file, previews the change against what the last up made, seeding a new approver", async () => {
        const file = path.join(dir, "Pulumi.prod.yaml");
        const good = fs.readFileSync(file, "utf8");
        const doc = parseDocument(good);
        const rule = doc.getIn(["config", "ml-model-governance:repositories", 0, "approvalRules", 0]) as { get: (k: string) => unknown; set: (k: string, v: unknown) => void };
        const users = (rule.get("users") as { toJSON(): string[] } | undefined)?.toJSON() ?? [];
        rule.set("users", [...users, "new.approver"]);
        fs.writeFileSync(file, doc.toString());
        try {
            const result = await sandbox(dir, ["prod", "preview"], home);
            ok(result);
            expect(result.stderr).toContain("added to");
            expect(result.stderr).toContain("user new.approver");
            expect(result.stderr).toMatch(/~ .*gitlab:index\/projectApprovalRule:ProjectApprovalRule/);
            expect(result.stderr).toMatch(/\d+ to update/);
            expect(result.stderr).not.toMatch(/\d+ to (delete|replace)/);
            expect(result.stderr).toContain("this run changed nothing in GitLab");
            expect(result.stderr).toContain(LABEL);
            expect(fs.readFileSync(path.join(dir, ".sandbox", "prod.seed.yaml"), "utf8")).toContain("new.approver");
        } finally {
            fs.writeFileSync(file, good);
        }
    });

    it("with a stack `npm run check` refuses, stops with the check's own message, and starts nothing", async () => {
        const good = fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8");
        const doc = parseDocument(good);
        doc.setIn(["config", "ml-model-governance:repositories", 0, "approvalRules", 0, "approvalsRequired"], 150);
        fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), doc.toString());
        const checked = await run(process.execPath, ["-r", path.join(ROOT, "scripts", "register-ts.js"), path.join(ROOT, "src", "check", "cli.ts"), "broken"], { cwd: dir, env: process.env });
        expect(checked.code).toBe(1);
        expect(checked.stderr).toContain("ml-model-governance:repositories[0].approvalRules[0].approvalsRequired: got 150");

        const result = await sandbox(dir, ["broken", "up"], home);
        expect(result.code).toBe(checked.code);
        expect(result.stderr).toContain(checked.stderr);
        expect(result.stderr).toContain("nothing was started");
        expect(result.stderr).toContain(LABEL);
        expect(result.stdout).toBe("");
        expect(result.stderr).not.toMatch(/stand-in for stack|pulumi up/);
        expect(fs.existsSync(path.join(dir, ".sandbox", "broken"))).toBe(false);
        expect(fs.existsSync(path.join(dir, ".sandbox", "broken.seed.yaml"))).toBe(false);
    });

    it("--reset starts over, keeping the seed file", async () => {
        const result = await sandbox(dir, ["prod", "--reset"], home);
        ok(result);
        expect(fs.existsSync(path.join(dir, ".sandbox", "prod"))).toBe(false);
        expect(fs.existsSync(path.join(dir, ".sandbox", "prod.seed.yaml"))).toBe(true);
        expect(result.stderr).toContain("kept .sandbox/prod.seed.yaml");
    });
});
