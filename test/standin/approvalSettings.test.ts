// Project-level MR approval settings (EE).
import { approvalSettingsGetExample, approvalSettingsPostExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

const APPROVALS = `projects/${LEGACY}/approvals`;

describe("approval settings (EE)", () => {
    const { api, standin } = useStandin();

    it("GET returns GitLab's defaults in the docs' shape", async () => {
        const res = await api().get(APPROVALS);
        expect(res.status).toBe(200);
        expect(shapeDiff(res.body, approvalSettingsGetExample, { exact: true })).toEqual([]);
        expect(res.body).toMatchObject({ approvers: [], approver_groups: [], reset_approvals_on_push: true, selective_code_owner_removals: false, merge_requests_author_approval: false });
    });

    it("POST changes settings and answers 201 in the docs' shape", async () => {
        const res = await api().post(APPROVALS, { merge_requests_author_approval: false, merge_requests_disable_committers_approval: true, disable_overriding_approvers_per_merge_request: true, require_reauthentication_to_approve: true });
        expect(res.status).toBe(201);
        expect(shapeDiff(res.body, approvalSettingsPostExample, { exact: true })).toEqual([]);
        expect(res.body).toMatchObject({ merge_requests_disable_committers_approval: true, disable_overriding_approvers_per_merge_request: true, require_reauthentication_to_approve: true, require_password_to_approve: true });
        expect((await api().get(APPROVALS)).body.merge_requests_disable_committers_approval).toBe(true);
    });

    it("refuses selective_code_owner_removals while reset_approvals_on_push is (still) on", async () => {
        const res = await api().post(APPROVALS, { selective_code_owner_removals: true });
        expect(res).toMatchObject({ status: 400, body: { message: { base: ["selective_code_owner_removals can only be enabled when reset_approvals_on_push is disabled"] } } });
        expect(standin().state.project(ID.legacyRanker)!.approval_settings.selective_code_owner_removals).toBe(false);
        // Both in one request works, as the docs say to do.
        const ok = await api().post(APPROVALS, { reset_approvals_on_push: false, selective_code_owner_removals: true });
        expect(ok.body).toMatchObject({ reset_approvals_on_push: false, selective_code_owner_removals: true });
        // …and turning reset back on while selective is on fails the same way.
        expect((await api().post(APPROVALS, { reset_approvals_on_push: true })).status).toBe(400);
    });

    it("drops a setting a group or the instance has locked, answers 201 all the same, and keeps the rest", async () => {
        standin().state.project(ID.legacyRanker)!.locked_approval_settings = ["merge_requests_author_approval"];
        const res = await api().post(APPROVALS, { merge_requests_author_approval: true, merge_requests_disable_committers_approval: true });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ merge_requests_author_approval: false, merge_requests_disable_committers_approval: true });
        expect((await api().get(APPROVALS)).body.merge_requests_author_approval).toBe(false);
    });

    it("treats require_password_to_approve as the deprecated name of require_reauthentication_to_approve, which wins", async () => {
        expect((await api().post(APPROVALS, { require_password_to_approve: true })).body.require_reauthentication_to_approve).toBe(true);
        const both = await api().post(APPROVALS, { require_password_to_approve: true, require_reauthentication_to_approve: false });
        expect(both.body).toMatchObject({ require_reauthentication_to_approve: false, require_password_to_approve: false });
    });

    it("needs at least one setting, and Maintainer to change them", async () => {
        const empty = await api().post(APPROVALS, {});
        expect(empty.status).toBe(400);
        expect(empty.body.error).toMatch(/are missing, at least one parameter must be provided$/);
        expect((await api().as("tok-writer").post(APPROVALS, { reset_approvals_on_push: false })).status).toBe(403);
    });
});
