import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { programEnvironment, type ProgramEnvironment } from "../lib/programEnvironment";
import { currentStackName, matchesStack, PRODUCTION_NAMES } from "../lib/stack";
import { GITLAB } from "../lib/tokens";

/** How a policy tells a production stack; shared by every policy that is stricter in production. */
export const productionConfigSchema: PolicyConfigSchema = {
    properties: {
        productionStacks: {
            type: "array",
            items: { type: "string" },
            default: [...PRODUCTION_NAMES],
            description: "Stack-name patterns that mark a production stack, for stacks this program did not write; case-insensitive, `*` matches anything.",
        },
        production: {
            type: "boolean",
            description: "Says outright whether this stack is production, overriding what the program declares and productionStacks.",
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
 * value when set; else what the program's stack config declares (its
 * ModelGovernance components' `environment`), so the pack judges a stack as
 * the program does with no file per stack; else its name against
 * `productionStacks`. A stack whose name the CLI did not pass is treated as
 * production, the safe side.
 */
export function isProductionStack(config: ProductionConfig, stack = currentStackName(), program?: ProgramEnvironment): boolean {
    if (config.production !== undefined) return config.production;
    if (program?.production !== undefined) return program.production;
    return stack === undefined || matchesStack(stack, config.productionStacks);
}

/**
 * Check 6. `protect` makes a destroy or replace of the project fail instead of
 * deleting model history. A stack policy, so that it can read what the program
 * declares about the environment.
 */
export const productionProjectsProtected: StackValidationPolicy = {
    name: "production-projects-protected",
    description: "In a production stack every GitLab Project has the `protect` resource option.",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, reportViolation) => {
        const config = configOf<ProductionConfig>(configSchema, args);
        if (!isProductionStack(config, currentStackName(), programEnvironment(args.resources))) return;
        for (const project of args.resources.filter((r) => r.type === GITLAB.project)) {
            if (project.opts.protect !== true) {
                reportViolation(`project ${project.name} is not protected in production stack ${currentStackName() ?? "(unnamed)"}: a destroy or replace would delete the repository. Register it with { protect: true }.`, project.urn);
            }
        }
    },
};
