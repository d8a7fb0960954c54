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
        const response = await fetch(url, {
            method,
            headers: { Authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
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
