// Projects: create (with the default-branch auto-protection), read, edit,
// archive, delete; and the branch endpoint the provider polls after create.
import { branchExample, projectExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

describe("projects", () => {
    const { api, standin } = useStandin();

    const createFraud = (extra: Record<string, unknown> = {}) =>
        api().post("projects", { name: "Fraud Detection Model", namespace_id: ID.models, description: "Fraud scoring", visibility: "private", topics: ["ml-model", "dvc"], initialize_with_readme: true, ...extra });

    it("GET /projects/:id by numeric id and by URL-encoded path, in the docs' shape", async () => {
        const byPath = await api().get(`projects/${LEGACY}`);
        const byId = await api().get(`projects/${ID.legacyRanker}`);
        expect(byPath.status).toBe(200);
        expect(byId.body).toEqual(byPath.body);
        expect(shapeDiff(byPath.body, projectExample)).toEqual([]);
        expect(byPath.body).toMatchObject({
            id: ID.legacyRanker,
            path_with_namespace: "acme-ml/models/legacy-ranker",
            default_branch: "trunk",
            empty_repo: false,
            archived: false,
            namespace: { id: ID.models, kind: "group", full_path: "acme-ml/models" },
            web_url: `${new URL(api().baseUrl).origin}/acme-ml/models/legacy-ranker`,
            shared_with_groups: [{ group_id: ID.mlPlatform, group_name: "ML Platform", group_full_path: "acme-ml/ml-platform", group_access_level: 30, expires_at: null }],
        });
    });

    it("answers 404 Project Not Found for a private project the caller is not a member of", async () => {
        const res = await api().as("tok-priya").get(`projects/${LEGACY}`);
        expect(res).toMatchObject({ status: 404, body: { message: "404 Project Not Found" } });
        expect((await api().get("projects/99999")).body).toEqual({ message: "404 Project Not Found" });
    });

    it("creates a project with a README on the requested default branch; path defaults from the name", async () => {
        const res = await createFraud({ default_branch: "main" });
        expect(res.status).toBe(201);
        expect(shapeDiff(res.body, projectExample)).toEqual([]);
        expect(res.body).toMatchObject({
            name: "Fraud Detection Model",
            path: "fraud-detection-model",
            path_with_namespace: "acme-ml/models/fraud-detection-model",
            default_branch: "main",
            empty_repo: false,
            topics: ["ml-model", "dvc"],
            description: "Fraud scoring",
            creator_id: ID.bot,
        });
        expect(res.body.readme_url).toMatch(/\/-\/blob\/main\/README\.md$/);
    });

    it("auto-protects the new default branch like GitLab's 'Fully protected' default", async () => {
        const { body: project } = await createFraud();
        const list = await api().get(`projects/${project.id}/protected_branches`);
        expect(list.status).toBe(200);
        expect(list.body).toHaveLength(1);
        expect(list.body[0]).toMatchObject({
            name: "main",
            push_access_levels: [{ access_level: 40, access_level_description: "Maintainers", user_id: null, group_id: null }],
            merge_access_levels: [{ access_level: 40, access_level_description: "Maintainers" }],
            unprotect_access_levels: [],
            allow_force_push: false,
            code_owner_approval_required: false,
        });
        // The provider polls this until `protected` is true.
        const branch = await api().get(`projects/${project.id}/repository/branches/main`);
        expect(branch.status).toBe(200);
        expect(shapeDiff(branch.body, branchExample, { exact: true })).toEqual([]);
        expect(branch.body).toMatchObject({ protected: true, default: true, developers_can_push: false, can_push: true });
    });

    it("uses the group's default_branch_protection: none means no auto-protection", async () => {
        standin().state.group(ID.models)!.default_branch_protection = 0;
        const { body: project } = await createFraud();
        expect((await api().get(`projects/${project.id}/protected_branches`)).body).toEqual([]);
        expect((await api().get(`projects/${project.id}/repository/branches/main`)).body.protected).toBe(false);
    });

    it("creates an empty repository without initialize_with_readme: no default branch, nothing protected", async () => {
        const res = await api().post("projects", { name: "No Readme", namespace_id: ID.sandbox, default_branch: "main" });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ path: "no-readme", default_branch: null, empty_repo: true, readme_url: null });
        expect((await api().get(`projects/${res.body.id}/protected_branches`)).body).toEqual([]);
        expect(await api().get(`projects/${res.body.id}/repository/branches/main`)).toMatchObject({ status: 404, body: { message: "404 Branch Not Found" } });
    });

    it("rejects a duplicate name/path in the namespace and a namespace the user may not create in", async () => {
        const dup = await api().post("projects", { name: "Legacy Ranker", path: "legacy-ranker", namespace_id: ID.models });
        expect(dup).toMatchObject({ status: 400, body: { message: { name: ["has already been taken"], path: ["has already been taken"] } } });
        // priya has no Maintainer role in acme-ml/models.
        const denied = await api().as("tok-priya").post("projects", { name: "Sneaky", namespace_id: ID.models });
        expect(denied.status).toBe(400); // the text is on the unconfirmed list (docs/gitlab-standin.md)
        expect((await api().post("projects", {})).body).toEqual({ error: "name, path are missing, at least one parameter must be provided" });
    });

    it("creates in the caller's personal namespace when namespace_id is omitted", async () => {
        const res = await api().post("projects", { path: "scratch" });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ name: "scratch", path_with_namespace: "ml-governance-bot/scratch", namespace: { kind: "user" }, owner: { id: ID.bot } });
    });

    it("edits settings with PUT and refuses a default branch that does not exist", async () => {
        const res = await api().put(`projects/${LEGACY}`, { name: "Legacy Ranker", description: "Renamed", topics: ["ranking"], merge_method: "ff", only_allow_merge_if_pipeline_succeeds: true });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ description: "Renamed", topics: ["ranking"], merge_method: "ff", only_allow_merge_if_pipeline_succeeds: true });
        expect((await api().get(`projects/${LEGACY}`)).body.merge_method).toBe("ff");
        const bad = await api().put(`projects/${LEGACY}`, { default_branch: "does-not-exist" });
        expect(bad).toMatchObject({ status: 400, body: { message: "Could not set the default branch" } });
        // A Reporter may not edit project settings.
        expect((await api().as("tok-writer").put(`projects/${LEGACY}`, { description: "x" })).status).toBe(403);
    });

    it("archives and unarchives idempotently (owner only), answering 201 with the project", async () => {
        const first = await api().post(`projects/${LEGACY}/archive`);
        const again = await api().post(`projects/${LEGACY}/archive`);
        expect(first).toMatchObject({ status: 201, body: { archived: true } });
        expect(again).toMatchObject({ status: 201, body: { archived: true } });
        expect((await api().post(`projects/${LEGACY}/unarchive`)).body.archived).toBe(false);
        // marcus is a Maintainer, not an Owner.
        expect((await api().as("tok-marcus").post(`projects/${LEGACY}/archive`)).status).toBe(403);
    });

    it("DELETE marks the project for deletion (202); permanently_remove needs a marked project and its full path", async () => {
        const early = await api().delete(`projects/${LEGACY}`, undefined, { query: { permanently_remove: true, full_path: "acme-ml/models/legacy-ranker" } });
        expect(early).toMatchObject({ status: 400, body: { message: "Project must be marked for deletion first." } });

        const marked = await api().delete(`projects/${LEGACY}`);
        expect(marked).toMatchObject({ status: 202, body: { message: "202 Accepted" } });
        const read = await api().get(`projects/${LEGACY}`);
        expect(read.body.marked_for_deletion_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

        const wrongPath = await api().delete(`projects/${ID.legacyRanker}`, undefined, { query: { permanently_remove: true, full_path: "acme-ml/legacy-ranker" } });
        expect(wrongPath.body).toEqual({ message: "`full_path` is incorrect. You must enter the complete path for the project." });
        const gone = await api().delete(`projects/${ID.legacyRanker}`, undefined, { query: { permanently_remove: true, full_path: "acme-ml/models/legacy-ranker" } });
        expect(gone.status).toBe(202);
        expect((await api().get(`projects/${ID.legacyRanker}`)).status).toBe(404);
    });

    it("shows runners_token only to those who administer the project", async () => {
        expect((await api().get(`projects/${LEGACY}`)).body.runners_token).toEqual(expect.any(String));
        expect((await api().as("tok-writer").get(`projects/${LEGACY}`)).body).not.toHaveProperty("runners_token");
    });
});
