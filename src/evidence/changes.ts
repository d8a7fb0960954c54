/**
 * The difference between two governance summaries, as the stack exports
 * them: approvers added and removed by name, and every setting that changed,
 * judged weakened, strengthened or (where neither is clearly the case)
 * changed. Keys it does not know are compared as whole values, so a summary
 * that gains a section (release tags, frameworks) still shows its changes.
 */
import { RELEASE_RULES, type ReleaseRule } from "../../policy/lib/releaseRules";
import type { ApprovalRuleSummary } from "../governance/summary";

export type Value = string | number | boolean | null | readonly unknown[] | { readonly [k: string]: unknown };
export type Direction = "weakened" | "strengthened" | "changed";

export interface SettingChange {
    readonly repository: string;
    /** Where the setting is in the repository's summary: `approvalRules[ML leads].approvalsRequired`. */
    readonly setting: string;
    /** `null`: absent before (or after). */
    readonly from: Value;
    readonly to: Value;
    readonly direction: Direction;
}

export interface ApproverChange {
    readonly repository: string;
    readonly rule: string;
    readonly added: readonly string[];
    readonly removed: readonly string[];
}

export interface GovernanceChanges {
    readonly repositoriesAdded: readonly string[];
    readonly repositoriesRemoved: readonly string[];
    readonly approvers: readonly ApproverChange[];
    readonly settings: readonly SettingChange[];
}

/** A repository's summary as JSON: what the stack outputs hold. */
export type SummaryJson = { readonly key: string };
type Summary = SummaryJson & Readonly<Record<string, unknown>>;

/** An approval rule's summary as the outputs hold it: empty approver lists may be absent. */
type RuleJson = Pick<ApprovalRuleSummary, "name" | "approvalsRequired"> & Partial<Pick<ApprovalRuleSummary, "users" | "groups">>;

/** Where each production release rule's key is in a repository's summary; its strong value is the rule's own (policy/lib/releaseRules.ts). */
const RELEASE_RULE_SETTINGS: Readonly<Record<ReleaseRule, string>> = {
    pipelineMustSucceed: "mergeChecks.pipelineMustSucceed",
    triggererMayApprove: "promotionGate.triggererMayApprove",
    denyDeleteTag: "pushRules.denyDeleteTag",
};
const releaseRulesStrongWhen = (strong: boolean): string[] => (Object.keys(RELEASE_RULES) as ReleaseRule[]).filter((r) => RELEASE_RULES[r].expected === strong).map((r) => RELEASE_RULE_SETTINGS[r]);

/** Booleans whose `true` is the stronger setting; the rest of the known booleans are stronger `false`. */
const STRONG_WHEN_TRUE = new Set([
    "protectedBranch.codeOwnerApprovalRequired",
    "mergeRequestApprovals.resetApprovalsOnPush",
    "mergeRequestApprovals.requireReauthenticationToApprove",
    "mergeChecks.discussionsMustBeResolved",
    ...releaseRulesStrongWhen(true),
]);
const STRONG_WHEN_FALSE = new Set([
    "protectedBranch.allowForcePush",
    "mergeRequestApprovals.allowAuthorApproval",
    "mergeRequestApprovals.allowCommitterApproval",
    "mergeRequestApprovals.allowOverridingApproversPerMergeRequest",
    "mergeRequestApprovals.selectiveCodeOwnerRemovals",
    ...releaseRulesStrongWhen(false),
]);
/**
 * Sections whose removal leaves a way to ship a model unguarded; and the compliance
 * framework, whose removal takes the project out of what the framework scopes
 * (the compliance center's reports, and policies that target it).
 */
const GUARDS = new Set(["promotionGate", "releaseTags", "pushRules", "complianceFramework"]);
/** The model registry's and experiments' access levels, from the fewest people to the most. */
const REGISTRY_STRENGTH: Readonly<Record<string, number>> = { disabled: 2, private: 1, enabled: 0 };
/** Protected-branch access levels from the fewest people to the most. */
const ACCESS_STRENGTH: Readonly<Record<string, number>> = { "no one": 3, admin: 2, maintainer: 1, developer: 0 };
/**
 * Settings whose values rank from the fewest people to the most: a move up the ranking strengthens.
 * For the registry, `private` → `enabled` or `disabled` → either opens it to more people; a level no
 * longer managed keeps its value in GitLab (a null), so it is changed, as for the merge checks.
 */
const RANKED: Readonly<Record<string, Readonly<Record<string, number>>>> = {
    "protectedBranch.pushAccessLevel": ACCESS_STRENGTH,
    "protectedBranch.mergeAccessLevel": ACCESS_STRENGTH,
    "protectedBranch.unprotectAccessLevel": ACCESS_STRENGTH,
    "modelRegistry.registry": REGISTRY_STRENGTH,
    "modelRegistry.experiments": REGISTRY_STRENGTH,
};
/** What the summary holds that is not governance (where it is), or that the diff reads otherwise. */
const NOT_COMPARED = new Set(["key", "url", "eligibleWithoutMembership", "approverMemberships", "approvalRules", "anyApprover", "protectedBranch", "mergeRequestApprovals", "pushRules", "mergeChecks", "modelRegistry", "promotionGate", "controls"]);

/** JSON with object keys sorted: the stack outputs come back with their keys in another order than the summary's. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(value, (_, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v)) ?? "null";
}
const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
const asValue = (v: unknown): Value => (v === undefined ? null : (v as Value));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function direction(setting: string, from: Value, to: Value): Direction {
    if (typeof from === "boolean" && typeof to === "boolean") {
        if (STRONG_WHEN_TRUE.has(setting) || setting.startsWith("pushRules.")) return to ? "strengthened" : "weakened";
        if (STRONG_WHEN_FALSE.has(setting)) return to ? "weakened" : "strengthened";
    }
    const ranks = RANKED[setting];
    if (ranks !== undefined && typeof from === "string" && typeof to === "string" && from in ranks && to in ranks) {
        return ranks[to] > ranks[from] ? "strengthened" : "weakened";
    }
    if (/approvalsRequired$/.test(setting) || /^approvalRules\[[^\]]*\]$/.test(setting)) {
        // An absent rule requires nothing.
        const n = (v: Value) => (typeof v === "number" ? v : 0);
        return n(to) > n(from) ? "strengthened" : "weakened";
    }
    if (setting === "promotionGate.approvals" && isStringList(from) && isStringList(to)) return byCount(approvalsIn(from), approvalsIn(to));
    // Who may deploy: more people is weaker, fewer is stronger.
    if (setting === "promotionGate.deployers" && isStringList(from) && isStringList(to)) return byWho(from, to);
    const none = (v: Value) => v === null || (Array.isArray(v) && v.length === 0);
    if (GUARDS.has(setting) && none(to) && !none(from)) return "weakened";
    if (setting === "releaseTags" && Array.isArray(from) && Array.isArray(to)) return releaseTagsDirection(from as TagJson[], to as TagJson[]);
    return "changed";
}

const isStringList = (v: Value): v is readonly string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/** The approvals a promotion needs, from the summary's words: "approval by user …" is one, "2 approvals from group …" two. */
function approvalsIn(approvals: readonly string[]): number {
    return approvals.reduce((sum, a) => sum + (Number(/^(\d+) approvals? from /.exec(a)?.[1]) || 1), 0);
}

const byCount = (from: number, to: number): Direction => (to < from ? "weakened" : to > from ? "strengthened" : "changed");

/** A list of who may do something: only additions (or a wider role) widen it, only removals narrow it. */
function byWho(from: readonly string[], to: readonly string[]): Direction {
    const level = (list: readonly string[]) => list.map((w) => /^access level (.+)$/.exec(w)?.[1]).find((l) => l !== undefined);
    const [a, b] = [level(from), level(to)];
    // A role fewer people hold is stronger; no role at all is the strongest ("no one").
    const rank = (l: string | undefined) => (l === undefined ? 4 : (ACCESS_STRENGTH[l] ?? 0));
    const people = (list: readonly string[]) => list.filter((w) => !w.startsWith("access level "));
    const added = people(to).filter((w) => !people(from).includes(w)).length + (rank(b) < rank(a) ? 1 : 0);
    const removed = people(from).filter((w) => !people(to).includes(w)).length + (rank(b) > rank(a) ? 1 : 0);
    return added > 0 && removed === 0 ? "weakened" : removed > 0 && added === 0 ? "strengthened" : "changed";
}

type TagJson = { readonly pattern?: string; readonly creators?: readonly string[] };

/** Protected release tags: a pattern dropped or its creators widened is weaker; one added or its creators narrowed is stronger. */
function releaseTagsDirection(from: readonly TagJson[], to: readonly TagJson[]): Direction {
    const directions = new Set<Direction>();
    const byPattern = (list: readonly TagJson[]) => new Map(list.map((t) => [t.pattern, t.creators ?? []]));
    const [was, is] = [byPattern(from), byPattern(to)];
    for (const pattern of new Set([...was.keys(), ...is.keys()])) {
        const [a, b] = [was.get(pattern), is.get(pattern)];
        if (a === undefined) directions.add("strengthened");
        else if (b === undefined) directions.add("weakened");
        else if (!same(a, b)) directions.add(byWho(a, b));
    }
    return directions.size === 1 ? [...directions][0] : "changed";
}

function compareFlat(repository: string, prefix: string, before: unknown, after: unknown, out: SettingChange[]): void {
    if (same(before, after)) return;
    if (isRecord(before) && isRecord(after)) {
        for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
            compareFlat(repository, `${prefix}.${k}`, before[k], after[k], out);
        }
        return;
    }
    const from = asValue(before);
    const to = asValue(after);
    out.push({ repository, setting: prefix, from, to, direction: direction(prefix, from, to) });
}

function rulesOf(summary: Summary): RuleJson[] {
    return Array.isArray(summary.approvalRules) ? (summary.approvalRules as RuleJson[]) : [];
}

const approversOf = (rule: RuleJson): string[] => [...(rule.users ?? []), ...(rule.groups ?? [])];

function compareRepository(before: Summary, after: Summary, approvers: ApproverChange[], settings: SettingChange[]): void {
    const repository = after.key;
    const oldRules = new Map(rulesOf(before).map((r) => [r.name, r]));
    const newRules = new Map(rulesOf(after).map((r) => [r.name, r]));
    for (const name of [...new Set([...oldRules.keys(), ...newRules.keys()])]) {
        const was = oldRules.get(name);
        const is = newRules.get(name);
        const oldNames = was ? approversOf(was) : [];
        const newNames = is ? approversOf(is) : [];
        const added = newNames.filter((n) => !oldNames.includes(n));
        const removed = oldNames.filter((n) => !newNames.includes(n));
        if (added.length > 0 || removed.length > 0) approvers.push({ repository, rule: name, added, removed });
        if (was === undefined || is === undefined) {
            const from = was?.approvalsRequired ?? null;
            const to = is?.approvalsRequired ?? null;
            settings.push({ repository, setting: `approvalRules[${name}]`, from, to, direction: direction(`approvalRules[${name}]`, from, to) });
        } else if (was.approvalsRequired !== is.approvalsRequired) {
            const setting = `approvalRules[${name}].approvalsRequired`;
            settings.push({ repository, setting, from: was.approvalsRequired, to: is.approvalsRequired, direction: direction(setting, was.approvalsRequired, is.approvalsRequired) });
        }
    }
    const anyBefore = (before.anyApprover as { approvalsRequired?: number } | undefined)?.approvalsRequired ?? null;
    const anyAfter = (after.anyApprover as { approvalsRequired?: number } | undefined)?.approvalsRequired ?? null;
    if (anyBefore !== anyAfter) settings.push({ repository, setting: "anyApprover.approvalsRequired", from: anyBefore, to: anyAfter, direction: direction("anyApprover.approvalsRequired", anyBefore, anyAfter) });
    for (const section of ["protectedBranch", "mergeRequestApprovals", "pushRules", "mergeChecks", "modelRegistry", "promotionGate"]) compareFlat(repository, section, before[section], after[section], settings);
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !NOT_COMPARED.has(k))) {
        const from = asValue(before[k]);
        const to = asValue(after[k]);
        if (!same(from, to)) settings.push({ repository, setting: k, from, to, direction: direction(k, from, to) });
    }
}

/** What changed from `before` to `after`, repositories matched by key. */
export function governanceChanges(before: readonly SummaryJson[], after: readonly SummaryJson[]): GovernanceChanges {
    const old = new Map(before.map((r) => [r.key, r]));
    const now = new Set(after.map((r) => r.key));
    const approvers: ApproverChange[] = [];
    const settings: SettingChange[] = [];
    for (const repo of after) {
        const was = old.get(repo.key);
        if (was !== undefined) compareRepository(was as Summary, repo as Summary, approvers, settings);
    }
    return {
        repositoriesAdded: after.filter((r) => !old.has(r.key)).map((r) => r.key),
        repositoriesRemoved: before.filter((r) => !now.has(r.key)).map((r) => r.key),
        approvers,
        settings,
    };
}

export const weakenings = (changes: GovernanceChanges): SettingChange[] => changes.settings.filter((c) => c.direction === "weakened");
