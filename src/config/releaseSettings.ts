import type { Add, RepositoryKeys, RepositoryView, StackFacts } from "./checks";
import { isOwnGroup, projectNamespace } from "./groups";
import type { KeyPath } from "./issues";
import { repeatedEntries } from "./repeats";
import type { MergeChecks, ModelRegistry, PromotionGate, ReleaseTag } from "./model";
import type { z } from "./zod";
import type { releaseTagSchema } from "./releaseSchema";
import { MODEL_REGISTRY_REFUSED, MODEL_REGISTRY_RULES, RELEASE_RULES, RELEASE_TAGS_WITH_GATE, modelRegistryRuleMessage, releaseRuleMessage, type ModelRegistryRule } from "../../policy/lib/releaseRules";

/**
 * The project settings only `gitlab.Project` carries: the merge checks, the
 * model registry's access levels and whether a deployment's triggerer may
 * approve it. The program sends them on projects it creates; an adopted
 * project has no Project resource here.
 */
const PROJECT_ONLY: ReadonlyArray<{ rel: KeyPath; what: string }> = [
    { rel: ["mergeChecks"], what: "merge checks" },
    { rel: ["modelRegistry"], what: "the model registry's and experiments' access levels" },
    { rel: ["promotionGate", "triggererMayApprove"], what: "whether the triggerer of a deployment may approve it" },
];

/** Unset checks are on in production; elsewhere only what is set is managed. */
export function resolveMergeChecks(raw: MergeChecks | undefined, production: boolean): MergeChecks | undefined {
    const pipelineMustSucceed = raw?.pipelineMustSucceed ?? (production ? true : undefined);
    const discussionsMustBeResolved = raw?.discussionsMustBeResolved ?? (production ? true : undefined);
    if (pipelineMustSucceed === undefined && discussionsMustBeResolved === undefined) return undefined;
    return { ...(pipelineMustSucceed === undefined ? {} : { pipelineMustSucceed }), ...(discussionsMustBeResolved === undefined ? {} : { discussionsMustBeResolved }) };
}

/** Unset levels are `private` in production (members only); elsewhere only what is set is managed. */
export function resolveModelRegistry(raw: ModelRegistry | undefined, production: boolean): ModelRegistry | undefined {
    const registry = raw?.registry ?? (production ? "private" : undefined);
    const experiments = raw?.experiments ?? (production ? "private" : undefined);
    if (registry === undefined && experiments === undefined) return undefined;
    return { ...(registry === undefined ? {} : { registry }), ...(experiments === undefined ? {} : { experiments }) };
}

/** Separation of duties at the last step: in production the triggerer may not approve unless config says so. */
export function resolveTriggerer(gate: PromotionGate | undefined, production: boolean): PromotionGate | undefined {
    if (gate === undefined) return undefined;
    const triggererMayApprove = gate.triggererMayApprove ?? (production ? false : undefined);
    return triggererMayApprove === undefined ? gate : { ...gate, triggererMayApprove };
}

/**
 * Settings of an adopted project that this program cannot reach: written on
 * the repository itself they refuse the config instead of being dropped;
 * inherited from `defaults` (meant for the projects it creates) they are a
 * warning. The report shows them as not governed.
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
        for (const rule of Object.keys(MODEL_REGISTRY_RULES) as ModelRegistryRule[]) {
            const level = repo.modelRegistry?.[rule];
            if (facts.production && level === MODEL_REGISTRY_REFUSED) add(["modelRegistry", rule], modelRegistryRuleMessage(rule), level);
        }
        return;
    }
    const why = (what: string) => `${what} are a setting of gitlab.Project, which this program does not manage for an adopted project`;
    for (const { rel, what } of PROJECT_ONLY) {
        if (keys.isOwn(rel)) add(rel, `cannot be combined with \`existing\` yet: ${why(what)}; remove it and set it in the project's settings in GitLab`);
        else if (keys.isSet(rel)) warn(rel, `not applied to the adopted project ${String(repo.existing)}: ${why(what)}; set it in that project's settings in GitLab`);
    }
}

/** Each pattern's role: only the named users and groups when there are any, else GitLab's default, Maintainers. */
export function resolveReleaseTags(raw: ReadonlyArray<z.infer<typeof releaseTagSchema>> | undefined): ReleaseTag[] {
    return (raw ?? []).map((t) => ({ ...t, createAccessLevel: t.createAccessLevel ?? (t.users.length + t.groups.length > 0 ? "no one" : "maintainer") }));
}

/**
 * Release tags: each pattern once, someone able to create it, users and groups
 * only where the tier has `allowed_to_create`, groups the project can be
 * shared with, and at least one pattern where production has a promotion gate.
 */
export function checkReleaseTags(repo: RepositoryView, add: Add, facts: StackFacts): void {
    const tags = repo.releaseTags ?? [];
    const namespace = projectNamespace(repo);
    const seen = new Map<string, number>();
    tags.forEach((tag, i) => {
        if (tag === undefined) return; // zod has reported it
        const rel = ["releaseTags", i];
        const first = seen.get(tag.pattern);
        // One TagProtection per project and name: the provider warns that two override each other.
        if (first !== undefined) add([...rel, "pattern"], `expected each pattern once; releaseTags[${first}] protects it already`, tag.pattern);
        else seen.set(tag.pattern, i);
        const named = tag.users.length + tag.groups.length;
        if (tag.createAccessLevel === "no one" && named === 0) add(rel, "lets nobody create these tags; expected `users` or `groups`, or a createAccessLevel of developer or maintainer");
        if (facts.tier === "free" && named > 0) {
            add([...rel, tag.users.length > 0 ? "users" : "groups"], 'expected no users or groups on tier "free": naming who may create a protected tag (allowed_to_create) needs GitLab Premium or Ultimate; use createAccessLevel', tag.users.length > 0 ? tag.users : tag.groups);
        }
        for (const k of repeatedEntries(tag.users)) add([...rel, "users", k], "expected each user once; this one is listed twice", tag.users[k]);
        tag.groups.forEach((g, k) => {
            if (typeof g === "string" && isOwnGroup(g, namespace)) {
                add([...rel, "groups", k], `expected a group other than the project's own group or its ancestors (${namespace}): GitLab accepts a group as a tag creator only if the project is shared with it, and it cannot be shared with those; use createAccessLevel or users`, g);
            }
        });
    });
    if (facts.production && repo.promotionGate !== undefined && tags.length === 0) {
        add(["releaseTags"], RELEASE_TAGS_WITH_GATE);
    }
    const denyDelete = repo.pushRules?.denyDeleteTag;
    if (facts.production && denyDelete !== undefined && denyDelete !== RELEASE_RULES.denyDeleteTag.expected) {
        add(["pushRules", "denyDeleteTag"], releaseRuleMessage("denyDeleteTag"), denyDelete);
    }
}
