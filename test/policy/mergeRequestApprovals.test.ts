import { noApproverOverridePerMergeRequest, noAuthorOrCommitterApproval, resetApprovalsOnPush } from "../../policy/policies";
import { UNKNOWN_VALUE, violationsOf } from "../../src/check/policyArgs";
import { mrApprovals, protection } from "./support/fixtures";

describe("no-author-or-committer-approval", () => {
    it("passes author approval off and committer approval disabled", async () => {
        expect(await violationsOf(noAuthorOrCommitterApproval, [mrApprovals()])).toEqual([]);
    });

    it("flags author approval on", async () => {
        const found = await violationsOf(noAuthorOrCommitterApproval, [mrApprovals({ mergeRequestsAuthorApproval: true })]);
        expect(found.map((v) => v.message)).toEqual([expect.stringContaining("mergeRequestsAuthorApproval is true; expected false")]);
        expect(found[0].level).toBe("mandatory");
    });

    it("flags committers allowed to approve", async () => {
        const found = await violationsOf(noAuthorOrCommitterApproval, [mrApprovals({ mergeRequestsDisableCommittersApproval: false })]);
        expect(found.map((v) => v.message)).toEqual([expect.stringContaining("mergeRequestsDisableCommittersApproval is false; expected true")]);
    });

    it("flags both settings when unset, since the stack then does not enforce them", async () => {
        const found = await violationsOf(noAuthorOrCommitterApproval, [mrApprovals({ mergeRequestsAuthorApproval: undefined, mergeRequestsDisableCommittersApproval: undefined })]);
        expect(found.map((v) => v.message)).toEqual([
            expect.stringContaining("mergeRequestsAuthorApproval is unset"),
            expect.stringContaining("mergeRequestsDisableCommittersApproval is unset"),
        ]);
    });

    it("skips values unknown in preview, and other resource types", async () => {
        const unknown = mrApprovals({ mergeRequestsAuthorApproval: UNKNOWN_VALUE, mergeRequestsDisableCommittersApproval: UNKNOWN_VALUE });
        expect(await violationsOf(noAuthorOrCommitterApproval, [unknown, protection({ mergeRequestsAuthorApproval: true })])).toEqual([]);
    });
});

describe("reset-approvals-on-push", () => {
    it("passes true, and unset (GitLab's default is true)", async () => {
        expect(await violationsOf(resetApprovalsOnPush, [mrApprovals(), mrApprovals({ resetApprovalsOnPush: undefined })])).toEqual([]);
    });

    it("flags false", async () => {
        const found = await violationsOf(resetApprovalsOnPush, [mrApprovals({ resetApprovalsOnPush: false })]);
        expect(found).toEqual([expect.objectContaining({ policy: "reset-approvals-on-push", level: "mandatory", message: expect.stringContaining("resetApprovalsOnPush is false") })]);
    });
});

describe("no-approver-override-per-merge-request", () => {
    it("passes overriding disabled", async () => {
        expect(await violationsOf(noApproverOverridePerMergeRequest, [mrApprovals()])).toEqual([]);
    });

    it("flags overriding allowed, explicitly or by leaving it unset", async () => {
        const found = await violationsOf(noApproverOverridePerMergeRequest, [
            mrApprovals({ disableOverridingApproversPerMergeRequest: false }),
            mrApprovals({ disableOverridingApproversPerMergeRequest: undefined }),
        ]);
        expect(found.map((v) => v.message)).toEqual([
            expect.stringContaining("disableOverridingApproversPerMergeRequest is false; expected true"),
            expect.stringContaining("disableOverridingApproversPerMergeRequest is unset; expected true"),
        ]);
    });
});
