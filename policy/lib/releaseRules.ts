/**
 * What production holds a model's merges and promotions to, beyond approvals:
 * one source for the config validator (src/config/releaseSettings.ts) and the
 * pack's `production-release-gates` and `production-model-registry-members-only`,
 * so the two refuse the same things alike.
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

/** GitLab's access levels for the model registry and experiments (lib/api/helpers/projects_helpers.rb: `values: %w[disabled private enabled]`). */
export const MODEL_REGISTRY_LEVELS = ["disabled", "private", "enabled"] as const;
export type ModelRegistryLevel = (typeof MODEL_REGISTRY_LEVELS)[number];

/**
 * `enabled` opens the model registry or the experiments to everyone with access
 * to the project, `private` to its members only: production refuses `enabled`.
 * Keyed by the config key under `modelRegistry`, with the Project input it maps to.
 */
export const MODEL_REGISTRY_RULES = {
    registry: { setting: "modelRegistryAccessLevel", what: "the model registry" },
    experiments: { setting: "modelExperimentsAccessLevel", what: "the model experiments" },
} as const;
export const MODEL_REGISTRY_REFUSED: ModelRegistryLevel = "enabled";
export type ModelRegistryRule = keyof typeof MODEL_REGISTRY_RULES;

/** Why production refuses `enabled`: one wording for the validator and the pack. */
export function modelRegistryWhy(rule: ModelRegistryRule): string {
    return `\`enabled\` opens ${MODEL_REGISTRY_RULES[rule].what} to everyone with access to the project, not only its members, and Developers and above can change or delete model versions`;
}

/** The validator's wording for a refused level. */
export function modelRegistryRuleMessage(rule: ModelRegistryRule): string {
    return `expected \`private\` or \`disabled\` (or unset, which means \`private\`) in a production stack: ${modelRegistryWhy(rule)}`;
}

/** The validator's wording: the config key's expected value and why. */
export function releaseRuleMessage(rule: ReleaseRule): string {
    const { expected, why } = RELEASE_RULES[rule];
    return `expected ${expected} (or unset) in a production stack: ${why}`;
}
