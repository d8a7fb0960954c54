import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../src/check/cli";
import { checkStack } from "../src/check/offlineCheck";
import { COMMITTED_STACKS, editConfig, ROOT } from "./support/stackFile";

/** A scratch project directory holding copies of the given stack files and the pack's configs. */
function scratch(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-"));
    fs.cpSync(path.join(ROOT, "policy", "config"), path.join(dir, "policy", "config"), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", `${name}.yaml`), "utf8");

const edit = editConfig;

async function check(files: Record<string, string>, stack: string): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await run([stack], scratch(files), (s) => (out += s), (s) => (err += s));
    return { code, out, err };
}

const NS = "ml-model-governance";

describe("the committed stack files (invariants only: they are the user's to edit)", () => {
    it.each(COMMITTED_STACKS)("Pulumi.%s.yaml validates and passes the provider contract and every mandatory policy", async (stack) => {
        expect((await checkStack(ROOT, stack)).errors).toEqual([]);
    });

    it("still pass after an everyday edit: an approver added, the weakest rule removed", async () => {
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");
        const edited = edit(text, (config) => {
            const repo = config[`${NS}:repositories`][0];
            const rules: Array<{ approvalsRequired: number; users?: string[] }> = repo.approvalRules ?? config[`${NS}:defaults`].approvalRules;
            const strongest = rules.reduce((a, b) => (b.approvalsRequired > a.approvalsRequired ? b : a));
            strongest.users = [...(strongest.users ?? []), "new.approver"];
            if (rules.length > 1) rules.splice(rules.indexOf(rules.reduce((a, b) => (b.approvalsRequired < a.approvalsRequired ? b : a))), 1);
        });
        expect(edited).not.toBe(text);
        const dir = scratch({ "Pulumi.prod.yaml": edited });
        expect((await checkStack(dir, "prod")).errors).toEqual([]);
    });
});

describe("npm run check agrees with the policy pack", () => {
    it("fails a second prod repository with one approval, as the pack would", async () => {
        const files = {
            "Pulumi.prod.yaml": edit(fixture("prod"), (c) => c[`${NS}:repositories`].push({ name: "Ranker", approvalRules: [{ name: "Lead", approvalsRequired: 1, groups: ["acme-ml/ml-leads"] }] })),
        };
        const { code, err } = await check(files, "prod");
        expect(code).toBe(1);
        expect(err).toContain("[min-approvals-on-protected-branches] merge requests into protected branch");
        expect(err).toContain("need only 1 approval(s); expected at least 2");
    });

    it("passes a tier free stack without approval rules under the pack's defaults: the program declares tier free, so no file per stack is needed", async () => {
        const free = edit(fixture("dev"), (c) => {
            c[`${NS}:tier`] = "free";
            delete c[`${NS}:defaults`].mergeRequestApprovals;
            delete c[`${NS}:defaults`].pushRules;
            delete c[`${NS}:repositories`][0].approvalRules;
        });
        // `dev-free` has no policy/config/dev-free.json: the pack's defaults judge it.
        expect(await check({ "Pulumi.dev-free.yaml": free }, "dev-free")).toMatchObject({ code: 0 });
        // A pack config may still ask for approval rules outright, as for a stack another team wrote.
        const dir = scratch({ "Pulumi.dev-free.yaml": free });
        fs.writeFileSync(path.join(dir, "policy", "config", "dev-free.json"), JSON.stringify({ "default-branch-governed": { requireApprovalRule: true } }));
        expect((await checkStack(dir, "dev-free")).errors).toEqual([expect.stringContaining("[default-branch-governed]")]);
    });

    it("fails an adopted prod project with no approval rules", async () => {
        const adopted = edit(fixture("prod"), (c) => c[`${NS}:repositories`].push({ existing: "acme-ml/models/legacy-ranker" }));
        const { code, err } = await check({ "Pulumi.prod.yaml": adopted }, "prod");
        expect(code).toBe(1);
        expect(err).toContain("[default-branch-governed] adopted project");
    });

    it("judges a stack the program treats as production (stack `live`) by production rules with no pack config, and refuses a pack config that says otherwise", async () => {
        const live = edit(fixture("prod"), (c) => {
            c[`${NS}:production`] = true;
            c[`${NS}:defaults`].dataSafety.protect = false;
        });
        const { code, err } = await check({ "Pulumi.live.yaml": live }, "live");
        expect(code).toBe(1);
        expect(err).toContain("[production-projects-protected] project fraud-detection-model-project is not protected in production stack live");

        const dir = scratch({ "Pulumi.live.yaml": edit(fixture("prod"), (c) => (c[`${NS}:production`] = true)) });
        expect((await checkStack(dir, "live")).errors).toEqual([]);
        fs.writeFileSync(path.join(dir, "policy", "config", "live.json"), JSON.stringify({ "production-projects-protected": { production: false } }));
        expect((await checkStack(dir, "live")).errors).toEqual([
            expect.stringContaining('[production-projects-protected] the stack config makes stack "live" production (ml-model-governance:production, or an environment named prod/production), but policy/config/live.json sets {"production": false}'),
        ]);
        // Policies the pack config turns off judge nothing, so they cannot disagree.
        fs.writeFileSync(path.join(dir, "policy", "config", "live.json"), JSON.stringify({ all: "disabled" }));
        expect((await checkStack(dir, "live")).errors).toEqual([]);
    });

    it("judges a stack named prod whose config says it is not production as the config says", async () => {
        const notProd = edit(fixture("prod"), (c) => {
            c[`${NS}:production`] = false;
            c[`${NS}:defaults`].dataSafety.protect = false;
        });
        const { code, out, err } = await check({ "Pulumi.prod.yaml": notProd }, "prod");
        expect({ code, err }).toEqual({ code: 0, err: "" });
        expect(out).toContain("Pulumi.prod.yaml: valid");
    });

    it("reads a stack file's values as the CLI hands them to the program: `environment: 2026` is text, a quoted \"true\" is not", async () => {
        const year = edit(fixture("dev"), (c) => (c[`${NS}:environment`] = 2026));
        expect(year).toContain(`${NS}:environment: 2026\n`);
        expect((await checkStack(scratch({ "Pulumi.dev.yaml": year }), "dev")).errors).toEqual([]);

        const quoted = edit(fixture("dev"), (c) => (c[`${NS}:environment`] = "true"));
        expect(quoted).toContain(`${NS}:environment: "true"\n`);
        const { code, err } = await check({ "Pulumi.dev.yaml": quoted }, "dev");
        expect(code).toBe(1);
        expect(err).toContain(`${NS}:environment: got true; expected`);
    });

    it("fails a prod rule that requires no approval in validation (the pack has the same rule: no-empty-approval-rules-in-production)", async () => {
        const zero = edit(fixture("prod"), (c) => (c[`${NS}:repositories`][0].approvalRules[1].approvalsRequired = 0));
        const { code, err } = await check({ "Pulumi.prod.yaml": zero }, "prod");
        expect(code).toBe(1);
        expect(err).toContain("ml-model-governance:repositories[0].approvalRules[1].approvalsRequired: got 0; expected at least 1 in a production stack");
    });

    it("prints advisories, names the pack config it used, and explains itself", async () => {
        const { code, out } = await check({ "Pulumi.dev.yaml": fixture("dev") }, "dev");
        expect(code).toBe(0);
        expect(out).toContain("advisory: [reset-approvals-on-push]");
        expect(out).toContain("Pulumi.dev.yaml: valid, with 1 advisory above; policy pack with policy/config/dev.json: no mandatory violation");
        let help = "";
        expect(await run(["--help"], ROOT, (s) => (help += s), () => undefined)).toBe(0);
        expect(help).toContain("usage: npm run check -- <stack>");
    });
});

describe("a stack command whose work never finishes", () => {
    it("exits 1 and says so, never 0 with nothing printed", () => {
        const root = path.resolve(__dirname, "..");
        const script = `require("./src/config/stackCommand.ts").main(() => new Promise(() => {}));`;
        const run = spawnSync(process.execPath, ["-r", "./scripts/register-ts.js", "-e", script], { cwd: root, encoding: "utf8" });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain("the command ended before finishing its work: a promise it waited for never settled");
    });
});
