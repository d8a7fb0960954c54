import type { ConfigIssue, GovernanceConfig, PrincipalRef, Repository } from "../config";
import { groupsToShare } from "../config/sharing";
import { automationApproverMessage } from "../config/checks";
import { approverMentions, withArticle } from "../config/approverMentions";
import { ACCESS_LEVEL_VALUES } from "../contract/accessLevels";
import { namedApproversAt } from "./approvers";
import type { Named } from "./principalNames";

/** GitLab counts approvals, code owners and deployers from users with Developer access or more. */
const ELIGIBLE = ACCESS_LEVEL_VALUES.developer;

export interface ApproverAccess {
    /** A named user's GitLab id. */
    userId(ref: PrincipalRef): number;
    groupId(ref: PrincipalRef): number;
    groupPath(ref: PrincipalRef): string;
    /** The access the user will have to the repository's project without a membership of this program's (0: none). */
    accessWithoutMembership(repo: Repository, userId: number): number;
}

/**
 * Named approvers GitLab would silently ignore: no membership of this
 * program's (addApproversAsMembers off), and no Developer access to the
 * project directly, through its groups, or through a group it is shared
 * with. A refusal in production, where a rule that looks strict but counts
 * nobody is a governance failure; a warning elsewhere.
 *
 * GitLab's "eligible approvers": members of the project, of its groups, or
 * of a group it is shared with, with the Developer role or higher
 * (doc/user/project/merge_requests/approvals/rules.md, "Eligible approvers").
 */
export function ignoredApproverFindings(repo: Repository, access: ApproverAccess, automationUser: string | undefined, production: boolean): { issues: ConfigIssue[]; warnings: ConfigIssue[] } {
    const found: ConfigIssue[] = [];
    // A protected tag's creator is validated, not ignored: GitLab refuses one who is no member of the
    // project at all (422 "is not a member of the project", EE ProtectedRefAccess), at any role.
    const refused: ConfigIssue[] = [];
    const doubtful: ConfigIssue[] = [];
    if (!repo.addApproversAsMembers) {
        const project = repo.project.mode === "adopt" ? repo.project.pathWithNamespace : `${repo.project.namespace ?? "the token user's namespace"}/${repo.project.path}`;
        const where = repo.project.mode === "adopt" ? project : (repo.project.namespace ?? "the project");
        const remedy = `set addApproversAsMembers: true, make them a Developer of ${where}, or name a group instead`;
        for (const { ref, rel, role } of namedApproversAt(repo, automationUser)) {
            const level = access.accessWithoutMembership(repo, access.userId(ref));
            if (level >= ELIGIBLE) continue;
            const path = repo.keyPath(rel);
            if (role !== "release tag creator") {
                found.push({ path, value: ref, message: `is named as ${withArticle(role)}, but GitLab would ignore them: they have no Developer access to ${project} (directly, through its groups, or through a group it is shared with), and addApproversAsMembers is off; ${remedy}` });
            } else if (level === 0) {
                refused.push({ path, value: ref, message: `is named as a release tag creator, but GitLab would refuse the tag protection ("is not a member of the project"): they are no member of ${project} (directly, through its groups, or through a group it is shared with), and addApproversAsMembers is off; ${remedy}` });
            } else {
                // Accepted by GitLab; whether a member below Developer can then create the tag is not this program's to promise.
                doubtful.push({ path, value: ref, message: `is named as a release tag creator with less than Developer access to ${project}: GitLab accepts the protection, but creating tags otherwise needs Developer (\`admin_tag\`), so check that they can; ${remedy}` });
            }
        }
    }
    return production ? { issues: [...refused, ...found], warnings: doubtful } : { issues: refused, warnings: [...found, ...doubtful] };
}

/** The automation user named by id as an approver: the config check catches it by name, only the lookup by id. */
export function automationApproverByIdIssues(repo: Repository, automationUserId: number | undefined, automationUser: string | undefined): ConfigIssue[] {
    if (automationUserId === undefined || automationUser === undefined) return [];
    return approverMentions(repo).flatMap(({ ref, rel, role }) =>
        role !== "deployer" && ref === automationUserId ? [{ path: repo.keyPath(rel), value: ref, message: `is automationUser's id; ${automationApproverMessage(role, automationUser)}` }] : [],
    );
}

/**
 * Offline (`npm run check`) nobody knows GitLab's memberships: what preview
 * will verify is said instead of guessed, once per repository.
 */
export function unverifiedEligibilityWarnings(repo: Repository, automationUser: string | undefined, production: boolean): ConfigIssue[] {
    if (repo.addApproversAsMembers) return [];
    const named = namedApproversAt(repo, automationUser);
    if (named.length === 0) return [];
    const list = named.map((n) => String(n.ref)).join(", ");
    return [{
        path: repo.keyPath(["addApproversAsMembers"]),
        value: false,
        message: `not verifiable offline: GitLab ignores named approvers without Developer access to the project, and this program makes no memberships here (${list}); \`pulumi preview\` checks them against GitLab's members${production ? " and refuses any it would ignore" : " and warns of any it would ignore"}`,
    }];
}

/**
 * Groups whose members decide whether a named approver is eligible: those the
 * program shares a repository with, where memberships are off and someone it
 * names has no access yet. One entry per group, keyed by the repository that
 * first needs it, for messages.
 */
export function groupsToAskAbout(config: GovernanceConfig, access: ApproverAccess): Array<Named & { readonly id: number }> {
    const needed = new Map<number, Named & { readonly id: number }>();
    for (const repo of config.repositories) {
        if (repo.addApproversAsMembers) continue;
        const unresolved = namedApproversAt(repo, config.automationUser).some(({ ref }) => access.accessWithoutMembership(repo, access.userId(ref)) < ELIGIBLE);
        if (!unresolved) continue;
        for (const { group } of groupsToShare(repo, (ref) => access.groupPath(ref))) {
            const id = access.groupId(group);
            if (!needed.has(id)) needed.set(id, { id, name: access.groupPath(group), at: repo.keyPath(["addApproversAsMembers"]) });
        }
    }
    return [...needed.values()];
}
