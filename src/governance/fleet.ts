import * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue, ComplianceFrameworkDefinition, GovernanceConfig, ManagedComplianceFramework } from "../config";
import { frameworkIdentity, frameworkOf } from "../config/complianceFrameworks";
import { ComplianceFrameworks } from "./complianceFrameworks";
import { lookUpExistingFrameworks, type ExistingFrameworks } from "./existingFrameworks";
import { ModelGovernance } from "./modelGovernance";
import { GitLabLookupError, PrincipalDirectory } from "./principals";
import { modelRegistryWarnings } from "./registryWarnings";
import { inWindow, registered, REPOSITORIES_IN_FLIGHT, withoutPromiseTraces } from "./registrationWindow";
import { describeUser, summarizeGovernance, type ApprovalRuleSummary, type GovernanceSummary, type RepositorySummary } from "./summary";

export interface RepositoryOutputs {
    readonly projectId: pulumi.Output<string>;
    readonly url: pulumi.Output<string>;
    readonly pathWithNamespace: pulumi.Output<string>;
    readonly protectedBranch: pulumi.Output<string>;
    readonly approvalRules: readonly ApprovalRuleSummary[];
}

export interface FleetOutputs {
    /** The URL of the single repository, or of the first one. */
    readonly projectUrl: pulumi.Output<string>;
    readonly repositories: Record<string, RepositoryOutputs>;
    readonly governance: GovernanceSummary & {
        readonly repositories: ReadonlyArray<
            RepositorySummary & {
                readonly url: pulumi.Output<string>;
                /** Named approvers GitLab already makes eligible (Developer or more through a group, or directly): no membership of theirs is managed. */
                readonly eligibleWithoutMembership: readonly string[];
            }
        >;
    };
    readonly components: readonly ModelGovernance[];
    readonly principals: PrincipalDirectory;
    /** What may not work, by key, for the run to show (`programWarnings`). */
    readonly warnings: readonly ConfigIssue[];
}

/** One ModelGovernance per configured repository, after one lookup per named principal. */
export interface FleetOptions {
    /** False offline (npm run check): GitLab's memberships are unknown, so eligibility is reported as unverified. */
    readonly membershipsKnown?: boolean;
    /** Told the run's warnings once the lookups are done, before any resource registers, so a failing `up` still shows them. */
    readonly onWarnings?: (warnings: readonly ConfigIssue[]) => void;
}

export async function governFleet(config: GovernanceConfig, options: FleetOptions = {}): Promise<FleetOutputs> {
    const { principals, existing } = await lookUp(config, options);
    const warnings = programWarnings(config, principals);
    options.onWarnings?.(warnings);
    const { tier, edition, automationUser, automationUserEmail } = config;
    const environment = { name: config.environment, production: config.production, tier, edition };
    const managed = config.complianceFrameworks.filter((def): def is ManagedComplianceFramework => def.kind === "managed");
    const frameworks = managed.length === 0 ? undefined : new ComplianceFrameworks("compliance-frameworks", { definitions: managed, retainOnDelete: config.production });
    if (frameworks !== undefined) await registered([frameworks, ...frameworks.children]);
    // A defined framework's id is its resource's output; a referenced one's was looked up.
    const frameworkId = (def: ComplianceFrameworkDefinition) => (def.kind === "managed" ? frameworks!.frameworkId(def) : existing.ids.get(frameworkIdentity(def))!);
    // Built a window of repositories at a time, each waiting for the engine to answer its registrations.
    const components = await withoutPromiseTraces(() =>
        inWindow(config.repositories, REPOSITORIES_IN_FLIGHT, async (repository) => {
            const framework = frameworkOf(repository, config.complianceFrameworks);
            const complianceFrameworkId = framework === undefined ? undefined : frameworkId(framework);
            const component = new ModelGovernance(repository.key, { repository, environment, principals, automationUser, automationUserEmail, complianceFrameworkId });
            await registered([component, ...component.children]);
            return component;
        }),
    );
    const summary = summarizeGovernance(config);
    return {
        projectUrl: components[0].webUrl,
        repositories: Object.fromEntries(
            components.map((c, i) => [
                config.repositories[i].key,
                {
                    projectId: c.projectId,
                    url: c.webUrl,
                    pathWithNamespace: c.pathWithNamespace,
                    protectedBranch: c.protectedBranch,
                    approvalRules: c.approvalRules,
                },
            ]),
        ),
        governance: {
            ...summary,
            repositories: summary.repositories.map((r, i) => {
                // What GitLab already grants is known only after the lookups; the summary of the config lists every candidate.
                const eligible = new Set(components[i].eligibleThroughGroups.map(describeUser));
                return { ...r, url: components[i].webUrl, approverMemberships: r.approverMemberships.filter((u) => !eligible.has(u)), eligibleWithoutMembership: [...eligible] };
            }),
        },
        components,
        principals,
        warnings,
    };
}

/**
 * The principals and the referenced compliance frameworks, looked up side by side;
 * what either could not find is reported together, before anything registers.
 */
async function lookUp(config: GovernanceConfig, options: FleetOptions): Promise<{ principals: PrincipalDirectory; existing: ExistingFrameworks }> {
    const [principals, existing] = await Promise.allSettled([PrincipalDirectory.load(config, options), lookUpExistingFrameworks(config)]);
    if (principals.status === "rejected" && !(principals.reason instanceof GitLabLookupError)) throw principals.reason;
    if (existing.status === "rejected") throw existing.reason;
    const issues = [...(principals.status === "rejected" ? (principals.reason as GitLabLookupError).issues : []), ...existing.value.issues];
    if (issues.length > 0) throw new GitLabLookupError(issues);
    return { principals: (principals as PromiseFulfilledResult<PrincipalDirectory>).value, existing: existing.value };
}

/**
 * What may not work, for `pulumi preview` and `up` to show: the config's
 * warnings, the lookups' and the model registry's grantees. A warning the policy pack also reports (it
 * names the policy) is left to the pack, so a preview says it once.
 */
function programWarnings(config: GovernanceConfig, principals: PrincipalDirectory): ConfigIssue[] {
    return [...config.warnings.filter((w) => w.policy === undefined), ...principals.warnings, ...modelRegistryWarnings(config, principals)];
}
