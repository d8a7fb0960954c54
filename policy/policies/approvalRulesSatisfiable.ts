import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { neverMessage, reachability, stallMessage, type Reachability } from "../lib/approvalRules";
import { groupByProject } from "../lib/projectGroups";
import { bool, field, list, num, UNKNOWN } from "../lib/values";

/**
 * Each regular ProjectApprovalRule that names only users, with how its count
 * can be reached once GitLab excludes the author and committers as the
 * project's ProjectLevelMrApprovals says (policy/lib/approvalRules.ts, the
 * program's own rule). Rules whose approvers or settings are unknown in a
 * preview are skipped: the `up` that follows is judged again.
 */
function* userOnlyRules(args: StackValidationArgs): Generator<{ rule: PolicyResource; label: string; reach: Reachability }> {
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
            const reach = reachability(required, new Set(users.map(String)).size, (groups ?? []).length > 0, exclusions);
            yield { rule, label: `rule "${String(field(rule.props, "name"))}" of project ${group.label}`, reach };
        }
    }
}

function report<K extends Exclude<Reachability["kind"], "ok">>(kind: K, message: (r: Extract<Reachability, { kind: K }>) => string) {
    return (args: StackValidationArgs, reportViolation: ReportViolation) => {
        for (const { rule, label, reach } of userOnlyRules(args)) {
            if (reach.kind === kind) reportViolation(`${label} ${message(reach as Extract<Reachability, { kind: K }>)}.`, rule.urn);
        }
    };
}

/**
 * A rule that asks for more approvals than it names users, and names no
 * group, can never approve anything: merges into the branch stop, or someone
 * loosens the rule by hand. The program's config validation refuses the same.
 */
export const approvalRulesSatisfiable: StackValidationPolicy = {
    name: "approval-rules-satisfiable",
    description: "A ProjectApprovalRule that names only users requires no more approvals than it names users: otherwise no merge request can ever be approved.",
    enforcementLevel: "mandatory",
    validateStack: report("never", neverMessage),
};

/**
 * "Two approvals from our two leads" cannot approve a merge request that one
 * of the leads wrote, since GitLab does not count the author (nor, with
 * committer approval off, someone who pushed a commit). Teams use the shape on
 * purpose, so this only advises, naming which merge requests stall and the
 * remedies; the program's config validation warns the same, from one source.
 */
export const approvalRulesAlwaysSatisfiable: StackValidationPolicy = {
    name: "approval-rules-always-satisfiable",
    description: "Advises where a ProjectApprovalRule that names only users cannot be satisfied for merge requests authored or pushed to by one of those users.",
    enforcementLevel: "advisory",
    validateStack: report("stalls", stallMessage),
};
