import type { ConfigIssue, KeyPath } from "./issues";
import type { Edition, Tier } from "./model";
import { approverMentions, withArticle, type ApproverRole } from "./approverMentions";
import { checkCodeOwners, checkPromotionGate, checkPushRulesAdmitOwnCommits, checkSharedGroupAccess } from "./mlChecks";
import { MIN_PRODUCTION_APPROVALS, neverMessage, reachability, stallMessage } from "../../policy/lib/approvalRules";
import { resourceKey, slug } from "./names";
import { checkProjectOnlySettings, checkReleaseTags } from "./releaseSettings";
import { projectPath } from "./primitives";
import { repeatedEntries } from "./repeats";
import type { RawApprovalRule, RawRepository } from "./schema";

/**
 * A repository as far as it parsed: a section that failed its own checks is
 * absent, so the combination checks below still run on everything else.
 */
export type RepositoryView = Partial<Omit<RawRepository, "approvalRules" | "releaseTags">> & {
    readonly approvalRules?: ReadonlyArray<RawApprovalRule | undefined>;
    readonly releaseTags?: ReadonlyArray<RawRepository["releaseTags"] extends ReadonlyArray<infer T> | undefined ? T | undefined : never>;
};

/** Resolves a key inside one repository to the path the user wrote it at, and says whether they wrote it. */
export interface RepositoryKeys {
    at(rel: KeyPath): KeyPath;
    isSet(rel: KeyPath): boolean;
    /** Set on the repository entry itself, not inherited from `defaults`. */
    isOwn(rel: KeyPath): boolean;
}

const CREATE_ONLY_OWN = ["name", "path", "description", "namespace", "visibility", "topics", "dataSafety", "defaultBranch"] as const;
const PREMIUM_FEATURES: ReadonlyArray<{ rel: KeyPath; feature: string; when: (r: RepositoryView) => boolean }> = [
    { rel: ["approvalRules"], feature: "merge request approval rules", when: (r) => (r.approvalRules?.length ?? 0) > 0 },
    { rel: ["mergeRequestApprovals"], feature: "merge request approval settings", when: () => true },
    { rel: ["protectedBranch", "codeOwnerApprovalRequired"], feature: "code owner approval", when: (r) => r.protectedBranch?.codeOwnerApprovalRequired === true },
    { rel: ["protectedBranch", "unprotectAccessLevel"], feature: "who may unprotect a branch (allowedToUnprotects)", when: () => true },
    { rel: ["anyApprover"], feature: "the any-approver rule", when: () => true },
    { rel: ["codeOwners"], feature: "code owners", when: () => true },
    { rel: ["pushRules"], feature: "push rules", when: () => true },
    { rel: ["promotionGate"], feature: "protected environments with deployment approvals", when: () => true },
];

export interface StackFacts {
    readonly tier: Tier;
    readonly edition: Edition;
    readonly production: boolean;
    readonly selfManaged: boolean;
    readonly adminToken: boolean;
    readonly automationUser?: string;
    readonly automationUserEmail?: string;
}

/** What the checks found: problems refuse the config; warnings name what may not work and let it through. */
export interface Findings {
    readonly issues: ConfigIssue[];
    readonly warnings: ConfigIssue[];
}

/** Adds a finding at a key relative to the repository, with the value found there when one is given. */
export type Add = (rel: KeyPath, message: string, ...value: [unknown?]) => void;

/** Combinations that zod's per-field checks cannot see. */
export function checkRepository(repo: RepositoryView, keys: RepositoryKeys, facts: StackFacts): Findings {
    const { tier, production } = facts;
    const issues: ConfigIssue[] = [];
    const warnings: ConfigIssue[] = [];
    const into =
        (list: ConfigIssue[], extra: Partial<ConfigIssue> = {}): Add =>
        (rel, message, ...value) =>
            list.push({ path: keys.at(rel), message, ...(value.length > 0 ? { value: value[0] } : {}), ...extra });
    const add = into(issues);
    const warn = into(warnings);
    // The pack's advisory `approval-rules-always-satisfiable` says the same at preview, so the program does not repeat it.
    const warnRule = into(warnings, { policy: "approval-rules-always-satisfiable" });

    if (repo.existing === undefined && repo.name === undefined) {
        add([], "expected either `name` (create a project) or `existing` (adopt a project by its full path)");
    }
    if (repo.existing === undefined && repo.name !== undefined && repo.path === undefined && !projectPath.safeParse(slug(repo.name)).success) {
        add(["name"], `expected a name that yields a valid project path (it gave ${JSON.stringify(slug(repo.name))}); set \`path\` explicitly`, repo.name);
    }
    if (repo.existing !== undefined) {
        for (const key of CREATE_ONLY_OWN) {
            if (keys.isOwn([key])) add([key], `cannot be combined with \`existing\`: an adopted project is governed, not managed; remove it${key === "defaultBranch" ? " (set protectedBranch.branch to protect another branch)" : ""}`);
        }
    }

    const mr = repo.mergeRequestApprovals;
    // An unreadable setting counts as its default (author and committer approval off), the strict reading.
    const authorMayApprove = mr?.allowAuthorApproval === true;
    const exclusions = { authorMayApprove, committersMayApprove: mr?.allowCommitterApproval === true };
    if (production && authorMayApprove) {
        add(["mergeRequestApprovals", "allowAuthorApproval"], "expected false in a production stack: authors may never approve their own model changes", true);
    }
    if (mr?.selectiveCodeOwnerRemovals && mr.resetApprovalsOnPush) {
        add(["mergeRequestApprovals", "selectiveCodeOwnerRemovals"], "expected false while resetApprovalsOnPush is true: GitLab allows selective code owner removals only when approvals are not reset on push", true);
    }
    if (repo.protectedBranch?.unprotectAccessLevel === "admin" && !(facts.selfManaged && facts.adminToken)) {
        add(
            ["protectedBranch", "unprotectAccessLevel"],
            "expected developer or maintainer: GitLab refuses to create a protection that the token's user could not remove, and only an instance administrator can remove an `admin` one (nobody on gitlab.com); set ml-model-governance:selfManaged and ml-model-governance:adminToken to true only if both hold",
            "admin",
        );
    }

    const ruleNames = new Map<string, number>();
    repo.approvalRules?.forEach((rule, j) => {
        if (rule === undefined) return;
        const rel = ["approvalRules", j];
        const ruleKey = resourceKey(rule.name);
        const first = ruleNames.get(ruleKey);
        if (first !== undefined) add([...rel, "name"], `expected a unique rule name (compared ignoring case and punctuation); approvalRules[${first}] is ${JSON.stringify(repo.approvalRules?.[first]?.name)}`, rule.name);
        else ruleNames.set(ruleKey, j);

        for (const key of ["users", "groups"] as const) {
            for (const k of repeatedEntries(rule[key])) add([...rel, key, k], "expected each approver once; this one is listed twice", rule[key][k]);
        }
        if (rule.users.length === 0 && rule.groups.length === 0) {
            add(rel, "names no approvers; expected at least one entry in `users` or `groups`");
            return;
        }
        if (production && rule.approvalsRequired < MIN_PRODUCTION_APPROVALS) {
            add([...rel, "approvalsRequired"], `expected at least ${MIN_PRODUCTION_APPROVALS} in a production stack: a rule that requires no approval guards nothing`, rule.approvalsRequired);
            return;
        }
        const distinct = new Set(rule.users.map((u) => String(u).toLowerCase())).size;
        const reach = reachability(rule.approvalsRequired, distinct, rule.groups.length > 0, exclusions);
        if (reach.kind === "never") add([...rel, "approvalsRequired"], neverMessage(reach), rule.approvalsRequired);
        else if (reach.kind === "stalls") warnRule([...rel, "approvalsRequired"], stallMessage(reach), rule.approvalsRequired);
    });

    if (production && facts.automationUser !== undefined) checkAutomationUserApproves(repo, add, facts.automationUser);

    checkProjectOnlySettings(repo, keys, add, warn, facts);
    checkReleaseTags(repo, add, facts);
    if (tier === "free") {
        for (const { rel, feature, when } of PREMIUM_FEATURES) {
            if (keys.isSet(rel) && when(repo)) {
                add(rel, `${feature} need GitLab Premium or Ultimate, but tier is "free"; on Free this program manages the project and its protected branch (pushAccessLevel, mergeAccessLevel, allowForcePush) only; remove this key or set ml-model-governance:tier`);
            }
        }
    } else {
        checkCodeOwners(repo, add, warn, facts, exclusions);
        checkPromotionGate(repo, add);
        checkPushRulesAdmitOwnCommits(repo, add, facts);
        checkSharedGroupAccess(repo, add);
    }
    return { issues, warnings };
}

/**
 * In production the token's user may push the managed CODEOWNERS file, but
 * never approve: whoever holds the CI token would otherwise approve model
 * changes. Deploying (a deployer) and creating release tags stay allowed: that
 * is what pipelines and release bots do.
 * A numeric id that turns out to be this user is refused after the lookups.
 */
function checkAutomationUserApproves(repo: RepositoryView, add: Add, automationUser: string): void {
    for (const { ref, rel, role } of approverMentions(repo)) {
        if (role === "deployer" || role === "release tag creator" || typeof ref !== "string" || ref.toLowerCase() !== automationUser.toLowerCase()) continue;
        add(rel, automationApproverMessage(role, automationUser), ref);
    }
}

export function automationApproverMessage(role: ApproverRole, automationUser: string): string {
    return `expected someone other than ml-model-governance:automationUser (${automationUser}) as ${withArticle(role)} in a production stack: whoever holds the CI token could approve model changes as that user`;
}
