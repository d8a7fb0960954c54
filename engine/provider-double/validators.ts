import { containsUnknown } from "./unknown";

/**
 * What terraform-provider-gitlab itself refuses in a plan (schema validators,
 * ConflictsWith, ValidateConfig, ModifyPlan), per resource and data source,
 * each with the provider file and the copy it was read in. Nothing here comes
 * from the program: a belief of the program that the provider does not hold
 * must not fail here.
 *
 * Copies read (terraform-provider-gitlab has no public GitHub mirror of its
 * source after v3.18; the nearest readable copies of v19.2.1 are forks):
 *  - V19: VijetaPriya47/Gitlab-Terraform-Provider, files on client-go/v2 with
 *    the 19.0 schema changes (branch protection schema v2, `archive_on_destroy`);
 *    called "19.x" below;
 *  - V18: the same fork at 18.x commits (older client-go import path).
 * Values a rule does not know yet are deferred, as Terraform defers them.
 */
export type Edition = "ce" | "ee";
type Inputs = Readonly<Record<string, unknown>>;
type Validator = (inputs: Inputs, edition: Edition) => string[];

const isSet = (inputs: Inputs, key: string) => inputs[key] !== undefined && inputs[key] !== null;
const known = (inputs: Inputs, key: string) => isSet(inputs, key) && !containsUnknown(inputs[key]);
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** SDKv2's ConflictsWith wording (helper/schema), checked on the raw config: an explicit false counts. */
function conflicts(inputs: Inputs, key: string, other: string): string[] {
    return known(inputs, key) && known(inputs, other) ? [`Conflicting configuration arguments: "${snake(key)}": conflicts with ${snake(other)}`] : [];
}

function oneOf(inputs: Inputs, key: string, allowed: readonly (string | number)[], where: string): string[] {
    const value = inputs[key];
    if (!known(inputs, key) || allowed.includes(value as string | number)) return [];
    return [`${where}: value must be one of: [${allowed.map((a) => JSON.stringify(a)).join(" ")}], got: ${JSON.stringify(value)}`];
}

function entries(inputs: Inputs, key: string): Inputs[] {
    const value = inputs[key];
    return Array.isArray(value) ? value.filter((v): v is Inputs => v !== null && typeof v === "object") : [];
}

// api.ValidProtectedBranchTagAccessLevelNames (V18 access_level_helpers.go: no one, developer, maintainer)
// plus `admin`, added in 18.2.0 ("Add `admin` push access level support", CHANGELOG at v19.1.0).
const BRANCH_LEVELS = ["no one", "developer", "maintainer", "admin"];
const UNPROTECT_LEVELS = ["developer", "maintainer", "admin"]; // api.ValidProtectedBranchUnprotectAccessLevelNames (V18)
const ENVIRONMENT_LEVELS = ["developer", "maintainer"]; // api.ValidProtectedEnvironmentDeploymentLevelNames (V18)
// api.ValidProjectAccessLevelNames (V18) and `security_manager`, which the v10.1.1 schema docs list for 19.2.
const PROJECT_LEVELS = ["no one", "minimal", "guest", "planner", "reporter", "security_manager", "developer", "maintainer", "owner"];

export const VALIDATORS: Readonly<Record<string, Validator>> = {
    // resource_gitlab_branch_protection.go (19.x): ModifyPlan refuses by edition (GET /metadata, not the license);
    // each allowed_to_* element: ExactlyOneOf(access_level, user_id, group_id[, deploy_key_id]) and OneOf on access_level.
    "gitlab:index/branchProtection:BranchProtection": (inputs, edition) => {
        const out: string[] = [];
        if (edition === "ce") {
            for (const k of ["allowedToPushes", "allowedToMerges", "allowedToUnprotects"]) {
                if (known(inputs, k)) out.push(`feature unavailable \`${snake(k).replace(/es$/, "")}\`: Enterprise license required`);
            }
            if (inputs.codeOwnerApprovalRequired === true) out.push("feature unavailable `code_owner_approval_required`: Enterprise license required");
        } else {
            if (known(inputs, "pushAccessLevel")) out.push("feature unavailable `push_access_level`: Use `allowed_to_push` instead");
            if (known(inputs, "mergeAccessLevel")) out.push("feature unavailable `merge_access_level`: Use `allowed_to_merge` instead");
        }
        out.push(...oneOf(inputs, "pushAccessLevel", BRANCH_LEVELS, "push_access_level"), ...oneOf(inputs, "mergeAccessLevel", BRANCH_LEVELS, "merge_access_level"));
        for (const [list, ids, levels] of [
            ["allowedToPushes", ["accessLevel", "userId", "groupId", "deployKeyId"], BRANCH_LEVELS],
            ["allowedToMerges", ["accessLevel", "userId", "groupId"], BRANCH_LEVELS],
            ["allowedToUnprotects", ["accessLevel", "userId", "groupId"], UNPROTECT_LEVELS],
        ] as const) {
            entries(inputs, list).forEach((entry, i) => {
                const where = `${snake(list).replace(/es$/, "")}[${i}]`;
                const set = ids.filter((k) => isSet(entry, k));
                if (set.length !== 1) out.push(`${where}: Invalid Attribute Combination: exactly one of ${ids.map(snake).join(", ")} must be specified`);
                if (!(ids as readonly string[]).includes("deployKeyId") && isSet(entry, "deployKeyId")) out.push(`${where}: An argument named "deploy_key_id" is not expected here.`);
                out.push(...oneOf(entry, "accessLevel", levels, `${where}.access_level`));
            });
        }
        return out;
    },
    // resource_gitlab_tag_protection.go (19.x, plugin framework): create_access_level and each allowed_to_create
    // access_level OneOf(api.ValidProtectedBranchTagAccessLevelNames); each entry ExactlyOneOf(access_level, user_id,
    // group_id, deploy_key_id). No edition check: a CE or unlicensed GitLab drops the entries, found after the create.
    "gitlab:index/tagProtection:TagProtection": (inputs) => {
        const ids = ["accessLevel", "userId", "groupId", "deployKeyId"];
        return [
            ...oneOf(inputs, "createAccessLevel", BRANCH_LEVELS, "create_access_level"),
            ...entries(inputs, "allowedToCreates").flatMap((entry, i) => [
                ...(ids.filter((k) => isSet(entry, k)).length !== 1 ? [`allowed_to_create[${i}]: Invalid Attribute Combination: exactly one of ${ids.map(snake).join(", ")} must be specified`] : []),
                ...oneOf(entry, "accessLevel", BRANCH_LEVELS, `allowed_to_create[${i}].access_level`),
            ]),
        ];
    },
    // resource_gitlab_project_approval_rule.go (19.x, SDKv2): protected_branch_ids and applies_to_all_protected_branches
    // ConflictsWith each other; rule_type and report_type StringInSlice; report_type RequiredWith rule_type.
    "gitlab:index/projectApprovalRule:ProjectApprovalRule": (inputs) => [
        ...conflicts(inputs, "protectedBranchIds", "appliesToAllProtectedBranches"),
        ...conflicts(inputs, "appliesToAllProtectedBranches", "protectedBranchIds"),
        ...oneOf(inputs, "ruleType", ["regular", "any_approver", "report_approver"], "rule_type"),
        ...oneOf(inputs, "reportType", ["code_coverage"], "report_type"),
        ...(known(inputs, "reportType") && !isSet(inputs, "ruleType") ? ['"report_type": all of `report_type,rule_type` must be specified'] : []),
    ],
    // resource_gitlab_project_level_mr_approvals.go (V18, plugin framework): ValidateConfig.
    "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals": (inputs) =>
        inputs.selectiveCodeOwnerRemovals === true && inputs.resetApprovalsOnPush === true ? ["selective_code_owner_removals can only be enabled when reset_approvals_on_push is disabled"] : [],
    // resource_gitlab_project_push_rules.go (V18, plugin framework): max_file_size int64validator.AtLeast(0).
    "gitlab:index/projectPushRules:ProjectPushRules": (inputs) =>
        typeof inputs.maxFileSize === "number" && inputs.maxFileSize < 0 ? [`max_file_size: Attribute must be at least 0, got: ${inputs.maxFileSize}`] : [],
    // schema_gitlab_repository_file.go: encoding required since 18.0 (CHANGELOG at v19.1.0, !2474); file_path and the
    // commit message ConflictsWith/RequiredWith as the earlier review read them (18.x copy; not re-read for this change).
    "gitlab:index/repositoryFile:RepositoryFile": (inputs) => {
        const out = [...oneOf(inputs, "encoding", ["base64", "text"], "encoding")];
        if (typeof inputs.filePath === "string" && /^(\/|\.\/)/.test(inputs.filePath)) out.push("`file_path` cannot start with a `/` or `./`");
        const split = ["createCommitMessage", "updateCommitMessage", "deleteCommitMessage"];
        out.push(...split.flatMap((k) => conflicts(inputs, "commitMessage", k)));
        const setSplit = split.filter((k) => isSet(inputs, k));
        if (setSplit.length > 0 && setSplit.length < split.length) out.push(`${split.map(snake).join(", ")}: all three must be specified together`);
        return out;
    },
    // resource_gitlab_project_protected_environment.go: OneOf on access levels and group_inheritance_type, one principal
    // per entry, required_approvals not with user_id, as the earlier review read an 18.x copy (not re-read here).
    // The 1..5 bound on required_approvals is GitLab's, not the provider's: the stand-in enforces it.
    "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment": (inputs) => [
        ...entries(inputs, "deployAccessLevelsAttributes").flatMap((entry, i) => {
            const where = `deploy_access_levels_attribute[${i}]`;
            const ids = ["accessLevel", "userId", "groupId"].filter((k) => isSet(entry, k));
            return [
                ...(ids.length === 1 ? [] : [`${where}: exactly one of access_level, user_id or group_id must be set, got ${ids.length}`]),
                ...oneOf(entry, "accessLevel", ENVIRONMENT_LEVELS, `${where}.access_level`),
                ...oneOf(entry, "groupInheritanceType", [0, 1], `${where}.group_inheritance_type`),
            ];
        }),
        ...entries(inputs, "approvalRules").flatMap((entry, i) => {
            const where = `approval_rules[${i}]`;
            return [
                ...(isSet(entry, "userId") && isSet(entry, "groupId") ? [`${where}: Invalid Attribute Combination: user_id and group_id cannot both be set`] : []),
                ...(isSet(entry, "userId") && isSet(entry, "requiredApprovals") ? [`${where}: required_approvals cannot be set with user_id`] : []),
                ...oneOf(entry, "accessLevel", ENVIRONMENT_LEVELS, `${where}.access_level`),
            ];
        }),
    ],
    // resource_gitlab_project_membership.go: access_level StringInSlice(ValidProjectAccessLevelNames); expires_at a
    // YYYY-MM-DD date (18.5.0 added "not in the past", CHANGELOG at v19.1.0 !2712; not modelled: it depends on the clock).
    "gitlab:index/projectMembership:ProjectMembership": (inputs) => [
        ...oneOf(inputs, "accessLevel", PROJECT_LEVELS, "access_level"),
        ...(typeof inputs.expiresAt === "string" && !/^\d{4}-\d{2}-\d{2}$/.test(inputs.expiresAt) ? [`expires_at: expected a valid YYYY-MM-DD date, got ${JSON.stringify(inputs.expiresAt)}`] : []),
    ],
    // resource_gitlab_project_share_group.go: group_access StringInSlice(ValidProjectAccessLevelNames).
    "gitlab:index/projectShareGroup:ProjectShareGroup": (inputs) => oneOf(inputs, "groupAccess", PROJECT_LEVELS, "group_access"),
    // sdk/resource_gitlab_project.go (19.x): visibility_level StringInSlice; ConflictsWith on initialize_with_readme and
    // on archive_on_destroy / permanently_delete_on_destroy.
    "gitlab:index/project:Project": (inputs) => [
        ...oneOf(inputs, "visibilityLevel", ["private", "internal", "public"], "visibility_level"),
        ...conflicts(inputs, "initializeWithReadme", "importUrl"),
        ...conflicts(inputs, "initializeWithReadme", "forkedFromProjectId"),
        ...conflicts(inputs, "archiveOnDestroy", "permanentlyDeleteOnDestroy"),
    ],
    // resource_gitlab_compliance_framework.go (19.x, VijetaPriya47 fork @454744ef): namespace_path, name and
    // description LengthAtLeast(1); color RegexMatches `^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$` "value must be a valid color code".
    "gitlab:index/complianceFramework:ComplianceFramework": (inputs) => [
        ...["namespacePath", "name", "description"].flatMap((k) => (known(inputs, k) && String(inputs[k]).length < 1 ? [`${snake(k)}: string length must be at least 1, got: 0`] : [])),
        ...(known(inputs, "color") && !/^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/.test(String(inputs.color)) ? [`color: value must be a valid color code, got: ${JSON.stringify(inputs.color)}`] : []),
    ],
    // resource_gitlab_project_compliance_frameworks.go (19.x, same fork @3f3a7dca): compliance_framework_ids a set
    // SizeAtLeast(1) of `^gid:\/\/gitlab\/ComplianceManagement::Framework\/\d+$`; project LengthAtLeast(1).
    "gitlab:index/projectComplianceFrameworks:ProjectComplianceFrameworks": (inputs) => {
        const ids = inputs.complianceFrameworkIds;
        if (!known(inputs, "complianceFrameworkIds") || !Array.isArray(ids)) return [];
        return [
            ...(ids.length < 1 ? ["compliance_framework_ids: set must contain at least 1 elements, got: 0"] : []),
            ...ids.filter((id) => !/^gid:\/\/gitlab\/ComplianceManagement::Framework\/\d+$/.test(String(id))).map((id) => `compliance_framework_ids: value must be a valid compliance framework global identifier, got: ${JSON.stringify(id)}`),
        ];
    },
    // sdk/data_source_gitlab_user.go (V18): "one and only one of user_id, username or email must be set".
    "gitlab:index/getUser:getUser": (inputs) => exactlyOne(inputs, ["userId", "username", "email"]),
    // data_source_gitlab_group.go and data_source_gitlab_project.go: exactly one lookup key (earlier review, not re-read).
    "gitlab:index/getGroup:getGroup": (inputs) => exactlyOne(inputs, ["groupId", "fullPath"]),
    "gitlab:index/getProject:getProject": (inputs) => exactlyOne(inputs, ["id", "pathWithNamespace"]),
};

function exactlyOne(inputs: Inputs, keys: readonly string[]): string[] {
    const set = keys.filter((k) => isSet(inputs, k));
    return set.length === 1 ? [] : [`one and only one of ${keys.map(snake).join(", ")} must be set`];
}

export function validate(token: string, inputs: Inputs, edition: Edition): string[] {
    return VALIDATORS[token]?.(inputs, edition) ?? [];
}
