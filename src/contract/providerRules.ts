import { containsUnknown } from "./unknown";

/**
 * What pulumi-gitlab 10.1.1 (terraform-provider-gitlab v19.2.1) and the GitLab
 * API refuse, or silently handle differently from what the inputs say, written
 * down once. The unit suite runs these on every registration the program makes;
 * the provider double runs them in `Check`, so an engine run fails the way the
 * real provider would. Each rule cites where the behaviour comes from.
 *
 * Unknown values: the provider defers a check while a value it involves is
 * unknown, so a preview passes and `up` fails. The rules do the same.
 */

/** CE or EE: the provider decides by `GET /metadata` (`enterprise`), not by license; gitlab.com is EE. */
export type Edition = "ce" | "ee";

export interface ContractContext {
    readonly edition: Edition;
}

export type Inputs = Readonly<Record<string, unknown>>;

export interface ContractRule {
    /** The resource or function token the rule applies to. */
    readonly token: string;
    /** Where the behaviour is documented or implemented. */
    readonly source: string;
    check(inputs: Inputs, ctx: ContractContext): string[];
}

const TF_DOCS = "terraform-provider-gitlab v19.1.0 docs";
const PROVIDER = "terraform-provider-gitlab v19.2.1";

/** Set the way the provider sees it: any value, `false`, `""`, `0` and `[]` included (SDKv2 GetRawConfig). */
const isSet = (inputs: Inputs, key: string) => inputs[key] !== undefined && inputs[key] !== null;
const known = (inputs: Inputs, key: string) => isSet(inputs, key) && !containsUnknown(inputs[key]);

/** Terraform's own wording, so a message matches what the real provider prints. */
function conflicts(inputs: Inputs, key: string, others: readonly string[], tfName: (k: string) => string): string[] {
    if (!known(inputs, key)) return [];
    return others.filter((o) => known(inputs, o)).map((o) => `Conflicting configuration arguments: "${tfName(key)}": conflicts with ${tfName(o)}`);
}

function oneOf(inputs: Inputs, key: string, allowed: readonly (string | number)[], tfName: string): string[] {
    const value = inputs[key];
    if (!known(inputs, key) || allowed.includes(value as string | number)) return [];
    return [`expected ${tfName} to be one of [${allowed.map((a) => JSON.stringify(a)).join(" ")}], got ${JSON.stringify(value)}`];
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function entries(inputs: Inputs, key: string): Inputs[] {
    const value = inputs[key];
    return Array.isArray(value) ? value.filter((v): v is Inputs => v !== null && typeof v === "object") : [];
}

/** Access level names the provider validates against (`api.ValidProjectAccessLevelNames`, 19.2.0 added `security_manager`). */
export const PROJECT_ACCESS_LEVELS = ["no one", "minimal", "guest", "planner", "reporter", "security_manager", "developer", "maintainer", "owner"] as const;
const BRANCH_ACCESS_LEVELS = ["no one", "developer", "maintainer", "admin"];
const UNPROTECT_ACCESS_LEVELS = ["developer", "maintainer", "admin"];
const ENVIRONMENT_ACCESS_LEVELS = ["developer", "maintainer"];

const PUSH_RULE_SETTINGS = [
    "authorEmailRegex",
    "branchNameRegex",
    "commitCommitterCheck",
    "commitCommitterNameCheck",
    "commitMessageNegativeRegex",
    "commitMessageRegex",
    "denyDeleteTag",
    "fileNameRegex",
    "maxFileSize",
    "memberCheck",
    "preventSecrets",
    "rejectNonDcoCommits",
    "rejectUnsignedCommits",
] as const;

const MR_APPROVAL_SETTINGS = [
    "disableOverridingApproversPerMergeRequest",
    "mergeRequestsAuthorApproval",
    "mergeRequestsDisableCommittersApproval",
    "requireReauthenticationToApprove",
    "resetApprovalsOnPush",
    "selectiveCodeOwnerRemovals",
] as const;

/**
 * Optional+Computed attributes with UseStateForUnknown keep their previous value
 * when they disappear from the inputs: the provider re-sends the old value and
 * nothing is reset. Only an explicit value ever changes them.
 */
function everySettingExplicit(inputs: Inputs, settings: readonly string[], off: string): string[] {
    return settings
        .filter((s) => !isSet(inputs, s))
        .map((s) => `\`${s}\` is not set: the provider keeps the previous value of a setting that disappears from the inputs, so it could never be turned off again; send it explicitly (${off})`);
}

const T = {
    project: "gitlab:index/project:Project",
    branchProtection: "gitlab:index/branchProtection:BranchProtection",
    approvalRule: "gitlab:index/projectApprovalRule:ProjectApprovalRule",
    mrApprovals: "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals",
    repositoryFile: "gitlab:index/repositoryFile:RepositoryFile",
    pushRules: "gitlab:index/projectPushRules:ProjectPushRules",
    protectedEnvironment: "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment",
    membership: "gitlab:index/projectMembership:ProjectMembership",
    shareGroup: "gitlab:index/projectShareGroup:ProjectShareGroup",
    getUser: "gitlab:index/getUser:getUser",
    getGroup: "gitlab:index/getGroup:getGroup",
    getProject: "gitlab:index/getProject:getProject",
} as const;

export const CONTRACT_RULES: readonly ContractRule[] = [
    {
        token: T.branchProtection,
        source: `${PROVIDER} resource_gitlab_branch_protection.go ModifyPlan; ${TF_DOCS} branch_protection.md ("only available for CE instances")`,
        check: (inputs, { edition }) => {
            if (edition === "ee") {
                return ["pushAccessLevel", "mergeAccessLevel"]
                    .filter((k) => known(inputs, k))
                    .map((k) => `feature unavailable \`${snake(k)}\`: the provider refuses it on GitLab EE (gitlab.com included, licensed or not); use \`${k === "pushAccessLevel" ? "allowed_to_push" : "allowed_to_merge"}\` instead`);
            }
            const premium = ["allowedToPushes", "allowedToMerges", "allowedToUnprotects"].filter((k) => known(inputs, k));
            if (inputs.codeOwnerApprovalRequired === true) premium.push("codeOwnerApprovalRequired");
            return premium.map((k) => `feature unavailable \`${snake(k).replace(/es$/, "")}\`: GitLab CE has no ${k}; it needs an EE build with a Premium license`);
        },
    },
    {
        token: T.branchProtection,
        source: `${PROVIDER} resource_gitlab_branch_protection.go schema (OneOf, ExactlyOneOf on allowed_to_* elements)`,
        check: (inputs) => [
            ...oneOf(inputs, "pushAccessLevel", BRANCH_ACCESS_LEVELS, "push_access_level"),
            ...oneOf(inputs, "mergeAccessLevel", BRANCH_ACCESS_LEVELS, "merge_access_level"),
            ...(["allowedToPushes", "allowedToMerges", "allowedToUnprotects"] as const).flatMap((list) =>
                entries(inputs, list).flatMap((entry, i) => {
                    const ids = ["accessLevel", "userId", "groupId", "deployKeyId"].filter((k) => isSet(entry, k));
                    const where = `${list}[${i}]`;
                    const levels = list === "allowedToUnprotects" ? UNPROTECT_ACCESS_LEVELS : BRANCH_ACCESS_LEVELS;
                    return [
                        ...(ids.length === 1 ? [] : [`${where}: exactly one of access_level, user_id, group_id or deploy_key_id must be set, got ${ids.length}`]),
                        ...(list !== "allowedToPushes" && isSet(entry, "deployKeyId") ? [`${where}: deploy_key_id is only valid in allowed_to_push`] : []),
                        ...oneOf(entry, "accessLevel", levels, `${where}.access_level`),
                    ];
                }),
            ),
        ],
    },
    {
        token: T.approvalRule,
        source: `${PROVIDER} resource_gitlab_project_approval_rule.go schema: protected_branch_ids ConflictsWith applies_to_all_protected_branches (an explicit false counts as set)`,
        check: (inputs) => [
            ...conflicts(inputs, "protectedBranchIds", ["appliesToAllProtectedBranches"], snake),
            ...conflicts(inputs, "appliesToAllProtectedBranches", ["protectedBranchIds"], snake),
            ...oneOf(inputs, "ruleType", ["regular", "any_approver", "report_approver"], "rule_type"),
            ...oneOf(inputs, "reportType", ["code_coverage"], "report_type"),
            ...(known(inputs, "reportType") && !isSet(inputs, "ruleType") ? ['"report_type": all of `report_type,rule_type` must be specified'] : []),
            ...(typeof inputs.approvalsRequired === "number" && inputs.approvalsRequired < 0 ? ["approvals_required must be 0 or more (GitLab API)"] : []),
        ],
    },
    {
        token: T.mrApprovals,
        source: `${PROVIDER} resource_gitlab_project_level_mr_approvals.go ValidateConfig and Optional+Computed attributes with UseStateForUnknown; GitLab API merge_request_approvals.md`,
        check: (inputs) => [
            ...(inputs.selectiveCodeOwnerRemovals === true && inputs.resetApprovalsOnPush === true
                ? ["selective_code_owner_removals can only be enabled when reset_approvals_on_push is disabled"]
                : []),
            ...(isSet(inputs, "requirePasswordToApprove") ? ["`requirePasswordToApprove` is deprecated (removed in provider 20.0); use `requireReauthenticationToApprove`"] : []),
            ...everySettingExplicit(inputs, MR_APPROVAL_SETTINGS, "true or false"),
        ],
    },
    {
        token: T.pushRules,
        source: `${PROVIDER} resource_gitlab_project_push_rules.go: every attribute Optional+Computed with UseStateForUnknown, max_file_size AtLeast(0); GitLab API project_push_rules.md ("" and 0 turn a rule off)`,
        check: (inputs) => [
            ...(typeof inputs.maxFileSize === "number" && inputs.maxFileSize < 0 ? [`expected max_file_size to be at least (0), got ${inputs.maxFileSize}`] : []),
            ...everySettingExplicit(inputs, PUSH_RULE_SETTINGS, 'regexes "", maxFileSize 0, checks false'),
        ],
    },
    {
        token: T.repositoryFile,
        source: `${PROVIDER} schema_gitlab_repository_file.go (encoding required since 18.0, file_path validation, commit message ConflictsWith/RequiredWith)`,
        check: (inputs) => {
            const out = [...oneOf(inputs, "encoding", ["base64", "text"], "encoding")];
            if (!isSet(inputs, "encoding")) out.push('The argument "encoding" is required, but no definition was found.');
            if (typeof inputs.filePath === "string" && /^(\/|\.\/)/.test(inputs.filePath)) out.push("`file_path` cannot start with a `/` or `./`");
            const split = ["createCommitMessage", "updateCommitMessage", "deleteCommitMessage"];
            out.push(...split.flatMap((k) => conflicts(inputs, "commitMessage", [k], snake)));
            const setSplit = split.filter((k) => isSet(inputs, k));
            if (setSplit.length > 0 && setSplit.length < split.length) out.push(`${split.map(snake).join(", ")}: all three must be specified together`);
            return out;
        },
    },
    {
        token: T.protectedEnvironment,
        source: `${PROVIDER} resource_gitlab_project_protected_environment.go (OneOf, ValidateConfig); GitLab ProtectedEnvironments::ApprovalRule model: required_approvals 1..5`,
        check: (inputs) => [
            ...entries(inputs, "deployAccessLevelsAttributes").flatMap((entry, i) => {
                const where = `deployAccessLevelsAttributes[${i}]`;
                const ids = ["accessLevel", "userId", "groupId"].filter((k) => isSet(entry, k));
                return [
                    ...(ids.length === 1 ? [] : [`${where}: exactly one of access_level, user_id or group_id must be set, got ${ids.length}`]),
                    ...oneOf(entry, "accessLevel", ENVIRONMENT_ACCESS_LEVELS, `${where}.access_level`),
                    ...oneOf(entry, "groupInheritanceType", [0, 1], `${where}.group_inheritance_type`),
                ];
            }),
            ...entries(inputs, "approvalRules").flatMap((entry, i) => {
                const where = `approvalRules[${i}]`;
                const count = entry.requiredApprovals;
                return [
                    ...(isSet(entry, "userId") && isSet(entry, "groupId") ? [`${where}: Invalid Attribute Combination: user_id and group_id cannot both be set`] : []),
                    ...(isSet(entry, "userId") && isSet(entry, "requiredApprovals") ? [`${where}: required_approvals cannot be set with user_id`] : []),
                    ...(typeof count === "number" && (count < 1 || count > 5) ? [`${where}.required_approvals: GitLab accepts 1 to 5, got ${count}`] : []),
                    ...oneOf(entry, "accessLevel", ENVIRONMENT_ACCESS_LEVELS, `${where}.access_level`),
                ];
            }),
        ],
    },
    {
        token: T.membership,
        source: `${PROVIDER} resource_gitlab_project_membership.go: access_level StringInSlice(ValidProjectAccessLevelNames), expires_at YYYY-MM-DD`,
        check: (inputs) => [
            ...oneOf(inputs, "accessLevel", PROJECT_ACCESS_LEVELS, "access_level"),
            ...(typeof inputs.expiresAt === "string" && !/^\d{4}-\d{2}-\d{2}$/.test(inputs.expiresAt) ? [`expires_at must be in the format YYYY-MM-DD, got ${inputs.expiresAt}`] : []),
        ],
    },
    {
        token: T.shareGroup,
        source: `${PROVIDER} resource_gitlab_project_share_group.go: group_access StringInSlice(ValidProjectAccessLevelNames)`,
        check: (inputs) => oneOf(inputs, "groupAccess", PROJECT_ACCESS_LEVELS, "group_access"),
    },
    {
        token: T.project,
        source: `${PROVIDER} resource_gitlab_project.go schema (visibility_level, ConflictsWith)`,
        check: (inputs) => [
            ...oneOf(inputs, "visibilityLevel", ["private", "internal", "public"], "visibility_level"),
            ...conflicts(inputs, "initializeWithReadme", ["importUrl", "forkedFromProjectId"], snake),
            ...conflicts(inputs, "archiveOnDestroy", ["permanentlyDeleteOnDestroy"], snake),
        ],
    },
    {
        token: T.getUser,
        source: `${PROVIDER} data_source_gitlab_user.go: one and only one of user_id, username or email`,
        check: (inputs) => exactlyOne(inputs, ["userId", "username", "email"]),
    },
    {
        token: T.getGroup,
        source: `${PROVIDER} data_source_gitlab_group.go: one and only one of group_id or full_path`,
        check: (inputs) => exactlyOne(inputs, ["groupId", "fullPath"]),
    },
    {
        token: T.getProject,
        source: `${PROVIDER} data_source_gitlab_project.go: id ExactlyOneOf path_with_namespace, id must be an integer string`,
        check: (inputs) => [
            ...exactlyOne(inputs, ["id", "pathWithNamespace"]),
            ...(typeof inputs.id === "string" && !/^\d+$/.test(inputs.id) ? ["`id` must be an integer string and not a path."] : []),
        ],
    },
];

function exactlyOne(inputs: Inputs, keys: readonly string[]): string[] {
    const set = keys.filter((k) => isSet(inputs, k));
    return set.length === 1 ? [] : [`one and only one of ${keys.map(snake).join(", ")} must be set, got ${set.length === 0 ? "none" : set.map(snake).join(", ")}`];
}

/** Every contract violation of one registration or invoke. */
export function contractViolations(token: string, inputs: Inputs, ctx: ContractContext): string[] {
    return CONTRACT_RULES.filter((r) => r.token === token).flatMap((r) => r.check(inputs, ctx));
}
