import type { KeyPath, PrincipalRef, Repository } from "../config";

export interface NamedApprover {
    readonly ref: PrincipalRef;
    /** Where this repository first names the user, relative to the repository entry. */
    readonly rel: KeyPath;
}

/**
 * Every user named as an approver, deployer or code owner, once each, in
 * first-mention order, with the key that names them. GitLab ignores such users
 * silently unless they are project members, so these are the memberships to ensure.
 */
export function namedApproversAt(repo: Repository, automationUser?: string): NamedApprover[] {
    const owners = repo.codeOwners;
    const mentions: NamedApprover[] = [
        ...repo.approvalRules.flatMap((r, j) => r.users.map((ref, k) => ({ ref, rel: ["approvalRules", j, "users", k] }))),
        ...(repo.promotionGate?.deployers.users.map((ref, k) => ({ ref, rel: ["promotionGate", "deployers", "users", k] })) ?? []),
        ...(repo.promotionGate?.approvals.flatMap((a, k) => (a.user === undefined ? [] : [{ ref: a.user, rel: ["promotionGate", "approvals", k, "user"] }])) ?? []),
        ...(owners?.rules.flatMap((r, j) => r.users.map((ref, k) => ({ ref, rel: ["codeOwners", "rules", j, "users", k] }))) ?? []),
        ...(owners?.sections.flatMap((s, i) => s.rules.flatMap((r, j) => r.users.map((ref, k) => ({ ref, rel: ["codeOwners", "sections", i, "rules", j, "users", k] })))) ?? []),
    ];
    const seen = new Set<string>();
    // The token's user already administers the project; a Developer membership would try to demote it.
    if (automationUser !== undefined) seen.add(automationUser.toLowerCase());
    return mentions.filter(({ ref }) => {
        const key = String(ref).toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}

/** The users of `namedApproversAt`, without their keys. */
export function namedApprovers(repo: Repository, automationUser?: string): PrincipalRef[] {
    return namedApproversAt(repo, automationUser).map((a) => a.ref);
}
