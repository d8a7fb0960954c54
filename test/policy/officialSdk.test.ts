import { GITLAB, policies } from "../../policy/policies";
import { asStack, runPack, UNKNOWN_VALUE, urnOf, type FakeResource } from "../../src/check/policyArgs";

/**
 * The official-SDK example of docs/policy-pack.md as a first preview sees it:
 * top-level resources, no component, every id unknown. The pack places the
 * children through their `project` property's dependency on the Project.
 */
function officialSdkStack(change: { approvalsRequired?: number; protect?: boolean } = {}): FakeResource[] {
    const projectUrn = urnOf(GITLAB.project, "churn-model");
    const dependsOnProject = { project: [projectUrn] };
    return [
        { type: GITLAB.project, name: "churn-model", protect: change.protect ?? true, props: { name: "Churn model", defaultBranch: "main", onlyAllowMergeIfPipelineSucceeds: true, id: UNKNOWN_VALUE } },
        {
            type: GITLAB.branchProtection,
            name: "churn-main",
            propertyDependencies: dependsOnProject,
            props: { project: UNKNOWN_VALUE, branch: "main", allowForcePush: false, allowedToPushes: [{ accessLevel: "no one" }], allowedToMerges: [{ accessLevel: "maintainer" }], branchProtectionId: UNKNOWN_VALUE },
        },
        {
            type: GITLAB.mrApprovals,
            name: "churn-approvals",
            propertyDependencies: dependsOnProject,
            props: { project: UNKNOWN_VALUE, mergeRequestsAuthorApproval: false, mergeRequestsDisableCommittersApproval: true, resetApprovalsOnPush: true, disableOverridingApproversPerMergeRequest: true },
        },
        {
            type: GITLAB.approvalRule,
            name: "churn-leads",
            propertyDependencies: dependsOnProject,
            props: { project: UNKNOWN_VALUE, name: "ML leads", approvalsRequired: change.approvalsRequired ?? 2, groupIds: [4242], protectedBranchIds: [UNKNOWN_VALUE] },
        },
    ];
}

describe("a stack written with the official @pulumi/gitlab SDK", () => {
    it("passes every policy in production", async () => {
        expect(await asStack("production", () => runPack(policies, officialSdkStack()))).toEqual([]);
    });

    it("is flagged for one approval and for an unprotected project", async () => {
        const weak = await asStack("production", () => runPack(policies, officialSdkStack({ approvalsRequired: 1, protect: false })));
        expect(weak.map((v) => v.policy).sort()).toEqual(["min-approvals-on-protected-branches", "production-projects-protected"]);
    });

    it("stays quiet, rather than guess, about children it cannot place in a preview", async () => {
        // Without the dependency the top-level children cannot be tied to the project until ids are known.
        const detached = officialSdkStack({ approvalsRequired: 1 }).map((r) => ({ ...r, propertyDependencies: undefined }));
        const found = await asStack("production", () => runPack(policies, detached));
        expect(found).toEqual([]);
    });
});
