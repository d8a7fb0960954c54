// Project approval rules, Premium/Ultimate
// (https://docs.gitlab.com/api/merge_request_approvals/#project-approval-rules).
// Source: ee/lib/api/project_approval_rules.rb, ee/lib/api/helpers/project_approval_rules_helpers.rb,
// ApprovalRules::CreateService/Updater, ee/app/models/approval_project_rule.rb.
import { Access, canReadGroup, eligibleApproverIds, isActive, projectAccess } from "../access";
import { created, noContent, ok, type Ctx, type Reply } from "../context";
import { approvalGroup } from "../entities/group";
import { protectedBranchEntity } from "../entities/protectedBranch";
import { userSummary } from "../entities/user";
import { forbidden, recordNotFound, validationError } from "../errors";
import { adminProject, findProject } from "../lookup";
import { paginate } from "../pagination";
import { route, type Route } from "../router";
import type { ApprovalRule, ApprovalRuleType, Project, User } from "../state";

const RULE_TYPES: readonly ApprovalRuleType[] = ["any_approver", "regular", "report_approver"];
/** "Maximum number of required approvals is 100." (approvals/rules.md) */
const MAX_APPROVALS = 100;

function ruleEntity(ctx: Ctx, project: Project, rule: ApprovalRule) {
    const { state, origin, user } = ctx;
    const users = rule.user_ids.flatMap((id) => state.user(id) ?? []);
    const groups = rule.group_ids.flatMap((id) => state.group(id) ?? []);
    const visibleGroups = groups.filter((g) => canReadGroup(state, g, user));
    // eligible_approvers: the rule's users plus the *direct* members of its groups
    // ("only direct members of the group can approve merge requests").
    const eligible = new Map<number, User>(users.map((u) => [u.id, u]));
    for (const g of groups) {
        for (const m of g.members) {
            const member = state.user(m.user_id);
            if (member && isActive(m) && m.access_level >= Access.GUEST) eligible.set(member.id, member);
        }
    }
    const branches = rule.applies_to_all_protected_branches ? project.protected_branches : project.protected_branches.filter((pb) => rule.protected_branch_ids.includes(pb.id));
    return {
        id: rule.id,
        name: rule.name,
        rule_type: rule.rule_type,
        report_type: rule.report_type,
        eligible_approvers: [...eligible.values()].sort((a, b) => a.id - b.id).map((u) => userSummary(origin, u)),
        approvals_required: rule.approvals_required,
        users: users.map((u) => userSummary(origin, u)),
        groups: visibleGroups.map((g) => approvalGroup(state, origin, g)),
        applies_to_all_protected_branches: rule.applies_to_all_protected_branches,
        protected_branches: branches.map((pb) => protectedBranchEntity(state, pb)),
        contains_hidden_groups: visibleGroups.length < groups.length,
    };
}

function findRule(project: Project, raw: string): ApprovalRule {
    const rule = /^\d+$/.test(raw) ? project.approval_rules.find((r) => r.id === Number(raw)) : undefined;
    if (!rule) throw recordNotFound();
    return rule;
}

/** Listing needs admin_project or the right to create merge requests (Developer+). */
function readableProject(ctx: Ctx): Project {
    const project = findProject(ctx);
    const user = ctx.user;
    if (!user || !(user.admin || projectAccess(ctx.state, project, user.id) >= Access.DEVELOPER)) throw forbidden();
    return project;
}

/**
 * The users and groups a request names, filtered as GitLab does without an
 * error: users to eligible project members (`project.members_among(users)`,
 * read with the documented eligibility table), groups to those the caller can
 * see (`Group.id_in(ids).accessible_to_user(current_user)`).
 */
function requestedApprovers(ctx: Ctx, project: Project): { userIds?: number[]; groupIds?: number[] } {
    const p = ctx.params;
    const ids = p.intArray("user_ids") ?? p.intArray("users");
    const usernames = p.strArray("usernames");
    let userIds: number[] | undefined;
    if (ids !== undefined || usernames !== undefined) {
        // "If used with usernames, adds both lists of users."
        const named = (usernames ?? []).flatMap((n) => ctx.state.user(n)?.id ?? []);
        const eligible = eligibleApproverIds(ctx.state, project);
        userIds = [...new Set([...(ids ?? []), ...named])].filter((id) => eligible.has(id) && ctx.state.user(id) !== undefined);
    }
    const rawGroups = p.intArray("group_ids") ?? p.intArray("groups");
    const groupIds = rawGroups === undefined ? undefined : [...new Set(rawGroups)].filter((id) => {
        const g = ctx.state.group(id);
        return g !== undefined && canReadGroup(ctx.state, g, ctx.user);
    });
    return { userIds, groupIds };
}

/** protected_branch_ids filtered to the project's own protected branches. */
function requestedBranches(ctx: Ctx, project: Project): number[] | undefined {
    const ids = ctx.params.intArray("protected_branch_ids");
    return ids?.filter((id) => project.protected_branches.some((pb) => pb.id === id));
}

function validate(project: Project, rule: ApprovalRule, self?: ApprovalRule): void {
    const errors: Record<string, string[]> = {};
    const others = project.approval_rules.filter((r) => r !== self);
    // `validates :rule_type, uniqueness: { scope: :project_id, message: 'any-approver for the project already exists' }, if: :any_approver?`
    if (rule.rule_type === "any_approver" && others.some((r) => r.rule_type === "any_approver")) errors.rule_type = ["any-approver for the project already exists"];
    // `validates :name, uniqueness: { scope: [:project_id, :rule_type] }`
    if (others.some((r) => r.name === rule.name && r.rule_type === rule.rule_type)) errors.name = ["has already been taken"];
    if (rule.approvals_required < 0) errors.approvals_required = ["must be greater than or equal to 0"];
    if (rule.approvals_required > MAX_APPROVALS) errors.approvals_required = [`must be less than or equal to ${MAX_APPROVALS}`];
    if (rule.name.length > 1024) errors.name = [...(errors.name ?? []), "is too long (maximum is 1024 characters)"];
    if (Object.keys(errors).length > 0) throw validationError(errors);
}

function listRules(ctx: Ctx): Reply {
    const project = readableProject(ctx);
    return paginate(ctx, project.approval_rules, (r) => ruleEntity(ctx, project, r));
}

function getRule(ctx: Ctx): Reply {
    const project = readableProject(ctx);
    return ok(ruleEntity(ctx, project, findRule(project, ctx.path.rule_id)));
}

function createRule(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const p = ctx.params;
    const approvalsRequired = p.requiredInt("approvals_required");
    const name = p.requiredStr("name");
    const { userIds, groupIds } = requestedApprovers(ctx, project);
    const appliesToAll = p.bool("applies_to_all_protected_branches") ?? false;
    const rule: ApprovalRule = {
        id: 0,
        name,
        rule_type: (p.strIn("rule_type", RULE_TYPES) as ApprovalRuleType | undefined) ?? "regular",
        report_type: p.strIn("report_type", ["code_coverage", "license_scanning"]) ?? null,
        approvals_required: approvalsRequired,
        user_ids: userIds ?? [],
        group_ids: groupIds ?? [],
        // "If true, applies the rule to all protected branches and ignores the protected_branch_ids attribute."
        protected_branch_ids: appliesToAll ? [] : (requestedBranches(ctx, project) ?? []),
        applies_to_all_protected_branches: appliesToAll,
    };
    validate(project, rule);
    rule.id = ctx.state.nextId("approval_rule");
    project.approval_rules.push(rule);
    return created(ruleEntity(ctx, project, rule));
}

/**
 * PUT "removes any approvers and groups not defined in the group_ids,
 * user_ids, or usernames attributes" — for the lists it is given. Hidden
 * groups (the caller cannot see them) are kept unless remove_hidden_groups.
 * applies_to_all_protected_branches has `default: false` on PUT too, so
 * omitting it resets it.
 */
function updateRule(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const rule = findRule(project, ctx.path.rule_id);
    const p = ctx.params;
    const { userIds, groupIds } = requestedApprovers(ctx, project);
    const next: ApprovalRule = { ...rule };
    next.name = p.str("name") ?? rule.name;
    next.approvals_required = p.int("approvals_required") ?? rule.approvals_required;
    if (userIds !== undefined) next.user_ids = userIds;
    if (groupIds !== undefined) {
        const hidden = p.bool("remove_hidden_groups") === true ? [] : rule.group_ids.filter((id) => {
            const g = ctx.state.group(id);
            return g !== undefined && !canReadGroup(ctx.state, g, ctx.user);
        });
        next.group_ids = [...new Set([...groupIds, ...hidden])];
    }
    next.applies_to_all_protected_branches = p.bool("applies_to_all_protected_branches") ?? false;
    const branches = requestedBranches(ctx, project);
    if (next.applies_to_all_protected_branches) next.protected_branch_ids = [];
    else if (branches !== undefined) next.protected_branch_ids = branches;
    validate(project, next, rule);
    Object.assign(rule, next);
    return ok(ruleEntity(ctx, project, rule));
}

function deleteRule(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    const rule = findRule(project, ctx.path.rule_id);
    project.approval_rules.splice(project.approval_rules.indexOf(rule), 1);
    return noContent();
}

export const approvalRuleRoutes: Route[] = [
    route("GET", "/projects/:id/approval_rules", listRules, { ee: true }),
    route("GET", "/projects/:id/approval_rules/:rule_id", getRule, { ee: true }),
    route("POST", "/projects/:id/approval_rules", createRule, { ee: true }),
    route("PUT", "/projects/:id/approval_rules/:rule_id", updateRule, { ee: true }),
    route("DELETE", "/projects/:id/approval_rules/:rule_id", deleteRule, { ee: true }),
];
