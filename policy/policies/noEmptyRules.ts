import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { MIN_PRODUCTION_APPROVALS } from "../lib/approvalRules";
import { configOf } from "../lib/config";
import { GITLAB } from "../lib/tokens";
import { field, num } from "../lib/values";
import { programEnvironment } from "../lib/programEnvironment";
import { currentStackName } from "../lib/stack";
import { isProductionStack, productionConfigSchema, type ProductionConfig } from "./productionProtect";

const configSchema: PolicyConfigSchema = productionConfigSchema;

/**
 * Check 9, the same rule as the program's config validation: in production a
 * regular approval rule that requires no approval guards nothing, yet reads
 * as governance in every summary.
 */
export const noEmptyApprovalRulesInProduction: StackValidationPolicy = {
    name: "no-empty-approval-rules-in-production",
    description: "In a production stack every regular ProjectApprovalRule requires at least one approval.",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, reportViolation) => {
        if (!isProductionStack(configOf<ProductionConfig>(configSchema, args), currentStackName(), programEnvironment(args.resources))) return;
        for (const rule of args.resources.filter((r) => r.type === GITLAB.approvalRule)) {
            const type = field(rule.props, "ruleType");
            const required = num(rule.props, "approvalsRequired");
            if ((type === undefined || type === "regular") && typeof required === "number" && required < MIN_PRODUCTION_APPROVALS) {
                reportViolation(`rule "${String(field(rule.props, "name"))}" requires ${required} approvals in a production stack: it guards nothing. Require at least ${MIN_PRODUCTION_APPROVALS}, or remove the rule.`, rule.urn);
            }
        }
    },
};
