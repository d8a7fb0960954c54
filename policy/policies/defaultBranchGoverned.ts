import type { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { approvalsRequired, mayCover, protectionId, ruleScope } from "../lib/approvalScope";
import { configOf } from "../lib/config";
import { groupByProject } from "../lib/projectGroups";
import { programEnvironment } from "../lib/programEnvironment";
import { GITLAB } from "../lib/tokens";
import { field, UNKNOWN } from "../lib/values";

const configSchema: PolicyConfigSchema = {
    properties: {
        requireApprovalRule: {
            type: "boolean",
            description: "Also require an approval rule that covers the default branch. Unset: yes, except where the program declares tier free (GitLab Free has no approval rules); set false for another team's Free stack.",
        },
    },
};

interface Config {
    requireApprovalRule?: boolean;
}

/**
 * Check 7. Every Project the stack manages has exactly one BranchProtection on
 * its default branch (the provider warns that two fight over it) and an
 * approval rule that requires at least one approval there. In a preview that
 * cannot know the default branch yet, any protection of the project may be it.
 * A project the stack protects without creating it (adopted) needs such a rule
 * on its protected branch too.
 */
export const defaultBranchGoverned: StackValidationPolicy = {
    name: "default-branch-governed",
    description: "Every Project has exactly one BranchProtection on its default branch and a ProjectApprovalRule requiring approvals there; every adopted project the stack protects has such a rule on its protected branch.",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, reportViolation) => {
        const requireApprovalRule = configOf<Config>(configSchema, args).requireApprovalRule ?? programEnvironment(args.resources)?.tier !== "free";
        const { groups, unplaced } = groupByProject(args.resources);
        // Children whose project is unknown yet may be this project's: they count as possible matches.
        const unplacedProtections = unplaced.filter((r) => r.type === GITLAB.branchProtection);
        const unplacedRules = unplaced.filter((r) => r.type === GITLAB.approvalRule);
        for (const group of groups) {
            const { project } = group;
            if (project === undefined) {
                // An adopted project: the stack protects it but does not create it, so its default branch
                // is unknown here; each of its protections must be guarded by a rule that requires approval.
                if (requireApprovalRule && group.protections.length > 0 && ![...group.rules, ...unplacedRules].some((rule) => requiresApprovalOn(rule, group.protections))) {
                    reportViolation(`adopted project ${group.label} is protected by this stack but has no ProjectApprovalRule requiring approval on its protected branch.`, group.protections[0].urn);
                }
                continue;
            }
            const defaultBranch = field(project.props, "defaultBranch");
            const known = typeof defaultBranch === "string";
            const name = known ? `default branch "${defaultBranch}"` : "default branch";

            const matching = [...group.protections, ...unplacedProtections].filter((p) => {
                const branch = field(p.props, "branch");
                return !known || branch === UNKNOWN || branch === defaultBranch;
            });
            const certain = known ? group.protections.filter((p) => field(p.props, "branch") === defaultBranch) : [];
            if (matching.length === 0) {
                reportViolation(`project ${group.label} has no BranchProtection on its ${name}: who may push and merge there is left to GitLab defaults and hand edits.`, project.urn);
                continue;
            }
            if (certain.length > 1) {
                reportViolation(`project ${group.label} has ${certain.length} BranchProtections on its ${name}; the provider says they override each other. Keep exactly one.`, certain[1].urn);
            }
            if (requireApprovalRule && ![...group.rules, ...unplacedRules].some((rule) => requiresApprovalOn(rule, matching))) {
                reportViolation(`project ${group.label} has no ProjectApprovalRule requiring approval on its ${name}.`, project.urn);
            }
        }
    },
};

function requiresApprovalOn(rule: PolicyResource, protections: PolicyResource[]): boolean {
    const count = approvalsRequired(rule);
    if (count !== UNKNOWN && count < 1) return false;
    const scope = ruleScope(rule);
    return protections.some((p) => mayCover(scope, protectionId(p)));
}
