import * as gitlab from "@pulumi/gitlab";
import type { ConfigIssue, GovernanceConfig } from "../config";
import { frameworkIdentity, referencesInUse } from "../config/complianceFrameworks";
import { reasonOf } from "./principals";
import { invokeOptions } from "./providerVersion";

/** The global ids of the existing frameworks the stack's repositories carry, by framework identity. */
export interface ExistingFrameworks {
    readonly ids: ReadonlyMap<string, string>;
    /** Each reference that could not be looked up, at its entry's name. */
    readonly issues: readonly ConfigIssue[];
    readonly lookupCount: number;
}

/**
 * Looks up each framework the stack refers to, once and concurrently, through the
 * provider's `getComplianceFramework` data source (one GraphQL query on the
 * framework's top-level group). Reading a framework needs only read access to that
 * group (`read_compliance_framework`, ee/app/policies/compliance_management/framework_policy.rb).
 */
export async function lookUpExistingFrameworks(config: GovernanceConfig): Promise<ExistingFrameworks> {
    const references = referencesInUse(config.complianceFrameworks, config.repositories);
    const results = await Promise.allSettled(references.map((def) => gitlab.getComplianceFramework({ namespacePath: def.group, name: def.name }, invokeOptions())));
    const ids = new Map<string, string>();
    const issues: ConfigIssue[] = [];
    results.forEach((result, i) => {
        const def = references[i];
        if (result.status === "fulfilled") ids.set(frameworkIdentity(def), result.value.frameworkId);
        else {
            issues.push({
                path: [...def.keyPath, "name"],
                value: def.name,
                message: `expected a compliance framework of that name in ${def.group} that the token can read (${reasonOf(result.reason)}); create it there, or define it in this stack without \`existing: true\``,
            });
        }
    });
    return { ids, issues, lookupCount: references.length };
}
