import type { Add, RepositoryKeys, RepositoryView, StackFacts } from "./checks";
import type { KeyPath } from "./issues";
import type { MergeChecks, PromotionGate } from "./model";
import { RELEASE_RULES, releaseRuleMessage } from "../../policy/lib/releaseRules";

/**
 * The project settings only `gitlab.Project` carries: the merge checks and
 * whether a deployment's triggerer may approve it. The program sends them on
 * projects it creates; an adopted project has no Project resource here.
 */
const PROJECT_ONLY: ReadonlyArray<{ rel: KeyPath; what: string }> = [
    { rel: ["mergeChecks"], what: "merge checks" },
    { rel: ["promotionGate", "triggererMayApprove"], what: "whether the triggerer of a deployment may approve it" },
];

/** Unset checks are on in production; elsewhere only what is set is managed. */
export function resolveMergeChecks(raw: MergeChecks | undefined, production: boolean): MergeChecks | undefined {
    const pipelineMustSucceed = raw?.pipelineMustSucceed ?? (production ? true : undefined);
    const discussionsMustBeResolved = raw?.discussionsMustBeResolved ?? (production ? true : undefined);
    if (pipelineMustSucceed === undefined && discussionsMustBeResolved === undefined) return undefined;
    return { ...(pipelineMustSucceed === undefined ? {} : { pipelineMustSucceed }), ...(discussionsMustBeResolved === undefined ? {} : { discussionsMustBeResolved }) };
}

/** Separation of duties at the last step: in production the triggerer may not approve unless config says so. */
export function resolveTriggerer(gate: PromotionGate | undefined, production: boolean): PromotionGate | undefined {
    if (gate === undefined) return undefined;
    const triggererMayApprove = gate.triggererMayApprove ?? (production ? false : undefined);
    return triggererMayApprove === undefined ? gate : { ...gate, triggererMayApprove };
}

/**
 * Settings of an adopted project that this program cannot reach refuse the
 * config instead of being dropped; production's defaults for them are named
 * once, as a warning, since they stay as GitLab has them.
 */
export function checkProjectOnlySettings(repo: RepositoryView, keys: RepositoryKeys, add: Add, warn: Add, facts: StackFacts): void {
    if (repo.existing === undefined) {
        const triggerer = repo.promotionGate?.triggererMayApprove;
        if (facts.production && triggerer !== undefined && triggerer !== RELEASE_RULES.triggererMayApprove.expected) {
            add(["promotionGate", "triggererMayApprove"], releaseRuleMessage("triggererMayApprove"), triggerer);
        }
        const pipeline = repo.mergeChecks?.pipelineMustSucceed;
        if (facts.production && pipeline !== undefined && pipeline !== RELEASE_RULES.pipelineMustSucceed.expected) {
            add(["mergeChecks", "pipelineMustSucceed"], releaseRuleMessage("pipelineMustSucceed"), pipeline);
        }
        return;
    }
    for (const { rel, what } of PROJECT_ONLY) {
        if (keys.isSet(rel)) {
            add(rel, `cannot be combined with \`existing\` yet: ${what} are a setting of gitlab.Project, which this program does not manage for an adopted project; remove it and set it in the project's settings in GitLab`);
        }
    }
    if (facts.production) {
        warn(["existing"], "is adopted: its merge checks (pipelines must succeed, discussions must be resolved) and whether a deployment's triggerer may approve it are not governed by this program; check them in the project's settings in GitLab", repo.existing);
    }
}
