// Sharing a project with a group
// (https://docs.gitlab.com/api/projects/#share-a-project-with-a-group).
// Source: lib/api/projects.rb, Projects::GroupLinks::CreateService, ProjectGroupLink.
import { MEMBER_ACCESS_LEVELS } from "../access";
import { created, noContent, type Ctx, type Reply } from "../context";
import { conflict, notFound, paramError } from "../errors";
import { adminProject, findGroup } from "../lookup";
import { route, type Route } from "../router";
import type { GroupShare } from "../state";

function share(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const p = ctx.params;
    const groupId = p.requiredInt("group_id");
    // "Possible values: 5, 10, 15, 20, 25, 30, 40, or 50."
    const groupAccess = p.intIn("group_access", MEMBER_ACCESS_LEVELS);
    if (groupAccess === undefined) throw paramError("group_access is missing");
    const expires = p.str("expires_at") || null;
    if (expires !== null && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) throw paramError("expires_at is invalid");
    const group = findGroup(ctx, groupId);
    // `validates :group_id, uniqueness: { scope: [:project_id], message: "already shared with this group" }`
    if (project.shared_with_groups.some((s) => s.group_id === group.id)) throw conflict("Group already shared with this group");
    const link: GroupShare = { group_id: group.id, group_access: groupAccess, expires_at: expires };
    project.shared_with_groups.push(link);
    return created({ id: ctx.state.nextId("project_group_link"), project_id: project.id, group_id: group.id, group_access: groupAccess, expires_at: expires });
}

/** "Unshares the project from the specified group. Returns 204 and no content on success." */
function unshare(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const raw = ctx.path.group_id;
    const link = /^\d+$/.test(raw) ? project.shared_with_groups.find((s) => s.group_id === Number(raw)) : undefined;
    if (!link) throw notFound("Group Link");
    project.shared_with_groups.splice(project.shared_with_groups.indexOf(link), 1);
    return noContent();
}

export const shareRoutes: Route[] = [route("POST", "/projects/:id/share", share), route("DELETE", "/projects/:id/share/:group_id", unshare)];
