// Protected environments, Premium/Ultimate (https://docs.gitlab.com/api/protected_environments/).
// Source: ee/lib/api/protected_environments.rb, ProtectedEnvironments::BaseService
// (filtering), ProtectedEnvironments::ApprovalRule and ProtectedEnvironment
// (validations).
import { Access, projectAccess } from "../access";
import { created, noContent, ok, type Ctx, type Reply } from "../context";
import { conflict, paramError, recordNotFound, unprocessable } from "../errors";
import { adminProject } from "../lookup";
import { paginate } from "../pagination";
import type { Params } from "../params";
import { route, type Route } from "../router";
import type { DeployAccessLevel, EnvironmentApprovalRule, Project, ProtectedEnvironment, StandinState } from "../state";

/** "Valid access levels … 30 => Developer access, 40 => Maintainer access, 60 => Admin access". */
const DEPLOY_LEVELS = [30, 40, 60];
/** ProtectedEnvironments::ApprovalRule::ALLOWED_ACCESS_LEVELS also admits Reporter. */
const APPROVAL_LEVELS = [20, 30, 40, 60];
const LEVEL_NAMES: Readonly<Record<number, string>> = { 20: "Reporters, Developers + Maintainers", 30: "Developers + Maintainers", 40: "Maintainers", 60: "Instance admins" };

function description(state: StandinState, e: DeployAccessLevel): string {
    if (e.user_id !== null) return state.user(e.user_id)?.name ?? "User";
    if (e.group_id !== null) return state.group(e.group_id)?.name ?? "Group";
    return LEVEL_NAMES[e.access_level ?? 40] ?? "Maintainers";
}

function deployEntity(state: StandinState, e: DeployAccessLevel) {
    return { id: e.id, access_level: e.access_level, access_level_description: description(state, e), user_id: e.user_id, group_id: e.group_id, group_inheritance_type: e.group_inheritance_type };
}

function approvalEntity(state: StandinState, r: EnvironmentApprovalRule) {
    return {
        id: r.id,
        user_id: r.user_id,
        group_id: r.group_id,
        access_level: r.access_level,
        access_level_description: description(state, r),
        required_approvals: r.required_approvals,
        group_inheritance_type: r.group_inheritance_type,
    };
}

function entity(state: StandinState, env: ProtectedEnvironment) {
    return {
        name: env.name,
        deploy_access_levels: env.deploy_access_levels.map((e) => deployEntity(state, e)),
        required_approval_count: env.required_approval_count,
        approval_rules: env.approval_rules.map((r) => approvalEntity(state, r)),
    };
}

/**
 * `valid_attribute?`: a group entry survives only if the project is shared
 * with the group (`project.invited_groups`; the project's own ancestor groups
 * are not in that set), a user entry only if the user has at least Developer
 * access to the project. Others are dropped without an error. `_destroy`
 * entries always pass so former members can be removed.
 */
function qualifies(state: StandinState, project: Project, p: Params): boolean {
    if (p.bool("_destroy") === true) return true;
    const groupId = p.int("group_id");
    if (groupId !== undefined && !project.shared_with_groups.some((s) => s.group_id === groupId)) return false;
    const userId = p.int("user_id");
    if (userId !== undefined && (state.user(userId) === undefined || projectAccess(state, project, userId) < Access.DEVELOPER)) return false;
    return true;
}

function readEntry(p: Params, levels: readonly number[]): Omit<DeployAccessLevel, "id"> {
    const userId = p.int("user_id") ?? null;
    const groupId = p.int("group_id") ?? null;
    const level = p.intIn("access_level", levels);
    return {
        access_level: level ?? null,
        user_id: userId,
        group_id: groupId,
        group_inheritance_type: p.intIn("group_inheritance_type", [0, 1]) ?? 0,
    };
}

/** Applies create/update/_destroy entries to a copy of `current`. */
function applyEntries<T extends DeployAccessLevel>(state: StandinState, project: Project, current: readonly T[], raw: Params[] | undefined, make: (p: Params) => T): T[] {
    const next = current.map((e) => ({ ...e }));
    for (const p of raw ?? []) {
        if (!qualifies(state, project, p)) continue;
        const id = p.int("id");
        const existing = id === undefined ? undefined : next.find((e) => e.id === id);
        if (p.bool("_destroy") === true) {
            if (existing) next.splice(next.indexOf(existing), 1);
        } else if (existing) {
            const fresh = make(p);
            Object.assign(existing, { ...fresh, id: existing.id });
        } else if (id === undefined) {
            next.push(make(p));
        }
    }
    return next;
}

function deployLevel(state: StandinState) {
    return (p: Params): DeployAccessLevel => {
        const e = readEntry(p, DEPLOY_LEVELS);
        // A user/group deploy level keeps the column default (Maintainer), as the docs example shows.
        return { id: state.nextId("deploy_access_level"), ...e, access_level: e.access_level ?? (e.user_id === null && e.group_id === null ? null : Access.MAINTAINER) };
    };
}

function approvalRule(state: StandinState) {
    return (p: Params): EnvironmentApprovalRule => {
        // `given _destroy: ->(v) { v != true } do at_least_one_of :access_level, :user_id, :group_id end`
        if (!p.has("access_level") && !p.has("user_id") && !p.has("group_id")) throw paramError("access_level, user_id, group_id are missing, at least one parameter must be provided");
        return { id: state.nextId("environment_approval_rule"), ...readEntry(p, APPROVAL_LEVELS), required_approvals: p.int("required_approvals") ?? 1 };
    };
}

/** Model validations, reported as 422 `errors.full_messages`. */
function validate(env: ProtectedEnvironment): void {
    const messages: string[] = [];
    // `validates :deploy_access_levels, length: { minimum: 1 }`
    if (env.deploy_access_levels.length === 0) messages.push("Deploy access levels is too short (minimum is 1 character)");
    // `validates :required_approvals, numericality: { greater_than_or_equal_to: 1, less_than_or_equal_to: 5 }`
    for (const r of env.approval_rules) {
        if (r.required_approvals < 1) messages.push("Approval rules required approvals must be greater than or equal to 1");
        if (r.required_approvals > 5) messages.push("Approval rules required approvals must be less than or equal to 5");
    }
    if (messages.length > 0) throw unprocessable(messages);
}

function rejectDeprecatedCount(p: Params): void {
    const count = p.int("required_approval_count");
    if (count !== undefined && count > 0) {
        throw unprocessable("Parameter 'required_approval_count' is deprecated and shouldn't be used. See https://gitlab.com/groups/gitlab-org/-/epics/9662");
    }
}

/** Pre-validates every entry's own params (400s) before any filtering. */
function checkParams(p: Params): void {
    for (const h of p.hashes("deploy_access_levels") ?? []) readEntry(h, DEPLOY_LEVELS);
    for (const h of p.hashes("approval_rules") ?? []) readEntry(h, APPROVAL_LEVELS);
}

function findEnvironment(project: Project, name: string): ProtectedEnvironment {
    const env = project.protected_environments.find((e) => e.name === name);
    if (!env) throw recordNotFound();
    return env;
}

function listEnvironments(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const sorted = [...project.protected_environments].sort((a, b) => a.name.localeCompare(b.name));
    return paginate(ctx, sorted, (env) => entity(ctx.state, env));
}

function getEnvironment(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    return ok(entity(ctx.state, findEnvironment(project, ctx.path.name)));
}

function createEnvironment(ctx: Ctx): Reply {
    const { state } = ctx;
    const project = adminProject(ctx);
    const p = ctx.params;
    const name = p.requiredStr("name");
    const deploy = p.hashes("deploy_access_levels");
    if (deploy === undefined) throw paramError("deploy_access_levels is missing");
    checkParams(p);
    rejectDeprecatedCount(p);
    if (project.protected_environments.some((e) => e.name === name)) throw conflict(`Environment '${name}' is already protected`);
    const env: ProtectedEnvironment = {
        id: 0,
        name,
        deploy_access_levels: applyEntries(state, project, [], deploy, deployLevel(state)),
        approval_rules: applyEntries(state, project, [], p.hashes("approval_rules"), approvalRule(state)),
        required_approval_count: 0,
    };
    validate(env);
    env.id = state.nextId("protected_environment");
    project.protected_environments.push(env);
    return created(entity(state, env));
}

function updateEnvironment(ctx: Ctx): Reply {
    const { state } = ctx;
    const project = adminProject(ctx);
    const env = findEnvironment(project, ctx.path.name);
    const p = ctx.params;
    checkParams(p);
    rejectDeprecatedCount(p);
    const next: ProtectedEnvironment = {
        ...env,
        deploy_access_levels: applyEntries(state, project, env.deploy_access_levels, p.hashes("deploy_access_levels"), deployLevel(state)),
        approval_rules: applyEntries(state, project, env.approval_rules, p.hashes("approval_rules"), approvalRule(state)),
    };
    validate(next);
    Object.assign(env, next);
    return ok(entity(state, env));
}

function deleteEnvironment(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const env = findEnvironment(project, ctx.path.name);
    project.protected_environments.splice(project.protected_environments.indexOf(env), 1);
    return noContent();
}

export const protectedEnvironmentRoutes: Route[] = [
    route("GET", "/projects/:id/protected_environments", listEnvironments, { ee: true }),
    route("GET", "/projects/:id/protected_environments/:name", getEnvironment, { ee: true }),
    route("POST", "/projects/:id/protected_environments", createEnvironment, { ee: true }),
    route("PUT", "/projects/:id/protected_environments/:name", updateEnvironment, { ee: true }),
    route("DELETE", "/projects/:id/protected_environments/:name", deleteEnvironment, { ee: true }),
];
