import type { ChangeControl } from "../governance/changeControl";
import type { GovernanceChanges } from "./changes";
import { adherenceScore, controlAdherence, type ControlInput, type ControlResult } from "./controls";

/** A fact that only GitLab CI knows, or why it is not in the record. */
export type CiFact<T> = T | { readonly absent: string };

export interface MergeRequestFact {
    readonly iid: number;
    readonly url: string;
    readonly title: string;
    readonly author: string;
    readonly mergedBy?: string;
    readonly approvedBy: readonly string[];
}

export interface Provenance {
    readonly commitSha: CiFact<string>;
    readonly pipeline: CiFact<{ readonly id: string; readonly url: string }>;
    readonly job: CiFact<{ readonly id: string; readonly url: string }>;
    readonly mergeRequest: CiFact<MergeRequestFact>;
}

export interface RepositoryEvidence {
    readonly key: string;
    readonly url: string;
    /** The repository's governance exactly as the stack outputs say it after the `up`. */
    readonly governance: Readonly<Record<string, unknown>>;
    /** The compliance framework the project carries after the `up`, or null for none. */
    readonly complianceFramework: { readonly name: string; readonly group: string } | null;
    readonly controls: readonly ControlResult[];
    readonly adherence: { readonly passed: number; readonly total: number };
}

export interface EvidenceRecord {
    readonly schemaVersion: 1;
    readonly stack: string;
    readonly environment: string;
    readonly production: boolean;
    readonly recordedAt: string;
    readonly versions: { readonly program: string; readonly pulumiCli: string; readonly provider: string };
    readonly provenance: Provenance;
    readonly repositories: readonly RepositoryEvidence[];
    /** The difference from the deployment before this one, as the `up` computed it. */
    readonly changes: GovernanceChanges & { readonly previousDeployment: boolean };
    readonly acknowledgedWeakenings: ChangeControl["acknowledgedWeakenings"];
}

/** The stack outputs the record is made of (`pulumi stack output --json`). */
export interface StackOutputs {
    readonly governance?: {
        readonly environment: string;
        readonly production: boolean;
        readonly providerVersion: string;
        readonly repositories: ReadonlyArray<ControlInput & { readonly key: string; readonly url?: string; readonly complianceFramework?: { readonly name: string; readonly group: string } }>;
    };
    readonly changeControl?: ChangeControl;
}

export interface RecordInputs {
    readonly stack: string;
    readonly outputs: StackOutputs;
    readonly provenance: Provenance;
    readonly recordedAt: Date;
    readonly programVersion: string;
    readonly pulumiCliVersion: string;
}

/** Thrown when the stack has no outputs of this program: nothing was deployed, or by an older version. */
export class MissingOutputsError extends Error {}

export function evidenceRecord(input: RecordInputs): EvidenceRecord {
    const { governance, changeControl } = input.outputs;
    if (governance === undefined) throw new MissingOutputsError(`stack ${input.stack} has no \`governance\` output: run \`pulumi up\` first`);
    if (changeControl === undefined) throw new MissingOutputsError(`stack ${input.stack} has no \`changeControl\` output: its last \`up\` ran a version of this program without change control; run \`pulumi up\` again`);
    return {
        schemaVersion: 1,
        stack: input.stack,
        environment: governance.environment,
        production: governance.production,
        recordedAt: input.recordedAt.toISOString(),
        versions: { program: input.programVersion, pulumiCli: input.pulumiCliVersion, provider: governance.providerVersion },
        provenance: input.provenance,
        repositories: governance.repositories.map((repo) => {
            const controls = controlAdherence(repo);
            const framework = repo.complianceFramework;
            return {
                key: repo.key,
                url: repo.url ?? "",
                governance: repo as Readonly<Record<string, unknown>>,
                complianceFramework: framework === undefined ? null : { name: framework.name, group: framework.group },
                controls,
                adherence: adherenceScore(controls),
            };
        }),
        changes: { previousDeployment: changeControl.previousDeployment, ...changeControl.changes },
        acknowledgedWeakenings: changeControl.acknowledgedWeakenings,
    };
}

/** What GitLab CI's predefined variables say of the run; each fact marked absent where they do not. */
export function provenanceFromEnv(env: NodeJS.ProcessEnv, mergeRequest: CiFact<MergeRequestFact>): Provenance {
    const notCi = (variable: string): { absent: string } => ({ absent: `${variable} is not set: not run in GitLab CI` });
    return {
        commitSha: env.CI_COMMIT_SHA ? env.CI_COMMIT_SHA : notCi("CI_COMMIT_SHA"),
        pipeline: env.CI_PIPELINE_ID && env.CI_PIPELINE_URL ? { id: env.CI_PIPELINE_ID, url: env.CI_PIPELINE_URL } : notCi("CI_PIPELINE_ID"),
        job: env.CI_JOB_ID && env.CI_JOB_URL ? { id: env.CI_JOB_ID, url: env.CI_JOB_URL } : notCi("CI_JOB_ID"),
        mergeRequest,
    };
}
