import { parseGovernanceConfig, readNamespace, renderPath, slug } from "../src/config";
import { refMatches } from "../src/config/refMatcher";
import { suggest } from "../src/config/issues";
import { mergeDefaults, originOf } from "../src/config/merge";
import type { ProtectedBranch } from "../src/config";
import { branchProtectionInputs } from "../src/governance/branchProtectionInputs";
import { mergeRequestApprovalInputs } from "../src/governance/mergeRequestApprovalInputs";

const branch: ProtectedBranch = {
    branch: "main",
    pushAccessLevel: "no one",
    mergeAccessLevel: "maintainer",
    unprotectAccessLevel: "maintainer",
    allowForcePush: false,
    codeOwnerApprovalRequired: true,
};

describe("branchProtectionInputs", () => {
    it("uses allowedTo* entries on Premium and Ultimate EE, with unprotect and code owner settings, never the CE-only access levels", () => {
        for (const tier of ["premium", "ultimate"] as const) {
            expect(branchProtectionInputs(branch, "ee", tier)).toEqual({
                allowedToPushes: [{ accessLevel: "no one" }],
                allowedToMerges: [{ accessLevel: "maintainer" }],
                allowedToUnprotects: [{ accessLevel: "maintainer" }],
                allowForcePush: false,
                codeOwnerApprovalRequired: true,
            });
        }
    });

    it("uses allowedTo* access levels on Free EE (gitlab.com Free, unlicensed EE), since the provider refuses the CE inputs on any EE build", () => {
        expect(branchProtectionInputs(branch, "ee", "free", [42])).toEqual({ allowedToPushes: [{ accessLevel: "no one" }], allowedToMerges: [{ accessLevel: "maintainer" }], allowForcePush: false });
    });

    it("adds the token's user to the push entries only where the level shuts out Maintainers, never beside a maintainer role entry", () => {
        const pushes = (pushAccessLevel: ProtectedBranch["pushAccessLevel"]) => branchProtectionInputs({ ...branch, pushAccessLevel }, "ee", "premium", [42]).allowedToPushes;
        expect(pushes("no one")).toEqual([{ accessLevel: "no one" }, { userId: 42 }]);
        expect(pushes("admin")).toEqual([{ accessLevel: "admin" }, { userId: 42 }]);
        // The token's user administers the project, so it is a Maintainer and already passes these.
        expect(pushes("maintainer")).toEqual([{ accessLevel: "maintainer" }]);
        expect(pushes("developer")).toEqual([{ accessLevel: "developer" }]);
    });

    it("uses push/merge access levels on Community Edition, and nothing CE rejects", () => {
        expect(branchProtectionInputs(branch, "ce", "free")).toEqual({ pushAccessLevel: "no one", mergeAccessLevel: "maintainer", allowForcePush: false });
    });
});

describe("mergeRequestApprovalInputs", () => {
    it("translates the allow… settings into the provider's polarity", () => {
        expect(
            mergeRequestApprovalInputs({
                allowAuthorApproval: false,
                allowCommitterApproval: true,
                resetApprovalsOnPush: false,
                allowOverridingApproversPerMergeRequest: true,
                requireReauthenticationToApprove: true,
                selectiveCodeOwnerRemovals: true,
            }),
        ).toEqual({
            mergeRequestsAuthorApproval: false,
            mergeRequestsDisableCommittersApproval: false,
            resetApprovalsOnPush: false,
            disableOverridingApproversPerMergeRequest: false,
            requireReauthenticationToApprove: true,
            selectiveCodeOwnerRemovals: true,
        });
    });
});

describe("config helpers", () => {
    it("slugs display names like GitLab does", () => {
        expect(slug("Fraud Detection Model")).toBe("fraud-detection-model");
        expect(slug("  LLM: Eval / Harness v2 ")).toBe("llm-eval-harness-v2");
        expect(slug("***")).toBe("");
    });

    it("merges defaults: objects key by key, lists and scalars replace", () => {
        const merged = mergeDefaults(
            { visibility: "private", topics: ["a"], protectedBranch: { pushAccessLevel: "no one", allowForcePush: false } },
            { topics: ["b"], protectedBranch: { allowForcePush: true } },
        );
        expect(merged).toEqual({ visibility: "private", topics: ["b"], protectedBranch: { pushAccessLevel: "no one", allowForcePush: true } });
    });

    it("points a merged value at the place it was written", () => {
        const defaults = { protectedBranch: { pushAccessLevel: "x" }, approvalRules: [{ name: "a" }] };
        const repo = { protectedBranch: { branch: "main" }, approvalRules: [{ name: "b" }] };
        const layers = (entry: unknown, index = 2) => [{ prefix: ["repositories", index], value: entry }, { prefix: ["defaults"], value: defaults }];
        expect(originOf(["protectedBranch", "pushAccessLevel"], layers(repo))).toEqual(["defaults", "protectedBranch", "pushAccessLevel"]);
        expect(originOf(["protectedBranch", "branch"], layers(repo))).toEqual(["repositories", 2, "protectedBranch", "branch"]);
        expect(originOf(["approvalRules", 0, "name"], layers(repo))).toEqual(["repositories", 2, "approvalRules", 0, "name"]);
        expect(originOf(["approvalRules", 0, "name"], layers({}, 0))).toEqual(["defaults", "approvalRules", 0, "name"]);
    });

    it("points at the environment's shared defaults when neither the entry nor the stack's defaults set the value", () => {
        const shared = { prefix: ["environmentDefaults", "prod"], value: { protectedBranch: { pushAccessLevel: "no one", allowForcePush: false }, topics: ["x"] } };
        const stack = { prefix: ["defaults"], value: { protectedBranch: { allowForcePush: true } } };
        const entry = { prefix: ["repositories", 0], value: { protectedBranch: { branch: "main" } } };
        expect(originOf(["protectedBranch", "pushAccessLevel"], [entry, stack, shared])).toEqual(["environmentDefaults", "prod", "protectedBranch", "pushAccessLevel"]);
        expect(originOf(["protectedBranch", "allowForcePush"], [entry, stack, shared])).toEqual(["defaults", "protectedBranch", "allowForcePush"]);
        expect(originOf(["topics", 0], [entry, stack, shared])).toEqual(["environmentDefaults", "prod", "topics", 0]);
        expect(originOf(["visibility"], [entry, stack, shared])).toEqual(["repositories", 0, "visibility"]);
    });

    it("renders key paths as Pulumi config paths", () => {
        expect(renderPath(["repositories", 0, "approvalRules", 1, "approvalsRequired"])).toBe("ml-model-governance:repositories[0].approvalRules[1].approvalsRequired");
        expect(renderPath(["defaults", "odd key"])).toBe('ml-model-governance:defaults["odd key"]');
    });

    it("suggests only near misses", () => {
        expect(suggest("aprovalRules", ["approvalRules", "protectedBranch"])).toBe("approvalRules");
        expect(suggest("colour", ["approvalRules", "protectedBranch"])).toBeUndefined();
    });

    it("reads only this namespace, JSON for structured values, text for scalars", () => {
        expect(
            readNamespace({
                "ml-model-governance:repositories": '[{"name":"a"}]',
                "ml-model-governance:environment": "2026",
                "ml-model-governance:production": "true",
                "ml-model-governance:tier": "premium",
                "gitlab:token": "secret",
            }),
        ).toEqual({ repositories: [{ name: "a" }], environment: "2026", production: true, tier: "premium" });
    });
});

describe("refMatches (GitLab's Gitlab::RefMatcher)", () => {
    it.each([
        ["main", "main", true],
        ["main", "Main", false],
        ["m*n", "main", true],
        ["release/*", "release/1.2/hotfix", true],
        ["release/*", "main", false],
        ["*", "anything/at/all", true],
        ["v1.*", "v1x", false], // the dot is literal
        ["", "main", false],
    ])("%s covers %s: %s", (pattern, ref, expected) => {
        expect(refMatches(pattern, ref)).toBe(expected);
    });

    it("lets a created project protect release/* with code owners and no automationUser: the default branch main is not the protected one", () => {
        const config = (branch: string) => ({
            repositories: [{ name: "Churn", namespace: "acme-ml/models", protectedBranch: { branch }, codeOwners: { rules: [{ pattern: "*", groups: ["acme-ml/leads"] }] } }],
        });
        expect(() => parseGovernanceConfig(config("release/*"), { stack: "dev" })).not.toThrow();
        expect(() => parseGovernanceConfig(config("ma*"), { stack: "dev" })).toThrow(/codeOwners: expected ml-model-governance:automationUser to be set/);
    });
});

describe("which environment is production", () => {
    const production = (environment: string) => parseGovernanceConfig({ environment, repositories: [{ name: "Churn" }] }, { stack: "s" }).production;
    it.each([
        ["prod", true],
        ["Production", true],
        ["eu/prod", false],
        ["preprod", false],
        ["dev", false],
    ])("%s: %s (the whole name, ignoring case)", (environment, expected) => {
        expect(production(environment)).toBe(expected);
    });
});
