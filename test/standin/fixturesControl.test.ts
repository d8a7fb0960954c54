// The committed acme fixture (for tests with their own fixture stacks; the
// committed stack files are seeded by engine/seed.ts instead), the fixture
// loader's checks, the control endpoints, and main.ts as another process would start it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { GitLabStandin, loadFixtures, type Fixtures } from "../../engine/gitlab-standin";
import { ACME_FIXTURE_PATH, BOT_TOKEN, Client, ID, LEGACY, acme, useStandin } from "./helpers";

const ROOT = join(__dirname, "..", "..");

describe("the acme fixture", () => {
    const fixture = JSON.parse(readFileSync(ACME_FIXTURE_PATH, "utf8")) as Fixtures;
    const state = loadFixtures(fixture);

    it("has the people, groups, projects and tokens the engine tests rely on", () => {
        const usernames = ["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor", "jonas.weber", "tech.writer", "mlops-bot", "ml-governance-bot"];
        for (const u of usernames) expect(state.user(u)).toBeDefined();
        const groupPaths = ["acme-ml", "acme-ml/models", "acme-ml/sandbox", "acme-ml/ml-leads", "acme-ml/data-stewards", "acme-ml/ml-reviewers", "acme-ml/ml-platform", "acme-ml/release-managers", "acme-ml/leads"];
        for (const g of groupPaths) expect(state.group(g)).toBeDefined();
        expect(state.project("acme-ml/models/legacy-ranker")?.default_branch).toBe("trunk");
        expect(state.project("acme-ml/models/empty-model")).toMatchObject({ default_branch: null, repository: { branches: [] } });
        expect(state.tokens).toEqual([
            { token: "glpat-standin-api", user_id: ID.bot, scopes: ["api"] },
            { token: "glpat-standin-read", user_id: ID.bot, scopes: ["read_api"] },
        ]);
        const bot = state.user("ml-governance-bot")!;
        expect(bot.admin).toBe(false);
        expect(state.group("acme-ml")!.members).toContainEqual(expect.objectContaining({ user_id: bot.id, access_level: 50 }));
        expect(state.group("acme-ml/models")!.members).toContainEqual(expect.objectContaining({ user_id: ID.marcus, access_level: 40 }));
    });
});

describe("fixture validation", () => {
    it("refuses a group whose parent is missing, and unknown users in memberships and tokens", () => {
        expect(() => loadFixtures({ edition: "ee", users: [], groups: [{ id: 1, full_path: "a/b", name: "B" }], tokens: [] })).toThrow(/parent group a is not in the fixtures/);
        expect(() => loadFixtures({ edition: "ee", users: [], groups: [{ id: 1, full_path: "a", name: "A", members: [{ user_id: 7, access_level: 30 }] }], tokens: [] })).toThrow(/unknown user_id 7/);
        expect(() => loadFixtures({ edition: "ee", users: [], groups: [], tokens: [{ token: "t", user_id: 3, scopes: ["api"] }] })).toThrow(/unknown user_id 3/);
    });

    it("refuses a project in a namespace that does not exist", () => {
        const f = acme((x) => x.projects!.push({ id: 600, path_with_namespace: "nowhere/p", name: "P" }));
        expect(() => loadFixtures(f)).toThrow(/no group or user nowhere/);
    });
});

describe("control endpoints", () => {
    const { api, standin } = useStandin();
    const control = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(new URL(`/__standin/${path}`, api().baseUrl), { method, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };

    it("serves the request log, resets it, and does not log itself", async () => {
        await api().get(`projects/${LEGACY}`);
        const log = await control("GET", "requests");
        expect(log.body).toEqual([{ method: "GET", path: `/api/v4/projects/${LEGACY}`, query: "", status: 200 }]);
        expect((await control("POST", "reset-requests")).status).toBe(204);
        expect((await control("GET", "requests")).body).toEqual([]);
        expect(standin().requests).toEqual([]);
    });

    it("arms a fault from JSON with the path as a regex string", async () => {
        expect((await control("POST", "fail-next", { method: "GET", path: "legacy-ranker$", status: 503 })).status).toBe(204);
        expect((await api().get(`projects/${LEGACY}`)).status).toBe(503);
        expect((await api().get(`projects/${LEGACY}`)).status).toBe(200);
        expect((await control("POST", "fail-next", { path: "x" })).body).toEqual({ error: "status (number) is required" });
    });

    it("serves the state snapshot, which reflects API changes", async () => {
        await api().post(`projects/${LEGACY}/push_rule`, { member_check: true });
        const snap = await control("GET", "state");
        const legacy = snap.body.projects.find((p: { id: number }) => p.id === ID.legacyRanker);
        expect(legacy.push_rule).toMatchObject({ member_check: true });
        expect(snap.body).toEqual(standin().snapshot());
    });
});

describe("main.ts", () => {
    it("prints the base URL first and serves the given fixture until killed", async () => {
        const child = spawn(process.execPath, ["-r", "./scripts/register-ts.js", "engine/gitlab-standin/main.ts", "--fixtures", ACME_FIXTURE_PATH], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
        try {
            const firstLine = await new Promise<string>((resolve, reject) => {
                createInterface({ input: child.stdout }).once("line", resolve);
                child.once("exit", (code) => reject(new Error(`main.ts exited with ${code}`)));
            });
            expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v4\/$/);
            const client = new Client(firstLine, BOT_TOKEN);
            expect((await client.get("user")).body.username).toBe("ml-governance-bot");
            const state = (await fetch(new URL("/__standin/state", firstLine)).then((r) => r.json())) as { edition: string };
            expect(state.edition).toBe("ee");
        } finally {
            child.kill("SIGTERM");
        }
    });

    it("stops an in-process stand-in so its port is released", async () => {
        const s = new GitLabStandin(acme());
        const url = await s.start();
        await s.stop();
        await expect(fetch(url)).rejects.toThrow();
    });
});
