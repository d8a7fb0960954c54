// The push rule endpoints (EE).
import { pushRuleExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

const RULE = `projects/${LEGACY}/push_rule`;

describe("push rule endpoints (EE)", () => {
    const { api, standin } = useStandin();

    it("GET answers null while the project has no push rule", async () => {
        const res = await api().get(RULE);
        expect(res.status).toBe(200);
        expect(res.body).toBeNull();
    });

    it("POST creates the rule (201, docs' shape); a second POST is 422", async () => {
        const res = await api().post(RULE, { commit_message_regex: "Fixes \\d+\\..*", commit_message_negative_regex: "ssh\\:\\/\\/", max_file_size: 5 });
        expect(res.status).toBe(201);
        expect(shapeDiff(res.body, pushRuleExample, { exact: true })).toEqual([]);
        expect(res.body).toMatchObject({ project_id: ID.legacyRanker, commit_message_regex: "Fixes \\d+\\..*", max_file_size: 5, branch_name_regex: "", member_check: false });
        expect((await api().get(RULE)).body).toEqual(res.body);
        expect(await api().post(RULE, { member_check: true })).toEqual(expect.objectContaining({ status: 422, body: { message: "Project push rule exists" } }));
    });

    it("PUT changes only the given attributes; an empty string switches a regex off", async () => {
        await api().post(RULE, { commit_message_regex: "^JIRA-", file_name_regex: "\\.pkl$", prevent_secrets: true });
        const res = await api().put(RULE, { commit_message_regex: "", max_file_size: 10 });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ commit_message_regex: "", file_name_regex: "\\.pkl$", prevent_secrets: true, max_file_size: 10 });
    });

    it("validates regexes as RE2 (no lookaround), their length, and max_file_size >= 0", async () => {
        const res = await api().post(RULE, { commit_message_regex: "^(?!WIP)", branch_name_regex: "x".repeat(512), max_file_size: -1 });
        expect(res.status).toBe(400);
        expect(res.body.message.commit_message_regex[0]).toMatch(/^not valid RE2 syntax: invalid perl operator: \(\?!/);
        expect(res.body.message.branch_name_regex).toEqual(["is too long (maximum is 511 characters)"]);
        expect(res.body.message.max_file_size).toEqual(["must be greater than or equal to 0"]);
        expect(standin().state.project(ID.legacyRanker)!.push_rule).toBeNull();
    });

    it("needs at least one attribute", async () => {
        const res = await api().post(RULE, {});
        expect(res.status).toBe(400);
        expect(res.body.error).toMatch(/at least one parameter must be provided$/);
    });

    it("DELETE removes the rule (204); PUT/DELETE without a rule is 404 Push Rule Not Found", async () => {
        await api().post(RULE, { member_check: true });
        expect((await api().delete(RULE)).status).toBe(204);
        expect((await api().get(RULE)).body).toBeNull();
        expect(await api().put(RULE, { member_check: true })).toMatchObject({ status: 404, body: { message: "404 Push Rule Not Found" } });
        expect((await api().delete(RULE)).status).toBe(404);
    });

    it("requires Maintainer", async () => {
        expect((await api().as("tok-writer").get(RULE)).status).toBe(403);
    });
});
