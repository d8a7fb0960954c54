// Protected branches on EE (Premium): defaults, 409, the "cannot create what
// you could not unprotect" 403, member/share validation, PATCH by entry id.
import { protectedBranchEeExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

const PB = `projects/${LEGACY}/protected_branches`;

describe("protected branches (EE)", () => {
    const { api, standin } = useStandin();

    it("lists and gets protections in the docs' Premium shape", async () => {
        const list = await api().get(PB);
        expect(list.status).toBe(200);
        expect(list.body.map((pb: { name: string }) => pb.name)).toEqual(["trunk"]);
        const one = await api().get(`${PB}/trunk`);
        expect(one.body).toEqual(list.body[0]);
        expect(shapeDiff(one.body, protectedBranchEeExample, { exact: true })).toEqual([]);
    });

    it("answers 404 Not found (lower-case f, RecordNotFound) for an unprotected branch", async () => {
        expect(await api().get(`${PB}/feature`)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    });

    it("POST with only a name defaults push, merge and unprotect to Maintainers", async () => {
        const res = await api().post(PB, { name: "release/*" });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({
            name: "release/*",
            push_access_levels: [{ access_level: 40 }],
            merge_access_levels: [{ access_level: 40 }],
            unprotect_access_levels: [{ access_level: 40, access_level_description: "Maintainers" }],
            allow_force_push: false,
            code_owner_approval_required: false,
        });
    });

    it("accepts the docs' form-encoded request with nested allowed_to_* arrays", async () => {
        const form = "name=*-stable&allowed_to_push[][access_level]=30&allowed_to_merge[][access_level]=30&allowed_to_merge[][access_level]=40";
        const res = await api().post(PB, undefined, { form });
        expect(res.status).toBe(201);
        expect(res.body.push_access_levels.map((e: { access_level: number }) => e.access_level)).toEqual([30]);
        expect(res.body.merge_access_levels.map((e: { access_level: number }) => e.access_level)).toEqual([30, 40]);
        expect(res.body.push_access_levels[0].access_level_description).toBe("Developers + Maintainers");
    });

    it("gives a role entry without access_level the column default, Maintainers", async () => {
        const res = await api().post(PB, { name: "main", allowed_to_push: [{}], allowed_to_merge: [{ access_level: 30 }] });
        expect(res.status).toBe(201);
        expect(res.body.push_access_levels).toMatchObject([{ access_level: 40, access_level_description: "Maintainers" }]);
        expect(res.body.push_access_levels).toHaveLength(1);
    });

    it("answers 409 with GitLab's text when the branch is already protected", async () => {
        const res = await api().post(PB, { name: "trunk" });
        expect(res).toMatchObject({ status: 409, body: { message: "Protected branch 'trunk' already exists" } });
    });

    it("refuses (403) a protection whose unprotect level the caller could not meet, and creates nothing", async () => {
        // The bot is an Owner of acme-ml but not an instance admin: 60 is "Instance admins".
        const res = await api().post(PB, { name: "main", allowed_to_push: [{ access_level: 0 }], allowed_to_merge: [{ access_level: 40 }], allowed_to_unprotect: [{ access_level: 60 }] });
        expect(res).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
        expect(standin().state.project(ID.legacyRanker)!.protected_branches.map((pb) => pb.name)).toEqual(["trunk"]);
        // An instance admin may.
        const admin = await api().as("tok-root").post(PB, { name: "main", allowed_to_unprotect: [{ access_level: 60 }] });
        expect(admin.status).toBe(201);
        expect(admin.body.unprotect_access_levels).toMatchObject([{ access_level: 60, access_level_description: "Instance admins" }]);
    });

    it("allows an unprotect entry naming the caller as a user", async () => {
        const res = await api().post(PB, { name: "main", allowed_to_push: [{ user_id: ID.bot }], allowed_to_unprotect: [{ user_id: ID.bot }] });
        expect(res.status).toBe(201);
        // access_level is the column default, 40, on user entries too (the provider reads it so: see gitlab-standin.md).
        expect(res.body.push_access_levels).toEqual([{ id: expect.any(Number), access_level: 40, access_level_description: "ML Governance Bot", user_id: ID.bot, group_id: null, deploy_key_id: null }]);
    });

    it("rejects (422) users who are not project members and groups the project is not shared with", async () => {
        // priya is not a member of legacy-ranker; acme-ml/release-managers is not shared with it.
        const res = await api().post(PB, { name: "main", allowed_to_push: [{ user_id: ID.priya }], allowed_to_merge: [{ group_id: ID.releaseManagers }] });
        expect(res.status).toBe(422);
        // The validations are cited; Rails' prefixes for the nested records are on the unconfirmed list (docs/gitlab-standin.md).
        expect(res.body.message).toEqual([expect.stringMatching(/user is not a member of the project$/), expect.stringMatching(/group does not have access to the project$/)]);
        // An inherited member (marcus via acme-ml/models) and a shared group (ml-platform, Developer) are fine.
        const ok = await api().post(PB, { name: "main", allowed_to_push: [{ user_id: ID.marcus }], allowed_to_merge: [{ group_id: ID.mlPlatform }] });
        expect(ok.status).toBe(201);
        expect(ok.body.merge_access_levels).toMatchObject([{ group_id: ID.mlPlatform, access_level: 40, access_level_description: "ML Platform" }]);
    });

    it("rejects an access level outside 0/30/40/60 (unprotect: no 0) with a Grape 400", async () => {
        expect((await api().post(PB, { name: "x", push_access_level: 20 })).body).toEqual({ error: "push_access_level does not have a valid value" });
        const res = await api().post(PB, { name: "x", allowed_to_unprotect: [{ access_level: 0 }] });
        expect(res).toMatchObject({ status: 400, body: { error: "allowed_to_unprotect[0][access_level] does not have a valid value" } });
    });

    it("requires Maintainer: a Developer gets 403", async () => {
        standin().state.project(ID.legacyRanker)!.members.push({ user_id: ID.jonas, access_level: 30, expires_at: null, created_at: "", created_by: null });
        standin().state.tokens.push({ token: "tok-jonas", user_id: ID.jonas, scopes: ["api"] });
        expect((await api().as("tok-jonas").post(PB, { name: "dev" })).status).toBe(403);
    });

    it("PATCH adds entries without id, updates by id, and deletes with _destroy", async () => {
        const { body: created } = await api().post(PB, { name: "main", allowed_to_push: [{ access_level: 40 }], allowed_to_merge: [{ access_level: 40 }] });
        const pushId = created.push_access_levels[0].id;
        const mergeId = created.merge_access_levels[0].id;
        const res = await api().patch(`${PB}/main`, {
            allow_force_push: true,
            code_owner_approval_required: true,
            allowed_to_push: [{ id: pushId, access_level: 0 }],
            allowed_to_merge: [{ id: mergeId, _destroy: true }, { access_level: 30 }],
        });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
            allow_force_push: true,
            code_owner_approval_required: true,
            push_access_levels: [{ id: pushId, access_level: 0, access_level_description: "No one" }],
            merge_access_levels: [{ access_level: 30 }],
        });
        expect(res.body.merge_access_levels).toHaveLength(1);
        expect((await api().get(`${PB}/main`)).body).toEqual(res.body);
    });

    it("PATCH adding a duplicate role entry is 422 and changes nothing", async () => {
        const res = await api().patch(`${PB}/trunk`, { allowed_to_push: [{ access_level: 40 }] });
        expect(res).toMatchObject({ status: 422, body: { message: ["Push access levels access level has already been taken"] } });
        expect(standin().state.project(ID.legacyRanker)!.protected_branches[0].push_access_levels).toHaveLength(1);
    });

    it("PATCH and DELETE are refused (403) when the caller fails the existing unprotect levels", async () => {
        // Behind the program's back, an admin restricts unprotecting to instance admins.
        const pb = standin().state.project(ID.legacyRanker)!.protected_branches[0];
        pb.unprotect_access_levels.push({ id: 999, access_level: 60, user_id: null, group_id: null, deploy_key_id: null });
        expect((await api().patch(`${PB}/trunk`, { allow_force_push: true })).status).toBe(403);
        expect((await api().delete(`${PB}/trunk`)).status).toBe(403);
        expect((await api().as("tok-root").delete(`${PB}/trunk`)).status).toBe(204);
    });

    it("DELETE unprotects (204), then the protection is gone and approval rules lose it", async () => {
        const project = standin().state.project(ID.legacyRanker)!;
        project.approval_rules[0].protected_branch_ids = [project.protected_branches[0].id];
        expect((await api().delete(`${PB}/trunk`)).status).toBe(204);
        expect((await api().get(`${PB}/trunk`)).status).toBe(404);
        expect(project.approval_rules[0].protected_branch_ids).toEqual([]);
        expect((await api().get(`projects/${LEGACY}/repository/branches/trunk`)).body.protected).toBe(false);
    });

    it("matches wildcard protections when reporting a branch as protected", async () => {
        await api().post(PB, { name: "release/*" });
        const commit = await api().post(`projects/${LEGACY}/repository/files/notes.md`, { branch: "release/1.0", start_branch: "trunk", content: "x", commit_message: "notes" });
        expect(commit.status).toBe(201);
        expect((await api().get(`projects/${LEGACY}/repository/branches/${encodeURIComponent("release/1.0")}`)).body.protected).toBe(true);
    });
});
