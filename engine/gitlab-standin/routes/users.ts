// Users (https://docs.gitlab.com/api/users/) and instance metadata
// (https://docs.gitlab.com/api/metadata/, https://docs.gitlab.com/api/version/).
import { currentUser, ok, type Ctx } from "../context";
import { currentUserEntity, userBasic, userPublic } from "../entities/user";
import { forbidden, notFound } from "../errors";
import { paginate } from "../pagination";
import { route, type Route } from "../router";

function listUsers(ctx: Ctx) {
    const username = ctx.params.str("username");
    const search = ctx.params.str("search")?.toLowerCase();
    let users = ctx.state.users;
    // "Username search is case insensitive."; no match is an empty list.
    if (username !== undefined) users = users.filter((u) => u.username.toLowerCase() === username.toLowerCase());
    // `search` matches name or username partially, and an email only exactly (non-admin callers).
    if (search !== undefined) users = users.filter((u) => u.username.toLowerCase().includes(search) || u.name.toLowerCase().includes(search) || u.email.toLowerCase() === search);
    if (ctx.params.bool("active") === true) users = users.filter((u) => u.state === "active");
    return paginate(ctx, users, (u) => userBasic(ctx.origin, u));
}

function getUser(ctx: Ctx) {
    const id = ctx.path.user_id;
    const user = /^\d+$/.test(id) ? ctx.state.user(Number(id)) : undefined;
    if (!user) throw notFound("User");
    return ok(userPublic(ctx.origin, user));
}

/**
 * `InstanceMetadata` (version, revision, kas, enterprise); /version mirrors
 * /metadata and both require authentication. `enterprise` is `Gitlab.ee?`:
 * true on any EE build, false on CE.
 */
function metadata(ctx: Ctx) {
    const ee = ctx.state.edition === "ee";
    return ok({
        version: ee ? `${ctx.state.version}-ee` : ctx.state.version,
        revision: "5e1e7a0f0c5",
        kas: { enabled: false, externalUrl: null, externalK8sProxyUrl: null, version: null },
        enterprise: ee,
    });
}

/**
 * `GET /application/settings`, administrators only (`authenticated_as_admin!`, lib/api/settings.rb;
 * doc/api/settings.md). Only the field the provider reads when it creates a project in a
 * personal namespace is modelled: `default_branch_protection`, the instance default the
 * stand-in applies to personal projects (2, "fully protected").
 */
function applicationSettings(ctx: Ctx) {
    if (!currentUser(ctx).admin) throw forbidden();
    return ok({ default_branch_protection: 2 });
}

export const userRoutes: Route[] = [
    route("GET", "/application/settings", applicationSettings),
    route("GET", "/user", (ctx) => ok(currentUserEntity(ctx.origin, currentUser(ctx)))),
    route("GET", "/users", listUsers),
    route("GET", "/users/:user_id", getUser),
    route("GET", "/metadata", metadata),
    route("GET", "/version", metadata),
];
