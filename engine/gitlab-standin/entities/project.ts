// The project representation of `GET /projects/:id`, with the keys of the docs
// example (https://docs.gitlab.com/api/projects/#get-a-single-project) except
// those GitLab adds only on request (`license`, `license_url` with
// ?license=true, `statistics` with ?statistics=true) or behind a feature
// (`spp_repository_pipeline_access`), and `owner`, present only for projects
// in a personal namespace.
import { canAdminProject, inheritedProjectMembership } from "../access";
import type { Project, StandinState, User } from "../state";
import { groupWebUrl } from "./group";

/**
 * Settings the entity reports that the stand-in only stores and echoes.
 * Values are the docs example's, or GitLab's defaults for a new project.
 * POST/PUT /projects accept these keys and coerce to the default's type.
 */
export const PROJECT_SETTING_DEFAULTS: Readonly<Record<string, string | number | boolean | null>> = {
    issues_enabled: true,
    merge_requests_enabled: true,
    jobs_enabled: true,
    wiki_enabled: true,
    snippets_enabled: true,
    resolve_outdated_diff_discussions: false,
    container_registry_enabled: true,
    container_registry_access_level: "enabled",
    security_and_compliance_access_level: "private",
    issues_access_level: "enabled",
    repository_access_level: "enabled",
    merge_requests_access_level: "enabled",
    forking_access_level: "enabled",
    wiki_access_level: "enabled",
    builds_access_level: "enabled",
    snippets_access_level: "enabled",
    pages_access_level: "private",
    analytics_access_level: "enabled",
    releases_access_level: "enabled",
    environments_access_level: "enabled",
    feature_flags_access_level: "enabled",
    infrastructure_access_level: "enabled",
    monitor_access_level: "enabled",
    model_experiments_access_level: "enabled",
    model_registry_access_level: "enabled",
    package_registry_access_level: "private",
    emails_enabled: true,
    lfs_enabled: true,
    shared_runners_enabled: true,
    group_runners_enabled: true,
    ci_default_git_depth: 20,
    ci_forward_deployment_enabled: true,
    ci_forward_deployment_rollback_allowed: true,
    ci_allow_fork_pipelines_to_run_in_parent_project: true,
    ci_separated_caches: true,
    ci_restrict_pipeline_cancellation_role: "developer",
    ci_pipeline_variables_minimum_override_role: "developer",
    ci_push_repository_for_job_token_allowed: false,
    ci_display_pipeline_variables: false,
    ci_config_path: null,
    build_timeout: 3600,
    build_git_strategy: "fetch",
    protect_merge_request_pipelines: true,
    public_jobs: true,
    only_allow_merge_if_pipeline_succeeds: false,
    allow_merge_on_skipped_pipeline: false,
    allow_pipeline_trigger_approve_deployment: false,
    restrict_user_defined_variables: true,
    only_allow_merge_if_all_discussions_are_resolved: false,
    remove_source_branch_after_merge: true,
    printing_merge_requests_link_enabled: true,
    request_access_enabled: true,
    merge_method: "merge",
    squash_option: "default_off",
    auto_devops_enabled: false,
    auto_devops_deploy_strategy: "continuous",
    packages_enabled: true,
    service_desk_enabled: false,
    autoclose_referenced_issues: true,
    suggestion_commit_message: null,
    enforce_auth_checks_on_uploads: true,
    merge_commit_template: null,
    squash_commit_template: null,
    issue_branch_template: null,
    warn_about_potentially_unwanted_characters: true,
    secret_push_protection_enabled: false,
    merge_pipelines_enabled: false,
    merge_trains_enabled: false,
    merge_trains_skip_train_allowed: false,
    mr_default_target_self: false,
    keep_latest_artifact: true,
    // EE-only (see EE_ONLY_KEYS)
    approvals_before_merge: 0,
    mirror: false,
    mirror_trigger_builds: false,
    only_mirror_protected_branches: false,
    mirror_overwrites_diverged_branches: false,
    external_authorization_classification_label: null,
    requirements_access_level: "enabled",
};

/** Keys the EE entity adds (ee/lib/ee/api/entities/project.rb); dropped on CE. */
const EE_ONLY_KEYS = [
    "approvals_before_merge",
    "mirror",
    "mirror_user_id",
    "mirror_trigger_builds",
    "only_mirror_protected_branches",
    "mirror_overwrites_diverged_branches",
    "external_authorization_classification_label",
    "requirements_access_level",
    "compliance_frameworks",
    "merge_pipelines_enabled",
    "merge_trains_enabled",
    "merge_trains_skip_train_allowed",
    "allow_pipeline_trigger_approve_deployment",
];

export function projectWebUrl(state: StandinState, origin: string, project: Project): string {
    return `${origin}/${state.pathWithNamespace(project)}`;
}

function namespaceEntity(state: StandinState, origin: string, project: Project) {
    const ns = state.namespaceOf(project);
    return {
        id: ns.id,
        name: ns.name,
        path: ns.path,
        kind: ns.kind,
        full_path: ns.full_path,
        parent_id: ns.parent_id,
        avatar_url: null,
        web_url: ns.kind === "group" ? groupWebUrl(origin, ns.group) : `${origin}/${ns.owner.username}`,
    };
}

/** `permissions`: the caller's direct project role and its role in the project's group. */
function permissions(state: StandinState, project: Project, user: User | null) {
    if (!user) return { project_access: null, group_access: null };
    const direct = project.members.find((m) => m.user_id === user.id);
    const groupLevel = inheritedProjectMembership(state, project, user.id).level;
    return {
        project_access: direct ? { access_level: direct.access_level, notification_level: 3 } : null,
        group_access: groupLevel > 0 ? { access_level: groupLevel, notification_level: 3 } : null,
    };
}

function hasReadme(project: Project): boolean {
    const branch = project.repository.branches.find((b) => b.name === project.default_branch);
    return branch !== undefined && "README.md" in branch.files;
}

export function projectEntity(state: StandinState, origin: string, project: Project, user: User | null): Record<string, unknown> {
    const ns = state.namespaceOf(project);
    const pathWithNamespace = state.pathWithNamespace(project);
    const webUrl = projectWebUrl(state, origin, project);
    const host = new URL(origin).hostname;
    const api = `${origin}/api/v4/projects/${project.id}`;
    const settings = { ...PROJECT_SETTING_DEFAULTS, ...project.settings };
    const entity: Record<string, unknown> = {
        id: project.id,
        description: project.description,
        description_html: project.description ? `<p dir="auto">${escapeHtml(project.description)}</p>` : "",
        default_branch: project.default_branch,
        visibility: project.visibility,
        ssh_url_to_repo: `git@${host}:${pathWithNamespace}.git`,
        http_url_to_repo: `${webUrl}.git`,
        web_url: webUrl,
        readme_url: hasReadme(project) ? `${webUrl}/-/blob/${project.default_branch}/README.md` : null,
        tag_list: [...project.topics],
        topics: [...project.topics],
        ...(ns.kind === "user" ? { owner: { id: ns.owner.id, name: ns.owner.name, created_at: ns.owner.created_at } } : {}),
        name: project.name,
        name_with_namespace: `${ns.kind === "group" ? state.selfAndAncestors(ns.group).reverse().map((g) => g.name).join(" / ") : ns.name} / ${project.name}`,
        path: project.path,
        path_with_namespace: pathWithNamespace,
        open_issues_count: 0,
        can_create_merge_request_in: user !== null,
        container_expiration_policy: {
            cadence: "1d",
            enabled: false,
            keep_n: 10,
            older_than: "90d",
            name_regex: ".*",
            name_regex_delete: ".*",
            name_regex_keep: null,
            next_run_at: project.created_at,
        },
        created_at: project.created_at,
        updated_at: project.last_activity_at,
        last_activity_at: project.last_activity_at,
        creator_id: project.creator_id,
        namespace: namespaceEntity(state, origin, project),
        import_url: null,
        import_type: null,
        import_status: "none",
        import_error: null,
        permissions: permissions(state, project, user),
        archived: project.archived,
        avatar_url: null,
        forks_count: 0,
        star_count: 0,
        ci_id_token_sub_claim_components: ["project_path", "ref_type", "ref"],
        shared_with_groups: project.shared_with_groups.flatMap((share) => {
            const group = state.group(share.group_id);
            return group ? [{ group_id: group.id, group_name: group.name, group_full_path: group.full_path, group_access_level: share.group_access, expires_at: share.expires_at }] : [];
        }),
        repository_storage: "default",
        mirror_user_id: null,
        empty_repo: project.repository.branches.length === 0,
        service_desk_address: null,
        marked_for_deletion_at: project.marked_for_deletion_on,
        marked_for_deletion_on: project.marked_for_deletion_on,
        compliance_frameworks: [],
        container_registry_image_prefix: `registry.${host}/${pathWithNamespace}`,
        _links: {
            self: api,
            issues: `${api}/issues`,
            merge_requests: `${api}/merge_requests`,
            repo_branches: `${api}/repository/branches`,
            labels: `${api}/labels`,
            events: `${api}/events`,
            members: `${api}/members`,
            cluster_agents: `${api}/cluster_agents`,
        },
        ...settings,
    };
    // runners_token is exposed to those who can administer the project.
    if (canAdminProject(state, project, user)) entity.runners_token = project.runners_token;
    if (state.edition === "ce") for (const key of EE_ONLY_KEYS) delete entity[key];
    return entity;
}

function escapeHtml(text: string): string {
    return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
}
