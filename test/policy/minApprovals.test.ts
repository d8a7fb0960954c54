import { minApprovalsOnProtectedBranches as policy } from "../../policy/policies";
import { UNKNOWN_VALUE, urnOfFake, violationsOf } from "../../src/check/policyArgs";
import { component, governedRepository, project, protection, rule } from "./support/fixtures";

describe("min-approvals-on-protected-branches", () => {
    it("passes when the strongest rule on the protected branch needs 2, even beside a 1-approval rule", async () => {
        expect(await violationsOf(policy, governedRepository())).toEqual([]);
    });

    it("flags a protected branch whose rules need only 1 approval each, at the rule to raise", async () => {
        const leads = rule("ML leads", { approvalsRequired: 1 });
        const found = await violationsOf(policy, [component(), project(), protection(), leads, rule("Data stewards", { approvalsRequired: 1 })]);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ policy: "min-approvals-on-protected-branches", level: "mandatory", urn: urnOfFake(leads) });
        expect(found[0].message).toContain('merge requests into protected branch "main" of project acme-ml/models/fraud need only 1 approval(s); expected at least 2');
    });

    it("judges any_approver rules for all protected branches the same way", async () => {
        const anyApprover = (n: number) => rule("Any", { ruleType: "any_approver", approvalsRequired: n, appliesToAllProtectedBranches: true, protectedBranchIds: [] });
        expect(await violationsOf(policy, [project(), protection(), anyApprover(1)])).toHaveLength(1);
        expect(await violationsOf(policy, [project(), protection(), anyApprover(2)])).toEqual([]);
    });

    it("does not judge a rule that names no protected branch", async () => {
        const unscoped = rule("Everyone", { approvalsRequired: 1, protectedBranchIds: [] });
        expect(await violationsOf(policy, [project(), protection(), unscoped])).toEqual([]);
    });

    it("takes the minimum from policy config", async () => {
        const found = await violationsOf(policy, governedRepository(), { minApprovals: 3 });
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain("need only 2 approval(s); expected at least 3");
    });

    it("judges each protected branch on its own rules plus rules for all protected branches", async () => {
        const release = protection({ branch: "release", branchProtectionId: 502 }, { name: "release-protection" });
        const weakRelease = rule("Release", { approvalsRequired: 1, protectedBranchIds: [502] });
        const found = await violationsOf(policy, [project(), protection(), release, rule("ML leads"), weakRelease]);
        expect(found.map((v) => v.urn)).toEqual([urnOfFake(weakRelease)]);
        expect(found[0].message).toContain('protected branch "release"');

        const forAll = rule("All", { approvalsRequired: 2, appliesToAllProtectedBranches: true, protectedBranchIds: [] });
        expect(await violationsOf(policy, [project(), protection(), release, rule("ML leads"), weakRelease, forAll])).toEqual([]);
    });

    it("keeps projects apart", async () => {
        const other = rule("Other", { project: "202", approvalsRequired: 1, protectedBranchIds: [777] }, { name: "other-rule", parent: undefined });
        const found = await violationsOf(policy, [...governedRepository(), other]);
        expect(found.map((v) => v.urn)).toEqual([urnOfFake(other)]);
        expect(found[0].message).toContain("protected branch id 777 of project 202");
    });

    describe("in a preview, with ids unknown", () => {
        const unknownIds = (approvals: [number | string, number | string]) => [
            component(),
            project({ id: UNKNOWN_VALUE, pathWithNamespace: UNKNOWN_VALUE }),
            protection({ project: UNKNOWN_VALUE, branchProtectionId: UNKNOWN_VALUE }),
            rule("ML leads", { project: UNKNOWN_VALUE, protectedBranchIds: [UNKNOWN_VALUE], approvalsRequired: approvals[0] }),
            rule("Data stewards", { project: UNKNOWN_VALUE, protectedBranchIds: [UNKNOWN_VALUE], approvalsRequired: approvals[1] }),
        ];

        it("judges the project's rules together, grouped by their parent component", async () => {
            expect(await violationsOf(policy, unknownIds([2, 1]))).toEqual([]);
            const found = await violationsOf(policy, unknownIds([1, 1]));
            expect(found).toHaveLength(1);
            expect(found[0].message).toContain("into its protected branches of project fraud need only 1");
        });

        it("skips, without an error, when an approval count is unknown", async () => {
            expect(await violationsOf(policy, unknownIds([UNKNOWN_VALUE, 1]))).toEqual([]);
        });
    });
});
