// Named approvers GitLab would silently ignore, and the token's user as an
// approver: refused in production, warned of elsewhere, decided from the
// membership lookups the program makes anyway.
import { ConfigValidationError, renderIssue } from "../src/config";
import { GitLabLookupError } from "../src/governance/principals";
import { byType, evaluate, gitlab, recorded } from "./support/harness";
import { baseConfig } from "./support/configs";
import { T } from "./support/tokens";

const LEGACY = "acme-ml/models/legacy-ranker";
const FOUR = ["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor"];

function adopted(environment: string): Record<string, any> {
    const config = baseConfig();
    config.environment = environment;
    config.repositories = [{ existing: LEGACY, approvalRules: [{ name: "ML leads", approvalsRequired: 2, users: FOUR }] }];
    return config;
}

describe("named approvers GitLab would ignore", () => {
    it("refuses an adopted production project whose four named approvers are not members, naming each key and the remedies", async () => {
        const error = await evaluate(adopted("prod"), "prod").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        const issues = (error as GitLabLookupError).issues;
        expect(issues.map((i) => i.path.join("."))).toEqual(FOUR.map((_, k) => `repositories.0.approvalRules.0.users.${k}`));
        expect(renderIssue(issues[0])).toBe(
            `ml-model-governance:repositories[0].approvalRules[0].users[0]: got "priya.raman"; is named as an approver, but GitLab would ignore them: they have no Developer access to ${LEGACY} (directly, through its groups, or through a group it is shared with), and addApproversAsMembers is off; set addApproversAsMembers: true, make them a Developer of ${LEGACY}, or name a group instead`,
        );
        expect(byType(recorded.resources, T.approvalRule)).toEqual([]);
    });

    it("warns outside production, and registers the rules as written", async () => {
        const { fleet, resources } = await evaluate(adopted("dev"), "dev");
        expect(fleet.warnings.map((w) => w.path.join("."))).toEqual(FOUR.map((_, k) => `repositories.0.approvalRules.0.users.${k}`));
        expect(byType(resources, T.approvalRule)).toHaveLength(1);
    });

    it("passes when GitLab already makes them eligible: direct members, through the project's groups, at Developer or more", async () => {
        gitlab.direct.set(LEGACY, [["priya.raman", "developer"], ["marcus.chen", "maintainer"]]);
        gitlab.inherited.set(LEGACY, [["elena.petrova", "owner"], ["nadia.okafor", "developer"]]);
        const { fleet } = await evaluate(adopted("prod"), "prod");
        expect(fleet.warnings).toEqual([]);
    });

    it("counts Reporter as not eligible", async () => {
        gitlab.inherited.set(LEGACY, [["priya.raman", "developer"], ["marcus.chen", "developer"], ["elena.petrova", "developer"], ["nadia.okafor", "reporter"]]);
        const error = (await evaluate(adopted("prod"), "prod").catch((e: unknown) => e)) as GitLabLookupError;
        expect(error.issues.map((i) => i.value)).toEqual(["nadia.okafor"]);
    });

    it("uses the namespace's members for a created project with memberships turned off, and a group the project is shared with", async () => {
        const config = baseConfig();
        config.environment = "prod";
        config.automationUser = "ml-bot";
        config.repositories[0].addApproversAsMembers = false;
        config.repositories[0].approvalRules = [{ name: "Leads", approvalsRequired: 1, users: ["priya.raman", "marcus.chen"] }];
        // Code owners in acme-ml/reviewers: the program shares the project with it at Developer.
        config.repositories[0].codeOwners = { rules: [{ pattern: "*", groups: ["acme-ml/reviewers"] }] };
        gitlab.inherited.set("acme-ml/models", [["priya.raman", "maintainer"]]);
        gitlab.inherited.set("acme-ml/reviewers", [["marcus.chen", "developer"]]);
        const { fleet } = await evaluate(config, "prod");
        // Only the production model registry's warning, naming the shared group (modelRegistry.test.ts).
        expect(fleet.warnings.map((w) => w.path.join("."))).toEqual(["repositories.0.modelRegistry.registry"]);

        // A share caps what its members get: at Reporter, marcus would not count.
        config.repositories[0].sharedGroupAccess = "reporter";
        config.repositories[0].codeOwners = undefined;
        config.repositories[0].promotionGate = { deployers: { accessLevel: "maintainer" }, approvals: [{ group: "acme-ml/reviewers" }] };
        config.repositories[0].releaseTags = [{ pattern: "v*" }];
        const error = (await evaluate(config, "prod").catch((e: unknown) => e)) as GitLabLookupError;
        expect(error.issues.map((i) => `${i.path.join(".")} ${String(i.value)}`)).toEqual(["repositories.0.approvalRules.0.users.1 marcus.chen"]);
    });

    it("is not judged offline: npm run check's mock run reports it as verified at preview instead", async () => {
        const { runUnderMocks } = await import("../src/check/mockRun");
        const run = await runUnderMocks(adopted("prod"), "prod", gitlab, { membershipsKnown: false });
        expect(run.fleet.warnings.map(renderIssue)).toEqual([
            expect.stringContaining(`ml-model-governance:repositories[0].addApproversAsMembers: got false; not verifiable offline: GitLab ignores named approvers without Developer access to the project, and this program makes no memberships here (${FOUR.join(", ")}); \`pulumi preview\` checks them against GitLab's members and refuses any it would ignore`),
        ]);
    });
});

describe("the automation user as an approver", () => {
    function prod(mutate: (repo: Record<string, any>) => void): Record<string, any> {
        const config = baseConfig();
        config.environment = "prod";
        config.automationUser = "ml-governance-bot";
        mutate(config.repositories[0]);
        return config;
    }
    const message = "expected someone other than ml-model-governance:automationUser (ml-governance-bot) as";

    it.each([
        ["an approval rule user", (r: Record<string, any>) => r.approvalRules[0].users.push("ML-Governance-Bot"), "approvalRules[0].users[3]", "an approver"],
        ["a code owner", (r: Record<string, any>) => (r.codeOwners = { rules: [{ pattern: "*", users: ["ml-governance-bot", "priya.raman"] }] }), "codeOwners.rules[0].users[0]", "a code owner"],
        ["a promotion-gate approver", (r: Record<string, any>) => (r.promotionGate = { deployers: { accessLevel: "maintainer" }, approvals: [{ user: "ml-governance-bot" }] }), "promotionGate.approvals[0].user", "a promotion approver"],
    ])("is refused in production as %s, naming the key", async (_t, mutate, key, role) => {
        const error = await evaluate(prod(mutate), "prod").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConfigValidationError);
        expect((error as Error).message).toContain(`ml-model-governance:repositories[0].${key}: got`);
        expect((error as Error).message).toContain(`${message} ${role} in a production stack: whoever holds the CI token could approve model changes as that user`);
        expect(recorded.invokes).toHaveLength(0);
    });

    it("may deploy, create release tags, and approve outside production", async () => {
        const gate = (r: Record<string, any>) => {
            r.promotionGate = { deployers: { users: ["ml-governance-bot"] }, approvals: [{ user: "jonas.weber" }] };
            r.releaseTags = [{ pattern: "model-v*", users: ["ml-governance-bot"] }];
        };
        await expect(evaluate(prod(gate), "prod")).resolves.toBeDefined();
        const dev = prod((r) => r.approvalRules[0].users.push("ml-governance-bot"));
        dev.environment = "dev";
        await expect(evaluate(dev, "dev")).resolves.toBeDefined();
    });

    it("is refused by id once the lookup says whose id it is", async () => {
        const config = prod((r) => r.approvalRules[0].users.push(gitlab.userId("ml-governance-bot")));
        const error = (await evaluate(config, "prod").catch((e: unknown) => e)) as GitLabLookupError;
        expect(error).toBeInstanceOf(GitLabLookupError);
        expect(error.issues.map((i) => i.path.join("."))).toEqual(["repositories.0.approvalRules.0.users.3"]);
        expect(error.message).toContain(`is automationUser's id; ${message} an approver`);
    });
});
