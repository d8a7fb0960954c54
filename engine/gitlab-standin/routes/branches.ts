// Repository branches, read-only (https://docs.gitlab.com/api/branches/).
// The provider polls `GET …/repository/branches/:branch` after creating a
// project until the default branch reports `protected: true`.
import { canReadCode } from "../access";
import { ok, type Ctx, type Reply } from "../context";
import { projectWebUrl } from "../entities/project";
import { forbidden, notFound } from "../errors";
import { findProject } from "../lookup";
import { paginate } from "../pagination";
import { pushDenial } from "../refAccess";
import { findBranch, findCommit, protectionsFor } from "../repository";
import { route, type Route } from "../router";
import type { Branch, Project } from "../state";

function branchEntity(ctx: Ctx, project: Project, branch: Branch) {
    const protections = protectionsFor(project, branch.name);
    const commit = findCommit(project, branch.commit_id);
    const webUrl = projectWebUrl(ctx.state, ctx.origin, project);
    // developers_can_push/merge: a matching protection allows Developers (level 30).
    const developersCan = (key: "push_access_levels" | "merge_access_levels") => protections.some((pb) => pb[key].some((e) => e.access_level === 30));
    return {
        name: branch.name,
        merged: false,
        protected: protections.length > 0,
        default: branch.name === project.default_branch,
        developers_can_push: developersCan("push_access_levels"),
        developers_can_merge: developersCan("merge_access_levels"),
        can_push: ctx.user !== null && pushDenial(ctx.state, project, branch.name, ctx.user) === undefined,
        web_url: `${webUrl}/-/tree/${branch.name}`,
        commit: commit && {
            id: commit.id,
            short_id: commit.short_id,
            created_at: commit.committed_date,
            parent_ids: commit.parent_ids,
            title: commit.title,
            message: commit.message,
            author_name: commit.author_name,
            author_email: commit.author_email,
            authored_date: commit.authored_date,
            committer_name: commit.committer_name,
            committer_email: commit.committer_email,
            committed_date: commit.committed_date,
            trailers: {},
            extended_trailers: {},
            web_url: `${webUrl}/-/commit/${commit.id}`,
        },
    };
}

function readable(ctx: Ctx): Project {
    const project = findProject(ctx);
    if (!canReadCode(ctx.state, project, ctx.user)) throw forbidden();
    return project;
}

function listBranches(ctx: Ctx): Reply {
    const project = readable(ctx);
    const search = ctx.params.str("search");
    const branches = [...project.repository.branches].sort((a, b) => a.name.localeCompare(b.name)).filter((b) => search === undefined || b.name.includes(search));
    return paginate(ctx, branches, (b) => branchEntity(ctx, project, b));
}

function getBranch(ctx: Ctx): Reply {
    const project = readable(ctx);
    const branch = findBranch(project, ctx.path.branch);
    if (!branch) throw notFound("Branch");
    return ok(branchEntity(ctx, project, branch));
}

export const branchRoutes: Route[] = [
    route("GET", "/projects/:id/repository/branches", listBranches, { anonymous: true }),
    route("GET", "/projects/:id/repository/branches/:branch", getBranch, { anonymous: true }),
];
