import type { StackValidationPolicy } from "@pulumi/policy";
import { exclusionReason, reachableApprovals } from "../lib/approvalRules";
import { groupByProject } from "../lib/projectGroups";
import { bool, field, list, num, UNKNOWN } from "../lib/values";

/**
 * Check 8, the same rule as the program's config validation
 * (policy/lib/approvalRules.ts): a rule that names only users must stay
 * satisfiable when the merge request's author, and, with committer approval
 * off, a named user who pushed a commit, cannot approve. Otherwise the rule
 * blocks every such merge request, or tempts someone to loosen it by hand.
 */
export const approvalRulesSatisfiable: StackValidationPolicy = {
    name: "approval-rules-satisfiable",
    description: "A ProjectApprovalRule that names only users requires no more approvals than those users can give once the author (and, with committer approval off, a committer) is excluded.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        for (const group of groupByProject(args.resources).groups) {
            const settings = group.mrApprovals[0];
            const author = settings === undefined ? false : bool(settings.props, "mergeRequestsAuthorApproval");
            const committersBlocked = settings === undefined ? true : bool(settings.props, "mergeRequestsDisableCommittersApproval");
            if (author === UNKNOWN || committersBlocked === UNKNOWN) continue;
            const exclusions = { authorMayApprove: author === true, committersMayApprove: committersBlocked === false };
            for (const rule of group.rules) {
                const type = field(rule.props, "ruleType");
                if (type !== undefined && type !== "regular") continue;
                const users = list(rule.props, "userIds");
                const groups = list(rule.props, "groupIds");
                const required = num(rule.props, "approvalsRequired");
                if (users === UNKNOWN || groups === UNKNOWN || required === UNKNOWN || required === undefined || users === undefined || users.some((u) => u === UNKNOWN)) continue;
                const distinct = new Set(users.map(String)).size;
                const reachable = reachableApprovals(distinct, (groups ?? []).length > 0, exclusions);
                if (required > reachable) {
                    reportViolation(
                        `rule "${String(field(rule.props, "name"))}" of project ${group.label} requires ${required} approval(s) from ${distinct} named user(s) and no group, but ${exclusionReason(exclusions)}: at most ${reachable} can be relied on. Add approvers or a group, or lower approvalsRequired.`,
                        rule.urn,
                    );
                }
            }
        }
    },
};
