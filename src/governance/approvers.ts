import type { PrincipalRef, Repository } from "../config";

/**
 * Every user named as an approver, deployer or code owner, once each, in
 * first-mention order. GitLab ignores such users silently unless they are
 * project members, so these are the memberships to ensure.
 */
export function namedApprovers(repo: Repository, automationUser?: string): PrincipalRef[] {
    const refs: PrincipalRef[] = [
        ...repo.approvalRules.flatMap((r) => r.users),
        ...(repo.promotionGate?.deployers.users ?? []),
        ...(repo.promotionGate?.approvals.flatMap((a) => (a.user === undefined ? [] : [a.user])) ?? []),
        ...(repo.codeOwners ? [...repo.codeOwners.rules, ...repo.codeOwners.sections.flatMap((s) => s.rules)].flatMap((r) => r.users) : []),
    ];
    const seen = new Set<string>();
    // The token's user already administers the project; a Developer membership would try to demote it.
    if (automationUser !== undefined) seen.add(automationUser.toLowerCase());
    return refs.filter((ref) => {
        const key = String(ref).toLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
    });
}
