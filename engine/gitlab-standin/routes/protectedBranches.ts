// Protected branches (https://docs.gitlab.com/api/protected_branches/).
// Source behaviours cited inline are from lib/api/protected_branches.rb,
// ProtectedRefs::AccessLevelParams and the EE policy/validations.
import { Access, canReadCode, isProjectMember } from "../access";
import { created, currentUser, noContent, ok, type Ctx, type Reply } from "../context";
import { protectedBranchEntity } from "../entities/protectedBranch";
import { conflict, forbidden, recordNotFound, unprocessable } from "../errors";
import { adminProject, findProject } from "../lookup";
import { paginate } from "../pagination";
import type { Params } from "../params";
import { canUnprotect } from "../refAccess";
import { roleEntry } from "../repository";
import { route, type Route } from "../router";
import type { AccessEntry, Project, ProtectedBranch, StandinState } from "../state";

type Kind = "push" | "merge" | "unprotect";
const KINDS: readonly Kind[] = ["push", "merge", "unprotect"];

/** "0: No access, 30: Developer role, 40: Maintainer role, 60: Administrator"; unprotect has no "No access". */
const LEVELS: Readonly<Record<Kind, readonly number[]>> = { push: [0, 30, 40, 60], merge: [0, 30, 40, 60], unprotect: [30, 40, 60] };

/** Error prefix of a nested access level, as Rails words autosaved association errors. */
const LABEL: Readonly<Record<Kind, string>> = { push: "Push access levels", merge: "Merge access levels", unprotect: "Unprotect access levels" };

function list(pb: ProtectedBranch, kind: Kind): AccessEntry[] {
    return kind === "push" ? pb.push_access_levels : kind === "merge" ? pb.merge_access_levels : pb.unprotect_access_levels;
}

function entryFrom(state: StandinState, kind: Kind, p: Params): AccessEntry {
    const accessLevel = p.intIn("access_level", LEVELS[kind]);
    // Every entry without access_level gets the column default, 40 — user, group and deploy key
    // entries too: nothing in ProtectedRefAccess (EE) clears it (db/schema.rb, EE:
    // `t.integer "access_level", limit: 4, default: 40` beside user_id and group_id on
    // protected_branch_*_access_levels). terraform-provider-gitlab says as much
    // (populateAllowedToToStateModel: "access level should come back as null if not set,
    // but it comes back as int"). The API docs' examples show null; the source wins.
    return {
        id: state.nextId(`${kind}_access_level`),
        access_level: accessLevel ?? Access.MAINTAINER,
        user_id: p.int("user_id") ?? null,
        group_id: p.int("group_id") ?? null,
        deploy_key_id: kind === "push" ? (p.int("deploy_key_id") ?? null) : null,
    };
}

/**
 * EE validations, reported as 422 with `errors.full_messages`:
 * user entries must be project members ("is not a member of the project"),
 * group entries must be groups the project is shared with at Developer or
 * higher ("does not have access to the project"; ancestor groups do not
 * count), and an entry may not appear twice ("has already been taken").
 */
function validate(state: StandinState, project: Project, pb: ProtectedBranch): void {
    const messages = KINDS.flatMap((kind) => accessEntryProblems(state, project, list(pb, kind), LABEL[kind]));
    if (messages.length > 0) throw unprocessable(messages);
}

/** The EE ProtectedRefAccess validations of one list of entries, as `full_messages` under `label`; protected tags share them. */
export function accessEntryProblems(state: StandinState, project: Project, entries: readonly AccessEntry[], label: string): string[] {
    const messages: string[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
        if (e.user_id !== null && !isProjectMember(state, project, e.user_id)) messages.push(`${label} user is not a member of the project`);
        if (e.group_id !== null && !project.shared_with_groups.some((s) => s.group_id === e.group_id && s.group_access >= Access.DEVELOPER)) {
            messages.push(`${label} group does not have access to the project`);
        }
        const key = e.user_id !== null ? `user:${e.user_id}` : e.group_id !== null ? `group:${e.group_id}` : e.deploy_key_id !== null ? `key:${e.deploy_key_id}` : `level:${e.access_level}`;
        const what = key.startsWith("user") ? "user" : key.startsWith("group") ? "group" : key.startsWith("key") ? "deploy key" : "access level";
        if (seen.has(key)) messages.push(`${label} ${what} has already been taken`);
        seen.add(key);
    }
    return messages;
}

function findProtection(project: Project, name: string): ProtectedBranch {
    const pb = project.protected_branches.find((x) => x.name === name);
    // `find_by!(name:)` → ActiveRecord::RecordNotFound.
    if (!pb) throw recordNotFound();
    return pb;
}

function listProtections(ctx: Ctx): Reply {
    const project = findProject(ctx);
    if (!canReadCode(ctx.state, project, ctx.user)) throw forbidden();
    const search = ctx.params.str("search");
    const items = search === undefined ? project.protected_branches : project.protected_branches.filter((pb) => pb.name.includes(search));
    return paginate(ctx, items, (pb) => protectedBranchEntity(ctx.state, pb));
}

function getProtection(ctx: Ctx): Reply {
    const project = findProject(ctx);
    if (!canReadCode(ctx.state, project, ctx.user)) throw forbidden();
    return ok(protectedBranchEntity(ctx.state, findProtection(project, ctx.path.name)));
}

function createProtection(ctx: Ctx): Reply {
    const { state } = ctx;
    const user = currentUser(ctx);
    const project = adminProject(ctx);
    const p = ctx.params;
    const name = p.requiredStr("name");
    if (project.protected_branches.some((x) => x.name === name)) throw conflict(`Protected branch '${name}' already exists`);

    const pb: ProtectedBranch = {
        id: 0,
        name,
        push_access_levels: [],
        merge_access_levels: [],
        unprotect_access_levels: [],
        allow_force_push: p.bool("allow_force_push") ?? false,
        code_owner_approval_required: false,
    };
    // CE only knows push_access_level / merge_access_level; allowed_to_*,
    // unprotect levels and code owner approval are EE params it ignores.
    const kinds: readonly Kind[] = state.edition === "ee" ? KINDS : ["push", "merge"];
    for (const kind of kinds) {
        const entries = state.edition === "ee" ? (p.hashes(`allowed_to_${kind}`) ?? []).map((h) => entryFrom(state, kind, h)) : [];
        // params_with_default: `<kind>_access_level ||= MAINTAINER` unless a non-deploy-key allowed_to_<kind> entry was given.
        let level = p.intIn(`${kind}_access_level`, LEVELS[kind]);
        if (level === undefined && !entries.some((e) => e.deploy_key_id === null)) level = Access.MAINTAINER;
        if (level !== undefined) list(pb, kind).push(roleEntry(state, `${kind}_access_level`, level));
        list(pb, kind).push(...entries);
    }
    if (state.edition === "ee") pb.code_owner_approval_required = p.bool("code_owner_approval_required") ?? false;

    // "Prevent a user creating a rule they wouldn't be able to update or destroy" → AccessDeniedError → 403.
    if (!canUnprotect(state, project, pb, user)) throw forbidden();
    if (state.edition === "ee") validate(state, project, pb);
    pb.id = state.nextId("protected_branch");
    project.protected_branches.push(pb);
    return created(protectedBranchEntity(state, pb));
}

/**
 * PATCH: entries with `id` are updated, with `id` and `_destroy: true`
 * removed, without `id` added. Scalar *_access_level params are not
 * accepted here. EE only, apart from allow_force_push.
 */
function updateProtection(ctx: Ctx): Reply {
    const { state } = ctx;
    const user = currentUser(ctx);
    const project = adminProject(ctx);
    const current = findProtection(project, ctx.path.name);
    if (!canUnprotect(state, project, current, user)) throw forbidden();
    const p = ctx.params;
    const next: ProtectedBranch = structuredClone(current);
    const force = p.bool("allow_force_push");
    if (force !== undefined) next.allow_force_push = force;
    if (state.edition === "ee") {
        const codeOwner = p.bool("code_owner_approval_required");
        if (codeOwner !== undefined) next.code_owner_approval_required = codeOwner;
        for (const kind of KINDS) {
            for (const h of p.hashes(`allowed_to_${kind}`) ?? []) {
                const entries = list(next, kind);
                const id = h.int("id");
                const existing = id === undefined ? undefined : entries.find((e) => e.id === id);
                if (h.bool("_destroy") === true) {
                    if (existing) entries.splice(entries.indexOf(existing), 1);
                } else if (existing) {
                    const fresh = entryFrom(state, kind, h);
                    Object.assign(existing, { access_level: fresh.access_level, user_id: fresh.user_id, group_id: fresh.group_id, deploy_key_id: fresh.deploy_key_id });
                } else if (id === undefined) {
                    entries.push(entryFrom(state, kind, h));
                }
            }
        }
        validate(state, project, next);
    }
    Object.assign(current, next);
    return ok(protectedBranchEntity(state, current));
}

function deleteProtection(ctx: Ctx): Reply {
    const user = currentUser(ctx);
    const project = adminProject(ctx);
    const pb = findProtection(project, ctx.path.name);
    if (!canUnprotect(ctx.state, project, pb, user)) throw forbidden();
    project.protected_branches.splice(project.protected_branches.indexOf(pb), 1);
    // Approval rules scoped to the branch lose it, as the join rows go with it.
    for (const rule of project.approval_rules) rule.protected_branch_ids = rule.protected_branch_ids.filter((id) => id !== pb.id);
    return noContent();
}

export const protectedBranchRoutes: Route[] = [
    route("GET", "/projects/:id/protected_branches", listProtections, { anonymous: true }),
    route("GET", "/projects/:id/protected_branches/:name", getProtection, { anonymous: true }),
    route("POST", "/projects/:id/protected_branches", createProtection),
    route("PATCH", "/projects/:id/protected_branches/:name", updateProtection),
    route("DELETE", "/projects/:id/protected_branches/:name", deleteProtection),
];
