// Protected tags (https://docs.gitlab.com/api/protected_tags/), after
// lib/api/protected_tags.rb: GET list / one, POST (authorize!
// :create_protected_tags, create_access_levels_attributes from
// ProtectedRefs::AccessLevelParams.new(:create, params)), DELETE. There is no
// update endpoint: terraform-provider-gitlab replaces a tag protection instead.
import { Access, canReadCode } from "../access";
import { created, noContent, ok, type Ctx, type Reply } from "../context";
import { accessLevelDescription } from "../entities/protectedBranch";
import { forbidden, recordNotFound, unprocessable } from "../errors";
import { adminProject, findProject } from "../lookup";
import { paginate } from "../pagination";
import type { Params } from "../params";
import { roleEntry } from "../repository";
import { route, type Route } from "../router";
import type { AccessEntry, ProtectedTag, StandinState } from "../state";
import { accessEntryProblems } from "./protectedBranches";

/** ProtectedTag::CreateAccessLevel.allowed_access_levels: no one, Developer, Maintainer (and instance admins on self-managed, which the stand-in accepts as well). */
const CREATE_LEVELS = [0, 30, 40, 60] as const;

/** Lib/api/entities/protected_tag.rb: name and create_access_levels; EE adds user_id and group_id per level. */
function tagEntity(state: StandinState, tag: ProtectedTag) {
    return {
        name: tag.name,
        create_access_levels: tag.create_access_levels.map((e) => {
            const base = { id: e.id, access_level: e.access_level, access_level_description: accessLevelDescription(state, e), deploy_key_id: e.deploy_key_id };
            return state.edition === "ee" ? { ...base, user_id: e.user_id, group_id: e.group_id } : base;
        }),
    };
}

/** As for protected branches, an entry without access_level gets the column default, 40. */
function entryFrom(state: StandinState, p: Params): AccessEntry {
    return {
        id: state.nextId("create_access_level"),
        access_level: p.intIn("access_level", CREATE_LEVELS) ?? Access.MAINTAINER,
        user_id: p.int("user_id") ?? null,
        group_id: p.int("group_id") ?? null,
        deploy_key_id: p.int("deploy_key_id") ?? null,
    };
}

function findTag(ctx: Ctx): { tags: ProtectedTag[]; tag: ProtectedTag } {
    const project = findProject(ctx);
    if (!canReadCode(ctx.state, project, ctx.user)) throw forbidden();
    const tag = project.protected_tags.find((t) => t.name === ctx.path.name);
    // `find_by!(name:)` → ActiveRecord::RecordNotFound.
    if (!tag) throw recordNotFound();
    return { tags: project.protected_tags, tag };
}

function listTags(ctx: Ctx): Reply {
    const project = findProject(ctx);
    if (!canReadCode(ctx.state, project, ctx.user)) throw forbidden();
    return paginate(ctx, project.protected_tags, (t) => tagEntity(ctx.state, t));
}

function createTag(ctx: Ctx): Reply {
    const { state } = ctx;
    const project = adminProject(ctx);
    const p = ctx.params;
    const name = p.requiredStr("name");
    // allowed_to_create is an EE param (optional_params_ee); CE ignores it.
    const entries = state.edition === "ee" ? (p.hashes("allowed_to_create") ?? []).map((h) => entryFrom(state, h)) : [];
    // AccessLevelParams#params_with_default: create_access_level ||= MAINTAINER unless a non-deploy-key allowed_to_create entry was given.
    let level = p.intIn("create_access_level", CREATE_LEVELS);
    if (level === undefined && !entries.some((e) => e.deploy_key_id === null)) level = Access.MAINTAINER;
    const tag: ProtectedTag = { id: 0, name, create_access_levels: [...(level === undefined ? [] : [roleEntry(state, "create_access_level", level)]), ...entries] };
    // Validations, reported by `render_api_error!(protected_tag.errors.full_messages, 422)`:
    // ProtectedTag validates the name's uniqueness per project; EE ProtectedRefAccess the entries.
    const messages = [
        ...(project.protected_tags.some((t) => t.name === name) ? ["Name has already been taken"] : []),
        ...(state.edition === "ee" ? accessEntryProblems(state, project, tag.create_access_levels, "Create access levels") : []),
    ];
    if (messages.length > 0) throw unprocessable(messages);
    tag.id = state.nextId("protected_tag");
    project.protected_tags.push(tag);
    return created(tagEntity(state, tag));
}

function deleteTag(ctx: Ctx): Reply {
    adminProject(ctx);
    const { tags, tag } = findTag(ctx);
    tags.splice(tags.indexOf(tag), 1);
    return noContent();
}

export const protectedTagRoutes: Route[] = [
    route("GET", "/projects/:id/protected_tags", listTags, { anonymous: true }),
    route("GET", "/projects/:id/protected_tags/:name", (ctx) => ok(tagEntity(ctx.state, findTag(ctx).tag)), { anonymous: true }),
    route("POST", "/projects/:id/protected_tags", createTag),
    route("DELETE", "/projects/:id/protected_tags/:name", deleteTag),
];
