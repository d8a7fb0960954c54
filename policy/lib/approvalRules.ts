/**
 * Governance rules shared by the program's config validation, the offline
 * check and the policy pack, so the three can never disagree. They live in the
 * pack, which must stand alone (`pulumi policy publish` uploads only
 * `policy/`); the program imports them from here.
 */

/** The fewest approvals a production approval rule may require: a rule that requires none guards nothing. */
export const MIN_PRODUCTION_APPROVALS = 1;

export interface ApproverExclusions {
    /** GitLab's "Prevent approval by merge request creator" is off. */
    readonly authorMayApprove: boolean;
    /** GitLab's "Prevent approvals by users who add commits" is off. */
    readonly committersMayApprove: boolean;
}

/**
 * How many of a rule's named users are sure to be able to approve: the author
 * may be one of them, and, with committer approval off, so may someone who
 * pushed a commit to the merge request (a reviewer's fix-up). A rule that
 * names a group can draw on all its members, so its count is not bounded here.
 */
export function reachableApprovals(distinctUsers: number, namesGroups: boolean, exclusions: ApproverExclusions): number {
    if (namesGroups) return Number.POSITIVE_INFINITY;
    const excluded = (exclusions.authorMayApprove ? 0 : 1) + (exclusions.committersMayApprove ? 0 : 1);
    return Math.max(0, distinctUsers - excluded);
}

/** Why those users are excluded, for messages. */
export function exclusionReason(exclusions: ApproverExclusions): string {
    const who = [
        ...(exclusions.authorMayApprove ? [] : ["the merge request's author"]),
        ...(exclusions.committersMayApprove ? [] : ["a named user who pushed a commit to it"]),
    ];
    return who.length === 0 ? "every named user may approve" : `${who.join(" and ")} cannot approve, and either may be one of them`;
}
