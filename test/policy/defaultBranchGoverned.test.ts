import { defaultBranchGoverned as policy } from "../../policy/policies";
import { UNKNOWN_VALUE, urnOfFake, violationsOf } from "../../src/check/policyArgs";
import { component, governedRepository, project, protection, rule } from "./support/fixtures";

const theProject = project();

describe("default-branch-governed", () => {
    it("passes a project with one protection on its default branch and a rule requiring approval there", async () => {
        expect(await violationsOf(policy, governedRepository())).toEqual([]);
    });

    it("flags a project with no protection on its default branch, at the project", async () => {
        for (const resources of [[theProject, rule("ML leads")], [theProject, protection({ branch: "develop" }), rule("ML leads")]]) {
            const found = await violationsOf(policy, resources);
            expect(found).toEqual([expect.objectContaining({ level: "mandatory", urn: urnOfFake(theProject), message: expect.stringContaining('has no BranchProtection on its default branch "main"') })]);
        }
    });

    it("flags two protections on the default branch", async () => {
        const second = protection({ branchProtectionId: 502 }, { name: "second-protection" });
        const found = await violationsOf(policy, [theProject, protection(), second, rule("ML leads")]);
        expect(found).toEqual([expect.objectContaining({ urn: urnOfFake(second), message: expect.stringContaining("has 2 BranchProtections") })]);
    });

    it("flags a project without an approval rule that requires approval on the default branch", async () => {
        const cases = [[], [rule("Nobody", { approvalsRequired: 0 })], [rule("Elsewhere", { protectedBranchIds: [999] })]];
        for (const rules of cases) {
            const found = await violationsOf(policy, [theProject, protection(), ...rules]);
            expect(found.map((v) => v.message)).toEqual([expect.stringContaining("has no ProjectApprovalRule requiring approval")]);
        }
    });

    it("accepts a rule for all protected branches or for all branches", async () => {
        const all = rule("All", { appliesToAllProtectedBranches: true, protectedBranchIds: [] });
        const everywhere = rule("Everywhere", { protectedBranchIds: undefined });
        expect(await violationsOf(policy, [theProject, protection(), all])).toEqual([]);
        expect(await violationsOf(policy, [theProject, protection(), everywhere])).toEqual([]);
    });

    it("does not require a rule when config says so (GitLab Free)", async () => {
        expect(await violationsOf(policy, [theProject, protection()], { requireApprovalRule: false })).toEqual([]);
    });

    it("does not require a rule where the program declares tier free, unless config asks for one", async () => {
        const free = { ...component(), props: { environment: { name: "dev", production: false, tier: "free", edition: "ce" } } };
        expect(await violationsOf(policy, [free, theProject, protection()])).toEqual([]);
        expect(await violationsOf(policy, [free, theProject, protection()], { requireApprovalRule: true })).toHaveLength(1);
        const premium = { ...free, props: { environment: { ...free.props.environment, tier: "premium" } } };
        expect(await violationsOf(policy, [premium, theProject, protection()])).toHaveLength(1);
    });

    it("ignores projects the stack neither creates nor protects", async () => {
        const adopted = rule("Adopted", { project: "202", approvalsRequired: 0 }, { parent: undefined, name: "adopted-rule" });
        expect(await violationsOf(policy, [...governedRepository(), adopted])).toEqual([]);
    });

    it("flags an adopted project it protects without a rule that requires approval there", async () => {
        const adoptedProtection = protection({ project: "202", branch: "trunk", branchProtectionId: 777 }, { parent: undefined, name: "adopted-protection" });
        const found = await violationsOf(policy, [...governedRepository(), adoptedProtection]);
        expect(found).toEqual([expect.objectContaining({ urn: urnOfFake(adoptedProtection), message: expect.stringContaining("adopted project 202 is protected by this stack but has no ProjectApprovalRule") })]);
        const guarded = rule("Adopted", { project: "202", approvalsRequired: 1, protectedBranchIds: [777] }, { parent: undefined, name: "adopted-rule" });
        expect(await violationsOf(policy, [...governedRepository(), adoptedProtection, guarded])).toEqual([]);
    });

    describe("in a preview", () => {
        const previewProject = project({ id: UNKNOWN_VALUE, defaultBranch: UNKNOWN_VALUE });
        const previewRule = rule("ML leads", { project: UNKNOWN_VALUE, protectedBranchIds: [UNKNOWN_VALUE] });

        it("lets any protection of the project stand for a default branch it cannot know yet", async () => {
            const trunk = protection({ project: UNKNOWN_VALUE, branch: "trunk", branchProtectionId: UNKNOWN_VALUE });
            expect(await violationsOf(policy, [component(), previewProject, trunk, previewRule])).toEqual([]);
        });

        it("still flags a project with no protection at all", async () => {
            const found = await violationsOf(policy, [component(), previewProject, previewRule]);
            expect(found.map((v) => v.message)).toEqual([expect.stringContaining("has no BranchProtection on its default branch:")]);
        });
    });
});
