// Users and groups: the lookups the program's getUser/getGroup invokes make.
import { currentUserExample, groupExample, shapeDiff, singleUserExample, userListItemExample } from "./docExamples";
import { ID, useStandin } from "./helpers";

describe("users", () => {
    const { api } = useStandin();

    it("GET /user returns the token's user in the docs' shape, without admin fields for a non-admin", async () => {
        const res = await api().get("user");
        expect(res.status).toBe(200);
        expect(shapeDiff(res.body, currentUserExample, { exact: true })).toEqual([]);
        expect(res.body).toMatchObject({ id: ID.bot, username: "ml-governance-bot" });
        expect(res.body).not.toHaveProperty("is_admin");
    });

    it("GET /user adds is_admin for an instance admin", async () => {
        const res = await api().as("tok-root").get("user");
        expect(res.body).toMatchObject({ username: "root", is_admin: true });
    });

    it("GET /application/settings answers administrators only, with the instance's default branch protection", async () => {
        expect((await api().get("application/settings")).status).toBe(403);
        const admin = await api().as("tok-root").get("application/settings");
        expect(admin).toMatchObject({ status: 200, body: { default_branch_protection: 2 } });
    });

    it("GET /users?username= matches case-insensitively and returns a list", async () => {
        const res = await api().get("users", { query: { username: "Marcus.Chen" } });
        expect(res.status).toBe(200);
        expect(res.body).toHaveLength(1);
        expect(res.body[0]).toMatchObject({ id: ID.marcus, username: "marcus.chen" });
        expect(shapeDiff(res.body[0], userListItemExample, { exact: true })).toEqual([]);
    });

    it("GET /users?username= for an unknown user is an empty list, not an error", async () => {
        const res = await api().get("users", { query: { username: "ghost.user" } });
        expect(res).toMatchObject({ status: 200, body: [] });
    });

    it("GET /users/:id returns one user in the docs' shape, 404 for an unknown id", async () => {
        const found = await api().get(`users/${ID.priya}`);
        expect(found.status).toBe(200);
        expect(shapeDiff(found.body, singleUserExample, { exact: true })).toEqual([]);
        expect(found.body.name).toBe("Priya Raman");
        expect(await api().get("users/9999")).toMatchObject({ status: 404, body: { message: "404 User Not Found" } });
    });
});

describe("groups", () => {
    const { api } = useStandin();

    it("GET /groups/:id by id and by URL-encoded full path, in the docs' shape", async () => {
        const byPath = await api().get(`groups/${encodeURIComponent("acme-ml/models")}`, { query: { with_projects: false } });
        const byId = await api().get(`groups/${ID.models}`, { query: { with_projects: false } });
        expect(byPath.status).toBe(200);
        expect(byId.body).toEqual(byPath.body);
        // Subgroups have no prevent_sharing_groups_outside_hierarchy ("present only on top-level groups").
        const { prevent_sharing_groups_outside_hierarchy: _topLevelOnly, ...subgroupExample } = groupExample;
        expect(_topLevelOnly).toBe(false);
        expect(shapeDiff(byPath.body, subgroupExample, { exact: true })).toEqual([]);
        expect(byPath.body).toMatchObject({ id: ID.models, full_path: "acme-ml/models", parent_id: ID.acmeMl, full_name: "ACME ML / Models", default_branch_protection: 2 });
    });

    it("includes the group's projects unless with_projects=false", async () => {
        const withProjects = await api().get(`groups/${ID.models}`);
        expect(withProjects.body.projects.map((p: { path: string }) => p.path).sort()).toEqual(["empty-model", "legacy-ranker"]);
        const without = await api().get(`groups/${ID.models}`, { query: { with_projects: false } });
        expect(without.body).not.toHaveProperty("projects");
    });

    it("hides a private group from a user with no membership in or below it: 404 Group Not Found", async () => {
        // tech.writer is in acme-ml/ml-platform only.
        expect((await api().as("tok-writer").get(`groups/${ID.releaseManagers}`)).body).toEqual({ message: "404 Group Not Found" });
        expect((await api().as("tok-writer").get(`groups/${ID.mlPlatform}`)).status).toBe(200);
        // Membership below a group makes the parent visible.
        expect((await api().as("tok-writer").get(`groups/${ID.acmeMl}`)).status).toBe(200);
    });

    it("shows runners_token only to owners", async () => {
        expect(await api().get(`groups/${ID.models}`)).toMatchObject({ body: { runners_token: expect.any(String) } });
        expect((await api().as("tok-marcus").get(`groups/${ID.models}`)).body).not.toHaveProperty("runners_token");
    });
});
