/**
 * The difference between two governance summaries, as the stack exports
 * them: approvers added and removed by name, and every setting that changed,
 * judged weakened, strengthened or (where neither is clearly the case)
 * changed. Keys it does not know are compared as whole values, so a summary
 * that gains a section (release tags, frameworks) still shows its changes.
 */
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

/** Booleans whose `true` is the stronger setting; the rest of the known booleans are stronger `false`. */
const STRONG_WHEN_TRUE = new Set([
    "protectedBranch.codeOwnerApprovalRequired",
    "mergeRequestApprovals.resetApprovalsOnPush",
    "mergeRequestApprovals.requireReauthenticationToApprove",
    "mergeChecks.pipelineMustSucceed",
    "mergeChecks.discussionsMustBeResolved",
]);
const STRONG_WHEN_FALSE = new Set([
    "protectedBranch.allowForcePush",
    "mergeRequestApprovals.allowAuthorApproval",
    "mergeRequestApprovals.allowCommitterApproval",
    "mergeRequestApprovals.allowOverridingApproversPerMergeRequest",
    "mergeRequestApprovals.selectiveCodeOwnerRemovals",
    "promotionGate.triggererMayApprove",
]);
/** Sections whose removal leaves a way to ship a model unguarded. */
const GUARDS = new Set(["promotionGate", "releaseTags", "pushRules"]);
/** The model registry's and experiments' access levels, from the fewest people to the most. */
const REGISTRY_STRENGTH: Readonly<Record<string, number>> = { disabled: 2, private: 1, enabled: 0 };
const REGISTRY_SETTINGS = new Set(["modelRegistry.registry", "modelRegistry.experiments"]);
/** Protected-branch access levels from the fewest people to the most. */
const ACCESS_STRENGTH: Readonly<Record<string, number>> = { "no one": 3, admin: 2, maintainer: 1, developer: 0 };
const ACCESS_SETTINGS = new Set(["protectedBranch.pushAccessLevel", "protectedBranch.mergeAccessLevel", "protectedBranch.unprotectAccessLevel"]);
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
    if (ACCESS_SETTINGS.has(setting) && typeof from === "string" && typeof to === "string" && from in ACCESS_STRENGTH && to in ACCESS_STRENGTH) {
        return ACCESS_STRENGTH[to] > ACCESS_STRENGTH[from] ? "strengthened" : "weakened";
    }
    // `private` → `enabled`, or `disabled` → either, opens the registry to more people. A level no
    // longer managed keeps its value in GitLab, so it is changed, as for the merge checks.
    if (REGISTRY_SETTINGS.has(setting) && typeof from === "string" && typeof to === "string" && from in REGISTRY_STRENGTH && to in REGISTRY_STRENGTH) {
        return REGISTRY_STRENGTH[to] > REGISTRY_STRENGTH[from] ? "strengthened" : "weakened";
    }
    if (/approvalsRequired$/.test(setting) || /^approvalRules\[[^\]]*\]$/.test(setting)) {
        // An absent rule requires nothing.
        const n = (v: Value) => (typeof v === "number" ? v : 0);
        return n(to) > n(from) ? "strengthened" : "weakened";
    }
    const none = (v: Value) => v === null || (Array.isArray(v) && v.length === 0);
    if (GUARDS.has(setting) && none(to) && !none(from)) return "weakened";
    return "changed";
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
