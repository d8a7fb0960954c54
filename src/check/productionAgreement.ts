import type { Policies } from "@pulumi/policy";
import { isProductionStack, type ProductionConfig } from "../../policy/policies/productionProtect";
import { configOf } from "../../policy/lib/config";
import { PRODUCTION_NAMES } from "../../policy/lib/stack";
import { policyLevel, type PackConfig } from "./policyArgs";

/**
 * The pack judges "production" as the program declares it on its components
 * (policy/lib/programEnvironment.ts), unless a pack config sets `production`
 * outright. Where such a setting contradicts the stack config, one of the two
 * judges applies the wrong rules without a word; this names every policy
 * that would, and the fix.
 */
export function productionDisagreements(programProduction: boolean, stack: string, policies: Policies, packConfig: PackConfig, packFile: string): string[] {
    return policies
        .flatMap((p) => {
            const schema = p.configSchema;
            if (schema?.properties.productionStacks === undefined || policyLevel(p, packConfig) === "disabled") return [];
            const entry = packConfig[p.name];
            const { enforcementLevel: _, ...properties } = typeof entry === "object" ? entry : {};
            // The policy's own reading: its schema's defaults under what the pack config sets.
            const pack = isProductionStack(configOf<ProductionConfig>(schema, { getConfig: <U extends object>() => properties as U }), stack, { production: programProduction });
            if (pack === programProduction) return [];
            const program = programProduction ? "production" : "not production";
            return [
                `[${p.name}] the stack config makes stack "${stack}" ${program} (ml-model-governance:production, or an environment named ${PRODUCTION_NAMES.join("/")}), but ${packFile} sets {"production": ${pack}} for "${p.name}"; remove that setting (the pack follows the stack config) or make the two agree`,
            ];
        });
}
