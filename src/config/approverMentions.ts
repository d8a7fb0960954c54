import type { KeyPath } from "./issues";
import type { PrincipalRef } from "./model";

/** What a named user is asked to do; each needs Developer access in the project, or GitLab ignores them. */
export type ApproverRole = "approver" | "deployer" | "promotion approver" | "code owner" | "release tag creator";

export interface ApproverMention<R = PrincipalRef> {
    readonly ref: R;
    /** The key that names the user, relative to the repository entry. */
    readonly rel: KeyPath;
    readonly role: ApproverRole;
}

/** The parts of a repository that name users, as validation (partly parsed) and the program (parsed) both see them. */
export interface NamesUsers<R> {
    readonly approvalRules?: ReadonlyArray<{ readonly users: readonly R[] } | undefined>;
    readonly promotionGate?: { readonly deployers: { readonly users: readonly R[] }; readonly approvals: ReadonlyArray<{ readonly user?: R }> };
    readonly codeOwners?: {
        readonly rules: ReadonlyArray<{ readonly users: readonly R[] }>;
        readonly sections: ReadonlyArray<{ readonly rules: ReadonlyArray<{ readonly users: readonly R[] }> }>;
    };
    readonly releaseTags?: ReadonlyArray<{ readonly users: readonly R[] } | undefined>;
}

/**
 * Every mention of a user as an approver, deployer, promotion approver, code
 * owner or release tag creator, in config order, with its key: the one walk behind memberships,
 * lookups, eligibility and the automation-user check.
 */
export function approverMentions<R>(repo: NamesUsers<R>): ApproverMention<R>[] {
    const owners = repo.codeOwners;
    return [
        ...(repo.approvalRules ?? []).flatMap((r, j) => (r?.users ?? []).map((ref, k) => ({ ref, rel: ["approvalRules", j, "users", k], role: "approver" as const }))),
        ...(repo.promotionGate?.deployers.users.map((ref, k) => ({ ref, rel: ["promotionGate", "deployers", "users", k], role: "deployer" as const })) ?? []),
        ...(repo.promotionGate?.approvals.flatMap((a, k) => (a.user === undefined ? [] : [{ ref: a.user, rel: ["promotionGate", "approvals", k, "user"], role: "promotion approver" as const }])) ?? []),
        ...(owners?.rules.flatMap((r, j) => r.users.map((ref, k) => ({ ref, rel: ["codeOwners", "rules", j, "users", k], role: "code owner" as const }))) ?? []),
        ...(owners?.sections.flatMap((s, i) => s.rules.flatMap((r, j) => r.users.map((ref, k) => ({ ref, rel: ["codeOwners", "sections", i, "rules", j, "users", k], role: "code owner" as const })))) ?? []),
        ...(repo.releaseTags?.flatMap((t, i) => (t?.users ?? []).map((ref, k) => ({ ref, rel: ["releaseTags", i, "users", k], role: "release tag creator" as const }))) ?? []),
    ];
}

/** "an approver", "a code owner": for messages. */
export function withArticle(role: ApproverRole): string {
    return `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;
}
