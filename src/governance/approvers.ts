import type { PrincipalRef, Repository } from "../config";
import { approverMentions, type ApproverMention } from "../config/approverMentions";

export type NamedApprover = ApproverMention;

/**
 * Every user named as an approver, deployer or code owner, once each, in
 * first-mention order, with the key that names them. GitLab ignores such users
 * silently unless they are project members, so these are the memberships to ensure.
 */
export function namedApproversAt(repo: Repository, automationUser?: string): NamedApprover[] {
    const seen = new Set<string>();
    // The token's user already administers the project; a Developer membership would try to demote it.
    if (automationUser !== undefined) seen.add(automationUser.toLowerCase());
    return approverMentions(repo).filter(({ ref }) => {
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
