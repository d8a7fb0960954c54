// Finding the records a path names. `:id` is "the ID or URL-encoded path"
// (https://docs.gitlab.com/api/rest/#namespaced-paths); something that does
// not exist and something the caller may not see answer the same 404, so a
// private project's existence does not leak.
import { canAdminProject, canReadGroup, canReadProject } from "./access";
import type { Ctx } from "./context";
import { forbidden, notFound } from "./errors";
import type { Group, Project, User } from "./state";

function ref(raw: string): number | string {
    return /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** `find_project!` → 404 "404 Project Not Found". */
export function findProject(ctx: Ctx, raw = ctx.path.id): Project {
    const project = ctx.state.project(ref(raw));
    if (!project || !canReadProject(ctx.state, project, ctx.user)) throw notFound("Project");
    return project;
}

/** A project the caller must administer (Maintainer+), else 403 `authorize! :admin_project`. */
export function adminProject(ctx: Ctx, raw = ctx.path.id): Project {
    const project = findProject(ctx, raw);
    if (!canAdminProject(ctx.state, project, ctx.user)) throw forbidden();
    return project;
}

/** `find_group!` → 404 "404 Group Not Found". */
export function findGroup(ctx: Ctx, raw: string | number): Group {
    const group = ctx.state.group(typeof raw === "number" ? raw : ref(raw));
    if (!group || !canReadGroup(ctx.state, group, ctx.user)) throw notFound("Group");
    return group;
}

/** `find_user` → 404 "404 User Not Found". */
export function findUser(ctx: Ctx, raw: string | number): User {
    const user = ctx.state.user(typeof raw === "number" ? raw : ref(raw));
    if (!user) throw notFound("User");
    return user;
}
