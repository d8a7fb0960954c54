import { byType, evaluate, gitlab, promiseOf } from "./support/harness";
import { fixtureConfig } from "./support/stackFile";
import { T } from "./support/tokens";

describe("the prod fixture (test/fixtures/stacks/prod.yaml)", () => {
    it("registers one protected, retained project with a strict protected default branch", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const [project] = byType(resources, T.project);
        expect(byType(resources, T.project)).toHaveLength(1);
        expect(project).toMatchObject({ protect: true, retainOnDelete: true });
        expect(project.inputs).toMatchObject({
            name: "Fraud Detection Model",
            path: "fraud-detection-model",
            namespaceId: gitlab.groupId("acme-ml/models"),
            visibilityLevel: "private",
            defaultBranch: "main",
            archiveOnDestroy: true,
            initializeWithReadme: true,
        });

        const protections = byType(resources, T.branchProtection);
        expect(protections).toHaveLength(1);
        expect(protections[0].inputs).toEqual({
            project: expect.any(String),
            branch: "main",
            allowForcePush: false,
            codeOwnerApprovalRequired: true,
            // Nobody pushes, except the token's user, which commits the managed CODEOWNERS.
            allowedToPushes: [{ accessLevel: "no one" }, { userId: gitlab.userId("ml-governance-bot") }],
            allowedToMerges: [{ accessLevel: "maintainer" }],
            // Maintainer, not admin: GitLab refuses a protection the (non-admin) token could not remove.
            allowedToUnprotects: [{ accessLevel: "maintainer" }],
        });
        // The provider rejects the CE-only inputs on EE builds.
        expect(protections[0].inputs).not.toHaveProperty("pushAccessLevel");
        expect(protections[0].inputs).not.toHaveProperty("mergeAccessLevel");
    });

    it("scopes every approval rule to the branch protection and needs two named approvals", async () => {
        const { resources, fleet } = await evaluate(fixtureConfig("prod"), "prod");
        const projectId = await promiseOf(fleet.components[0].projectId);
        const branchProtectionId = await promiseOf(fleet.components[0].branchProtectionId);
        const rules = byType(resources, T.approvalRule).sort((a, b) => a.name.localeCompare(b.name));

        expect(rules.map((r) => r.inputs.name)).toEqual(["Data stewards", "ML leads"]);
        for (const rule of rules) {
            expect(rule.inputs).toMatchObject({ project: projectId, ruleType: "regular", protectedBranchIds: [branchProtectionId] });
            // The provider refuses protectedBranchIds beside appliesToAllProtectedBranches, even `false`.
            expect(rule.inputs).not.toHaveProperty("appliesToAllProtectedBranches");
            expect(rule.inputs).not.toHaveProperty("mergeRequestsAuthorApproval");
        }
        expect(rules[1].inputs).toMatchObject({
            approvalsRequired: 2,
            userIds: ["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor"].map((u) => gitlab.userId(u)),
            groupIds: [],
        });
        expect(rules[0].inputs).toMatchObject({ approvalsRequired: 1, userIds: [], groupIds: [gitlab.groupId("acme-ml/data-stewards")] });
    });

    it("turns off author and committer approval on the project, resets approvals on push", async () => {
        const { resources, fleet } = await evaluate(fixtureConfig("prod"), "prod");
        const settings = byType(resources, T.mrApprovals);
        expect(settings).toHaveLength(1);
        expect(settings[0].inputs).toEqual({
            project: await promiseOf(fleet.components[0].projectId),
            mergeRequestsAuthorApproval: false,
            mergeRequestsDisableCommittersApproval: true,
            resetApprovalsOnPush: true,
            disableOverridingApproversPerMergeRequest: true,
            requireReauthenticationToApprove: true,
            selectiveCodeOwnerRemovals: false,
        });
    });

    it("parents every GitLab resource under one ModelGovernance component and pins the provider", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const [component] = byType(resources, T.component);
        const gitlabResources = resources.filter((r) => r.type.startsWith("gitlab:"));
        expect(gitlabResources.map((r) => r.type.split(":").pop()).sort()).toEqual([
            "BranchProtection",
            "Project",
            "ProjectApprovalRule",
            "ProjectApprovalRule",
            "ProjectFreezePeriod",
            "ProjectLevelMrApprovals",
            "ProjectMembership",
            "ProjectMembership",
            "ProjectMembership",
            "ProjectMembership",
            "ProjectMembership",
            "ProjectProtectedEnvironment",
            "ProjectPushRules",
            "ProjectShareGroup",
            "ProjectShareGroup",
            "ProjectShareGroup",
            "ProjectShareGroup",
            "RepositoryFile",
            "TagProtection",
        ]);
        for (const r of gitlabResources) {
            expect(r.parent).toContain(`${T.component}::${component.name}`);
            expect(r.version).toBe("10.1.1");
        }
    });

    it("exports projectUrl as the project's webUrl and an auditor-readable summary", async () => {
        const { fleet } = await evaluate(fixtureConfig("prod"), "prod");
        const url = await promiseOf(fleet.projectUrl);
        expect(url).toBe("https://gitlab.example.com/acme-ml/models/fraud-detection-model");
        expect(url).toBe(await promiseOf(fleet.components[0].webUrl));
        const summary = fleet.governance;
        expect(summary).toMatchObject({ environment: "prod", production: true, tier: "premium", providerVersion: "10.1.1" });
        expect(summary.repositories[0].approvalRules[0]).toEqual({
            name: "ML leads",
            approvalsRequired: 2,
            users: ["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor"],
            groups: [],
        });
        expect(await promiseOf(summary.repositories[0].url)).toBe(url);
        expect(Object.keys(fleet.repositories)).toEqual(["fraud-detection-model"]);
        expect(fleet.repositories["fraud-detection-model"].approvalRules).toEqual(summary.repositories[0].approvalRules);
        expect(fleet.components[0].approvalRules.map((r) => `${r.name}: ${r.approvalsRequired} of ${[...r.users, ...r.groups].join(", ")}`)).toEqual([
            "ML leads: 2 of priya.raman, marcus.chen, elena.petrova, nadia.okafor",
            "Data stewards: 1 of acme-ml/data-stewards",
        ]);
    });
});

describe("the dev fixture (test/fixtures/stacks/dev.yaml)", () => {
    it("registers a relaxed project: one approval, developers merge, not protected from destroy", async () => {
        const { resources } = await evaluate(fixtureConfig("dev"), "dev");
        const [project] = byType(resources, T.project);
        expect(project).toMatchObject({ protect: false, retainOnDelete: false });
        expect(project.inputs).toMatchObject({ archiveOnDestroy: true, namespaceId: gitlab.groupId("acme-ml/sandbox") });

        const [protection] = byType(resources, T.branchProtection);
        expect(protection.inputs).toMatchObject({ allowForcePush: false, allowedToMerges: [{ accessLevel: "developer" }], codeOwnerApprovalRequired: false });

        const rules = byType(resources, T.approvalRule);
        expect(rules).toHaveLength(1);
        expect(rules[0].inputs).toMatchObject({ approvalsRequired: 1, groupIds: [gitlab.groupId("acme-ml/ml-reviewers")], userIds: [] });

        const [settings] = byType(resources, T.mrApprovals);
        expect(settings.inputs).toMatchObject({ mergeRequestsAuthorApproval: false, mergeRequestsDisableCommittersApproval: true, resetApprovalsOnPush: false });
    });
});
