/**
 * The GitLab REST calls the provider double makes, the way client-go makes
 * them for terraform-provider-gitlab: a Bearer token, JSON bodies, and errors
 * worded `METHOD URL: STATUS {message: ...}` so messages read like the real
 * provider's.
 */
export class GitLabApiError extends Error {
    constructor(
        readonly method: string,
        readonly url: string,
        readonly status: number,
        body: unknown,
    ) {
        super(`${method} ${url}: ${status} ${describeBody(body)}`);
        this.name = "GitLabApiError";
    }
}

function describeBody(body: unknown): string {
    if (body !== null && typeof body === "object") {
        const obj = body as Record<string, unknown>;
        const message = obj.message ?? obj.error;
        return `{message: ${typeof message === "string" ? message : JSON.stringify(message)}}`;
    }
    return String(body ?? "");
}

/** client-go's setBaseURL: a trailing slash, and `api/v4/` unless the path already ends with it. */
export function normalizeBaseUrl(url: string): string {
    let out = url.endsWith("/") ? url : `${url}/`;
    if (!out.endsWith("/api/v4/")) out = `${out}api/v4/`;
    return out;
}

/**
 * client-go's retries, which every provider call goes through (go-gitlab
 * gitlab.go, read at xanzy/go-gitlab 02cb9baf, whose successor
 * gitlab.com/gitlab-org/api/client-go the provider uses): retryablehttp with
 * RetryMax 5, RetryWaitMin 100 ms, RetryWaitMax 400 ms; retryHTTPCheck
 * retries a 429 and any status of 500 or more, never a transport error.
 */
const RETRY = { max: 5, waitMinMs: 100, waitMaxMs: 400 } as const;

const retried = (status: number) => status === 429 || status >= 500;

/**
 * retryHTTPBackoff: on a 429, rateLimitBackoff waits until `RateLimit-Reset`
 * when that is later than the minimum, else doubles the minimum each attempt,
 * plus jitter up to max−min; on a 5xx, retryablehttp's LinearJitterBackoff
 * between 700 and 900 ms, times the attempt number.
 */
function backoff(attempt: number, response: Response): number {
    if (response.status === 429) {
        let min: number = RETRY.waitMinMs;
        const reset = Number(response.headers.get("RateLimit-Reset"));
        if (reset > 0) min = Math.max(min, reset * 1000 - Date.now());
        else min = min * 2 ** attempt;
        return min + Math.random() * (RETRY.waitMaxMs - RETRY.waitMinMs);
    }
    return attempt * (700 + Math.random() * 200);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const encodePath = (idOrPath: string | number) => encodeURIComponent(String(idOrPath));

export class RestClient {
    readonly baseUrl: string;

    constructor(
        baseUrl: string,
        private readonly token: string,
    ) {
        this.baseUrl = normalizeBaseUrl(baseUrl);
    }

    async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
        const url = new URL(path.replace(/^\//, ""), this.baseUrl).toString();
        let response: Response;
        for (let attempt = 0; ; attempt++) {
            response = await fetch(url, {
                method,
                headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            if (!retried(response.status) || attempt >= RETRY.max) break;
            await response.arrayBuffer();
            await sleep(backoff(attempt + 1, response));
        }
        const text = await response.text();
        let parsed: unknown = text;
        try {
            parsed = text === "" ? undefined : JSON.parse(text);
        } catch {
            // Not JSON: keep the text for the error message.
        }
        if (!response.ok) throw new GitLabApiError(method, url, response.status, parsed);
        return parsed as T;
    }

    /**
     * A GraphQL request as the provider sends it (internal/provider/api/graphql_helper.go,
     * SendGraphQLRequest, and client-go's GraphQL.Do): POST `{"query": …}` to `/api/graphql`
     * on the base URL's host, the path overwritten. Only a non-2xx status fails; GraphQL
     * errors arrive in a 200 body, for the caller to read.
     */
    async graphql<T = any>(query: string): Promise<T> {
        const url = new URL(this.baseUrl);
        url.pathname = "/api/graphql";
        return this.request<T>("POST", url.toString(), { query });
    }

    get<T = any>(path: string): Promise<T> {
        return this.request<T>("GET", path);
    }

    /** `GET` the first page only, as the provider does for the any-approver lookup. */
    async firstPage<T = any>(path: string): Promise<T[]> {
        return this.get<T[]>(path);
    }

    /** Whether a call failed with this status. */
    static is(error: unknown, status: number): boolean {
        return error instanceof GitLabApiError && error.status === status;
    }
}
