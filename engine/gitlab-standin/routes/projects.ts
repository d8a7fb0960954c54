// Projects (https://docs.gitlab.com/api/projects/): get, create, edit,
// archive/unarchive, delete.
import { canCreateProjectIn, canOwnProject, canReadGroup } from "../access";
import { created, currentUser, ok, type Ctx, type Reply } from "../context";
import { PROJECT_SETTING_DEFAULTS, projectEntity } from "../entities/project";
import { badRequest, forbidden, paramError, validationError } from "../errors";
import { adminProject, findProject } from "../lookup";
import type { Params } from "../params";
import { newProject, pathFromName } from "../projectRecord";
import { findBranch, initializeWithReadme } from "../repository";
import { route, type Route } from "../router";
import type { Project, StandinState, Visibility } from "../state";

const VISIBILITIES: readonly Visibility[] = ["private", "internal", "public"];

/**
 * Settings whose values Grape restricts, on POST and PUT alike
 * (lib/api/helpers/projects_helpers.rb, optional_project_params_ce:
 * `values: %w[disabled private enabled]`); a bad one is a 400 before anything changes.
 */
const RESTRICTED_SETTINGS: Readonly<Record<string, readonly string[]>> = {
    model_experiments_access_level: ["disabled", "private", "enabled"],
    model_registry_access_level: ["disabled", "private", "enabled"],
};

/** Grape checks the params before the endpoint runs: nothing changes on a bad value. */
function checkRestrictedSettings(p: Params): void {
    for (const [key, values] of Object.entries(RESTRICTED_SETTINGS)) p.strIn(key, values);
}

/** Settings POST/PUT accept and the entity echoes, coerced to each default's type. */
function applySettings(project: Project, p: Params): void {
    for (const [key, fallback] of Object.entries(PROJECT_SETTING_DEFAULTS)) {
        if (!p.present(key)) continue;
        if (typeof fallback === "boolean") project.settings[key] = p.bool(key) ?? fallback;
        else if (typeof fallback === "number") project.settings[key] = p.int(key) ?? fallback;
        else project.settings[key] = p.str(key) ?? null;
    }
}

function topics(p: Params): string[] | undefined {
    // `tag_list` is the deprecated name of `topics`.
    return p.strArray("topics") ?? p.strArray("tag_list");
}

/** Uniqueness of name and path within the namespace (render_validation_error!). */
function assertUnique(state: StandinState, namespaceId: number, name: string, path: string, self?: Project): void {
    const siblings = state.projects.filter((x) => x.namespace_id === namespaceId && x !== self);
    const errors: Record<string, string[]> = {};
    if (siblings.some((x) => x.name.toLowerCase() === name.toLowerCase())) errors.name = ["has already been taken"];
    if (siblings.some((x) => x.path.toLowerCase() === path.toLowerCase())) errors.path = ["has already been taken"];
    if (Object.keys(errors).length > 0) throw validationError(errors);
}

function entity(ctx: Ctx, project: Project) {
    return projectEntity(ctx.state, ctx.origin, project, ctx.user);
}

function getProject(ctx: Ctx): Reply {
    return ok(entity(ctx, findProject(ctx)));
}

function createProject(ctx: Ctx): Reply {
    const user = currentUser(ctx);
    const p = ctx.params;
    checkRestrictedSettings(p);
    let name = p.str("name");
    let path = p.str("path");
    // name "Yes (if path isn't provided)", path "Yes (if name isn't provided)".
    if (name === undefined && path === undefined) throw paramError("name, path are missing, at least one parameter must be provided");
    path ??= pathFromName(name ?? "");
    name ??= path;
    const namespaceId = p.int("namespace_id") ?? user.namespace_id;
    const ns = ctx.state.namespace(namespaceId);
    // Projects::CreateService#deny_namespace: a namespace the user may not create in "is not valid".
    const allowed =
        ns !== undefined && (ns.kind === "group" ? canReadGroup(ctx.state, ns.group, user) && canCreateProjectIn(ctx.state, ns.group, user) : user.admin || ns.owner.id === user.id);
    if (!allowed) throw validationError({ namespace: ["is not valid"] });
    if (path === "") throw validationError({ path: ["can't be blank"] });
    assertUnique(ctx.state, namespaceId, name, path);

    const project = newProject(ctx.state, { name, path, namespace_id: namespaceId, creator_id: user.id });
    project.description = p.str("description") ?? null;
    project.visibility = (p.strIn("visibility", VISIBILITIES) as Visibility | undefined) ?? "private";
    project.topics = topics(p) ?? [];
    applySettings(project, p);
    ctx.state.projects.push(project);
    // default_branch "Requires initialize_with_readme to be true"; without a README the repository stays empty.
    if (p.bool("initialize_with_readme") === true) initializeWithReadme(ctx.state, project, user, p.str("default_branch") || "main");
    return created(entity(ctx, project));
}

function editProject(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const p = ctx.params;
    checkRestrictedSettings(p);
    const name = p.str("name") ?? project.name;
    const path = p.str("path") ?? project.path;
    if (name !== project.name || path !== project.path) assertUnique(ctx.state, project.namespace_id, name, path, project);
    const defaultBranch = p.str("default_branch");
    // Projects::UpdateService: switching to a branch that does not exist fails.
    if (defaultBranch !== undefined && defaultBranch !== project.default_branch && !findBranch(project, defaultBranch)) {
        throw badRequest("Could not set the default branch");
    }
    project.name = name;
    project.path = path;
    if (defaultBranch !== undefined && project.repository.branches.length > 0) project.default_branch = defaultBranch;
    if (p.present("description")) project.description = p.str("description") ?? null;
    const visibility = p.strIn("visibility", VISIBILITIES) as Visibility | undefined;
    if (visibility) project.visibility = visibility;
    project.topics = topics(p) ?? project.topics;
    applySettings(project, p);
    project.last_activity_at = new Date().toISOString();
    return ok(entity(ctx, project));
}

/** "Archives the project if the user is either an administrator or the owner of this project. This action is idempotent". */
function setArchived(archived: boolean) {
    return (ctx: Ctx): Reply => {
        const project = findProject(ctx);
        if (!canOwnProject(ctx.state, project, ctx.user)) throw forbidden();
        project.archived = archived;
        return created(entity(ctx, project));
    };
}

/**
 * Delayed deletion (GitLab 18: on every tier): DELETE marks the project for
 * deletion and answers 202; `permanently_remove=true` with the exact
 * `full_path` removes a marked project at once (ee/spec/requests/api/projects_spec.rb).
 * Projects in a personal namespace are deleted immediately.
 */
function deleteProject(ctx: Ctx): Reply {
    const project = findProject(ctx);
    if (!canOwnProject(ctx.state, project, ctx.user)) throw forbidden();
    const remove = () => ctx.state.projects.splice(ctx.state.projects.indexOf(project), 1);
    if (ctx.params.bool("permanently_remove") === true) {
        if (project.marked_for_deletion_on === null) throw badRequest("Project must be marked for deletion first.");
        if (ctx.params.str("full_path") !== ctx.state.pathWithNamespace(project)) throw badRequest("`full_path` is incorrect. You must enter the complete path for the project.");
        remove();
    } else if (ctx.state.namespaceOf(project).kind === "user") {
        remove();
    } else if (project.marked_for_deletion_on === null) {
        // Projects::MarkForDeletionService archives the project as it marks it.
        project.marked_for_deletion_on = new Date().toISOString().slice(0, 10);
        project.archived = true;
    }
    return { status: 202, body: { message: "202 Accepted" } };
}

export const projectRoutes: Route[] = [
    route("POST", "/projects", createProject),
    route("GET", "/projects/:id", getProject, { anonymous: true }),
    route("PUT", "/projects/:id", editProject),
    route("DELETE", "/projects/:id", deleteProject),
    route("POST", "/projects/:id/archive", setArchived(true)),
    route("POST", "/projects/:id/unarchive", setArchived(false)),
];
