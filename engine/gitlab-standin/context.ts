// What a route handler gets and returns.
import type { Params } from "./params";
import type { StandinState, Token, User } from "./state";

export interface Ctx {
    readonly state: StandinState;
    /** The token's user; null only on routes that allow anonymous access. */
    readonly user: User | null;
    readonly token: Token | null;
    /** Query string and body merged (body wins), as Grape's `params`. */
    readonly params: Params;
    /** Decoded path parameters (`:id`, `:name`, …). */
    readonly path: Readonly<Record<string, string>>;
    /** `http://127.0.0.1:PORT`: base of every web_url the entities report. */
    readonly origin: string;
    readonly url: URL;
}

export interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply;

export function ok(body: unknown, headers?: Record<string, string>): Reply {
    return { status: 200, body, headers };
}

export function created(body: unknown): Reply {
    return { status: 201, body };
}

export function noContent(): Reply {
    return { status: 204 };
}

/** The authenticated user; routes that call this were registered as requiring auth. */
export function currentUser(ctx: Ctx): User {
    if (!ctx.user) throw new Error("route requires authentication but has no user");
    return ctx.user;
}
