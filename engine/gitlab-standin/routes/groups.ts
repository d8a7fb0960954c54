// `GET /groups/:id` (https://docs.gitlab.com/api/groups/#get-a-single-group).
import { Access, canReadProject, groupAccess } from "../access";
import { ok, type Ctx } from "../context";
import { groupDetail } from "../entities/group";
import { projectEntity } from "../entities/project";
import { findGroup } from "../lookup";
import { route, type Route } from "../router";

function getGroup(ctx: Ctx) {
    const group = findGroup(ctx, ctx.path.id);
    const user = ctx.user;
    const isOwner = user !== null && (user.admin || groupAccess(ctx.state, group, user.id) >= Access.OWNER);
    // with_projects defaults to true (deprecated): the group's own projects, as full entities.
    const withProjects = ctx.params.bool("with_projects") ?? true;
    const projects = withProjects
        ? ctx.state.projects.filter((p) => p.namespace_id === group.id && canReadProject(ctx.state, p, user)).map((p) => projectEntity(ctx.state, ctx.origin, p, user))
        : undefined;
    return ok(groupDetail(ctx.state, ctx.origin, group, { showRunnersToken: isOwner, projects }));
}

export const groupRoutes: Route[] = [route("GET", "/groups/:id", getGroup, { anonymous: true })];
