// The stand-in's in-memory GitLab: plain, mutable records so a test can change
// something "behind the program's back" (drop an approver, weaken a protection,
// delete a push rule) and then watch what the program does about it.
//
// Field names follow GitLab's own API/database names (snake_case), so the state
// reads like the API responses it produces and `snapshot()` is self-explanatory.

export type Edition = "ce" | "ee";
export type Visibility = "private" | "internal" | "public";
export type TokenScope = "api" | "read_api";

export interface User {
    id: number;
    username: string;
    name: string;
    email: string;
    state: "active" | "blocked";
    /** Instance administrator (`is_admin`). */
    admin: boolean;
    created_at: string;
    /** Id of the user's personal namespace (namespaces share one id space with groups). */
    namespace_id: number;
}

export interface Membership {
    user_id: number;
    access_level: number;
    expires_at: string | null;
    created_at: string;
    /** Who added the member; null for fixture memberships. */
    created_by: number | null;
}

export interface Group {
    id: number;
    name: string;
    /** Last segment of full_path. */
    path: string;
    full_path: string;
    parent_id: number | null;
    description: string;
    visibility: Visibility;
    created_at: string;
    runners_token: string;
    /**
     * Protection applied to the default branch of new repositories, as the
     * groups API reports it: 0 none, 1 partial, 2 full (GitLab's default),
     * 3 against pushes, 4 full after initial push.
     */
    default_branch_protection: number;
    members: Membership[];
}

/** A project shared with ("invited") a group: `POST /projects/:id/share`. */
export interface GroupShare {
    group_id: number;
    group_access: number;
    expires_at: string | null;
}

/** One entry of push_access_levels / merge_access_levels / unprotect_access_levels. */
/** A protected tag or wildcard and who may create matching tags (lib/api/protected_tags.rb). */
export interface ProtectedTag {
    id: number;
    name: string;
    create_access_levels: AccessEntry[];
}

/** A deploy freeze: cron start and end in a time zone (lib/api/entities/freeze_period.rb). */
export interface FreezePeriod {
    id: number;
    freeze_start: string;
    freeze_end: string;
    cron_timezone: string;
    created_at: string;
    updated_at: string;
}

export interface AccessEntry {
    id: number;
    /** A role (0, 30, 40, 60); user, group and deploy-key entries carry the column default, 40. */
    access_level: number | null;
    user_id: number | null;
    group_id: number | null;
    deploy_key_id: number | null;
}

export interface ProtectedBranch {
    id: number;
    /** Branch name or wildcard such as `release/*`. */
    name: string;
    push_access_levels: AccessEntry[];
    merge_access_levels: AccessEntry[];
    unprotect_access_levels: AccessEntry[];
    allow_force_push: boolean;
    code_owner_approval_required: boolean;
}

export type ApprovalRuleType = "regular" | "any_approver" | "report_approver";

export interface ApprovalRule {
    id: number;
    name: string;
    rule_type: ApprovalRuleType;
    report_type: string | null;
    approvals_required: number;
    user_ids: number[];
    group_ids: number[];
    protected_branch_ids: number[];
    applies_to_all_protected_branches: boolean;
}

export interface ApprovalSettings {
    approvals_before_merge: number;
    reset_approvals_on_push: boolean;
    selective_code_owner_removals: boolean;
    disable_overriding_approvers_per_merge_request: boolean;
    merge_requests_author_approval: boolean;
    merge_requests_disable_committers_approval: boolean;
    /** One setting with two API names (require_password_to_approve is the deprecated one). */
    require_reauthentication_to_approve: boolean;
}

/** The approval settings EE guards with a permission (ee/lib/ee/api/helpers/projects_helpers.rb, merge_request_rules_params). */
export type LockableApprovalSetting = "merge_requests_author_approval" | "merge_requests_disable_committers_approval" | "disable_overriding_approvers_per_merge_request";

export interface PushRule {
    id: number;
    project_id: number;
    created_at: string;
    commit_message_regex: string;
    commit_message_negative_regex: string;
    branch_name_regex: string;
    author_email_regex: string;
    file_name_regex: string;
    max_file_size: number;
    deny_delete_tag: boolean;
    member_check: boolean;
    prevent_secrets: boolean;
    commit_committer_check: boolean;
    commit_committer_name_check: boolean;
    reject_unsigned_commits: boolean;
    reject_non_dco_commits: boolean;
}

export interface DeployAccessLevel {
    id: number;
    access_level: number | null;
    user_id: number | null;
    group_id: number | null;
    group_inheritance_type: number;
}

export interface EnvironmentApprovalRule extends DeployAccessLevel {
    required_approvals: number;
}

export interface ProtectedEnvironment {
    id: number;
    name: string;
    deploy_access_levels: DeployAccessLevel[];
    approval_rules: EnvironmentApprovalRule[];
    required_approval_count: number;
}

export interface Commit {
    id: string;
    short_id: string;
    title: string;
    message: string;
    author_name: string;
    author_email: string;
    authored_date: string;
    committer_name: string;
    committer_email: string;
    committed_date: string;
    parent_ids: string[];
}

export interface StoredFile {
    /** File bytes, base64: what the files API returns and what survives JSON snapshots. */
    content_base64: string;
    blob_id: string;
    /** The last commit that touched this file on its branch. */
    last_commit_id: string;
    execute_filemode: boolean;
}

export interface Branch {
    name: string;
    commit_id: string;
    files: Record<string, StoredFile>;
}

export interface Repository {
    branches: Branch[];
    commits: Commit[];
}

export interface Project {
    id: number;
    name: string;
    path: string;
    /** A group id or a user's namespace id. */
    namespace_id: number;
    description: string | null;
    visibility: Visibility;
    /** null while the repository is empty. */
    default_branch: string | null;
    topics: string[];
    archived: boolean;
    created_at: string;
    last_activity_at: string;
    creator_id: number;
    runners_token: string;
    /** Set by `DELETE /projects/:id` (delayed deletion); the project stays readable. */
    marked_for_deletion_on: string | null;
    /** Every other project setting the entity reports, by API name. */
    settings: Record<string, unknown>;
    members: Membership[];
    shared_with_groups: GroupShare[];
    repository: Repository;
    protected_branches: ProtectedBranch[];
    protected_tags: ProtectedTag[];
    freeze_periods: FreezePeriod[];
    approval_rules: ApprovalRule[];
    approval_settings: ApprovalSettings;
    /**
     * Settings a group or the instance has locked for this project: the token's user lacks
     * the permission to change them, and POST /approvals drops them without a word.
     */
    locked_approval_settings: LockableApprovalSetting[];
    push_rule: PushRule | null;
    protected_environments: ProtectedEnvironment[];
}

/**
 * A compliance framework of a top-level group (ComplianceManagement::Framework,
 * ee/app/models/compliance_management/framework.rb). Its global id is
 * `gid://gitlab/ComplianceManagement::Framework/<id>`.
 */
export interface ComplianceFramework {
    id: number;
    /** The top-level group that holds it. */
    namespace_id: number;
    name: string;
    description: string;
    color: string;
    pipeline_configuration_full_path: string | null;
}

/** The license of an EE instance (or of the gitlab.com namespaces): which paid features exist. */
export type License = "free" | "premium" | "ultimate";

export interface Token {
    token: string;
    user_id: number;
    scopes: TokenScope[];
}

/** A project's namespace, resolved: a group or a user's personal namespace. */
export type Namespace =
    | { kind: "group"; id: number; name: string; path: string; full_path: string; parent_id: number | null; group: Group }
    | { kind: "user"; id: number; name: string; path: string; full_path: string; parent_id: null; owner: User };

export class StandinState {
    readonly users: User[] = [];
    readonly groups: Group[] = [];
    readonly projects: Project[] = [];
    readonly tokens: Token[] = [];
    readonly compliance_frameworks: ComplianceFramework[] = [];
    /** Which framework each project carries (ComplianceManagement::ComplianceFramework::ProjectSettings). */
    readonly project_compliance_frameworks: Array<{ project_id: number; framework_id: number }> = [];
    /** A top-level group's default framework, by group id (namespace_settings.default_compliance_framework_id). */
    readonly default_compliance_frameworks: Record<number, number> = {};
    /** The license on EE; `custom_compliance_frameworks` is a Premium feature. CE has none. */
    license: License = "premium";
    /** Next id per kind of record, like GitLab's one sequence per table. Not part of snapshots. */
    #next = new Map<string, number>();

    constructor(
        public edition: Edition,
        /** Reported by /metadata and /version (an `-ee` suffix is added on EE). */
        public version: string,
    ) {}

    /** A fresh id for `kind` (1, 2, … past any id a fixture reserved). */
    nextId(kind: string): number {
        const id = this.#next.get(kind) ?? 1;
        this.#next.set(kind, id + 1);
        return id;
    }

    /** The next id of every kind handed out so far, for saving a state to disk (persist.ts). */
    sequences(): Record<string, number> {
        return Object.fromEntries(this.#next);
    }

    /** Makes later `nextId(kind)` calls skip past an id taken by a fixture. */
    reserveId(kind: string, id: number): void {
        this.#next.set(kind, Math.max(this.#next.get(kind) ?? 1, id + 1));
    }

    /** By id, or by username (case-insensitive, as GitLab matches usernames). */
    user(ref: number | string): User | undefined {
        return typeof ref === "number" ? this.users.find((u) => u.id === ref) : this.users.find((u) => u.username.toLowerCase() === ref.toLowerCase());
    }

    /** By id, or by full path (case-insensitive, as GitLab's find_by_full_path). */
    group(ref: number | string): Group | undefined {
        return typeof ref === "number" ? this.groups.find((g) => g.id === ref) : this.groups.find((g) => g.full_path.toLowerCase() === ref.toLowerCase());
    }

    /** By id, or by path_with_namespace (case-insensitive). */
    project(ref: number | string): Project | undefined {
        if (typeof ref === "number") return this.projects.find((p) => p.id === ref);
        const wanted = ref.toLowerCase();
        return this.projects.find((p) => this.pathWithNamespace(p).toLowerCase() === wanted);
    }

    parentGroup(group: Group): Group | undefined {
        return group.parent_id === null ? undefined : this.group(group.parent_id);
    }

    /** The group itself, then its parent, up to the top-level group. */
    selfAndAncestors(group: Group): Group[] {
        const chain: Group[] = [];
        for (let g: Group | undefined = group; g !== undefined && !chain.includes(g); g = this.parentGroup(g)) chain.push(g);
        return chain;
    }

    /** Groups strictly below `group`. */
    descendants(group: Group): Group[] {
        return this.groups.filter((g) => g !== group && this.selfAndAncestors(g).includes(group));
    }

    namespace(namespaceId: number): Namespace | undefined {
        const group = this.group(namespaceId);
        if (group) return { kind: "group", id: group.id, name: group.name, path: group.path, full_path: group.full_path, parent_id: group.parent_id, group };
        const owner = this.users.find((u) => u.namespace_id === namespaceId);
        if (owner) return { kind: "user", id: namespaceId, name: owner.name, path: owner.username, full_path: owner.username, parent_id: null, owner };
        return undefined;
    }

    namespaceOf(project: Project): Namespace {
        const ns = this.namespace(project.namespace_id);
        if (!ns) throw new Error(`project ${project.id} has unknown namespace ${project.namespace_id}`);
        return ns;
    }

    pathWithNamespace(project: Project): string {
        return `${this.namespaceOf(project).full_path}/${project.path}`;
    }

    /** The group that owns the project's namespace, if it is a group. */
    projectGroup(project: Project): Group | undefined {
        const ns = this.namespaceOf(project);
        return ns.kind === "group" ? ns.group : undefined;
    }
}
