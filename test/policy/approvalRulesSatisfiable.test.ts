import { approvalRulesAlwaysSatisfiable as advisory, approvalRulesSatisfiable as policy, noEmptyApprovalRulesInProduction } from "../../policy/policies";
import { asStack, UNKNOWN_VALUE, urnOfFake, violationsOf } from "../../src/check/policyArgs";
import { governedRepository, mrApprovals, project, protection, rule } from "./support/fixtures";

const usersOnly = (count: number, approvalsRequired: number) => rule("Leads", { userIds: Array.from({ length: count }, (_, i) => 10 + i), groupIds: [], approvalsRequired });

describe("approval-rules-satisfiable (mandatory: rules no merge request can satisfy)", () => {
    it("passes users-only rules that name at least as many users as they require, whatever GitLab excludes", async () => {
        for (const [users, required] of [[4, 2], [2, 2], [2, 1], [3, 2]]) {
            expect(await violationsOf(policy, [project(), protection(), usersOnly(users, required), mrApprovals()])).toEqual([]);
        }
        expect(await violationsOf(policy, governedRepository())).toEqual([]);
    });

    it("flags a users-only rule that requires more approvals than it names users, at the rule, with the remedy", async () => {
        const leads = usersOnly(2, 3);
        const found = await violationsOf(policy, [project(), protection(), leads, mrApprovals({ mergeRequestsAuthorApproval: true, mergeRequestsDisableCommittersApproval: false })]);
        expect(found).toEqual([
            expect.objectContaining({ level: "mandatory", urn: urnOfFake(leads), message: expect.stringContaining("requires 3 approvals but names only 2 users and no group, so no merge request could ever be approved; add users or a group") }),
        ]);
    });

    it("leaves rules with a group, and rules whose approvers are unknown in a preview, alone", async () => {
        expect(await violationsOf(policy, [project(), protection(), rule("Leads", { userIds: [1], groupIds: [7], approvalsRequired: 5 }), mrApprovals()])).toEqual([]);
        expect(await violationsOf(policy, [project(), protection(), rule("Leads", { userIds: [UNKNOWN_VALUE, 2], groupIds: [], approvalsRequired: 3 }), mrApprovals()])).toEqual([]);
    });
});

describe("approval-rules-always-satisfiable (advisory: rules some merge requests cannot satisfy)", () => {
    const advise = (users: number, required: number, settings = {}) => violationsOf(advisory, [project(), protection(), usersOnly(users, required), mrApprovals(settings)]);

    it("advises on 2 of 2 named users: a merge request either of them authors cannot be approved; adding a user or a group is the remedy", async () => {
        const found = await advise(2, 2);
        expect(found).toEqual([expect.objectContaining({ level: "advisory", message: expect.stringContaining("a merge request authored by any of the 2 named users cannot be approved; add a named user or a group") })]);
        expect(found[0].message).not.toContain("allowCommitterApproval"); // allowing committers would not help
    });

    it("advises on 1 of 2 and 2 of 3: they stall when another named user pushes a commit, and allowing committer approval would help", async () => {
        for (const [users, required] of [[2, 1], [3, 2]]) {
            const [found] = await advise(users, required);
            expect(found).toMatchObject({ level: "advisory" });
            expect(found.message).toContain(`authored by one of the ${users} named users when another of them pushes a commit to it cannot be approved`);
            expect(found.message).toContain("or allow committer approval (mergeRequestApprovals.allowCommitterApproval)");
        }
    });

    it("is quiet where every merge request can be approved: enough users, committers allowed back, or a group", async () => {
        expect(await advise(4, 2)).toEqual([]);
        expect(await advise(3, 2, { mergeRequestsDisableCommittersApproval: false })).toEqual([]);
        expect(await violationsOf(advisory, [project(), protection(), rule("Leads", { userIds: [1], groupIds: [7], approvalsRequired: 2 }), mrApprovals()])).toEqual([]);
    });

    it("never suggests fewer approvals or author approval", async () => {
        for (const [users, required] of [[1, 1], [2, 1], [2, 2], [3, 2], [3, 3]]) {
            for (const v of await advise(users, required)) expect(v.message).not.toMatch(/lower|fewer|allowAuthorApproval|0 approvals/);
        }
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
