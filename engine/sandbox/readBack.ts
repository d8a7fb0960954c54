// What GitLab enforces on the stack's projects, read back from the GitLab
// REST API (the stand-in's, in the sandbox) with a read-only token: not the
// program's outputs, so the summary shows effect, not intent. Endpoints and
// fields as GitLab documents them: protected_branches, approval_rules
// (eligible_approvers), approvals, repository/files, push_rule,
// protected_environments (docs.gitlab.com/api/<page>/).
import { CODEOWNERS_FILES } from "../../src/config/mlSchema";

export interface AccessSummary {
    /** Roles, usernames (`@alice`) and group paths (`@acme/leads`), as GitLab lists them. */
    readonly who: string[];
}

export interface EnforcedBranch {
    readonly name: string;
    readonly push: string[];
    readonly merge: string[];
    readonly unprotect: string[];
    readonly allowForcePush: boolean;
    readonly codeOwnerApprovalRequired: boolean;
}

export interface EnforcedRule {
    readonly name: string;
    readonly type: string;
    readonly approvalsRequired: number;
    readonly users: string[];
    readonly groups: string[];
    /** Usernames GitLab counts as eligible approvers. */
    readonly eligible: string[];
    /** Protected branches the rule applies to (all of them when `appliesToAll`). */
    readonly branches: string[];
    readonly appliesToAll: boolean;
}

export interface EnforcedEnvironment {
    readonly name: string;
    readonly deployers: string[];
    readonly approvals: Array<{ readonly who: string; readonly required: number }>;
}

export interface EnforcedProject {
    readonly path: string;
    /** The project the stack declares is not in GitLab (never created, or destroyed). */
    readonly missing?: true;
    readonly archived?: boolean;
    readonly defaultBranch?: string | null;
    readonly protectedBranches: EnforcedBranch[];
    readonly approvalRules: EnforcedRule[];
    readonly approvalSettings?: Record<string, boolean | number>;
    readonly codeOwners?: { readonly file: string; readonly content: string };
    readonly pushRule?: Record<string, string | number | boolean>;
    readonly environments: EnforcedEnvironment[];
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

class Api {
    private readonly users = new Map<number, Promise<string>>();
    private readonly groups = new Map<number, Promise<string>>();
    constructor(
        private readonly baseUrl: string,
        private readonly token: string,
    ) {}

    async get(path: string, query: Record<string, string> = {}): Promise<{ status: number; body: Json; next?: string }> {
        const url = new URL(path, this.baseUrl);
        for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
        const res = await fetch(url, { headers: { "private-token": this.token } });
        const text = await res.text();
        return { status: res.status, body: text === "" ? undefined : JSON.parse(text), next: res.headers.get("x-next-page") || undefined };
    }

    /** A resource that must exist: anything but 200 is an error naming the request. */
    async one(path: string, query: Record<string, string> = {}): Promise<Json> {
        const res = await this.get(path, query);
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body;
    }

    /** Every page of a list. */
    async all(path: string): Promise<Json[]> {
        const items: Json[] = [];
        for (let page: string | undefined = "1"; page !== undefined; ) {
            const res = await this.get(path, { per_page: "100", page });
            if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
            items.push(...(res.body as Json[]));
            page = res.next;
        }
        return items;
    }

    username(id: number): Promise<string> {
        if (!this.users.has(id)) this.users.set(id, this.one(`users/${id}`).then((u) => `@${u.username}`));
        return this.users.get(id)!;
    }

    groupPath(id: number): Promise<string> {
        if (!this.groups.has(id)) this.groups.set(id, this.one(`groups/${id}`).then((g) => `@${g.full_path}`));
        return this.groups.get(id)!;
    }

    /** A protected-branch or environment access entry: its user, its group, or its role as GitLab describes it. */
    who(entry: { user_id?: number | null; group_id?: number | null; access_level_description: string }): Promise<string> {
        if (entry.user_id) return this.username(entry.user_id);
        if (entry.group_id) return this.groupPath(entry.group_id);
        return Promise.resolve(entry.access_level_description);
    }
}

/** Fields of GitLab's push rule entity that identify it rather than say what it enforces. */
const PUSH_RULE_IDENTITY = new Set(["id", "project_id", "created_at"]);

const SETTINGS_KEYS = [
    "merge_requests_author_approval",
    "merge_requests_disable_committers_approval",
    "reset_approvals_on_push",
    "selective_code_owner_removals",
    "disable_overriding_approvers_per_merge_request",
    "require_reauthentication_to_approve",
] as const;

/** Everything the summary shows for one project, read from GitLab. EE-only endpoints are skipped on CE. */
export async function readProject(baseUrl: string, token: string, path: string, edition: "ce" | "ee"): Promise<EnforcedProject> {
    const api = new Api(baseUrl, token);
    const id = encodeURIComponent(path);
    const found = await api.get(`projects/${id}`);
    if (found.status === 404) return { path, missing: true, protectedBranches: [], approvalRules: [], environments: [] };
    if (found.status !== 200) throw new Error(`GET projects/${id}: ${found.status} ${JSON.stringify(found.body)}`);
    const project = found.body;
    const ee = edition === "ee";

    const branches = await Promise.all(
        (await api.all(`projects/${project.id}/protected_branches`)).map(async (b: Json) => ({
            name: b.name,
            push: await Promise.all(b.push_access_levels.map((e: Json) => api.who(e))),
            merge: await Promise.all(b.merge_access_levels.map((e: Json) => api.who(e))),
            unprotect: await Promise.all((b.unprotect_access_levels ?? []).map((e: Json) => api.who(e))),
            allowForcePush: b.allow_force_push,
            codeOwnerApprovalRequired: b.code_owner_approval_required ?? false,
        })),
    );
    const rules = ee
        ? (await api.all(`projects/${project.id}/approval_rules`)).map((r: Json) => ({
              name: r.name,
              type: r.rule_type,
              approvalsRequired: r.approvals_required,
              users: r.users.map((u: Json) => `@${u.username}`),
              groups: r.groups.map((g: Json) => `@${g.full_path}`),
              eligible: r.eligible_approvers.map((u: Json) => `@${u.username}`),
              branches: r.protected_branches.map((b: Json) => b.name),
              appliesToAll: r.applies_to_all_protected_branches,
          }))
        : [];
    const settings = ee ? await api.one(`projects/${project.id}/approvals`) : undefined;

    let codeOwners: EnforcedProject["codeOwners"];
    // GitLab reads the first CODEOWNERS it finds, in this order (docs: "Code owners", file locations).
    if (project.default_branch) {
        for (const file of CODEOWNERS_FILES) {
            const res = await api.get(`projects/${project.id}/repository/files/${encodeURIComponent(file)}`, { ref: project.default_branch });
            if (res.status !== 200) continue;
            codeOwners = { file, content: Buffer.from(res.body.content, "base64").toString("utf8") };
            break;
        }
    }

    let pushRule: EnforcedProject["pushRule"];
    if (ee) {
        const res = await api.get(`projects/${project.id}/push_rule`);
        // GitLab answers `null` (200) or 404 when a project has no push rule.
        if (res.status === 200 && res.body) pushRule = Object.fromEntries(Object.entries(res.body as Record<string, string | number | boolean | null>).filter((e): e is [string, string | number | boolean] => !PUSH_RULE_IDENTITY.has(e[0]) && e[1] !== null && e[1] !== ""));
    }

    const environments = ee
        ? await Promise.all(
              (await api.all(`projects/${project.id}/protected_environments`)).map(async (e: Json) => ({
                  name: e.name,
                  deployers: await Promise.all(e.deploy_access_levels.map((d: Json) => api.who(d))),
                  approvals: await Promise.all((e.approval_rules ?? []).map(async (r: Json) => ({ who: await api.who(r), required: r.required_approvals }))),
              })),
          )
        : [];

    return {
        path,
        archived: project.archived,
        defaultBranch: project.default_branch,
        protectedBranches: branches,
        approvalRules: rules,
        approvalSettings: settings === undefined ? undefined : Object.fromEntries(SETTINGS_KEYS.map((k) => [k, settings[k]])),
        codeOwners,
        pushRule,
        environments,
    };
}
