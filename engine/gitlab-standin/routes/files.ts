// Repository files (https://docs.gitlab.com/api/repository_files/).
// Every create/update/delete is a commit: it needs push rights on the branch
// and passes the project's push rule. Source: lib/api/files.rb,
// Files::*Service, Commits::CreateService.
import { createHash } from "node:crypto";
import { canReadCode } from "../access";
import { created, currentUser, noContent, ok, type Ctx, type Reply } from "../context";
import { badRequest, forbidden, notFound, paramError } from "../errors";
import { findProject } from "../lookup";
import { pushRuleViolation } from "../pushRuleCheck";
import { pushDenial } from "../refAccess";
import { commitFiles, fileBytes, findBranch, type FileAction } from "../repository";
import { route, type Route } from "../router";
import type { Branch, Project } from "../state";

function filePath(ctx: Ctx): string {
    const path = ctx.path.file_path;
    // "file_path should be a valid file path": no traversal, not absolute.
    if (path.startsWith("/") || path.split("/").includes("..")) throw paramError("file_path should be a valid file path");
    return path;
}

/** `ref` is required; "Use HEAD to automatically use the default branch". */
function resolveRef(project: Project, ref: string): Branch {
    const name = ref === "HEAD" ? project.default_branch : ref;
    const branch = name === null ? undefined : findBranch(project, name);
    if (!branch) throw notFound("Commit");
    return branch;
}

function getFile(ctx: Ctx): Reply {
    const project = findProject(ctx);
    if (!canReadCode(ctx.state, project, ctx.user)) throw forbidden();
    const path = filePath(ctx);
    const ref = ctx.params.requiredStr("ref");
    const branch = resolveRef(project, ref);
    const file = branch.files[path];
    if (!file) throw notFound("File");
    const bytes = fileBytes(file);
    return ok({
        file_name: path.split("/").pop(),
        file_path: path,
        size: bytes.length,
        encoding: "base64",
        content: file.content_base64,
        content_sha256: createHash("sha256").update(bytes).digest("hex"),
        ref,
        blob_id: file.blob_id,
        commit_id: branch.commit_id,
        last_commit_id: file.last_commit_id,
        execute_filemode: file.execute_filemode,
    });
}

function decodeContent(ctx: Ctx): Buffer {
    const p = ctx.params;
    const content = p.requiredStr("content");
    const encoding = p.strIn("encoding", ["base64", "text"]) ?? "text";
    return encoding === "base64" ? Buffer.from(content, "base64") : Buffer.from(content, "utf8");
}

/**
 * One commit through the files API: permission and branch checks, the
 * optimistic `last_commit_id` check, the push rule, then the commit.
 */
function commit(ctx: Ctx, action: FileAction["action"]): { path: string; branch: string } {
    const user = currentUser(ctx);
    const project = findProject(ctx);
    const p = ctx.params;
    const path = filePath(ctx);
    const branchName = p.requiredStr("branch");
    const message = p.requiredStr("commit_message");
    if (message.trim() === "") throw paramError("commit_message is empty");
    const content = action === "delete" ? undefined : decodeContent(ctx);
    const startBranch = p.str("start_branch");

    // `authorize! :push_code` → 403; a protected branch the user may not push to → 400.
    const denial = pushDenial(ctx.state, project, branchName, user);
    if (denial === "forbidden") throw forbidden();
    if (denial === "protected") throw badRequest("You are not allowed to push into this branch");

    const existing = findBranch(project, branchName);
    const base = existing ?? (startBranch !== undefined ? findBranch(project, startBranch) : undefined);
    if (!base && project.repository.branches.length > 0) throw badRequest("You can only create or edit files when you are on a branch");
    const current = base?.files[path];
    // Gitaly's index errors.
    if (action === "create" && current) throw badRequest("A file with this name already exists");
    if (action !== "create" && !current) throw badRequest("A file with this name doesn't exist");
    const lastCommitId = p.str("last_commit_id");
    if (current && lastCommitId !== undefined && lastCommitId !== "" && lastCommitId !== current.last_commit_id) {
        throw badRequest("You are attempting to update a file that has changed since you started editing it.");
    }
    // "The commit was empty: new file contents were identical to the current file contents."
    if (action === "update" && current && content !== undefined && fileBytes(current).equals(content) && p.bool("execute_filemode") === undefined) {
        throw badRequest("The commit was empty: the new file contents are identical to the current file contents");
    }

    // Blank author fields fall back to the user (the provider always sends both, often "").
    const author = { name: p.str("author_name") || user.name, email: p.str("author_email") || user.email };
    const violation = pushRuleViolation(ctx.state, project, {
        branch: branchName,
        message,
        authorEmail: author.email,
        files: content === undefined ? [] : [{ path, isNew: current === undefined, size: content.length }],
    });
    if (violation) throw badRequest(violation);

    commitFiles(ctx.state, project, {
        branch: branchName,
        startBranch: existing ? undefined : base?.name,
        message,
        author,
        committer: user,
        actions: [{ action, file_path: path, content, execute_filemode: p.bool("execute_filemode") }],
    });
    return { path, branch: branchName };
}

export const fileRoutes: Route[] = [
    route("GET", "/projects/:id/repository/files/:file_path", getFile, { anonymous: true }),
    route("POST", "/projects/:id/repository/files/:file_path", (ctx) => {
        const r = commit(ctx, "create");
        return created({ file_path: r.path, branch: r.branch });
    }),
    route("PUT", "/projects/:id/repository/files/:file_path", (ctx) => {
        const r = commit(ctx, "update");
        return ok({ file_path: r.path, branch: r.branch });
    }),
    // The docs say 200; the endpoint renders no body, which Grape sends as 204.
    route("DELETE", "/projects/:id/repository/files/:file_path", (ctx) => {
        commit(ctx, "delete");
        return noContent();
    }),
];
