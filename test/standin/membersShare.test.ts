// Project members (direct vs inherited, the inherited-membership 400) and
// sharing with groups.
import { memberExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

const MEMBERS = `projects/${LEGACY}/members`;

describe("project members", () => {
    const { api, standin } = useStandin();

    it("GET /members/:user_id returns direct members only: an inherited Maintainer is 404 Not found", async () => {
        const direct = await api().get(`${MEMBERS}/${ID.writer}`);
        expect(direct.status).toBe(200);
        expect(direct.body).toMatchObject({ id: ID.writer, username: "tech.writer", access_level: 20 });
        expect(await api().get(`${MEMBERS}/${ID.marcus}`)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    });

    it("GET /members/all/:user_id includes inherited and shared-group members with their effective level", async () => {
        expect((await api().get(`${MEMBERS}/all/${ID.marcus}`)).body).toMatchObject({ id: ID.marcus, access_level: 40 });
        expect((await api().get(`${MEMBERS}/all/${ID.bot}`)).body.access_level).toBe(50);
        // mlops-bot: Maintainer of acme-ml/ml-platform, shared with the project at Developer → 30.
        expect((await api().get(`${MEMBERS}/all/${ID.mlopsBot}`)).body.access_level).toBe(30);
        expect((await api().get(`${MEMBERS}/all/${ID.priya}`)).status).toBe(404);
    });

    it("lists direct members, and all members at their effective level, narrowed by user_ids[]", async () => {
        const direct = await api().get(`${MEMBERS}?user_ids[]=${ID.writer}&user_ids[]=${ID.marcus}`);
        expect(direct.body.map((m: { id: number }) => m.id)).toEqual([ID.writer]);
        const all = await api().get(`${MEMBERS}/all?user_ids[]=${ID.writer}&user_ids[]=${ID.marcus}&user_ids[]=${ID.priya}`);
        expect(all.body.map((m: { id: number; access_level: number }) => [m.id, m.access_level])).toEqual([
            [ID.marcus, 40],
            [ID.writer, 20],
        ]);
        expect(all.headers.get("x-total")).toBe("2");
        const group = await api().get(`groups/${ID.models}/members/all`);
        expect(group.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: ID.marcus, access_level: 40 }), expect.objectContaining({ id: ID.bot, access_level: 50 })]));
    });

    it("adds a member (201, docs' shape)", async () => {
        const res = await api().post(MEMBERS, { user_id: ID.priya, access_level: 30, expires_at: "" });
        expect(res.status).toBe(201);
        expect(shapeDiff(res.body, memberExample, { exact: true })).toEqual([]);
        expect(res.body).toMatchObject({ id: ID.priya, access_level: 30, expires_at: null, created_by: { id: ID.bot } });
        expect((await api().get(`${MEMBERS}/${ID.priya}`)).status).toBe(200);
    });

    it("refuses a direct membership lower than the inherited one with the model's message; equal is fine", async () => {
        const lower = await api().post(MEMBERS, { user_id: ID.marcus, access_level: 30 });
        expect(lower).toMatchObject({ status: 400, body: { message: { access_level: ["should be greater than or equal to Maintainer inherited membership from group Models"] } } });
        expect(standin().state.project(ID.legacyRanker)!.members.some((m) => m.user_id === ID.marcus)).toBe(false);
        expect((await api().post(MEMBERS, { user_id: ID.marcus, access_level: 40 })).status).toBe(201);
        // …and the same rule on PUT.
        const put = await api().put(`${MEMBERS}/${ID.marcus}`, { access_level: 20 });
        expect(put.status).toBe(400);
        expect(put.body.message.access_level[0]).toBe("should be greater than or equal to Maintainer inherited membership from group Models");
    });

    it("answers 409 Member already exists, 404 User Not Found, and a Grape 400 for an invalid level", async () => {
        expect(await api().post(MEMBERS, { user_id: ID.writer, access_level: 30 })).toMatchObject({ status: 409, body: { message: "Member already exists" } });
        expect(await api().post(MEMBERS, { user_id: 9999, access_level: 30 })).toMatchObject({ status: 404, body: { message: "404 User Not Found" } });
        expect((await api().post(MEMBERS, { user_id: ID.priya, access_level: 35 })).body).toEqual({ error: "access_level does not have a valid value" });
    });

    it("updates and removes a direct member; removing a non-member is 404", async () => {
        expect((await api().put(`${MEMBERS}/${ID.writer}`, { access_level: 30, expires_at: "2030-01-31" })).body).toMatchObject({ access_level: 30, expires_at: "2030-01-31" });
        expect((await api().delete(`${MEMBERS}/${ID.writer}`)).status).toBe(204);
        expect((await api().delete(`${MEMBERS}/${ID.writer}`)).status).toBe(404);
        expect((await api().delete(`${MEMBERS}/${ID.marcus}`)).status).toBe(404);
    });

    it("requires Maintainer to manage members", async () => {
        expect((await api().as("tok-writer").post(MEMBERS, { user_id: ID.priya, access_level: 10 })).status).toBe(403);
    });
});

describe("sharing a project with a group", () => {
    const { api } = useStandin();

    it("shares (201) and the group appears in shared_with_groups", async () => {
        const res = await api().post(`projects/${LEGACY}/share`, { group_id: ID.releaseManagers, group_access: 30, expires_at: "2031-12-31" });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ project_id: ID.legacyRanker, group_id: ID.releaseManagers, group_access: 30, expires_at: "2031-12-31" });
        const project = await api().get(`projects/${LEGACY}`);
        expect(project.body.shared_with_groups).toContainEqual({ group_id: ID.releaseManagers, group_name: "Release Managers", group_full_path: "acme-ml/release-managers", group_access_level: 30, expires_at: "2031-12-31" });
    });

    it("makes the group's direct members eligible approvers and its groups valid for protections and environments", async () => {
        const before = await api().post(`projects/${LEGACY}/approval_rules`, { name: "Before", approvals_required: 1, user_ids: [ID.jonas] });
        expect(before.body.users).toEqual([]);
        await api().post(`projects/${LEGACY}/share`, { group_id: ID.releaseManagers, group_access: 30 });
        const after = await api().post(`projects/${LEGACY}/approval_rules`, { name: "After", approvals_required: 1, user_ids: [ID.jonas] });
        expect(after.body.users.map((u: { id: number }) => u.id)).toEqual([ID.jonas]);
        const env = await api().post(`projects/${LEGACY}/protected_environments`, { name: "production", deploy_access_levels: [{ group_id: ID.releaseManagers }] });
        expect(env.status).toBe(201);
    });

    it("answers 409 when already shared, 404 Group Not Found for an unknown group", async () => {
        expect(await api().post(`projects/${LEGACY}/share`, { group_id: ID.mlPlatform, group_access: 30 })).toMatchObject({ status: 409, body: { message: "Group already shared with this group" } });
        expect(await api().post(`projects/${LEGACY}/share`, { group_id: 9999, group_access: 30 })).toMatchObject({ status: 404, body: { message: "404 Group Not Found" } });
        expect((await api().post(`projects/${LEGACY}/share`, { group_id: ID.leads, group_access: 60 })).body).toEqual({ error: "group_access does not have a valid value" });
    });

    it("unshares (204); unsharing again is 404 Group Link Not Found", async () => {
        expect((await api().delete(`projects/${LEGACY}/share/${ID.mlPlatform}`)).status).toBe(204);
        expect((await api().get(`projects/${LEGACY}`)).body.shared_with_groups).toEqual([]);
        expect(await api().delete(`projects/${LEGACY}/share/${ID.mlPlatform}`)).toMatchObject({ status: 404, body: { message: "404 Group Link Not Found" } });
    });
});
