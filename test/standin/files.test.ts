// Repository files: each write is a commit that needs push rights on the branch.
import { fileExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

const FILES = `projects/${LEGACY}/repository/files`;
const CODEOWNERS = encodeURIComponent(".gitlab/CODEOWNERS");
const EMPTY = encodeURIComponent("acme-ml/models/empty-model");

describe("repository files", () => {
    const { api, standin } = useStandin();

    it("reads a file as base64 with git blob id and commit ids, in the docs' shape", async () => {
        const res = await api().get(`${FILES}/${encodeURIComponent("models/ranker.py")}`, { query: { ref: "trunk" } });
        expect(res.status).toBe(200);
        expect(shapeDiff(res.body, fileExample, { exact: true })).toEqual([]);
        const text = "import lightgbm as lgb\n\n\ndef load(path):\n    return lgb.Booster(model_file=path)\n";
        expect(Buffer.from(res.body.content, "base64").toString()).toBe(text);
        expect(res.body).toMatchObject({ file_name: "ranker.py", file_path: "models/ranker.py", size: text.length, encoding: "base64", ref: "trunk" });
        // git hash-object of the same content
        const { createHash } = await import("node:crypto");
        expect(res.body.blob_id).toBe(createHash("sha1").update(`blob ${text.length}\0${text}`).digest("hex"));
        // HEAD means the default branch.
        expect((await api().get(`${FILES}/README.md`, { query: { ref: "HEAD" } })).body.ref).toBe("HEAD");
    });

    it("answers 404 File Not Found / 404 Commit Not Found, and a Grape 400 without ref", async () => {
        expect((await api().get(`${FILES}/nope.txt`, { query: { ref: "trunk" } })).body).toEqual({ message: "404 File Not Found" });
        expect((await api().get(`${FILES}/README.md`, { query: { ref: "no-branch" } })).body).toEqual({ message: "404 Commit Not Found" });
        expect((await api().get(`${FILES}/README.md`)).body).toEqual({ error: "ref is missing" });
    });

    it("creates (201), updates (200) and deletes (2xx: the status is on the unconfirmed list) a file, each as a commit", async () => {
        const create = await api().post(`${FILES}/${CODEOWNERS}`, { branch: "trunk", content: "* @acme-ml/ml-leads\n", commit_message: "Add CODEOWNERS", encoding: "text", author_email: "", author_name: "" });
        expect(create).toMatchObject({ status: 201, body: { file_path: ".gitlab/CODEOWNERS", branch: "trunk" } });
        const first = await api().get(`${FILES}/${CODEOWNERS}`, { query: { ref: "trunk" } });

        const update = await api().put(`${FILES}/${CODEOWNERS}`, { branch: "trunk", content: Buffer.from("* @acme-ml/data-stewards\n").toString("base64"), encoding: "base64", commit_message: "Update", last_commit_id: first.body.last_commit_id });
        expect(update).toMatchObject({ status: 200, body: { file_path: ".gitlab/CODEOWNERS", branch: "trunk" } });
        const second = await api().get(`${FILES}/${CODEOWNERS}`, { query: { ref: "trunk" } });
        expect(Buffer.from(second.body.content, "base64").toString()).toBe("* @acme-ml/data-stewards\n");
        expect(second.body.last_commit_id).not.toBe(first.body.last_commit_id);

        expect([200, 204]).toContain((await api().delete(`${FILES}/${CODEOWNERS}`, { branch: "trunk", commit_message: "[DELETE]: Update" })).status);
        expect((await api().get(`${FILES}/${CODEOWNERS}`, { query: { ref: "trunk" } })).status).toBe(404);
        const commits = standin().state.project(ID.legacyRanker)!.repository.commits.map((c) => c.message);
        expect(commits.slice(-3)).toEqual(["Add CODEOWNERS", "Update", "[DELETE]: Update"]);
        // Blank author fields fall back to the token's user.
        expect(standin().state.project(ID.legacyRanker)!.repository.commits.at(-3)?.author_email).toBe("ml-governance-bot@acme.example");
    });

    it("answers 400 'A file with this name already exists' / 'doesn't exist'", async () => {
        const dup = await api().post(`${FILES}/README.md`, { branch: "trunk", content: "x", commit_message: "again" });
        expect(dup).toMatchObject({ status: 400, body: { message: "A file with this name already exists" } });
        const missing = await api().put(`${FILES}/nope.md`, { branch: "trunk", content: "x", commit_message: "edit" });
        expect(missing).toMatchObject({ status: 400, body: { message: "A file with this name doesn't exist" } });
        expect((await api().delete(`${FILES}/nope.md`, { branch: "trunk", commit_message: "rm" })).status).toBe(400);
    });

    it("rejects a stale last_commit_id and an update that changes nothing", async () => {
        const stale = await api().put(`${FILES}/README.md`, { branch: "trunk", content: "new", commit_message: "edit", last_commit_id: "0".repeat(40) });
        expect(stale.status).toBe(400); // the text is on the unconfirmed list (docs/gitlab-standin.md)
        const same = await api().put(`${FILES}/README.md`, { branch: "trunk", content: "# Legacy Ranker\n\nLearning-to-rank model for site search.\n", commit_message: "noop" });
        expect(same.status).toBe(400);
    });

    it("refuses a push into a protected branch the user may not push to (400), and to non-developers (403)", async () => {
        // Behind the program's back: nobody may push to trunk any more.
        standin().state.project(ID.legacyRanker)!.protected_branches[0].push_access_levels[0].access_level = 0;
        const res = await api().post(`${FILES}/new.md`, { branch: "trunk", content: "x", commit_message: "add" });
        expect(res).toMatchObject({ status: 400, body: { message: "You are not allowed to push into this branch" } });
        // tech.writer is a Reporter: no push_code at all.
        expect(await api().as("tok-writer").post(`${FILES}/new.md`, { branch: "feature", start_branch: "trunk", content: "x", commit_message: "add" })).toMatchObject({ status: 403, body: { message: "403 Forbidden" } });
    });

    it("lets a user named in allowed_to_push push although the role level is 'No one'", async () => {
        await api().delete(`projects/${LEGACY}/protected_branches/trunk`);
        await api().post(`projects/${LEGACY}/protected_branches`, { name: "trunk", allowed_to_push: [{ access_level: 0 }, { user_id: ID.bot }], allowed_to_merge: [{ access_level: 40 }] });
        expect((await api().post(`${FILES}/bot.md`, { branch: "trunk", content: "x", commit_message: "add" })).status).toBe(201);
        // marcus is a Maintainer but not named.
        expect((await api().as("tok-marcus").post(`${FILES}/marcus.md`, { branch: "trunk", content: "x", commit_message: "add" })).status).toBe(400);
    });

    it("creates a branch from start_branch, and refuses a missing branch without one", async () => {
        const res = await api().post(`${FILES}/f.md`, { branch: "feature/x", start_branch: "trunk", content: "x", commit_message: "branch" });
        expect(res.status).toBe(201);
        expect((await api().get(`${FILES}/README.md`, { query: { ref: "feature/x" } })).status).toBe(200);
        const lost = await api().post(`${FILES}/f.md`, { branch: "nowhere", content: "x", commit_message: "branch" });
        expect(lost.status).toBe(400); // the text is on the unconfirmed list (docs/gitlab-standin.md)
    });

    it("the first commit into an empty repository creates and protects the default branch", async () => {
        const res = await api().post(`projects/${EMPTY}/repository/files/README.md`, { branch: "main", content: "# Empty Model\n", commit_message: "Initial commit" });
        expect(res.status).toBe(201);
        const project = await api().get(`projects/${EMPTY}`);
        expect(project.body).toMatchObject({ default_branch: "main", empty_repo: false });
        expect((await api().get(`projects/${EMPTY}/protected_branches`)).body.map((pb: { name: string }) => pb.name)).toEqual(["main"]);
    });

    it("refuses commits to an archived project (read-only)", async () => {
        await api().post(`projects/${LEGACY}/archive`);
        expect((await api().post(`${FILES}/late.md`, { branch: "trunk", content: "x", commit_message: "late" })).status).toBe(403);
    });
});
