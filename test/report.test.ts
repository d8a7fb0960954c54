import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../src/report/cli";
import { removalConsequence } from "../src/report/markdown";
import type { RepositorySummary } from "../src/governance/summary";
import { COMMITTED_STACKS, ROOT } from "./support/stackFile";

/** A directory holding the frozen fixtures as Pulumi.<stack>.yaml, so exact expectations never pin the committed stacks. */
const FIXTURES = fs.mkdtempSync(path.join(os.tmpdir(), "report-fixtures-"));
for (const stack of ["prod", "dev"]) fs.copyFileSync(path.join(ROOT, "test", "fixtures", "stacks", `${stack}.yaml`), path.join(FIXTURES, `Pulumi.${stack}.yaml`));
// The pack configs CI passes: report judges a stack as check and preview do.
fs.cpSync(path.join(ROOT, "policy", "config"), path.join(FIXTURES, "policy", "config"), { recursive: true });

async function report(args: string[], cwd = FIXTURES): Promise<{ code: number; out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await run(args, cwd, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
}

describe("npm run report", () => {
    it("marks in the diagrams what the config changes from the last deployment (--previous), and refuses a file that is not one", async () => {
        const { parseGovernanceConfig } = await import("../src/config");
        const { readStackFile } = await import("../src/config/stackFile");
        const { summarizeGovernance } = await import("../src/governance/summary");
        // The deployment before: the same stack with ML leads at 3 approvals, so this config (2) lowers it.
        const file = readStackFile(path.join(FIXTURES, "Pulumi.prod.yaml"));
        const before = summarizeGovernance(parseGovernanceConfig(file.namespace, { stack: "prod", allKeys: file.allKeys }));
        const deployed = { ...before, repositories: before.repositories.map((r, i) => (i === 0 ? { ...r, approvalRules: r.approvalRules.map((rule, k) => (k === 0 ? { ...rule, approvalsRequired: 3 } : rule)) } : r)) };
        const previous = path.join(FIXTURES, "governance-before.json");
        fs.writeFileSync(previous, JSON.stringify(deployed));

        const plain = (await report(["prod"])).out;
        const marked = await report(["prod", "--previous", previous]);
        expect(marked.code).toBe(0);
        expect(plain).not.toContain("stroke:#d00");
        // The approvals edge of the first repository is drawn weakened (red); nothing else changed.
        expect(marked.out.match(/linkStyle \d+ stroke:#d00/g)).toHaveLength(1);
        expect(marked.out).not.toContain("stroke:#e80");

        fs.writeFileSync(previous, JSON.stringify({ outputs: {} }));
        const wrong = await report(["prod", "--previous", previous]);
        expect(wrong.code).toBe(2);
        expect(wrong.err).toContain("has no `repositories` list of summaries with a `key`; expected the output of `pulumi stack output governance --json`");
        expect((await report(["prod", "--previous"])).code).toBe(2);
    });

    it("scores each repository against GitLab's compliance controls, by identifier, with the reason", async () => {
        const prod = (await report(["prod"])).out;
        expect(prod).toContain("### GitLab compliance controls: 8 of 8 pass");
        expect(prod).toContain("| `minimum_approvals_required_2` | pass | the approval rules require 3 approvals in all |");
        const dev = (await report(["dev"])).out;
        expect(dev).toContain("### GitLab compliance controls: 4 of 8 pass");
        expect(dev).toContain("| `reset_approvals_on_push` | fail | mergeRequestApprovals.resetApprovalsOnPush is off: approvals survive new commits |");
    });

    it("prints prod's effective policy with approvers by name", async () => {
        const { code, out, err } = await report(["prod"]);
        expect(code).toBe(0);
        expect(err).toBe("");
        expect(out).toContain("# Model governance: stack `prod`");
        expect(out).toContain("| ML leads | 2 | priya.raman, marcus.chen, elena.petrova, nadia.okafor | — |");
        expect(out).toContain("| Data stewards | 1 | — | acme-ml/data-stewards |");
        expect(out).toContain("| author may approve own merge request | no |");
        expect(out).toContain("| approvals reset on push | yes |");
        expect(out).toContain("| who may push | no one (and ml-governance-bot, to commit CODEOWNERS) |");
        expect(out).toContain("| Training | 2 | `/training/` | priya.raman, marcus.chen, elena.petrova, nadia.okafor |");
        expect(out).toContain("| maxFileSize (MB) | 10 |");
        // What GitLab will enforce: extensions in any case, every other rule explicitly off.
        expect(out).toContain("| fileNameRegex | `(?i)\\.(pt\\|pth\\|pkl\\|h5\\|onnx\\|safetensors\\|ckpt\\|joblib\\|parquet)$` |");
        expect(out).toContain("| commitMessageRegex | off |");
        expect(out).toContain("| acme-ml/ml-leads | developer |");
        expect(out).toContain("| acme-ml/release-managers | developer |");
        expect(out).toContain("| who may unprotect | maintainer |");
        expect(out).toContain("Removing this repository from the stack config is refused while the project is protected (`dataSafety.protect`): `pulumi preview` and `pulumi up` fail and nothing changes. Once `protect` is off, its governance above stays in force in GitLab, no longer managed; the project stays in GitLab (`retainOnDelete`).");
        expect(out).toContain("2 approvals from group acme-ml/ml-leads, approval by jonas.weber");
        expect(out).toContain("Data safety: protect yes, retain on delete yes, archive on destroy yes.");
        // Production's default for a created project, and who the registry opens to.
        expect(out).toContain("| model registry | `private` (project members only) |");
        expect(out).toContain("| model experiments | `private` (project members only) |");
        expect(out).toContain("Developers and above can change and delete models and model versions");
        expect(out).toContain("the `up` that creates the project leaves GitLab's default (`enabled`), and the next `up` applies them.");
        expect(out).not.toMatch(/\b\d{3,}\b/); // names, never numeric ids, for a config that uses names
    });

    it("prints dev's relaxed policy", async () => {
        const { code, out } = await report(["dev"]);
        expect(code).toBe(0);
        expect(out).toContain("| dev | no | EE, premium, gitlab.com |");
        expect(out).toContain("| ML reviewers | 1 | — | acme-ml/ml-reviewers |");
        expect(out).toContain("| who may merge | developer |");
        expect(out).toContain("Data safety: protect no, retain on delete no, archive on destroy yes.");
        expect(out).not.toContain("### Code owners");
    });

    it("fails a bad stack file with the same named-key errors, never printing secure values", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.bad.yaml"),
            [
                "config:",
                "  gitlab:token:",
                "    secure: AAABAKSECRETCIPHERTEXT",
                "  ml-model-governance:description:",
                "    secure: AAABAKOTHERCIPHERTEXT",
                "  ml-model-governance:repositories:",
                "    - name: Churn",
                "      approvalRules:",
                "        - name: Leads",
                "          approvalsRequired: 150",
                "          users: [a, b]",
            ].join("\n"),
        );
        const { code, out, err } = await report(["bad"], dir);
        expect(code).toBe(1);
        expect(out).toBe("");
        expect(err).toContain("Pulumi.bad.yaml: Invalid ml-model-governance stack config (3 problems)");
        expect(err).toContain("gitlab:token: expected no GitLab token in the stack file");
        expect(err).toContain("ml-model-governance:repositories[0].approvalRules[0].approvalsRequired: got 150; expected an integer from 0 to 100");
        expect(err).toContain("ml-model-governance:description: unknown key");
        expect(err).not.toContain("CIPHERTEXT");
    });

    it("explains its usage on --help, and a missing stack file", async () => {
        expect(await report(["--help"])).toMatchObject({ code: 0, out: expect.stringContaining("usage: npm run report -- <stack>"), err: "" });
        expect(await report([])).toMatchObject({ code: 2, err: expect.stringContaining("usage: npm run report -- <stack>") });
        expect(await report(["nope"])).toMatchObject({ code: 2, err: expect.stringContaining("Pulumi.nope.yaml does not exist") });
    });

    it("names the file, line and column of a duplicate key or a YAML syntax error, with no stack trace", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
        const prod = fs.readFileSync(path.join(FIXTURES, "Pulumi.prod.yaml"), "utf8").split("\n");
        const at = prod.findIndex((l) => l.includes("approvalsRequired: 2"));
        prod.splice(at + 1, 0, prod[at].replace("2", "1"));
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), prod.join("\n"));
        const dup = await report(["prod"], dir);
        const [line, col] = [at + 2, prod[at].indexOf("approvalsRequired") + 1];
        expect(dup).toEqual({ code: 1, out: "", err: `Pulumi.prod.yaml:${line}:${col}: duplicate key approvalsRequired\n` });

        fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config:\n  ml-model-governance:tier: [premium\n");
        const broken = await report(["broken"], dir);
        expect(broken.code).toBe(1);
        expect(broken.err).toMatch(/^Pulumi\.broken\.yaml:\d+:\d+: /);
        expect(broken.err).not.toMatch(/\bat .*\.(ts|js):\d+/);
    });

    it("catches a mistyped namespace and a token stored in the stack file", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
        const prod = fs.readFileSync(path.join(FIXTURES, "Pulumi.prod.yaml"), "utf8").replace("ml-model-governance:defaults:", "ml-model-governence:defaults:");
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), `${prod}\n  gitlab:token:\n    secure: AAABAKSECRET\n`);
        const { code, err } = await report(["prod"], dir);
        expect(code).toBe(1);
        expect(err).toContain("ml-model-governence:defaults: unknown config namespace (did you mean `ml-model-governance:defaults`?)");
        expect(err).toContain("gitlab:token: expected no GitLab token in the stack file");
        expect(err).not.toContain("AAABAKSECRET");
    });

    it.each(COMMITTED_STACKS)("runs as the npm script on the committed Pulumi.%s.yaml, with no credentials or Pulumi CLI", (stack) => {
        const out = execFileSync("npm", ["run", "--silent", "report", "--", stack], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
        expect(out).toContain(`# Model governance: stack \`${stack}\``);
        expect(out).toContain("### Merge request approval rules");
    });
});

describe("what the report says removing a repository would do (README: Removing things)", () => {
    const repo = (project: Partial<RepositorySummary["project"]>, retainGovernanceOnDelete: boolean) =>
        ({ project: { managed: "created by this program", path: "g/p", ...project }, retainGovernanceOnDelete }) as RepositorySummary;
    const safety = (protect: boolean, retainOnDelete: boolean, archiveOnDestroy = true) => ({ dataSafety: { protect, retainOnDelete, archiveOnDestroy } });

    it.each([
        ["a protected created project", repo(safety(true, true), true), /^Removing this repository from the stack config is refused while the project is protected .*Once `protect` is off, its governance above stays in force in GitLab, no longer managed; the project stays in GitLab/],
        ["an unprotected dev project", repo(safety(false, false), false), /^Removing this repository from the stack config: its governance above is deleted from GitLab; the project is archived, not deleted/],
        ["an unprotected project without archiving", repo(safety(false, false, false), false), /: the project is deleted, and its governance above goes with the project\.$/],
        ["an unprotected project without archiving whose governance is retained", repo(safety(false, false, false), true), /: the project is deleted, and its governance above goes with the project\.$/],
        ["an adopted production project", repo({ managed: "adopted (existing project)" }, true), /^Removing this repository from the stack config: its governance above stays in force in GitLab, no longer managed; the project itself is never deleted/],
        ["an adopted dev project", repo({ managed: "adopted (existing project)" }, false), /is deleted from GitLab, except memberships and shares .*; the project itself is never deleted/],
    ])("%s", (_title, summary, expected) => {
        expect(removalConsequence(summary)).toMatch(expected);
    });
});
