import type { Policies } from "@pulumi/policy";
import { isProductionStack, type ProductionConfig } from "../../policy/policies/productionProtect";
import { configOf } from "../../policy/lib/config";
import { PRODUCTION_NAMES } from "../../policy/lib/stack";
import { policyLevel, type PackConfig } from "./policyArgs";

/**
 * The program and the pack decide "production" from different inputs: the
 * program from `ml-model-governance:production` or the environment name, the
 * pack (which sees no program config) from the stack name or its own
 * `production` setting. Where they disagree, one of the two judges applies the
 * wrong rules without a word; this names every policy that would, and the fix.
 */
export function productionDisagreements(programProduction: boolean, stack: string, policies: Policies, packConfig: PackConfig, packFile: string): string[] {
    return policies
        .flatMap((p) => {
            const schema = p.configSchema;
            if (schema?.properties.productionStacks === undefined || policyLevel(p, packConfig) === "disabled") return [];
            const entry = packConfig[p.name];
            const { enforcementLevel: _, ...properties } = typeof entry === "object" ? entry : {};
            // The policy's own reading: its schema's defaults under what the pack config sets.
            const pack = isProductionStack(configOf<ProductionConfig>(schema, { getConfig: <U extends object>() => properties as U }), stack);
            if (pack === programProduction) return [];
            const program = programProduction ? "production" : "not production";
            return [
                `[${p.name}] the stack config makes stack "${stack}" ${program} (ml-model-governance:production, or an environment named ${PRODUCTION_NAMES.join("/")}), but the policy pack would treat it as ${pack ? "production" : "not production"}; set {"production": ${programProduction}} for "${p.name}" in ${packFile}`,
            ];
        });
}
