import { z } from "./zod";
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

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** Each field's name, its range (Fugit takes 7 for Sunday too) and the names it knows, 1-based for months. */
const CRON_FIELDS = [
    { name: "minute", min: 0, max: 59, names: [] as string[], first: 0 },
    { name: "hour", min: 0, max: 23, names: [], first: 0 },
    { name: "day of month", min: 1, max: 31, names: [], first: 0 },
    { name: "month", min: 1, max: 12, names: MONTHS, first: 1 },
    { name: "weekday", min: 0, max: 7, names: WEEKDAYS, first: 0 },
];

/** The first value of a well-formed cron expression outside its field's range, in words; undefined when all are in range. */
export function cronRangeProblem(expression: string): string | undefined {
    const fields = expression.trim().split(/\s+/);
    for (const [i, field] of fields.entries()) {
        const spec = CRON_FIELDS[i];
        for (const item of field.split(",")) {
            const [range, step] = item.split("/");
            if (step !== undefined && Number(step) < 1) return `the ${spec.name} step ${JSON.stringify(step)} is not a positive number`;
            // `L`: the month's last day, which Fugit takes in the day-of-month field.
            if (range === "*" || (spec.name === "day of month" && range.toUpperCase() === "L")) continue;
            for (const value of range.split("-")) {
                const named = spec.names.indexOf(value.toUpperCase());
                const n = named >= 0 ? named + spec.first : /^\d+$/.test(value) ? Number(value) : NaN;
                if (!(n >= spec.min && n <= spec.max)) {
                    const known = spec.names.length > 0 ? ` or ${spec.names[0]}–${spec.names[spec.names.length - 1]}` : "";
                    return `the ${spec.name} ${JSON.stringify(value)} is not ${spec.min}–${spec.max}${known}`;
                }
            }
        }
    }
    return undefined;
}

// One check for form and range: zod runs every refinement even after a failed `.regex`, so the
// range check would have to match the expression again to know it is well formed.
const cron = z
    .string()
    .trim()
    .superRefine((expression, ctx) => {
        if (!CRON.test(expression)) ctx.addIssue({ code: "custom", message: "expected a five-field cron expression such as `0 18 * * FRI` (minute hour day month weekday)" });
        else {
            const problem = cronRangeProblem(expression);
            if (problem) ctx.addIssue({ code: "custom", message: `expected each cron field in its range: ${problem}` });
        }
    });

/** An IANA zone's name as the database spells it (`europe/berlin` is `Europe/Berlin`), or undefined when no zone has that name. */
function canonicalZone(zone: string): string | undefined {
    try {
        const resolved = new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
        // Only the spelling is changed: a link such as US/Eastern stays as written, not America/New_York.
        return resolved.toLowerCase() === zone.toLowerCase() ? resolved : zone;
    } catch {
        return undefined;
    }
}

/** A deploy freeze (`ProjectFreezePeriod`): GitLab sets `$CI_DEPLOY_FREEZE` in pipelines that run inside it. */
export const freezePeriodSchema = z.strictObject({
    start: cron,
    end: cron,
    // Sent as the IANA database spells it (`Europe/Berlin`, the form GitLab documents), whatever the case written.
    timezone: z
        .string()
        .transform((zone, ctx) => {
            const canonical = canonicalZone(zone);
            if (canonical === undefined) ctx.addIssue({ code: "custom", message: "expected an IANA time zone such as `UTC` or `Europe/Berlin`" });
            return canonical ?? zone;
        })
        .default("UTC"),
});
