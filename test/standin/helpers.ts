// Shared by the stand-in tests: an in-process stand-in on port 0 per suite,
// a tiny HTTP client, and fixtures.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { GitLabStandin, type Fixtures } from "../../engine/gitlab-standin";

export const ACME_FIXTURE_PATH = join(__dirname, "..", "..", "engine", "gitlab-standin", "fixtures", "acme.json");

/** A fresh copy of the committed acme fixture, with extra tokens for other users. */
export function acme(mutate?: (f: Fixtures) => void): Fixtures {
    const f = JSON.parse(readFileSync(ACME_FIXTURE_PATH, "utf8")) as Fixtures;
    f.tokens.push(
        { token: "tok-root", user_id: 1, scopes: ["api"] },
        { token: "tok-priya", user_id: 11, scopes: ["api"] },
        { token: "tok-marcus", user_id: 12, scopes: ["api"] },
        { token: "tok-writer", user_id: 16, scopes: ["api"] },
        { token: "tok-mlops", user_id: 17, scopes: ["api"] },
    );
    mutate?.(f);
    return f;
}

/** Well-known ids in the acme fixture. */
export const ID = {
    root: 1,
    priya: 11,
    marcus: 12,
    elena: 13,
    nadia: 14,
    jonas: 15,
    writer: 16,
    mlopsBot: 17,
    bot: 18,
    acmeMl: 100,
    models: 101,
    sandbox: 102,
    mlLeads: 103,
    dataStewards: 104,
    mlReviewers: 105,
    mlPlatform: 106,
    releaseManagers: 107,
    leads: 108,
    legacyRanker: 501,
    emptyModel: 502,
} as const;

export const BOT_TOKEN = "glpat-standin-api";
export const READ_TOKEN = "glpat-standin-read";

export interface ApiResponse {
    status: number;
    headers: Headers;
    // Response bodies are whatever the server sent; tests assert on them.
    body: any;
}

export interface RequestOptions {
    token?: string | null;
    /** Send the token as `Authorization: Bearer` instead of PRIVATE-TOKEN. */
    bearer?: boolean;
    query?: Record<string, string | number | boolean>;
    /** Send the body form-encoded (string) instead of JSON. */
    form?: string;
}

export class Client {
    constructor(
        readonly baseUrl: string,
        readonly token: string | null = BOT_TOKEN,
    ) {}

    as(token: string | null): Client {
        return new Client(this.baseUrl, token);
    }

    async request(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse> {
        const url = new URL(path.replace(/^\//, ""), this.baseUrl);
        for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
        const headers: Record<string, string> = {};
        const token = options.token === undefined ? this.token : options.token;
        if (token !== null) {
            if (options.bearer) headers.authorization = `Bearer ${token}`;
            else headers["private-token"] = token;
        }
        let payload: string | undefined;
        if (options.form !== undefined) {
            headers["content-type"] = "application/x-www-form-urlencoded";
            payload = options.form;
        } else if (body !== undefined) {
            headers["content-type"] = "application/json";
            payload = JSON.stringify(body);
        }
        const res = await fetch(url, { method, headers, body: payload });
        const text = await res.text();
        const json = res.headers.get("content-type")?.startsWith("application/json") ?? true;
        return { status: res.status, headers: res.headers, body: text === "" ? undefined : json ? JSON.parse(text) : text };
    }

    get(path: string, options?: RequestOptions) {
        return this.request("GET", path, undefined, options);
    }
    post(path: string, body?: unknown, options?: RequestOptions) {
        return this.request("POST", path, body, options);
    }
    put(path: string, body?: unknown, options?: RequestOptions) {
        return this.request("PUT", path, body, options);
    }
    patch(path: string, body?: unknown, options?: RequestOptions) {
        return this.request("PATCH", path, body, options);
    }
    delete(path: string, body?: unknown, options?: RequestOptions) {
        return this.request("DELETE", path, body, options);
    }
}

/**
 * One stand-in per test file, restarted with fresh fixtures before each test
 * (cheap: port 0, no I/O beyond the socket).
 */
export function useStandin(fixtures: () => Fixtures = () => acme()): { standin: () => GitLabStandin; api: () => Client } {
    let standin: GitLabStandin | undefined;
    let client: Client | undefined;
    beforeEach(async () => {
        standin = new GitLabStandin(fixtures());
        client = new Client(await standin.start());
    });
    afterEach(async () => {
        await standin?.stop();
    });
    return {
        standin: () => {
            if (!standin) throw new Error("stand-in not started");
            return standin;
        },
        api: () => {
            if (!client) throw new Error("stand-in not started");
            return client;
        },
    };
}

/** `acme-ml/models/legacy-ranker` URL-encoded, as clients send it. */
export const LEGACY = encodeURIComponent("acme-ml/models/legacy-ranker");
