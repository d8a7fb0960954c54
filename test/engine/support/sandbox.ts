import * as fs from "fs";
import * as path from "path";
import { DEFAULT_BOT, projectPaths } from "../../../engine/seed";
import { ROOT, run, type PulumiResult } from "../../../engine/workspace";
import type { GovernanceConfig } from "../../../src/config";

/**
 * `npm run sandbox -- <args>` as a user runs it in the project at `dir`, with
 * a host environment that has its own Pulumi and GitLab settings (its
 * PULUMI_HOME is `pulumiHome`), so a test can see that the sandbox ignores
 * and touches neither. HOME stays: Go's own settings live there, and
 * engine/build.sh's stamp depends on them.
 */
export function sandbox(dir: string, args: readonly string[], pulumiHome: string): Promise<PulumiResult> {
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        PULUMI_ACCESS_TOKEN: "pul-host-token-must-not-be-used",
        PULUMI_BACKEND_URL: "https://api.pulumi.com",
        PULUMI_HOME: pulumiHome,
        GITLAB_TOKEN: "glpat-host-token-must-not-be-used",
        GITLAB_BASE_URL: "https://gitlab.example.com",
    };
    return run(process.execPath, ["-r", path.join(ROOT, "scripts", "register-ts.js"), path.join(ROOT, "engine", "sandbox", "cli.ts"), ...args], { cwd: dir, env });
}

/** The block of the summary for one project: from its heading to the next blank line. */
function block(summary: string, projectPath: string): string {
    const start = summary.indexOf(`\n${projectPath} (`);
    if (start < 0) throw new Error(`the summary has no project ${projectPath}:\n${summary}`);
    const end = summary.indexOf("\n\n", start + 1);
    return summary.slice(start, end < 0 ? undefined : end);
}

const at = (name: string | number) => `@${name}`;

/**
 * The read-back summary holds what the stack asks for, project by project:
 * its protected branch, every approval rule with its count and approvers
 * (and GitLab counting enough eligible approvers), and the promotion gate.
 */
export function expectSummaryOf(summary: string, config: GovernanceConfig): void {
    const tokenUser = config.automationUser ?? DEFAULT_BOT;
    projectPaths(config, tokenUser).forEach((projectPath, i) => {
        const repo = config.repositories[i];
        const text = block(summary, projectPath);
        const lines = text.split("\n").map((l) => l.trim());
        const branch = repo.protectedBranch.branch ?? /default branch (\S+)\)/.exec(text)?.[1];
        expect({ projectPath, protectedBranch: lines.some((l) => l.startsWith(`${branch}: push `)) }).toEqual({ projectPath, protectedBranch: true });
        expect(lines).toContain(`${branch}: force push ${repo.protectedBranch.allowForcePush ? "yes" : "no"}; code owner approval required ${repo.protectedBranch.codeOwnerApprovalRequired ? "yes" : "no"}`);
        for (const rule of repo.approvalRules) {
            const line = lines.find((l) => l.startsWith(`${rule.name} (regular): ${rule.approvalsRequired} approval(s) from `));
            expect({ rule: rule.name, line: line !== undefined }).toEqual({ rule: rule.name, line: true });
            const [from, eligible] = line!.split("; eligible: ");
            for (const who of [...rule.users, ...rule.groups]) expect({ rule: rule.name, from }).toEqual({ rule: rule.name, from: expect.stringContaining(at(who)) });
            const count = eligible.split("; on ")[0].split(", ").filter((e) => e.startsWith("@")).length;
            expect({ rule: rule.name, enoughEligible: count >= rule.approvalsRequired }).toEqual({ rule: rule.name, enoughEligible: true });
        }
        const gate = repo.promotionGate;
        if (gate !== undefined) {
            const deployers = lines.find((l) => l.startsWith(`${gate.environment}: deployers `));
            const approvals = lines.find((l) => l.startsWith(`${gate.environment}: approvals `));
            for (const who of [...gate.deployers.users, ...gate.deployers.groups]) expect(deployers).toContain(at(who));
            for (const a of gate.approvals) {
                const who = a.user ?? a.group;
                if (who !== undefined) expect(approvals).toContain(`${at(who)} (${a.approvalsRequired ?? 1} required)`);
            }
        }
        if (repo.codeOwners !== undefined) expect(text).toContain(`CODEOWNERS (${repo.codeOwners.file})`);
    });
}

/** Every file under `dir`, relative. */
export function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}
