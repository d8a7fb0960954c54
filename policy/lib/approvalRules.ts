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
 * Whether a count of approvals can be reached from a list of named users
 * (a rule or a CODEOWNERS section that names no group):
 * - `never`: it asks for more approvals than it names users, so no merge
 *   request can ever be approved. An error: it cannot work.
 * - `stalls`: GitLab excludes the merge request's author (author approval off)
 *   and users who pushed a commit to it (committer approval off); when one of
 *   the named users is excluded, too few remain, so some merge requests stall.
 *   A warning: "two approvals from our two leads" works for every merge
 *   request the leads review but do not write, which is how teams use it.
 * - `ok`: every merge request can be approved, or the rule names a group.
 */
export type Reachability =
    | { readonly kind: "ok" }
    | { readonly kind: "never"; readonly required: number; readonly users: number }
    | { readonly kind: "stalls"; readonly required: number; readonly users: number; readonly exclusions: ApproverExclusions };

export function reachability(required: number, distinctUsers: number, namesGroups: boolean, exclusions: ApproverExclusions): Reachability {
    if (namesGroups || required <= 0) return { kind: "ok" };
    if (required > distinctUsers) return { kind: "never", required, users: distinctUsers };
    const excluded = (exclusions.authorMayApprove ? 0 : 1) + (exclusions.committersMayApprove ? 0 : 1);
    if (required > distinctUsers - excluded) return { kind: "stalls", required, users: distinctUsers, exclusions };
    return { kind: "ok" };
}

const approvals = (n: number) => `${n} approval${n === 1 ? "" : "s"}`;
const users = (n: number) => `${n} named user${n === 1 ? "" : "s"}`;

/** Why a `never` count cannot work, and the only remedies that keep the rule a gate. */
export function neverMessage(r: Extract<Reachability, { kind: "never" }>): string {
    return `requires ${approvals(r.required)} but names only ${r.users} user${r.users === 1 ? "" : "s"} and no group, so no merge request could ever be approved; add users or a group`;
}

/**
 * Which merge requests a `stalls` count blocks, and the remedies. It never
 * suggests fewer approvals or author approval: both weaken the gate.
 */
export function stallMessage(r: Extract<Reachability, { kind: "stalls" }>): string {
    const { required, users: n, exclusions } = r;
    const authorOut = !exclusions.authorMayApprove;
    const committersOut = !exclusions.committersMayApprove;
    let which: string;
    if (authorOut && required > n - 1) {
        which = n === 1 ? "a merge request its one named user authors" : `a merge request authored by any of the ${users(n)}`;
    } else if (authorOut) {
        which = `a merge request authored by one of the ${users(n)} when another of them pushes a commit to it`;
    } else {
        which = `a merge request to which one of the ${users(n)} pushes a commit`;
    }
    const excluded = [...(authorOut ? ["its author"] : []), ...(committersOut ? ["users who pushed commits to it"] : [])].join(" and ");
    const committerHelps = committersOut && (authorOut ? required <= n - 1 : required <= n);
    const remedy = `add a named user or a group${committerHelps ? ", or allow committer approval (mergeRequestApprovals.allowCommitterApproval)" : ""}`;
    return `requires ${approvals(required)} from ${users(n)} and no group, but GitLab does not count ${excluded}: ${which} cannot be approved; ${remedy}`;
}
