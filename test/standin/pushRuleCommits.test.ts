// Push rules applied to commits made through the files API.
import { ID, LEGACY, useStandin } from "./helpers";

const FILES = `projects/${LEGACY}/repository/files`;

describe("push rules on API commits (EE)", () => {
    const { api, standin } = useStandin();
    const rule = (attrs: Record<string, unknown>) => api().post(`projects/${LEGACY}/push_rule`, attrs);
    const commit = (path: string, attrs: Record<string, unknown> = {}) =>
        api().post(`${FILES}/${encodeURIComponent(path)}`, { branch: "trunk", content: "data", commit_message: "JIRA-1 add", ...attrs });

    it("requires the commit message to match commit_message_regex", async () => {
        await rule({ commit_message_regex: "^JIRA-\\d+" });
        expect(await commit("a.md", { commit_message: "add a file" })).toMatchObject({ status: 400, body: { message: "Commit message does not follow the pattern '^JIRA-\\d+'" } });
        expect((await commit("a.md")).status).toBe(201);
    });

    it("matches commit messages in multiline mode: ^ anchors at any line", async () => {
        await rule({ commit_message_regex: "^Signed-off-by: " });
        expect((await commit("a.md", { commit_message: "Add a\n\nSigned-off-by: Bot <bot@acme.example>" })).status).toBe(201);
        await api().put(`projects/${LEGACY}/push_rule`, { commit_message_regex: "(?-m)^Signed-off-by: " });
        expect((await commit("b.md", { commit_message: "Add b\n\nSigned-off-by: Bot <bot@acme.example>" })).status).toBe(400);
    });

    it("rejects a commit message matching commit_message_negative_regex", async () => {
        await rule({ commit_message_negative_regex: "ssh\\:\\/\\/" });
        const res = await commit("a.md", { commit_message: "JIRA-1 clone from ssh://host" });
        expect(res).toMatchObject({ status: 400, body: { message: "Commit message contains the forbidden pattern 'ssh\\:\\/\\/'" } });
    });

    it("checks file_name_regex for new files only, case-sensitively unless (?i)", async () => {
        await rule({ file_name_regex: "\\.(pkl|onnx)$" });
        expect(await commit("models/weights.pkl")).toMatchObject({ status: 400, body: { message: 'File name models/weights.pkl was prohibited by the pattern "\\\\.(pkl|onnx)$".' } });
        // Case-sensitive: .PKL is not .pkl.
        expect((await commit("models/weights.PKL")).status).toBe(201);
        await api().put(`projects/${LEGACY}/push_rule`, { file_name_regex: "(?i)\\.(pkl|onnx)$" });
        expect((await commit("models/other.ONNX")).status).toBe(400);
        // An existing file that matches may still be updated.
        const branch = standin().state.project(ID.legacyRanker)!.repository.branches[0];
        branch.files["legacy.pkl"] = { ...branch.files["README.md"] };
        const update = await api().put(`${FILES}/legacy.pkl`, { branch: "trunk", content: "new weights", commit_message: "JIRA-2 retrain" });
        expect(update.status).toBe(200);
    });

    it("rejects files larger than max_file_size MB", async () => {
        await rule({ max_file_size: 1 });
        const big = Buffer.alloc(1024 * 1024 + 1, 97).toString("base64");
        const res = await commit("big.bin", { content: big, encoding: "base64" });
        expect(res).toMatchObject({ status: 400, body: { message: 'File "big.bin" is larger than the allowed size of 1 MB' } });
        expect((await commit("small.bin", { content: Buffer.alloc(1024 * 1024, 97).toString("base64"), encoding: "base64" })).status).toBe(201);
    });

    it("applies branch_name_regex to other branches but always allows the default branch", async () => {
        await rule({ branch_name_regex: "^(feature|fix)/" });
        expect((await commit("a.md")).status).toBe(201);
        const res = await commit("b.md", { branch: "experiment", start_branch: "trunk" });
        expect(res).toMatchObject({ status: 400, body: { message: "Branch name does not follow the pattern '^(feature|fix)/'" } });
        expect((await commit("c.md", { branch: "feature/ok", start_branch: "trunk" })).status).toBe(201);
    });

    it("checks the author email against author_email_regex (blank author: the user's email)", async () => {
        await rule({ author_email_regex: "@acme\\.example$" });
        const res = await commit("a.md", { author_email: "dev@example.com" });
        expect(res).toMatchObject({ status: 400, body: { message: "Author's email 'dev@example.com' does not follow the pattern '@acme\\.example$'" } });
        expect((await commit("a.md", { author_email: "" })).status).toBe(201);
    });

    it("with member_check, rejects an author email no GitLab user has", async () => {
        await rule({ member_check: true });
        const res = await commit("a.md", { author_email: "stranger@example.com", author_name: "Stranger" });
        expect(res).toMatchObject({ status: 400, body: { message: "Author 'stranger@example.com' is not a member of team" } });
        expect((await commit("a.md", { author_email: "priya.raman@acme.example" })).status).toBe(201);
    });

    it("does not apply reject_unsigned_commits to commits created through the API", async () => {
        await rule({ reject_unsigned_commits: true });
        expect((await commit("a.md")).status).toBe(201);
    });

    it("applies the rule to deletes too (commit message), and stops when the rule is deleted behind the program's back", async () => {
        await rule({ commit_message_regex: "^JIRA-" });
        expect((await api().delete(`${FILES}/dvc.yaml`, { branch: "trunk", commit_message: "[DELETE]: remove" })).status).toBe(400);
        standin().state.project(ID.legacyRanker)!.push_rule = null;
        expect((await api().delete(`${FILES}/dvc.yaml`, { branch: "trunk", commit_message: "[DELETE]: remove" })).status).toBe(204);
    });
});
