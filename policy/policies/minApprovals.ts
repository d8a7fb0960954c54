import type { PolicyConfigSchema, PolicyResource, ReportViolation, StackValidationPolicy } from "@pulumi/policy";
import { approvalsRequired, protectionId, ruleScope, targetsProtectedBranches, type RuleScope } from "../lib/approvalScope";
import { configOf } from "../lib/config";
import { groupByProject, type ProjectGroup } from "../lib/projectGroups";
import { GITLAB } from "../lib/tokens";
import { field, UNKNOWN } from "../lib/values";

const configSchema: PolicyConfigSchema = {
    properties: {
        minApprovals: {
            type: "integer",
            minimum: 1,
            default: 2,
            description: "Distinct approvals every protected branch's merge requests need at least.",
        },
    },
};

interface Config {
    minApprovals: number;
}

/**
 * Check 1. GitLab requires every rule that applies to a branch; one person may
 * satisfy several rules at once, so the number of distinct approvers a branch
 * is guaranteed is its strongest rule's `approvalsRequired`, not their sum.
 * Judging the strongest rule per branch is also what lets a small extra rule
 * (one data steward on top of two ML leads) pass, as it should.
 */
export const minApprovalsOnProtectedBranches: StackValidationPolicy = {
    name: "min-approvals-on-protected-branches",
    description: "Every protected branch that has approval rules needs at least `minApprovals` (default 2) approvals from its strongest rule.",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, reportViolation) => {
        const { minApprovals } = configOf<Config>(configSchema, args);
        const { groups, unplaced } = groupByProject(args.resources);
        const unplacedRules = unplaced.filter((r) => r.type === GITLAB.approvalRule);
        for (const group of groups) {
            checkGroup(group, unplacedRules, minApprovals, reportViolation);
        }
    },
};

interface Scoped {
    readonly rule: PolicyResource;
    readonly scope: RuleScope;
}

function checkGroup(group: ProjectGroup, unplacedRules: PolicyResource[], min: number, report: ReportViolation): void {
    const rules: Scoped[] = group.rules.map((rule) => ({ rule, scope: ruleScope(rule) }));
    const judged = rules.filter((r) => targetsProtectedBranches(r.scope));
    if (judged.length === 0) return;

    // Rules that apply to every branch, or may apply to this one, count towards any branch;
    // so does a rule whose project is unknown yet: it may be this project's.
    const everywhere = rules.filter((r) => r.scope.kind === "all" || r.scope.kind === "none");
    const maybe = [
        ...rules.filter((r) => r.scope.kind === "unknown" || (r.scope.kind === "branches" && r.scope.someUnknown)),
        ...unplacedRules.map((rule) => ({ rule, scope: { kind: "unknown" } as const })),
    ];

    const targets = new Set<string>();
    for (const { scope } of judged) if (scope.kind === "branches") scope.ids.forEach((id) => targets.add(id));
    if (judged.some((r) => r.scope.kind === "all")) {
        for (const p of group.protections) {
            const id = protectionId(p);
            if (typeof id === "string") targets.add(id);
        }
    }

    if (targets.size === 0) {
        // Preview: ids are unknown, so judge the rules together; if even the strongest is too weak, every branch they guard is.
        judge([...everywhere, ...judged, ...maybe], judged, "its protected branches", group, min, report);
        return;
    }
    for (const target of targets) {
        const definite = judged.filter((r) => r.scope.kind === "all" || (r.scope.kind === "branches" && r.scope.ids.has(target)));
        judge([...everywhere, ...definite, ...maybe], definite, branchName(group, target), group, min, report);
    }
}

function judge(applicable: Scoped[], definite: Scoped[], where: string, group: ProjectGroup, min: number, report: ReportViolation): void {
    const counts = applicable.map((r) => approvalsRequired(r.rule));
    if (definite.length === 0 || counts.some((c) => c === UNKNOWN)) return;
    const strongest = Math.max(...(counts as number[]));
    if (strongest >= min) return;
    const toRaise = definite.reduce((a, b) => ((approvalsRequired(b.rule) as number) > (approvalsRequired(a.rule) as number) ? b : a));
    report(
        `merge requests into ${where} of project ${group.label} need only ${strongest} approval(s); expected at least ${min}. ` +
            `Raise approvalsRequired of rule "${ruleName(toRaise.rule)}" to ${min}.`,
        toRaise.rule.urn,
    );
}

function branchName(group: ProjectGroup, id: string): string {
    const protection = group.protections.find((p) => protectionId(p) === id);
    const branch = protection === undefined ? undefined : field(protection.props, "branch");
    return typeof branch === "string" ? `protected branch "${branch}"` : `protected branch id ${id}`;
}

function ruleName(rule: PolicyResource): string {
    const name = field(rule.props, "name");
    return typeof name === "string" ? name : rule.name;
}
