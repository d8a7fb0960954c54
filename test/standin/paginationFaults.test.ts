// Offset pagination headers, and fault injection with failNext.
import { ID, LEGACY, acme, useStandin } from "./helpers";

const PB = `projects/${LEGACY}/protected_branches`;

describe("pagination", () => {
    // 45 protections: three pages of 20.
    const { api } = useStandin(() =>
        acme((f) => {
            const legacy = f.projects!.find((p) => p.id === 501)!;
            legacy.protected_branches = Array.from({ length: 45 }, (_, i) => ({ name: `release/${String(i).padStart(2, "0")}` }));
        }),
    );

    it("defaults to 20 per page with x-* headers and a Link header", async () => {
        const res = await api().get(PB);
        expect(res.body).toHaveLength(20);
        expect(res.body[0].name).toBe("release/00");
        expect(Object.fromEntries(["x-page", "x-per-page", "x-next-page", "x-prev-page", "x-total", "x-total-pages"].map((h) => [h, res.headers.get(h)]))).toEqual({
            "x-page": "1",
            "x-per-page": "20",
            "x-next-page": "2",
            "x-prev-page": "",
            "x-total": "45",
            "x-total-pages": "3",
        });
        const link = res.headers.get("link")!;
        expect(link).toContain('rel="next"');
        expect(link).not.toContain('rel="prev"');
        expect(link).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/api\/v4\/projects\/acme-ml%2Fmodels%2Flegacy-ranker\/protected_branches\?page=3&per_page=20>; rel="last"/);
    });

    it("serves a middle and the last page", async () => {
        const middle = await api().get(PB, { query: { page: 2, per_page: 20 } });
        expect(middle.body[0].name).toBe("release/20");
        expect(middle.headers.get("x-prev-page")).toBe("1");
        expect(middle.headers.get("x-next-page")).toBe("3");
        expect(middle.headers.get("link")).toMatch(/page=1&per_page=20>; rel="prev", <[^>]*page=3&per_page=20>; rel="next", <[^>]*page=1&per_page=20>; rel="first"/);
        const last = await api().get(PB, { query: { page: 3 } });
        expect(last.body).toHaveLength(5);
        expect(last.headers.get("x-next-page")).toBe("");
        expect(last.headers.get("link")).not.toContain('rel="next"');
    });

    it("caps per_page at 100 and answers an empty page past the end", async () => {
        const big = await api().get(PB, { query: { per_page: 1000 } });
        expect(big.body).toHaveLength(45);
        expect(big.headers.get("x-per-page")).toBe("100");
        const past = await api().get(PB, { query: { page: 9 } });
        expect(past.body).toEqual([]);
        expect(past.headers.get("x-total")).toBe("45");
    });
});

describe("failNext", () => {
    const { api, standin } = useStandin();

    it("fails exactly the nth matching request, once, with {message}", async () => {
        standin().failNext({ method: "GET", path: /\/projects\/acme-ml%2Fmodels%2Flegacy-ranker$/, nth: 2, status: 503, message: "maintenance" });
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await api().get(`projects/${LEGACY}`)).status);
        expect(statuses).toEqual([200, 503, 200, 200]);
        expect(standin().requests.filter((r) => r.faulted)).toHaveLength(1);
    });

    it("answers with the default status text and leaves state untouched", async () => {
        standin().failNext({ method: "POST", path: /protected_branches$/, status: 500 });
        const res = await api().post(PB, { name: "release/*" });
        expect(res).toMatchObject({ status: 500, body: { message: "500 Internal Server Error" } });
        expect(standin().state.project(ID.legacyRanker)!.protected_branches.map((pb) => pb.name)).toEqual(["trunk"]);
        // The fault is spent: the retry succeeds.
        expect((await api().post(PB, { name: "release/*" })).status).toBe(201);
    });

    it("counts only matching requests and ignores other methods", async () => {
        standin().failNext({ method: "DELETE", path: /protected_branches/, status: 409, message: "locked" });
        expect((await api().get(`${PB}/trunk`)).status).toBe(200);
        expect((await api().post(PB, { name: "x" })).status).toBe(201);
        expect(await api().delete(`${PB}/x`)).toMatchObject({ status: 409, body: { message: "locked" } });
        expect((await api().delete(`${PB}/x`)).status).toBe(204);
    });

    it("can simulate the POST failing right after the provider unprotected the default branch", async () => {
        // The provider's adopt path: DELETE the default branch's protection, then POST its own.
        standin().failNext({ method: "POST", path: /protected_branches$/, status: 502 });
        expect((await api().delete(`${PB}/trunk`)).status).toBe(204);
        expect((await api().post(PB, { name: "trunk", allowed_to_push: [{ access_level: 0 }] })).status).toBe(502);
        // What a test would then assert: trunk is left unprotected.
        expect((await api().get(`projects/${LEGACY}/repository/branches/trunk`)).body.protected).toBe(false);
    });

    it("answers the request it first fails again, `times` in all, as a client's retries see it, and no other request", async () => {
        standin().failNext({ method: "POST", path: /protected_branches$/, status: 500, times: 3 });
        const other = `projects/${ID.emptyModel}/protected_branches`; // matches the regex, but is another request
        expect((await api().post(PB, { name: "a" })).status).toBe(500);
        expect((await api().post(other, { name: "b" })).status).toBe(201);
        // The same endpoint, another body: another resource's request, not the retry.
        expect((await api().post(PB, { name: "c" })).status).toBe(201);
        expect((await api().post(PB, { name: "a" })).status).toBe(500);
        expect((await api().post(PB, { name: "a" })).status).toBe(500);
        expect((await api().post(PB, { name: "a" })).status).toBe(201);
        expect(standin().requests.filter((r) => r.faulted)).toHaveLength(3);
    });

    it("rejects a nonsensical spec", () => {
        expect(() => standin().failNext({ status: 42 })).toThrow(/invalid status/);
        expect(() => standin().failNext({ status: 500, nth: 0 })).toThrow(/nth/);
        expect(() => standin().failNext({ status: 500, times: 0 })).toThrow(/times/);
    });
});

describe("the authenticated API rate limit", () => {
    const { api, standin } = useStandin();

    it("answers 429 with Rack::Attack's body and GitLab's documented headers once a user is over the limit, until the window ends", async () => {
        standin().rateLimit({ requests: 2, periodSeconds: 1 });
        expect((await api().get("user")).status).toBe(200);
        expect((await api().get("user")).status).toBe(200);
        const throttled = await api().get("user");
        expect(throttled).toMatchObject({ status: 429, body: "Retry later\n" });
        for (const h of ["RateLimit-Name", "RateLimit-Limit", "RateLimit-Observed", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-ResetTime", "Retry-After"]) expect(throttled.headers.get(h)).not.toBeNull();
        expect(throttled.headers.get("RateLimit-Name")).toBe("throttle_authenticated_api");
        expect(Number(throttled.headers.get("RateLimit-Reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
        expect(standin().requests.at(-1)).toMatchObject({ status: 429, throttled: true });
        await new Promise((r) => setTimeout(r, Number(throttled.headers.get("RateLimit-Reset")) * 1000 - Date.now() + 50));
        expect((await api().get("user")).status).toBe(200);
        standin().rateLimit(undefined);
        for (let i = 0; i < 5; i++) expect((await api().get("user")).status).toBe(200);
    });
});
