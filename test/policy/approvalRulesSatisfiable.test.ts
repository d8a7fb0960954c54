import { approvalRulesSatisfiable as policy, noEmptyApprovalRulesInProduction } from "../../policy/policies";
import { asStack, UNKNOWN_VALUE, urnOfFake, violationsOf } from "../../src/check/policyArgs";
import { governedRepository, mrApprovals, project, protection, rule } from "./support/fixtures";

const usersOnly = (count: number, approvalsRequired: number) => rule("Leads", { userIds: Array.from({ length: count }, (_, i) => 10 + i), groupIds: [], approvalsRequired });

describe("approval-rules-satisfiable", () => {
    it("passes a users-only rule that the remaining users can satisfy once author and a committer are out", async () => {
        expect(await violationsOf(policy, [project(), protection(), usersOnly(4, 2), mrApprovals()])).toEqual([]);
        expect(await violationsOf(policy, governedRepository())).toEqual([]);
    });

    it("flags a users-only rule that needs more approvals than can be relied on, at the rule", async () => {
        const leads = usersOnly(3, 2);
        const found = await violationsOf(policy, [project(), protection(), leads, mrApprovals()]);
        expect(found).toEqual([expect.objectContaining({ level: "mandatory", urn: urnOfFake(leads), message: expect.stringContaining("at most 1 can be relied on") })]);
    });

    it("counts committers back in when committer approval is allowed, and the author too when author approval is", async () => {
        expect(await violationsOf(policy, [project(), protection(), usersOnly(3, 2), mrApprovals({ mergeRequestsDisableCommittersApproval: false })])).toEqual([]);
        expect(await violationsOf(policy, [project(), protection(), usersOnly(3, 3), mrApprovals({ mergeRequestsDisableCommittersApproval: false, mergeRequestsAuthorApproval: true })])).toEqual([]);
    });

    it("leaves rules with a group, and rules whose approvers are unknown in a preview, alone", async () => {
        expect(await violationsOf(policy, [project(), protection(), rule("Leads", { userIds: [1], groupIds: [7], approvalsRequired: 5 }), mrApprovals()])).toEqual([]);
        expect(await violationsOf(policy, [project(), protection(), rule("Leads", { userIds: [UNKNOWN_VALUE, 2], groupIds: [], approvalsRequired: 2 }), mrApprovals()])).toEqual([]);
    });
});

describe("no-empty-approval-rules-in-production", () => {
    const empty = rule("Nobody", { approvalsRequired: 0 });

    it("flags a regular rule requiring no approval in a production stack", async () => {
        const found = await asStack("prod", () => violationsOf(noEmptyApprovalRulesInProduction, [empty]));
        expect(found).toEqual([expect.objectContaining({ level: "mandatory", message: expect.stringContaining('rule "Nobody" requires 0 approvals in a production stack') })]);
    });

    it("leaves dev stacks and the any-approver rule alone", async () => {
        expect(await asStack("dev", () => violationsOf(noEmptyApprovalRulesInProduction, [empty]))).toEqual([]);
        expect(await asStack("prod", () => violationsOf(noEmptyApprovalRulesInProduction, [rule("Any", { ruleType: "any_approver", approvalsRequired: 0 })]))).toEqual([]);
    });
});
