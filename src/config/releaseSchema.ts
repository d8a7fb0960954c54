import { z } from "zod";

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
