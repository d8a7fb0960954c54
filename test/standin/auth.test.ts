// Authentication, token scopes, metadata and the catch-all route.
import { metadataExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, READ_TOKEN, acme, useStandin } from "./helpers";

describe("authentication", () => {
    const { api, standin } = useStandin(() =>
        acme((f) => {
            f.users.push({ id: 40, username: "blocked.user", name: "Blocked User", email: "blocked@acme.example", state: "blocked" });
            f.tokens.push({ token: "tok-blocked", user_id: 40, scopes: ["api"] });
        }),
    );

    it("accepts the token as PRIVATE-TOKEN or as Authorization: Bearer", async () => {
        const viaHeader = await api().get("user");
        const viaBearer = await api().get("user", { bearer: true });
        expect(viaHeader.status).toBe(200);
        expect(viaBearer.status).toBe(200);
        expect(viaBearer.body.username).toBe("ml-governance-bot");
    });

    it("answers 401 with GitLab's body when the token is missing or unknown", async () => {
        const missing = await api().as(null).get("user");
        const unknown = await api().as("glpat-nope").get(`projects/${LEGACY}`);
        expect(missing).toMatchObject({ status: 401, body: { message: "401 Unauthorized" } });
        expect(unknown).toMatchObject({ status: 401, body: { message: "401 Unauthorized" } });
    });

    it("refuses a blocked user's token with the access-denied reason", async () => {
        const res = await api().as("tok-blocked").get("user");
        expect(res).toMatchObject({ status: 403, body: { message: "403 Forbidden - Your account has been blocked." } });
    });

    it("lets a read_api token read but refuses every write with insufficient_scope, changing nothing", async () => {
        const read = api().as(READ_TOKEN);
        expect((await read.get(`projects/${LEGACY}`)).status).toBe(200);
        const write = await read.post(`projects/${LEGACY}/protected_branches`, { name: "release/*" });
        expect(write.status).toBe(403);
        expect(write.body).toEqual({
            error: "insufficient_scope",
            error_description: "The request requires higher privileges than provided by the access token.",
            scope: "api",
        });
        const del = await read.delete(`projects/${LEGACY}/protected_branches/trunk`);
        expect(del.status).toBe(403);
        expect(standin().state.project(ID.legacyRanker)?.protected_branches.map((pb) => pb.name)).toEqual(["trunk"]);
    });

    it("answers an unknown route with GitLab's catch-all 404 and flags it in the request log", async () => {
        const res = await api().get("projects/501/merge_requests");
        expect(res).toMatchObject({ status: 404, body: { error: "404 Not Found" } });
        const last = standin().requests.at(-1);
        expect(last).toMatchObject({ method: "GET", path: "/api/v4/projects/501/merge_requests", status: 404, unmodelled: true });
    });

    it("requires percent-encoded paths: an unencoded slash in a project path is no route", async () => {
        const res = await api().get("projects/acme-ml/models/legacy-ranker");
        expect(res.status).toBe(404);
        expect(standin().requests.at(-1)?.unmodelled).toBe(true);
    });
});

describe("metadata and version", () => {
    const { api } = useStandin();

    it("reports an EE instance with enterprise true, in the docs' shape", async () => {
        const res = await api().get("metadata");
        expect(res.status).toBe(200);
        expect(shapeDiff(res.body, metadataExample, { exact: true })).toEqual([]);
        expect(res.body).toMatchObject({ version: "18.2.1-ee", enterprise: true });
    });

    it("mirrors /metadata at /version and requires authentication for both", async () => {
        const [version, metadata] = await Promise.all([api().get("version"), api().get("metadata")]);
        expect(version.body).toEqual(metadata.body);
        expect((await api().as(null).get("version")).status).toBe(401);
        expect((await api().as(null).get("metadata")).status).toBe(401);
    });
});

describe("request log", () => {
    const { api, standin } = useStandin();

    it("records method, raw path, query, status and parsed body of every API request", async () => {
        await api().get(`projects/${LEGACY}`, { query: { statistics: false } });
        await api().post("projects", { name: "Recorded", namespace_id: ID.sandbox });
        expect(standin().requests).toEqual([
            { method: "GET", path: `/api/v4/projects/${LEGACY}`, query: "statistics=false", status: 200 },
            { method: "POST", path: "/api/v4/projects", query: "", status: 201, body: { name: "Recorded", namespace_id: ID.sandbox } },
        ]);
    });
});
