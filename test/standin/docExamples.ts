// Example responses from GitLab's API docs: the docs' keys and value types
// (some long values abridged, `//` comments and trailing commas dropped, the doc
// bug `"code_owner_approval_required": "false"` written as the boolean the API
// returns), and a shape comparison: same keys, and the same JSON type where
// both sides have a non-null value.

/** doc/api/users.md "Get the current user" (regular user). */
export const currentUserExample = {
    id: 1,
    username: "john_smith",
    email: "john@example.com",
    name: "John Smith",
    state: "active",
    locked: false,
    avatar_url: "http://localhost:3000/uploads/user/avatar/1/index.jpg",
    web_url: "http://localhost:3000/john_smith",
    created_at: "2012-05-23T08:00:58Z",
    bio: "",
    location: null,
    public_email: "john@example.com",
    linkedin: "",
    twitter: "",
    discord: "",
    github: "",
    website_url: "",
    organization: "",
    job_title: "",
    pronouns: "he/him",
    bot: false,
    work_information: null,
    followers: 0,
    following: 0,
    local_time: "3:38 PM",
    last_sign_in_at: "2012-06-01T11:41:01Z",
    confirmed_at: "2012-05-23T09:05:22Z",
    theme_id: 1,
    last_activity_on: "2012-05-23",
    color_scheme_id: 2,
    projects_limit: 100,
    current_sign_in_at: "2012-06-02T06:36:55Z",
    identities: [{ provider: "github", extern_uid: "2435223452345" }],
    can_create_group: true,
    can_create_project: true,
    two_factor_enabled: true,
    external: false,
    private_profile: false,
    commit_email: "admin@example.com",
    preferred_language: "en",
};

/** doc/api/users.md "List users" (non-admin), one element. */
export const userListItemExample = {
    id: 1,
    username: "john_smith",
    name: "John Smith",
    state: "active",
    locked: false,
    avatar_url: "http://localhost:3000/uploads/user/avatar/1/cd8.jpeg",
    web_url: "http://localhost:3000/john_smith",
};

/** doc/api/users.md "Get a single user". */
export const singleUserExample = {
    ...userListItemExample,
    created_at: "2012-05-23T08:00:58Z",
    bio: "",
    bot: false,
    location: null,
    public_email: "john@example.com",
    linkedin: "",
    twitter: "",
    discord: "",
    github: "",
    website_url: "",
    organization: "",
    job_title: "Operations Specialist",
    pronouns: "he/him",
    work_information: null,
    followers: 1,
    following: 1,
    local_time: "3:38 PM",
    is_followed: false,
};

/** doc/api/groups.md "Get a single group" (with_projects=false) plus the documented full-response fields. */
export const groupExample = {
    id: 4,
    name: "Twitter",
    path: "twitter",
    description: "Aliquid qui quis dignissimos distinctio ut commodi voluptas est.",
    visibility: "public",
    avatar_url: null,
    web_url: "https://gitlab.example.com/groups/twitter",
    request_access_enabled: false,
    repository_storage: "default",
    full_name: "Twitter",
    full_path: "twitter",
    runners_token: "ba324ca7b1c77fc20bb9",
    file_template_project_id: 1,
    parent_id: null,
    enabled_git_access_protocol: "all",
    created_at: "2020-01-15T12:36:29.590Z",
    shared_with_groups: [],
    prevent_sharing_groups_outside_hierarchy: false,
    ip_restriction_ranges: null,
    math_rendering_limits_enabled: true,
    lock_math_rendering_limits_enabled: false,
    default_branch_protection: 2,
    default_branch_protection_defaults: { allowed_to_push: [{ access_level: 40 }], allow_force_push: false, allowed_to_merge: [{ access_level: 40 }] },
};

/** doc/api/projects.md "Get a single project" (18.x), minus license/license_url/statistics/spp_repository_pipeline_access and owner. */
export const projectExample = {
    id: 3,
    description: "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    description_html: "<p>Lorem ipsum</p>",
    default_branch: "main",
    visibility: "private",
    ssh_url_to_repo: "git@example.com:diaspora/diaspora-project-site.git",
    http_url_to_repo: "http://example.com/diaspora/diaspora-project-site.git",
    web_url: "http://example.com/diaspora/diaspora-project-site",
    readme_url: "http://example.com/diaspora/diaspora-project-site/blob/main/README.md",
    tag_list: ["example", "disapora project"],
    topics: ["example", "disapora project"],
    name: "Diaspora Project Site",
    name_with_namespace: "Diaspora / Diaspora Project Site",
    path: "diaspora-project-site",
    path_with_namespace: "diaspora/diaspora-project-site",
    issues_enabled: true,
    open_issues_count: 1,
    merge_requests_enabled: true,
    jobs_enabled: true,
    wiki_enabled: true,
    snippets_enabled: false,
    can_create_merge_request_in: true,
    resolve_outdated_diff_discussions: false,
    container_registry_enabled: false,
    container_registry_access_level: "disabled",
    security_and_compliance_access_level: "disabled",
    container_expiration_policy: {
        cadence: "7d",
        enabled: false,
        keep_n: null,
        older_than: null,
        name_regex: null,
        name_regex_delete: null,
        name_regex_keep: null,
        next_run_at: "2020-01-07T21:42:58.658Z",
    },
    created_at: "2013-09-30T13:46:02Z",
    updated_at: "2013-09-30T13:46:02Z",
    last_activity_at: "2013-09-30T13:46:02Z",
    creator_id: 3,
    namespace: { id: 3, name: "Diaspora", path: "diaspora", kind: "group", full_path: "diaspora", avatar_url: "http://localhost:3000/uploads/group/avatar/3/foo.jpg", web_url: "http://localhost:3000/groups/diaspora" },
    import_url: null,
    import_type: null,
    import_status: "none",
    import_error: null,
    permissions: { project_access: { access_level: 10, notification_level: 3 }, group_access: { access_level: 50, notification_level: 3 } },
    archived: false,
    avatar_url: "http://example.com/uploads/project/avatar/3/uploads/avatar.png",
    shared_runners_enabled: true,
    group_runners_enabled: true,
    forks_count: 0,
    star_count: 0,
    runners_token: "b8bc4a7a29eb76ea83cf79e4908c2b",
    ci_default_git_depth: 50,
    ci_forward_deployment_enabled: true,
    ci_forward_deployment_rollback_allowed: true,
    ci_allow_fork_pipelines_to_run_in_parent_project: true,
    ci_id_token_sub_claim_components: ["project_path", "ref_type", "ref"],
    ci_separated_caches: true,
    ci_restrict_pipeline_cancellation_role: "developer",
    ci_pipeline_variables_minimum_override_role: "maintainer",
    ci_push_repository_for_job_token_allowed: false,
    ci_display_pipeline_variables: false,
    protect_merge_request_pipelines: true,
    public_jobs: true,
    shared_with_groups: [{ group_id: 4, group_name: "Twitter", group_full_path: "twitter", group_access_level: 30 }],
    repository_storage: "default",
    only_allow_merge_if_pipeline_succeeds: false,
    allow_merge_on_skipped_pipeline: false,
    allow_pipeline_trigger_approve_deployment: false,
    restrict_user_defined_variables: false,
    only_allow_merge_if_all_discussions_are_resolved: false,
    remove_source_branch_after_merge: false,
    printing_merge_requests_link_enabled: true,
    request_access_enabled: false,
    merge_method: "merge",
    squash_option: "default_on",
    auto_devops_enabled: true,
    auto_devops_deploy_strategy: "continuous",
    approvals_before_merge: 0,
    mirror: false,
    mirror_user_id: 45,
    mirror_trigger_builds: false,
    only_mirror_protected_branches: false,
    mirror_overwrites_diverged_branches: false,
    external_authorization_classification_label: null,
    packages_enabled: true,
    empty_repo: false,
    service_desk_enabled: false,
    service_desk_address: null,
    autoclose_referenced_issues: true,
    suggestion_commit_message: null,
    enforce_auth_checks_on_uploads: true,
    merge_commit_template: null,
    squash_commit_template: null,
    issue_branch_template: "gitlab/%{id}-%{title}",
    marked_for_deletion_at: "2020-04-03",
    marked_for_deletion_on: "2020-04-03",
    compliance_frameworks: ["sox"],
    warn_about_potentially_unwanted_characters: true,
    secret_push_protection_enabled: false,
    container_registry_image_prefix: "registry.example.com/diaspora/diaspora-client",
    _links: {
        self: "http://example.com/api/v4/projects",
        issues: "http://example.com/api/v4/projects/1/issues",
        merge_requests: "http://example.com/api/v4/projects/1/merge_requests",
        repo_branches: "http://example.com/api/v4/projects/1/repository_branches",
        labels: "http://example.com/api/v4/projects/1/labels",
        events: "http://example.com/api/v4/projects/1/events",
        members: "http://example.com/api/v4/projects/1/members",
        cluster_agents: "http://example.com/api/v4/projects/1/cluster_agents",
    },
};

/**
 * doc/api/protected_branches.md, Premium examples: "Get a single protected
 * branch" plus `unprotect_access_levels` (create example), `deploy_key_id` and
 * `inherited` (list example).
 */
export const protectedBranchEeExample = {
    id: 101,
    name: "main",
    push_access_levels: [{ id: 1001, access_level: 40, user_id: null, group_id: null, access_level_description: "Maintainers", deploy_key_id: null }],
    merge_access_levels: [{ id: 2001, access_level: null, user_id: null, group_id: 1234, access_level_description: "Example Merge Group", deploy_key_id: null }],
    unprotect_access_levels: [{ id: 3001, access_level: 40, user_id: null, group_id: null, access_level_description: "Maintainers", deploy_key_id: null }],
    allow_force_push: false,
    code_owner_approval_required: false,
    inherited: true,
};

/** doc/api/merge_request_approvals.md "Create project approval rule" response. */
export const approvalRuleExample = {
    id: 1,
    name: "security",
    rule_type: "regular",
    report_type: null,
    eligible_approvers: [{ id: 2, name: "John Doe", username: "jdoe", state: "active", avatar_url: "https://www.gravatar.com/avatar/0?s=80&d=identicon", web_url: "http://localhost/jdoe" }],
    approvals_required: 1,
    users: [{ id: 2, name: "John Doe", username: "jdoe", state: "active", avatar_url: "https://www.gravatar.com/avatar/0?s=80&d=identicon", web_url: "http://localhost/jdoe" }],
    groups: [
        {
            id: 5,
            name: "group1",
            path: "group1",
            description: "",
            visibility: "public",
            lfs_enabled: false,
            avatar_url: null,
            web_url: "http://localhost/groups/group1",
            request_access_enabled: false,
            full_name: "group1",
            full_path: "group1",
            parent_id: null,
            ldap_cn: null,
            ldap_access: null,
        },
    ],
    applies_to_all_protected_branches: false,
    protected_branches: [protectedBranchEeExample],
    contains_hidden_groups: false,
};

/** doc/api/merge_request_approvals.md "Retrieve project approval configuration" (GET) and change (POST). */
export const approvalSettingsPostExample = {
    approvals_before_merge: 2,
    reset_approvals_on_push: true,
    selective_code_owner_removals: false,
    disable_overriding_approvers_per_merge_request: false,
    merge_requests_author_approval: false,
    merge_requests_disable_committers_approval: false,
    require_password_to_approve: true,
    require_reauthentication_to_approve: true,
};
export const approvalSettingsGetExample = { approvers: [], approver_groups: [], ...approvalSettingsPostExample };

/** doc/api/repository_files.md "Get file from repository". */
export const fileExample = {
    file_name: "key.rb",
    file_path: "app/models/key.rb",
    size: 1476,
    encoding: "base64",
    content: "IyA9PSBTY2hlbWEgSW5mb3...",
    content_sha256: "4c294617b60715c1d218e61164a3abd4808a4284cbc30e6728a01ad9aada4481",
    ref: "main",
    blob_id: "79f7bbd25901e8334750839545a9bd021f0e4c83",
    commit_id: "d5a3ff139356ce33e37e73add446f16869741b50",
    last_commit_id: "570e7b2abdd848b95f2f578043fc23bd6f6fd24d",
    execute_filemode: false,
};

/** doc/api/project_push_rules.md "Get project push rules". */
export const pushRuleExample = {
    id: 1,
    project_id: 3,
    commit_message_regex: "Fixes \\d+\\..*",
    commit_message_negative_regex: "ssh\\:\\/\\/",
    branch_name_regex: "",
    deny_delete_tag: false,
    created_at: "2012-10-12T17:04:47Z",
    member_check: false,
    prevent_secrets: false,
    author_email_regex: "",
    file_name_regex: "",
    max_file_size: 5,
    commit_committer_check: false,
    commit_committer_name_check: false,
    reject_unsigned_commits: false,
    reject_non_dco_commits: false,
};

/** doc/api/protected_environments.md "Protect a single environment" response. */
export const protectedEnvironmentExample = {
    name: "production",
    deploy_access_levels: [{ id: 12, access_level: 40, access_level_description: "protected-access-group", user_id: null, group_id: 9899826, group_inheritance_type: 0 }],
    required_approval_count: 0,
    approval_rules: [{ id: 38, user_id: null, group_id: 134, access_level: null, access_level_description: "qa-group", required_approvals: 1, group_inheritance_type: 0 }],
};

/** doc/api/members.md "Get a member of a group or project". */
export const memberExample = {
    id: 1,
    username: "raymond_smith",
    name: "Raymond Smith",
    state: "active",
    avatar_url: "https://www.gravatar.com/avatar/c2525a7f58ae3776070e44c106c48e15?s=80&d=identicon",
    web_url: "http://192.168.1.8:3000/root",
    access_level: 30,
    email: "john@example.com",
    created_at: "2012-10-22T14:13:35Z",
    created_by: { id: 2, username: "john_doe", name: "John Doe", state: "active", avatar_url: "https://www.gravatar.com/avatar/c2?s=80&d=identicon", web_url: "http://192.168.1.8:3000/root" },
    expires_at: null,
    group_saml_identity: null,
};

/** doc/api/branches.md "Get single repository branch". */
export const branchExample = {
    name: "main",
    merged: false,
    protected: true,
    default: true,
    developers_can_push: false,
    developers_can_merge: false,
    can_push: true,
    web_url: "https://gitlab.example.com/my-group/my-project/-/tree/main",
    commit: {
        id: "7b5c3cc8be40ee161ae89a06bba6229da1032a0c",
        short_id: "7b5c3cc",
        created_at: "2024-06-28T03:44:20-07:00",
        parent_ids: ["4ad91d3c1144c406e50c7b33bae684bd6837faf8"],
        title: "add projects API",
        message: "add projects API",
        author_name: "John Smith",
        author_email: "john@example.com",
        authored_date: "2024-06-27T05:51:39-07:00",
        committer_name: "John Smith",
        committer_email: "john@example.com",
        committed_date: "2024-06-28T03:44:20-07:00",
        trailers: {},
        extended_trailers: {},
        web_url: "https://gitlab.example.com/my-group/my-project/-/commit/7b5c3cc8be40ee161ae89a06bba6229da1032a0c",
    },
};

/** doc/api/metadata.md example. */
export const metadataExample = {
    version: "15.2-pre",
    revision: "c401a659d0c",
    kas: { enabled: true, externalUrl: "grpc://gitlab.example.com:8150", externalK8sProxyUrl: "https://gitlab.example.com:8150/k8s-proxy", version: "15.0.0" },
    enterprise: true,
};

function kind(v: unknown): string {
    return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

/**
 * Differences between `actual` and the docs `example`: keys missing from
 * actual, (with `exact`) keys the example lacks, and JSON type mismatches
 * where both values are non-null. Recurses into objects and first array items.
 */
export function shapeDiff(actual: unknown, example: unknown, options: { exact?: boolean; path?: string } = {}): string[] {
    const path = options.path ?? "$";
    const a = kind(actual);
    const e = kind(example);
    if (a === "null" || e === "null") return [];
    if (a !== e) return [`${path}: ${a} where the docs have ${e}`];
    if (a === "array") {
        const [x] = actual as unknown[];
        const [y] = example as unknown[];
        return x === undefined || y === undefined ? [] : shapeDiff(x, y, { ...options, path: `${path}[0]` });
    }
    if (a !== "object") return [];
    const ao = actual as Record<string, unknown>;
    const eo = example as Record<string, unknown>;
    const diffs: string[] = [];
    for (const key of Object.keys(eo)) {
        if (!(key in ao)) diffs.push(`${path}.${key}: missing`);
        else diffs.push(...shapeDiff(ao[key], eo[key], { ...options, path: `${path}.${key}` }));
    }
    if (options.exact) for (const key of Object.keys(ao)) if (!(key in eo)) diffs.push(`${path}.${key}: not in the docs example`);
    return diffs;
}
