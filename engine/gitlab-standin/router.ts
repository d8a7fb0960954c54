// A route table matched segment by segment on the *raw* path, so `%2F` inside
// an id or file path stays one segment. GitLab's routes use
// `NO_SLASH_URL_PART_REGEX = %r{[^/]+}` for ids, branch names and file paths
// (lib/api/api.rb): an unencoded `/` does not match and answers 404.
import type { Handler } from "./context";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteOptions {
    /** Premium/Ultimate API: absent on CE, where the catch-all answers 404. */
    ee?: boolean;
    /** Reachable without a token (visibility rules still apply in the handler). */
    anonymous?: boolean;
}

export interface Route extends RouteOptions {
    method: Method;
    pattern: string;
    segments: string[];
    handler: Handler;
}

export function route(method: Method, pattern: string, handler: Handler, options: RouteOptions = {}): Route {
    return { method, pattern, segments: pattern.split("/").filter(Boolean), handler, ...options };
}

export interface Match {
    route: Route;
    path: Record<string, string>;
}

function decode(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
    if (pattern.length !== actual.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
        const p = pattern[i];
        const value = decode(actual[i]);
        if (value === undefined) return undefined;
        if (p.startsWith(":")) params[p.slice(1)] = value;
        else if (p !== value) return undefined;
    }
    return params;
}

/**
 * The first route whose method and path match. Literal routes are listed
 * before parameter routes where both could match (`members/all/:user_id`).
 */
export function matchRoute(routes: readonly Route[], method: string, rawSegments: readonly string[]): Match | undefined {
    for (const r of routes) {
        if (r.method !== method) continue;
        const path = matchSegments(r.segments, rawSegments);
        if (path) return { route: r, path };
    }
    return undefined;
}
