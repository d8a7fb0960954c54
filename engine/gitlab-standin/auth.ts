// Authentication and token scopes, as lib/api/api_guard.rb and
// Gitlab::Auth::AuthFinders do it for personal access tokens.
import type { IncomingHttpHeaders } from "node:http";
import { ApiError, forbidden, unauthorized } from "./errors";
import type { StandinState, Token, User } from "./state";

/** `PRIVATE-TOKEN` header, `Authorization: Bearer`, or the `private_token` / `access_token` query parameter. */
export function tokenFrom(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
    const header = headers["private-token"];
    if (typeof header === "string" && header !== "") return header;
    const auth = headers.authorization;
    const bearer = typeof auth === "string" ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
    if (bearer) return bearer[1];
    return query.get("private_token") ?? query.get("access_token") ?? undefined;
}

/**
 * A token that does not exist is 401 `{"message":"401 Unauthorized"}`; a
 * blocked user's token is refused with the access-denied reason.
 */
export function authenticate(state: StandinState, value: string): { token: Token; user: User } {
    const token = state.tokens.find((t) => t.token === value);
    const user = token ? state.user(token.user_id) : undefined;
    if (!token || !user) throw unauthorized();
    if (user.state === "blocked") throw forbidden("Your account has been blocked.");
    return { token, user };
}

/**
 * `allow_access_with_scope :read_api, if: ->(request) { request.get? || request.head? }`:
 * a read_api token on any other method raises InsufficientScopeError, which
 * Rack::OAuth2 renders as a Bearer "insufficient_scope" error with the RFC
 * 6750 §3.1 description and the scopes that would have worked.
 */
export function checkScope(token: Token, method: string): void {
    if (token.scopes.includes("api")) return;
    if (method === "GET" || method === "HEAD") return;
    throw new ApiError(403, {
        error: "insufficient_scope",
        error_description: "The request requires higher privileges than provided by the access token.",
        scope: "api",
    });
}
