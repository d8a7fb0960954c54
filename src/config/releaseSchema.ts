import { z } from "zod";
import { groupRef, tagPattern, userRef } from "./primitives";
import { MODEL_REGISTRY_LEVELS } from "../../policy/lib/releaseRules";

/**
 * What a merge into the protected branch needs besides approvals: GitLab's
 * project merge checks (`only_allow_merge_if_pipeline_succeeds`,
 * `only_allow_merge_if_all_discussions_are_resolved`, every tier). Unset keys
 * are on in production and not managed elsewhere.
 */
export const mergeChecksSchema = z.strictObject({
    /** The gate that makes a model's tests and evaluation jobs count: no merge unless the pipeline passed. */
    pipelineMustSucceed: z.boolean().optional(),
    /** A reviewer's open question blocks the merge until it is resolved. */
    discussionsMustBeResolved: z.boolean().optional(),
});

/**
 * Who sees and changes the project's model registry and experiments
 * (`model_registry_access_level`, `model_experiments_access_level`, every tier
 * and edition): `disabled`, `private` (project members) or `enabled`
 * (everyone with access to the project). Unset keys are `private` in
 * production on projects this program creates, and not managed elsewhere.
 */
export const modelRegistrySchema = z.strictObject({
    registry: z.enum(MODEL_REGISTRY_LEVELS).optional(),
    experiments: z.enum(MODEL_REGISTRY_LEVELS).optional(),
});

/** Who may create a protected tag by role; `admin` is left out, as for branches it needs an instance administrator to undo. */
export const TAG_CREATE_ACCESS_LEVELS = ["no one", "developer", "maintainer"] as const;

/**
 * One protected release-tag pattern and who may create matching tags: a role,
 * plus users and groups on Premium and Ultimate (`allowed_to_create`). Unset
 * `createAccessLevel`: "no one" when users or groups are named (only they
 * may), else "maintainer", GitLab's own default.
 */
export const releaseTagSchema = z.strictObject({
    pattern: tagPattern,
    createAccessLevel: z.enum(TAG_CREATE_ACCESS_LEVELS).optional(),
    users: z.array(userRef).default([]),
    groups: z.array(groupRef).default([]),
});

// Five cron fields (minute hour day-of-month month day-of-week) with numbers, names, ranges, steps and lists,
// as GitLab's CronValidator (Fugit) reads a freeze period's start and end.
const CRON_FIELD = String.raw`(?:\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/\d+)?`;
const CRON = new RegExp(String.raw`^${CRON_FIELD}(?:,${CRON_FIELD})*(?:\s+${CRON_FIELD}(?:,${CRON_FIELD})*){4}$`);
const cron = z.string().trim().regex(CRON, { error: "expected a five-field cron expression such as `0 18 * * FRI` (minute hour day month weekday)" });

function isTimeZone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

/** A deploy freeze (`ProjectFreezePeriod`): GitLab sets `$CI_DEPLOY_FREEZE` in pipelines that run inside it. */
export const freezePeriodSchema = z.strictObject({
    start: cron,
    end: cron,
    timezone: z.string().refine(isTimeZone, { error: "expected an IANA time zone such as `UTC` or `Europe/Berlin`" }).default("UTC"),
});
