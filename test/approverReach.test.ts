// The configs real teams write: "one approval from our two reviewers", "two of
// our three leads", "both leads". GitLab accepts them and they work for every
// merge request a named user reviews but did not write, so they pass with a
// warning that names which merge requests stall; only a count no merge request
// can ever reach is refused.
import { ConfigValidationError, parseGovernanceConfig, renderIssue } from "../src/config";
import { neverMessage, reachability, stallMessage } from "../policy/lib/approvalRules";
import { byType, evaluate, recorded } from "./support/harness";
import { baseConfig } from "./support/configs";
import { T } from "./support/tokens";

const strict = { authorMayApprove: false, committersMayApprove: false };
const rule0 = "ml-model-governance:repositories[0].approvalRules[0]";

function withRule(users: string[], approvalsRequired: number, environment = "dev"): Record<string, any> {
    const config = baseConfig();
    config.environment = environment;
    config.repositories[0].approvalRules = [{ name: "Leads", approvalsRequired, users }];
    return config;
}

function warningsOf(config: Record<string, unknown>, stack = "dev"): string[] {
    return parseGovernanceConfig(config, { stack }).warnings.map(renderIssue);
}

describe("reachability (policy/lib/approvalRules.ts, shared by validation and the pack)", () => {
    it.each([
        [2, 1, "stalls"],
        [2, 2, "stalls"],
        [3, 2, "stalls"],
        [4, 2, "ok"],
        [2, 3, "never"],
        [0, 1, "never"],
    ] as const)("%i named users, %i required: %s", (users, required, kind) => {
        expect(reachability(required, users, false, strict).kind).toBe(kind);
    });

    it("is ok for any count once a group is named, and for 0 outside production", () => {
        expect(reachability(9, 1, true, strict).kind).toBe("ok");
        expect(reachability(0, 0, false, strict).kind).toBe("ok");
    });

    it("counts only the users GitLab excludes: with both author and committer approval allowed, 2 of 2 is fine", () => {
        expect(reachability(2, 2, false, { authorMayApprove: true, committersMayApprove: true }).kind).toBe("ok");
        expect(reachability(2, 2, false, { authorMayApprove: false, committersMayApprove: true }).kind).toBe("stalls");
    });

    it("never suggests fewer approvals or author approval", () => {
        for (const [users, required] of [[1, 1], [2, 1], [2, 2], [3, 2], [3, 3], [2, 3]]) {
            const r = reachability(required, users, false, strict);
            const text = r.kind === "never" ? neverMessage(r) : r.kind === "stalls" ? stallMessage(r) : "";
            expect(text).not.toMatch(/lower|fewer|allowAuthorApproval|\b0 approvals/);
        }
    });
});

describe("config validation of user-only rules", () => {
    it.each([
        ["1 of 2", ["ana", "bo"], 1, "a merge request authored by one of the 2 named users when another of them pushes a commit to it cannot be approved; add a named user or a group, or allow committer approval"],
        ["2 of 2", ["ana", "bo"], 2, "a merge request authored by any of the 2 named users cannot be approved; add a named user or a group"],
        ["2 of 3", ["ana", "bo", "cy"], 2, "a merge request authored by one of the 3 named users when another of them pushes a commit to it cannot be approved"],
    ] as const)("%s passes in production with a warning that names the stalled merge requests and the remedy", async (_t, users, required, text) => {
        const config = withRule([...users], required, "prod");
        const warnings = warningsOf(config, "prod");
        expect(warnings).toEqual([expect.stringContaining(`${rule0}.approvalsRequired: got ${required}; requires ${required} approval`)]);
        expect(warnings[0]).toContain(text);
        // The program registers the rule as written.
        const { resources } = await evaluate(config, "prod");
        expect(byType(resources, T.approvalRule).map((r) => r.inputs.approvalsRequired)).toEqual([required]);
    });

    it("tags the rule warnings with the pack's advisory, which says them at preview, so the program does not repeat them", async () => {
        const config = withRule(["ana", "bo"], 2);
        expect(parseGovernanceConfig(config, { stack: "dev" }).warnings.map((w) => w.policy)).toEqual(["approval-rules-always-satisfiable"]);
        expect((await evaluate(config)).fleet.warnings).toEqual([]);
    });

    it("refuses 3 of 2 named users, naming the key, and registers nothing", async () => {
        const error = await evaluate(withRule(["ana", "bo"], 3)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConfigValidationError);
        expect((error as Error).message).toContain(`${rule0}.approvalsRequired: got 3; requires 3 approvals but names only 2 users and no group, so no merge request could ever be approved; add users or a group`);
        expect(recorded.resources).toHaveLength(0);
    });

    it("code owners: a section needing 2 of 3 named owners passes with a warning the program itself shows; 3 of 2 is refused", async () => {
        const config = baseConfig();
        config.automationUser = "ml-bot";
        config.repositories[0].codeOwners = { sections: [{ name: "Training", approvalsRequired: 2, rules: [{ pattern: "/training/", users: ["ana", "bo", "cy"] }] }] };
        const path = "ml-model-governance:repositories[0].codeOwners.sections[0].rules[0].users";
        const { fleet } = await evaluate(config);
        expect(fleet.warnings.map(renderIssue)).toEqual([
            expect.stringMatching(new RegExp(`^${path.replace(/[[\].]/g, "\\$&")}: got \\["ana","bo","cy"\\]; the section requires 2 approvals from 3 named users .* changes to /training/ wait for owners who cannot approve`)),
        ]);
        config.repositories[0].codeOwners.sections[0].rules[0].users = ["ana", "bo"];
        config.repositories[0].codeOwners.sections[0].approvalsRequired = 3;
        const error = await evaluate(config).catch((e: unknown) => e);
        expect((error as Error).message).toContain(`${path}: got ["ana","bo"]; the section requires 3 approvals but names only 2 users and no group`);
    });
});
