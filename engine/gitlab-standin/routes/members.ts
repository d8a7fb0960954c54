// Project members (https://docs.gitlab.com/api/members/). Source:
// lib/api/members.rb, app/models/member.rb.
import { Access, groupAccess, inheritedGroupMembership, inheritedProjectMembership, isActive, MEMBER_ACCESS_LEVELS, projectAccess, ROLE_NAMES } from "../access";
import { created, currentUser, noContent, ok, type Ctx, type Reply } from "../context";
import { userSummary } from "../entities/user";
import { conflict, notFound, paramError, recordNotFound, validationError } from "../errors";
import { adminProject, findGroup, findProject } from "../lookup";
import { paginate } from "../pagination";
import { route, type Route } from "../router";
import type { Membership, Project, StandinState } from "../state";

function memberEntity(ctx: Ctx, userId: number, membership: Pick<Membership, "access_level" | "expires_at" | "created_at" | "created_by">) {
    const user = ctx.state.user(userId);
    if (!user) throw notFound("User");
    const creator = membership.created_by === null ? undefined : ctx.state.user(membership.created_by);
    return {
        ...userSummary(ctx.origin, user),
        access_level: membership.access_level,
        created_at: membership.created_at,
        // `expose :created_by, expose_nil: false`
        ...(creator ? { created_by: userSummary(ctx.origin, creator) } : {}),
        expires_at: membership.expires_at,
        email: user.email,
        group_saml_identity: null,
    };
}

function userIdParam(ctx: Ctx): number {
    const raw = ctx.path.user_id;
    if (!/^\d+$/.test(raw)) throw paramError("user_id is invalid");
    return Number(raw);
}

function directMember(project: Project, userId: number): Membership {
    const m = project.members.find((x) => x.user_id === userId);
    // `source.members.find_by!(user_id:)` → RecordNotFound.
    if (!m) throw recordNotFound();
    return m;
}

/**
 * `Member#higher_access_level_than_group`: a direct membership may not be
 * lower than the highest inherited one ("should be greater than or equal to
 * %{access} inherited membership from group %{group_name}"); equal is fine.
 */
function assertNotBelowInherited(state: StandinState, project: Project, userId: number, accessLevel: number): void {
    const inherited = inheritedProjectMembership(state, project, userId);
    if (inherited.group && inherited.level > accessLevel) {
        throw validationError({ access_level: [`should be greater than or equal to ${ROLE_NAMES[inherited.level]} inherited membership from group ${inherited.group.name}`] });
    }
}

function expiresAt(ctx: Ctx): string | null | undefined {
    if (!ctx.params.present("expires_at")) return undefined;
    const v = ctx.params.str("expires_at");
    if (!v) return null; // the provider always sends expires_at, "" when unset
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw paramError("expires_at is invalid");
    return v;
}

function getDirect(ctx: Ctx): Reply {
    const project = findProject(ctx);
    const m = directMember(project, userIdParam(ctx));
    return ok(memberEntity(ctx, m.user_id, m));
}

/**
 * Includes members inherited from ancestor groups and from groups the project
 * is shared with; "only its membership with the highest access_level is
 * returned. This represents the effective permission of the user."
 */
function getEffective(ctx: Ctx): Reply {
    const project = findProject(ctx);
    const userId = userIdParam(ctx);
    const level = projectAccess(ctx.state, project, userId);
    if (level < Access.MINIMAL_ACCESS) throw recordNotFound();
    const direct = project.members.find((m) => m.user_id === userId && isActive(m));
    if (direct && direct.access_level === level) return ok(memberEntity(ctx, userId, direct));
    const inherited = inheritedProjectMembership(ctx.state, project, userId);
    const fromGroup = inherited.level === level ? inherited.group?.members.find((m) => m.user_id === userId) : undefined;
    if (fromGroup) return ok(memberEntity(ctx, userId, fromGroup));
    // Through a share (capped at its group_access) or a personal namespace.
    return ok(memberEntity(ctx, userId, { access_level: level, expires_at: null, created_at: project.created_at, created_by: null }));
}

/** `user_ids[]` narrows a member list to those users (lib/api/members.rb, `user_ids` param). */
function wanted(ctx: Ctx): (userId: number) => boolean {
    const ids = ctx.params.intArray("user_ids");
    return (id) => ids === undefined || ids.includes(id);
}

function listDirect(ctx: Ctx): Reply {
    const project = findProject(ctx);
    const keep = wanted(ctx);
    return paginate(ctx, project.members.filter((m) => isActive(m) && keep(m.user_id)), (m) => memberEntity(ctx, m.user_id, m));
}

/** Every user with access, each once at their effective (highest) access, as getEffective renders one. */
function listEffective(ctx: Ctx): Reply {
    const project = findProject(ctx);
    const keep = wanted(ctx);
    const ids = ctx.state.users.map((u) => u.id).filter((id) => keep(id) && projectAccess(ctx.state, project, id) >= Access.MINIMAL_ACCESS);
    return paginate(ctx, ids, (id) => {
        const level = projectAccess(ctx.state, project, id);
        const direct = project.members.find((m) => m.user_id === id && isActive(m));
        if (direct && direct.access_level === level) return memberEntity(ctx, id, direct);
        const inherited = inheritedProjectMembership(ctx.state, project, id);
        const fromGroup = inherited.level === level ? inherited.group?.members.find((m) => m.user_id === id) : undefined;
        return memberEntity(ctx, id, fromGroup ?? { access_level: level, expires_at: null, created_at: project.created_at, created_by: null });
    });
}

/** GET /groups/:id/members/all: the group's members and its ancestors', each at their highest access. */
function listGroupEffective(ctx: Ctx): Reply {
    const group = findGroup(ctx, ctx.path.id);
    const keep = wanted(ctx);
    const ids = ctx.state.users.map((u) => u.id).filter((id) => keep(id) && groupAccess(ctx.state, group, id) > 0);
    return paginate(ctx, ids, (id) => {
        const from = inheritedGroupMembership(ctx.state, group, id).group?.members.find((m) => m.user_id === id);
        return memberEntity(ctx, id, from ?? { access_level: groupAccess(ctx.state, group, id), expires_at: null, created_at: group.created_at, created_by: null });
    });
}

function addMember(ctx: Ctx): Reply {
    const user = currentUser(ctx);
    const project = adminProject(ctx);
    const p = ctx.params;
    const accessLevel = p.intIn("access_level", MEMBER_ACCESS_LEVELS);
    if (accessLevel === undefined) throw paramError("access_level is missing");
    const username = p.str("username");
    const rawId = p.int("user_id") ?? (username === undefined ? undefined : ctx.state.user(username)?.id ?? -1);
    if (rawId === undefined) throw paramError("user_id, username are missing, exactly one parameter must be provided");
    const member = ctx.state.user(rawId);
    if (!member) throw notFound("User");
    if (project.members.some((m) => m.user_id === member.id)) throw conflict("Member already exists");
    assertNotBelowInherited(ctx.state, project, member.id, accessLevel);
    const membership: Membership = { user_id: member.id, access_level: accessLevel, expires_at: expiresAt(ctx) ?? null, created_at: new Date().toISOString(), created_by: user.id };
    project.members.push(membership);
    return created(memberEntity(ctx, member.id, membership));
}

function editMember(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const m = directMember(project, userIdParam(ctx));
    const accessLevel = ctx.params.intIn("access_level", MEMBER_ACCESS_LEVELS);
    if (accessLevel === undefined) throw paramError("access_level is missing");
    assertNotBelowInherited(ctx.state, project, m.user_id, accessLevel);
    m.access_level = accessLevel;
    const expires = expiresAt(ctx);
    if (expires !== undefined) m.expires_at = expires;
    return ok(memberEntity(ctx, m.user_id, m));
}

function removeMember(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const m = directMember(project, userIdParam(ctx));
    project.members.splice(project.members.indexOf(m), 1);
    return noContent();
}

export const memberRoutes: Route[] = [
    route("GET", "/projects/:id/members", listDirect),
    route("GET", "/projects/:id/members/all", listEffective),
    route("GET", "/groups/:id/members/all", listGroupEffective),
    route("GET", "/projects/:id/members/all/:user_id", getEffective),
    route("GET", "/projects/:id/members/:user_id", getDirect),
    route("POST", "/projects/:id/members", addMember),
    route("PUT", "/projects/:id/members/:user_id", editMember),
    route("DELETE", "/projects/:id/members/:user_id", removeMember),
];
