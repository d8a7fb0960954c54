import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, renderIssue, type GovernanceConfig } from "../config";
import type { WeakeningAcknowledgement } from "../config/acknowledgements";
import { governanceChanges, type GovernanceChanges, type SummaryJson } from "../evidence/changes";
import { judgeWeakenings } from "../evidence/weakening";
import { summarizeGovernance } from "./summary";

/** The stack output `changeControl`: what this deployment changed from the last one, and what was acknowledged. */
export interface ChangeControl {
    /** The stack had outputs from an earlier deployment to compare with. */
    readonly previousDeployment: boolean;
    readonly changes: GovernanceChanges;
    readonly acknowledgedWeakenings: readonly WeakeningAcknowledgement[];
}

/**
 * The `governance` output of this stack's last deployment, through the
 * engine's own `pulumi:pulumi:readStackOutputs` (the read a StackReference
 * makes, without registering one). In a preview that is the last `up`'s
 * outputs; during an `up` too, since the engine keeps a same root stack's old
 * outputs until the program's new ones are registered at the end
 * (pkg/resource/deploy/step.go `SameStep.Apply`, builtins.go `readStackReference`).
 */
export async function previousSummaries(): Promise<SummaryJson[] | undefined> {
    const name = `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`;
    const read = (await pulumi.runtime.invoke("pulumi:pulumi:readStackOutputs", { name })) as { outputs?: { governance?: { repositories?: SummaryJson[] } } } | undefined;
    return read?.outputs?.governance?.repositories;
}

/**
 * Compare the config with the last deployment and stop, before anything is
 * registered, on a production weakening that no acknowledgement matches.
 */
export async function changeControl(config: GovernanceConfig): Promise<ChangeControl> {
    const previous = await previousSummaries();
    const changes = governanceChanges(previous ?? [], previous === undefined ? [] : summarizeGovernance(config).repositories);
    const verdict = judgeWeakenings(changes, config.acknowledgedWeakenings, config.production);
    if (verdict.refusals.length > 0) throw new ConfigValidationError(verdict.refusals);
    for (const stale of verdict.stale) pulumi.log.warn(renderIssue(stale));
    return { previousDeployment: previous !== undefined, changes, acknowledgedWeakenings: verdict.acknowledged };
}
