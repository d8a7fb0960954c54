import type * as gitlab from "@pulumi/gitlab";
import type * as pulumi from "@pulumi/pulumi";
import type { PrincipalRef, PromotionGate, ReleaseTag, Repository, Tier } from "../config";

export type ProjectReleaseInputs = Pick<
    gitlab.ProjectArgs,
    "onlyAllowMergeIfPipelineSucceeds" | "onlyAllowMergeIfAllDiscussionsAreResolved" | "allowPipelineTriggerApproveDeployment" | "modelRegistryAccessLevel" | "modelExperimentsAccessLevel"
>;

/**
 * The Project inputs for the merge checks and the promotion gate's separation
 * of duties. Only what config or production asks for is sent: the provider
 * keeps an absent Optional+Computed input as GitLab has it. The triggerer
 * setting is Premium and Ultimate only (resource_gitlab_project.go), and means
 * something only beside a protected environment, so it goes with the gate.
 * The model registry's levels have no tier (projects_helpers.rb, CE params);
 * the provider sends them only in its update, not its create (see
 * docs/configuration.md, `modelRegistry`).
 */
export function projectReleaseInputs(repo: Pick<Repository, "mergeChecks" | "promotionGate" | "modelRegistry">, tier: Tier): ProjectReleaseInputs {
    const checks = repo.mergeChecks;
    const registry = repo.modelRegistry;
    const triggerer = tier === "free" ? undefined : repo.promotionGate?.triggererMayApprove;
    return {
        ...(checks?.pipelineMustSucceed === undefined ? {} : { onlyAllowMergeIfPipelineSucceeds: checks.pipelineMustSucceed }),
        ...(checks?.discussionsMustBeResolved === undefined ? {} : { onlyAllowMergeIfAllDiscussionsAreResolved: checks.discussionsMustBeResolved }),
        ...(triggerer === undefined ? {} : { allowPipelineTriggerApproveDeployment: triggerer }),
        ...(registry?.registry === undefined ? {} : { modelRegistryAccessLevel: registry.registry }),
        ...(registry?.experiments === undefined ? {} : { modelExperimentsAccessLevel: registry.experiments }),
    };
}

type Id = (ref: PrincipalRef) => pulumi.Input<number>;

/**
 * One protected release-tag pattern as a TagProtection: the role, then each
 * named user and group (`allowedToCreates`, exactly one id per entry). The
 * component passes its memberships' and shares' ids, so the protection is
 * created after GitLab can accept them.
 */
export function releaseTagInputs(tag: ReleaseTag, userId: Id, groupId: Id): Omit<gitlab.TagProtectionArgs, "project"> {
    const creators = [...tag.users.map((u) => ({ userId: userId(u) })), ...tag.groups.map((g) => ({ groupId: groupId(g) }))];
    return { tag: tag.pattern, createAccessLevel: tag.createAccessLevel, ...(creators.length > 0 ? { allowedToCreates: creators } : {}) };
}

/** A promotion window's freeze as GitLab's ProjectFreezePeriod: cron start and end, in a time zone. */
export function freezePeriodInputs(period: PromotionGate["freezePeriods"][number]): Omit<gitlab.ProjectFreezePeriodArgs, "project"> {
    return { freezeStart: period.start, freezeEnd: period.end, cronTimezone: period.timezone };
}
