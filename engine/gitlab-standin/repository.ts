// A repository just detailed enough for the files and branches APIs: branches
// holding file snapshots, commits with parents, git-style blob ids, and the
// default-branch protection GitLab applies when a default branch first appears.
import { createHash } from "node:crypto";
import { Access } from "./access";
import type { AccessEntry, Branch, Commit, Project, ProtectedBranch, StandinState, StoredFile, User } from "./state";

/** Git's blob id: sha1 of `blob <size>\0<content>`. */
export function gitBlobId(content: Buffer): string {
    return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

export function findBranch(project: Project, name: string): Branch | undefined {
    return project.repository.branches.find((b) => b.name === name);
}

export function findCommit(project: Project, id: string): Commit | undefined {
    return project.repository.commits.find((c) => c.id === id);
}

export function fileBytes(file: StoredFile): Buffer {
    return Buffer.from(file.content_base64, "base64");
}

export interface FileAction {
    action: "create" | "update" | "delete";
    file_path: string;
    content?: Buffer;
    execute_filemode?: boolean;
}

export interface CommitRequest {
    branch: string;
    /** Branch to start from when `branch` does not exist yet. */
    startBranch?: string;
    message: string;
    author: { name: string; email: string };
    committer: User;
    actions: FileAction[];
}

/**
 * Records a commit on `branch`, creating the branch from `startBranch` if
 * needed. The first commit of an empty repository makes its branch the
 * default branch, and GitLab then protects it (Projects::ProtectDefaultBranchService).
 * Callers have already validated the request.
 */
export function commitFiles(state: StandinState, project: Project, req: CommitRequest): Commit {
    const wasEmpty = project.repository.branches.length === 0;
    let branch = findBranch(project, req.branch);
    if (!branch) {
        const start = req.startBranch !== undefined ? findBranch(project, req.startBranch) : undefined;
        branch = { name: req.branch, commit_id: start?.commit_id ?? "", files: start ? { ...start.files } : {} };
        project.repository.branches.push(branch);
    }
    const now = new Date().toISOString();
    const parent = branch.commit_id;
    const id = createHash("sha1")
        .update(`${project.id}\0${parent}\0${req.message}\0${now}\0${state.nextId("commit")}`)
        .digest("hex");
    const commit: Commit = {
        id,
        short_id: id.slice(0, 8),
        title: req.message.split("\n")[0],
        message: req.message,
        author_name: req.author.name,
        author_email: req.author.email,
        authored_date: now,
        committer_name: req.committer.name,
        committer_email: req.committer.email,
        committed_date: now,
        parent_ids: parent ? [parent] : [],
    };
    const files = { ...branch.files };
    for (const a of req.actions) {
        if (a.action === "delete") {
            delete files[a.file_path];
            continue;
        }
        const content = a.content ?? Buffer.alloc(0);
        files[a.file_path] = {
            content_base64: content.toString("base64"),
            blob_id: gitBlobId(content),
            last_commit_id: id,
            execute_filemode: a.execute_filemode ?? files[a.file_path]?.execute_filemode ?? false,
        };
    }
    branch.files = files;
    branch.commit_id = id;
    project.repository.commits.push(commit);
    project.last_activity_at = now;
    if (wasEmpty) {
        project.default_branch = branch.name;
        protectDefaultBranch(state, project);
    }
    return commit;
}

/**
 * "GitLab administrators and group owners can define branch protections to
 * apply to every repository's default branch … Fully protected - Default
 * value." (https://docs.gitlab.com/user/project/repository/branches/default/#protect-initial-default-branches)
 * ProtectDefaultBranchService creates push/merge levels only; no unprotect
 * levels, code owner approval off. It runs as the project creator with
 * authorization skipped, so no permission check applies here.
 */
export function protectDefaultBranch(state: StandinState, project: Project): ProtectedBranch | undefined {
    const name = project.default_branch;
    if (name === null || project.protected_branches.some((pb) => pb.name === name)) return undefined;
    const group = state.projectGroup(project);
    const level = group?.default_branch_protection ?? 2;
    if (level === 0) return undefined;
    const push = level === 1 ? Access.DEVELOPER : Access.MAINTAINER;
    const merge = level === 3 ? Access.DEVELOPER : Access.MAINTAINER;
    const pb: ProtectedBranch = {
        id: state.nextId("protected_branch"),
        name,
        push_access_levels: [roleEntry(state, "push_access_level", push)],
        merge_access_levels: [roleEntry(state, "merge_access_level", merge)],
        unprotect_access_levels: [],
        allow_force_push: false,
        code_owner_approval_required: false,
    };
    project.protected_branches.push(pb);
    return pb;
}

export function roleEntry(state: StandinState, kind: string, accessLevel: number): AccessEntry {
    return { id: state.nextId(kind), access_level: accessLevel, user_id: null, group_id: null, deploy_key_id: null };
}

/** The README GitLab commits for `initialize_with_readme` (content abridged). */
export function initializeWithReadme(state: StandinState, project: Project, creator: User, branch: string): void {
    const content = Buffer.from(project.description ? `# ${project.name}\n\n${project.description}\n` : `# ${project.name}\n`, "utf8");
    commitFiles(state, project, {
        branch,
        message: "Initial commit",
        author: { name: creator.name, email: creator.email },
        committer: creator,
        actions: [{ action: "create", file_path: "README.md", content }],
    });
}

/** `*` in a protected branch name matches any characters, `/` included. */
export function protectedBranchMatches(pbName: string, branch: string): boolean {
    if (!pbName.includes("*")) return pbName === branch;
    const re = new RegExp(`^${pbName.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
    return re.test(branch);
}

export function protectionsFor(project: Project, branch: string): ProtectedBranch[] {
    return project.protected_branches.filter((pb) => protectedBranchMatches(pb.name, branch));
}
