// Fixtures: the GitLab instance a test starts from, as JSON-friendly data,
// and the loader that turns them into a StandinState. Fixture records are
// set up as an administrator would have made them: no permission checks and
// no push rules apply, but references are validated so a typo fails loudly.
import { randomBytes } from "node:crypto";
import { Access, MEMBER_ACCESS_LEVELS } from "./access";
import { Params } from "./params";
import { newProject } from "./projectRecord";
import { commitFiles, protectDefaultBranch, roleEntry } from "./repository";
import { applyPushRuleParams, blankPushRule } from "./routes/pushRule";
import { StandinState, type AccessEntry, type ApprovalRuleType, type ApprovalSettings, type LockableApprovalSetting, type Edition, type Membership, type ProtectedBranch, type PushRule, type TokenScope, type Visibility } from "./state";

export interface FixtureUser {
    id: number;
    username: string;
    name: string;
    email: string;
    state?: "active" | "blocked";
    admin?: boolean;
}

export interface FixtureMember {
    user_id: number;
    access_level: number;
    expires_at?: string | null;
}

/** A group; its parent is the group whose full_path is this one's prefix, and membership is inherited downwards. */
export interface FixtureGroup {
    id: number;
    full_path: string;
    name: string;
    description?: string;
    visibility?: Visibility;
    /** Protection of new repositories' default branch (0–4); 2, "Fully protected", by default. */
    default_branch_protection?: number;
    members?: FixtureMember[];
}

export interface FixtureShare {
    group_id?: number;
    group_full_path?: string;
    group_access: number;
    expires_at?: string | null;
}

export interface FixtureAccessEntry {
    access_level?: number;
    user_id?: number;
    group_id?: number;
}

/** Like a `POST /protected_branches` body; defaults as GitLab's (Maintainer for unset push/merge/unprotect). */
export interface FixtureProtectedBranch {
    name: string;
    push_access_level?: number;
    merge_access_level?: number;
    unprotect_access_level?: number;
    allowed_to_push?: FixtureAccessEntry[];
    allowed_to_merge?: FixtureAccessEntry[];
    allowed_to_unprotect?: FixtureAccessEntry[];
    allow_force_push?: boolean;
    code_owner_approval_required?: boolean;
}

export interface FixtureApprovalRule {
    name: string;
    approvals_required: number;
    rule_type?: ApprovalRuleType;
    user_ids?: number[];
    group_ids?: number[];
    /** Names of the project's protected branches the rule is scoped to. */
    protected_branches?: string[];
    applies_to_all_protected_branches?: boolean;
}

export type FixturePushRule = Partial<Omit<PushRule, "id" | "project_id" | "created_at">>;

export interface FixtureProject {
    id: number;
    path_with_namespace: string;
    name: string;
    description?: string;
    visibility?: Visibility;
    /** Defaults to "main"; null is an empty repository (no branches, no default branch). */
    default_branch?: string | null;
    topics?: string[];
    archived?: boolean;
    members?: FixtureMember[];
    shared_with_groups?: FixtureShare[];
    /** Omitted: the default branch is protected as GitLab did when it was created. */
    protected_branches?: FixtureProtectedBranch[];
    approval_rules?: FixtureApprovalRule[];
    approval_settings?: Partial<ApprovalSettings>;
    /** Settings a group or the instance locks for this project (see Project.locked_approval_settings). */
    locked_approval_settings?: LockableApprovalSetting[];
    push_rule?: FixturePushRule;
    /** Files on the default branch, path → text content. Omitted: a README.md. */
    files?: Record<string, string>;
}

export interface FixtureToken {
    token: string;
    user_id: number;
    scopes: TokenScope[];
}

export interface Fixtures {
    edition: Edition;
    /** GitLab version reported by /metadata; "18.2.1" by default. */
    version?: string;
    /** The EE license: "premium" by default; "free" turns the paid features off (compliance frameworks). */
    license?: "free" | "premium" | "ultimate";
    users: FixtureUser[];
    groups: FixtureGroup[];
    projects?: FixtureProject[];
    tokens: FixtureToken[];
}

class FixtureError extends Error {
    constructor(message: string) {
        super(`gitlab-standin fixtures: ${message}`);
    }
}

function members(state: StandinState, where: string, list: readonly FixtureMember[] | undefined, createdAt: string): Membership[] {
    return (list ?? []).map((m) => {
        if (!state.user(m.user_id)) throw new FixtureError(`${where}: unknown user_id ${m.user_id}`);
        if (!(MEMBER_ACCESS_LEVELS as readonly number[]).includes(m.access_level)) throw new FixtureError(`${where}: invalid access_level ${m.access_level}`);
        return { user_id: m.user_id, access_level: m.access_level, expires_at: m.expires_at ?? null, created_at: createdAt, created_by: null };
    });
}

function protection(state: StandinState, where: string, spec: FixtureProtectedBranch): ProtectedBranch {
    const kinds = ["push", "merge", "unprotect"] as const;
    const pb: ProtectedBranch = {
        id: state.nextId("protected_branch"),
        name: spec.name,
        push_access_levels: [],
        merge_access_levels: [],
        unprotect_access_levels: [],
        allow_force_push: spec.allow_force_push ?? false,
        code_owner_approval_required: spec.code_owner_approval_required ?? false,
    };
    for (const kind of kinds) {
        if (kind === "unprotect" && state.edition === "ce") continue;
        const allowed = spec[`allowed_to_${kind}`] ?? [];
        const target: AccessEntry[] = pb[`${kind}_access_levels`];
        const level = spec[`${kind}_access_level`] ?? (allowed.length === 0 ? Access.MAINTAINER : undefined);
        if (level !== undefined) target.push(roleEntry(state, `${kind}_access_level`, level));
        for (const e of allowed) {
            if (e.user_id !== undefined && !state.user(e.user_id)) throw new FixtureError(`${where}: unknown user_id ${e.user_id}`);
            if (e.group_id !== undefined && !state.group(e.group_id)) throw new FixtureError(`${where}: unknown group_id ${e.group_id}`);
            target.push({ id: state.nextId(`${kind}_access_level`), access_level: e.access_level ?? Access.MAINTAINER, user_id: e.user_id ?? null, group_id: e.group_id ?? null, deploy_key_id: null });
        }
    }
    return pb;
}

export function loadFixtures(fixtures: Fixtures): StandinState {
    if (fixtures.edition !== "ce" && fixtures.edition !== "ee") throw new FixtureError(`edition must be "ce" or "ee"`);
    const state = new StandinState(fixtures.edition, fixtures.version ?? "18.2.1");
    if (fixtures.license !== undefined) state.license = fixtures.license;
    return addFixtures(state, fixtures);
}

/**
 * Adds fixture records to a state that may already hold some (a sandbox's
 * saved GitLab, when its stack starts naming someone new): the same checks as
 * a fresh load, and every id must be free.
 */
export function addFixtures(state: StandinState, fixtures: Pick<Fixtures, "users" | "groups" | "projects" | "tokens">): StandinState {
    const now = new Date().toISOString();

    // Personal namespaces share the id space of groups: number them after the highest group or namespace id.
    let nextNamespace = Math.max(0, ...state.groups.map((g) => g.id), ...state.users.map((u) => u.namespace_id), ...fixtures.groups.map((g) => g.id)) + 1;
    for (const u of fixtures.users) {
        if (state.user(u.id) || state.user(u.username)) throw new FixtureError(`duplicate user ${u.id}/${u.username}`);
        state.users.push({ id: u.id, username: u.username, name: u.name, email: u.email, state: u.state ?? "active", admin: u.admin ?? false, created_at: now, namespace_id: nextNamespace++ });
        state.reserveId("user", u.id);
    }

    // Parents before children, so a parent is always resolvable by path.
    const depth = (g: FixtureGroup) => g.full_path.split("/").length;
    for (const g of [...fixtures.groups].sort((a, b) => depth(a) - depth(b))) {
        if (state.group(g.id) || state.group(g.full_path) || state.namespace(g.id)) throw new FixtureError(`duplicate group ${g.id}/${g.full_path}`);
        const segments = g.full_path.split("/");
        const parentPath = segments.slice(0, -1).join("/");
        const parent = parentPath ? state.group(parentPath) : undefined;
        if (parentPath && !parent) throw new FixtureError(`group ${g.full_path}: parent group ${parentPath} is not in the fixtures`);
        state.groups.push({
            id: g.id,
            name: g.name,
            path: segments[segments.length - 1],
            full_path: g.full_path,
            parent_id: parent?.id ?? null,
            description: g.description ?? "",
            visibility: g.visibility ?? "private",
            created_at: now,
            runners_token: `GR1348941${randomBytes(10).toString("hex")}`,
            default_branch_protection: g.default_branch_protection ?? 2,
            members: members(state, `group ${g.full_path}`, g.members, now),
        });
        state.reserveId("group", g.id);
    }

    for (const fp of fixtures.projects ?? []) {
        const where = `project ${fp.path_with_namespace}`;
        const cut = fp.path_with_namespace.lastIndexOf("/");
        if (cut < 0) throw new FixtureError(`${where}: path_with_namespace needs a namespace`);
        const nsPath = fp.path_with_namespace.slice(0, cut);
        const namespaceId = state.group(nsPath)?.id ?? state.user(nsPath)?.namespace_id;
        if (namespaceId === undefined) throw new FixtureError(`${where}: no group or user ${nsPath}`);
        if (state.project(fp.id) || state.project(fp.path_with_namespace)) throw new FixtureError(`duplicate project ${fp.id}/${fp.path_with_namespace}`);
        const creator = state.users.find((u) => u.admin) ?? state.users[0];
        if (!creator) throw new FixtureError("projects need at least one user");
        const project = newProject(state, { id: fp.id, name: fp.name, path: fp.path_with_namespace.slice(cut + 1), namespace_id: namespaceId, creator_id: creator.id });
        project.description = fp.description ?? null;
        project.visibility = fp.visibility ?? "private";
        project.topics = [...(fp.topics ?? [])];
        project.archived = fp.archived ?? false;
        project.members = members(state, where, fp.members, now);
        project.shared_with_groups = (fp.shared_with_groups ?? []).map((s) => {
            const group = s.group_id !== undefined ? state.group(s.group_id) : s.group_full_path !== undefined ? state.group(s.group_full_path) : undefined;
            if (!group) throw new FixtureError(`${where}: shared group ${s.group_id ?? s.group_full_path} is not in the fixtures`);
            return { group_id: group.id, group_access: s.group_access, expires_at: s.expires_at ?? null };
        });
        Object.assign(project.approval_settings, fp.approval_settings ?? {});
        project.locked_approval_settings = [...(fp.locked_approval_settings ?? [])];
        state.projects.push(project);

        const branch = fp.default_branch === undefined ? "main" : fp.default_branch;
        if (branch !== null) {
            const files = fp.files ?? { "README.md": `# ${fp.name}\n` };
            commitFiles(state, project, {
                branch,
                message: "Initial commit",
                author: { name: creator.name, email: creator.email },
                committer: creator,
                actions: Object.entries(files).map(([file_path, text]) => ({ action: "create" as const, file_path, content: Buffer.from(text, "utf8") })),
            });
        }
        // commitFiles protected the new default branch as GitLab would; explicit protections replace that.
        if (fp.protected_branches !== undefined) project.protected_branches = fp.protected_branches.map((spec) => protection(state, `${where} protected branch ${spec.name}`, spec));
        else if (branch !== null) protectDefaultBranch(state, project);

        project.approval_rules = (fp.approval_rules ?? []).map((r) => ({
            id: state.nextId("approval_rule"),
            name: r.name,
            rule_type: r.rule_type ?? "regular",
            report_type: null,
            approvals_required: r.approvals_required,
            user_ids: [...(r.user_ids ?? [])],
            group_ids: [...(r.group_ids ?? [])],
            protected_branch_ids: (r.protected_branches ?? []).map((name) => {
                const pb = project.protected_branches.find((x) => x.name === name);
                if (!pb) throw new FixtureError(`${where} approval rule ${r.name}: no protected branch ${name}`);
                return pb.id;
            }),
            applies_to_all_protected_branches: r.applies_to_all_protected_branches ?? false,
        }));
        if (fp.push_rule !== undefined) project.push_rule = applyPushRuleParams(new Params({ ...fp.push_rule }), blankPushRule(state.nextId("push_rule"), project.id));
    }

    for (const t of fixtures.tokens) {
        if (!state.user(t.user_id)) throw new FixtureError(`token ${t.token}: unknown user_id ${t.user_id}`);
        if (state.tokens.some((x) => x.token === t.token)) throw new FixtureError(`duplicate token ${t.token}`);
        state.tokens.push({ token: t.token, user_id: t.user_id, scopes: [...t.scopes] });
    }
    return state;
}
