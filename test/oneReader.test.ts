// `npm run check`, `npm run report` and the program read a stack file through
// one parse, refuse the same things, and say "valid" only when nothing failed.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run as check } from "../src/check/cli";
import { run as report } from "../src/report/cli";
import { readStackFile } from "../src/config/stackFile";
import { editConfig, ROOT } from "./support/stackFile";

const NS = "ml-model-governance";
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", `${name}.yaml`), "utf8");

const edit = editConfig;

/** Both commands on one scratch project holding the stack file and the pack's configs. */
async function both(stack: string, text: string): Promise<Record<"check" | "report", { code: number; out: string; err: string }>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "one-reader-"));
    fs.cpSync(path.join(ROOT, "policy", "config"), path.join(dir, "policy", "config"), { recursive: true });
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), text);
    const result = {} as Record<"check" | "report", { code: number; out: string; err: string }>;
    for (const [name, command] of [["check", check], ["report", report]] as const) {
        let out = "";
        let err = "";
        const code = await command([stack], dir, (s) => (out += s), (s) => (err += s));
        result[name] = { code, out, err };
    }
    return result;
}

describe("one reader for check, report and the program", () => {
    it("reads a key without a namespace as the CLI does (in the project's), so a block indented too far left is refused by both", async () => {
        // promotionGate four spaces too far left: a top-level key of the config map.
        const text = fixture("prod").replace(/^ {6}promotionGate:/m, "  promotionGate:").replace(/^( {8})(environment: production|deployers:|approvals:|freezePeriods:|# No promotion)/gm, "    $2");
        const misplaced = text.split("\n").find((l) => l.startsWith("  promotionGate:"));
        expect(misplaced).toBeDefined();
        expect(Object.keys(readStackFile(writeTemp(text)).texts)).toContain(`${NS}:promotionGate`);
        const { check: c, report: r } = await both("prod", text);
        for (const result of [c, r]) {
            expect(result.code).toBe(1);
            expect(result.err).toContain(`${NS}:promotionGate: unknown key`);
            expect(result.out).toBe("");
        }
    });

    it("report refuses what the policy pack would refuse, with check's words", async () => {
        const text = edit(fixture("prod"), (c) => c[`${NS}:repositories`].push({ name: "Ranker", approvalRules: [{ name: "Lead", approvalsRequired: 1, groups: ["acme-ml/ml-leads"] }] }));
        const { check: c, report: r } = await both("prod", text);
        expect(c.code).toBe(1);
        expect(r).toEqual({ code: 1, out: "", err: c.err });
        expect(c.err).toMatch(/^Pulumi\.prod\.yaml: 1 problem that would fail pulumi preview \(policy pack with its defaults\):\n {2}- \[min-approvals-on-protected-branches\] merge requests into protected branch "main" of project acme-ml\/models\/ranker/);
        expect(`${c.out}${c.err}`).not.toContain("valid");
    });

    // Production's pack wants at least 2 approvals on the protected branch, so "1 of 2" is a dev stack's rule.
    it.each([
        ["1 of 2", "dev", ["ana.lee", "bo.kim"], 1],
        ["2 of 2", "prod", ["ana.lee", "bo.kim"], 2],
        ["2 of 3", "prod", ["ana.lee", "bo.kim", "cy.ng"], 2],
    ])("passes a %s user-only rule (%s) with the pack's advisory, in check and in the report", async (_t, stack, users, approvalsRequired) => {
        const text = edit(fixture(stack), (c) => (c[`${NS}:repositories`][0].approvalRules[0] = { name: "ML leads", approvalsRequired, users }));
        const { check: c, report: r } = await both(stack, text);
        expect(c.code).toBe(0);
        expect(c.out).toMatch(/advisory: \[approval-rules-always-satisfiable\] rule "ML leads" of project acme-ml\/\S+ requires .* cannot be approved; add a named user or a group/);
        expect(c.out.match(/approval-rules-always-satisfiable/g)).toHaveLength(1);
        // A production stack also warns who its model registry is open to (modelRegistry).
        expect(c.out).toMatch(new RegExp(`Pulumi\\.${stack}\\.yaml: valid, with ${stack === "prod" ? "1 warning and " : ""}\\d advisor(y|ies) above; policy pack with .*: no mandatory violation`));
        expect(r.code).toBe(0);
        expect(r.out).toContain("## Warnings");
        expect(r.out).toContain("- [approval-rules-always-satisfiable] rule \"ML leads\"");
    });

    it("passes a code-owner section of 2 of 3 named owners with the program's warning, and fails 3 of 2 naming the key", async () => {
        const section = (users: string[], approvalsRequired: number) =>
            edit(fixture("prod"), (c) => (c[`${NS}:repositories`][0].codeOwners.sections[2] = { name: "Training", approvalsRequired, rules: [{ pattern: "/training/", users }] }));
        const ok = await both("prod", section(["ana.lee", "bo.kim", "cy.ng"], 2));
        expect(ok.check.code).toBe(0);
        expect(ok.check.out).toContain(`warning: ${NS}:repositories[0].codeOwners.sections[2].rules[0].users: got ["ana.lee","bo.kim","cy.ng"]; the section requires 2 approvals from 3 named users`);
        // This one, and the production model registry's (modelRegistry).
        expect(ok.check.out).toContain("valid, with 2 warnings above");
        expect(ok.report.out).toContain("the section requires 2 approvals from 3 named users");
        const bad = await both("prod", section(["ana.lee", "bo.kim"], 3));
        expect(bad.check.code).toBe(1);
        expect(bad.check.err).toContain(`${NS}:repositories[0].codeOwners.sections[2].rules[0].users: got ["ana.lee","bo.kim"]; the section requires 3 approvals but names only 2 users`);
        expect(bad.report).toEqual({ code: 1, out: "", err: bad.check.err });
    });
});

function writeTemp(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stack-")), "Pulumi.prod.yaml");
    fs.writeFileSync(file, text);
    return file;
}
