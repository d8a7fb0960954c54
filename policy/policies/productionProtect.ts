import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { currentStackName, matchesStack, PRODUCTION_NAMES } from "../lib/stack";
import { GITLAB } from "../lib/tokens";

/** How a policy tells a production stack; shared by every policy that is stricter in production. */
export const productionConfigSchema: PolicyConfigSchema = {
    properties: {
        productionStacks: {
            type: "array",
            items: { type: "string" },
            default: [...PRODUCTION_NAMES],
            description: "Stack-name patterns that mark a production stack; case-insensitive, `*` matches anything.",
        },
        production: {
            type: "boolean",
            description: "Says outright whether this stack is production, overriding productionStacks.",
        },
    },
};

const configSchema = productionConfigSchema;

export interface ProductionConfig {
    productionStacks: string[];
    production?: boolean;
}

/**
 * Whether the stack under analysis is production: the `production` config
 * value when set, else its name against `productionStacks`. A stack whose
 * name the CLI did not pass is treated as production, the safe side.
 */
export function isProductionStack(config: ProductionConfig, stack = currentStackName()): boolean {
    if (config.production !== undefined) return config.production;
    return stack === undefined || matchesStack(stack, config.productionStacks);
}

/** Check 6. `protect` makes a destroy or replace of the project fail instead of deleting model history. */
export const productionProjectsProtected: ResourceValidationPolicy = {
    name: "production-projects-protected",
    description: "In a production stack every GitLab Project has the `protect` resource option.",
    enforcementLevel: "mandatory",
    configSchema,
    validateResource: (args, reportViolation) => {
        if (args.type !== GITLAB.project) return;
        const config = configOf<ProductionConfig>(configSchema, args);
        if (!isProductionStack(config)) return;
        if (args.opts.protect !== true) {
            reportViolation(`project ${args.name} is not protected in production stack ${currentStackName() ?? "(unnamed)"}: a destroy or replace would delete the repository. Register it with { protect: true }.`);
        }
    },
};
