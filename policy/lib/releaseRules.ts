/**
 * What production holds a model's merges and promotions to, beyond approvals:
 * one source for the config validator (src/config/releaseSettings.ts) and the
 * pack's `production-release-gates`, so the two refuse the same things alike.
 */
export const RELEASE_RULES = {
    pipelineMustSucceed: {
        setting: "onlyAllowMergeIfPipelineSucceeds",
        expected: true,
        why: "without it a model change merges whether its tests and evaluations passed or not",
    },
    triggererMayApprove: {
        setting: "allowPipelineTriggerApproveDeployment",
        expected: false,
        why: "whoever starts a promotion must not be the one who approves it",
    },
    denyDeleteTag: {
        setting: "denyDeleteTag",
        expected: true,
        why: "a deleted release tag can be created again on another commit, and whatever is tagged may be deployed",
    },
} as const;

/** Anything tagged may be deployed: with a promotion gate, production protects its release tags. */
export const RELEASE_TAGS_WITH_GATE = "expected at least one protected release-tag pattern (such as `v*` or `model-v*`) in a production stack with a promotion gate: otherwise any Developer can tag an unreviewed commit as a model release";

export type ReleaseRule = keyof typeof RELEASE_RULES;

/** The validator's wording: the config key's expected value and why. */
export function releaseRuleMessage(rule: ReleaseRule): string {
    const { expected, why } = RELEASE_RULES[rule];
    return `expected ${expected} (or unset) in a production stack: ${why}`;
}
