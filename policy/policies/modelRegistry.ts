import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { MODEL_REGISTRY_REFUSED, MODEL_REGISTRY_RULES, modelRegistryWhy, type ModelRegistryRule } from "../lib/releaseRules";
import { currentStackName } from "../lib/stack";
import { GITLAB } from "../lib/tokens";
import { field } from "../lib/values";
import { isProductionStack, productionConfigSchema, type ProductionConfig } from "./productionProtect";

const configSchema = productionConfigSchema;

/**
 * Check 11. In production no Project opens its model registry or experiments
 * to everyone with access to the project (`enabled`). A resource policy, so it
 * judges what the stack asks for: terraform-provider-gitlab sends these levels
 * only when it updates a project, so right after the `up` that creates one the
 * Project's outputs hold GitLab's default (`enabled`) until the next `up`,
 * which a stack policy would refuse though nothing asked for it. The nightly
 * drift preview shows that pending update. The program's validation refuses
 * the same values, from one source (policy/lib/releaseRules.ts).
 */
export const productionModelRegistryMembersOnly: ResourceValidationPolicy = {
    name: "production-model-registry-members-only",
    description: "In a production stack no Project sets modelRegistryAccessLevel or modelExperimentsAccessLevel to `enabled` (everyone with access to the project).",
    enforcementLevel: "mandatory",
    configSchema,
    validateResource: (args, reportViolation) => {
        if (args.type !== GITLAB.project) return;
        if (!isProductionStack(configOf<ProductionConfig>(configSchema, args), currentStackName())) return;
        for (const rule of Object.keys(MODEL_REGISTRY_RULES) as ModelRegistryRule[]) {
            const { setting } = MODEL_REGISTRY_RULES[rule];
            if (field(args.props, setting) === MODEL_REGISTRY_REFUSED) {
                reportViolation(`project ${args.name} sets ${setting} ${MODEL_REGISTRY_REFUSED}; expected private or disabled in production: ${modelRegistryWhy(rule)}.`);
            }
        }
    },
};
