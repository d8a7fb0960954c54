import * as gitlab from "@pulumi/gitlab";
import * as pulumi from "@pulumi/pulumi";
import { resourceKey, type CreatedProject, type Edition, type PrincipalRef, type Repository, type Tier } from "../config";
import { codeOwnersCommitMessages } from "../config/automationCommits";
import { groupsToShare } from "../config/sharing";
import { ACCESS_LEVEL_VALUES } from "../contract/accessLevels";
import { namedApprovers } from "./approvers";
import { branchProtectionInputs } from "./branchProtectionInputs";
import { renderCodeOwners } from "./codeOwnersFile";
import { mergeRequestApprovalInputs } from "./mergeRequestApprovalInputs";
import type { PrincipalDirectory } from "./principals";
import { promotionGateInputs } from "./promotionGateInputs";
import { pinned } from "./providerVersion";
import { pushRuleInputs } from "./pushRuleInputs";
import { freezePeriodInputs, projectReleaseInputs, releaseTagInputs } from "./releaseInputs";
import { summarizeApprovalRules, type ApprovalRuleSummary } from "./summary";

/** What the stack config says of the environment a repository is governed in; the policy pack reads it off the component. */
export interface GovernedEnvironment {
    readonly name: string;
    readonly production: boolean;
    readonly tier: Tier;
    readonly edition: Edition;
}

export interface ModelGovernanceArgs {
    readonly repository: Repository;
    readonly environment: GovernedEnvironment;
    /** Shared by every repository of the run, so each principal is looked up once. */
    readonly principals: PrincipalDirectory;
    /** The token's user: may push the managed CODEOWNERS file, and is never made a Developer member. */
    readonly automationUser?: string;
    /** The token's user's e-mail: the author of the CODEOWNERS commits. */
    readonly automationUserEmail?: string;
    /** The global id of the compliance framework the repository's `complianceFramework` names. */
    readonly complianceFrameworkId?: pulumi.Input<string>;
}

/**
 * One model repository under governance: the project, its one protected
 * branch, approval rules scoped to it, MR approval settings, and the ML
 * features configured for it (code owners, push rules, promotion gate,
 * approver memberships, and the group shares that make GitLab honour them).
 */
export class ModelGovernance extends pulumi.ComponentResource {
    public static readonly __pulumiType = "ml-model-governance:index:ModelGovernance";

    readonly projectId: pulumi.Output<string>;
    readonly webUrl: pulumi.Output<string>;
    readonly pathWithNamespace: pulumi.Output<string>;
    readonly defaultBranch: pulumi.Output<string>;
    readonly protectedBranch: pulumi.Output<string>;
    readonly branchProtectionId: pulumi.Output<number>;
    /** Each rule's name, count and approvers by username and group path (ids where the config gave ids). */
    readonly approvalRules: readonly ApprovalRuleSummary[];
    /** Approvers who already have Developer or more (through a group, or directly above it), so get no membership of their own. */
    readonly eligibleThroughGroups: readonly PrincipalRef[];
    /** Every GitLab resource this component registered, in registration order. */
    readonly children: pulumi.CustomResource[] = [];
    readonly project?: gitlab.Project;
    readonly branchProtection: gitlab.BranchProtection;

    constructor(name: string, args: ModelGovernanceArgs, opts?: pulumi.ComponentResourceOptions) {
        // The environment is the component's one input, and an output too: stack policies see a
        // component by its outputs, and the pack judges the stack by it (policy/lib/programEnvironment.ts).
        super(ModelGovernance.__pulumiType, name, { environment: args.environment }, opts);
        const { repository: repo, principals, automationUser } = args;
        const { tier, edition } = args.environment;
        const child = <T extends pulumi.CustomResource>(resource: T): T => {
            this.children.push(resource);
            return resource;
        };
        // In production, removing the repository from config stops managing its governance but never removes it from GitLab.
        const governed = (extra: pulumi.CustomResourceOptions = {}) => pinned({ parent: this, retainOnDelete: repo.retainGovernanceOnDelete, ...extra });

        // `project` and `defaultBranch` feed the children: plain values for an
        // adopted project (looked up already), the Project's id for a created one.
        let project: pulumi.Input<string>;
        let defaultBranch: string;
        /** The project id when adopted, for importing what it already has. */
        let adoptedId: string | undefined;
        if (repo.project.mode === "create") {
            const created = (this.project = child(this.createProject(name, repo.project, principals, projectReleaseInputs(repo, tier))));
            project = created.id;
            defaultBranch = repo.project.defaultBranch;
            this.projectId = created.id;
            this.webUrl = created.webUrl;
            this.pathWithNamespace = created.pathWithNamespace;
            this.defaultBranch = created.defaultBranch;
        } else {
            const existing = principals.project(repo.project.pathWithNamespace);
            project = adoptedId = existing.id;
            defaultBranch = existing.defaultBranch;
            this.projectId = pulumi.output(existing.id);
            this.webUrl = pulumi.output(existing.webUrl);
            this.pathWithNamespace = pulumi.output(existing.pathWithNamespace);
            this.defaultBranch = pulumi.output(existing.defaultBranch);
        }

        // An adopted project may already have shares and members: this program adds the
        // missing ones, adopts (imports) those already as it would make them, and never
        // removes either, since it cannot tell them from access granted before it came.
        const accessOpts = (importId: string | undefined, extra: pulumi.CustomResourceOptions = {}) =>
            governed({ ...extra, ...(adoptedId !== undefined ? { retainOnDelete: true } : {}), ...(importId ? { import: importId } : {}) });

        // Groups GitLab ignores unless the project is shared with them. The resources
        // that name them take the id from the share, which orders them after it.
        const sharedIds = new Map<number, pulumi.Input<number>>();
        for (const { group, access } of groupsToShare(repo, (g) => principals.groupPath(g))) {
            const groupId = principals.groupId(group);
            const existing = principals.existingShareAccess(repo, groupId);
            if (existing > ACCESS_LEVEL_VALUES[access]) continue; // already shared higher: GitLab honours it as it is
            const importId = existing === ACCESS_LEVEL_VALUES[access] ? `${adoptedId}:${groupId}` : undefined;
            // Named after the group's path, so a preview reads as what it governs; the alias keeps
            // a stack whose shares were named by group id.
            const share = child(
                new gitlab.ProjectShareGroup(
                    `${name}-share-${principals.groupPath(group).toLowerCase()}`,
                    { project, groupId, groupAccess: access },
                    accessOpts(importId, { aliases: [{ name: `${name}-share-${groupId}` }] }),
                ),
            );
            sharedIds.set(groupId, share.groupId);
        }
        const groupIdOf = (g: PrincipalRef) => sharedIds.get(principals.groupId(g)) ?? principals.groupId(g);

        // Members before the rules: GitLab silently drops approvers and deployers who are not
        // members. The resource follows the GitLab user, not the spelling in config, so
        // switching between a username and an id changes nothing. A user who already has
        // Developer or more through a group, or directly above it, needs none: GitLab
        // refuses a direct membership below an inherited one.
        const memberIds = new Map<number, pulumi.Input<number>>();
        const throughGroups: PrincipalRef[] = [];
        if (repo.addApproversAsMembers) {
            for (const user of namedApprovers(repo, automationUser)) {
                const userId = principals.userId(user);
                if (!principals.getsMembership(repo, userId)) {
                    throughGroups.push(user);
                    continue;
                }
                const direct = principals.existingDirectAccess(repo, userId);
                const importId = direct === ACCESS_LEVEL_VALUES.developer ? `${adoptedId}:${userId}` : undefined;
                // Named after the GitLab user, not the config's spelling (a username or an id), so
                // switching between the two changes nothing; the aliases keep stacks whose
                // memberships were named by user id, or by the config's spelling before that.
                const memberName = `${name}-member-${principals.username(user).toLowerCase()}`;
                const aliases = [`${name}-member-${userId}`, `${name}-member-${typeof user === "number" ? `id-${user}` : resourceKey(user)}`].filter((n) => n !== memberName).map((n) => ({ name: n }));
                const membership = child(
                    new gitlab.ProjectMembership(
                        memberName,
                        { project, userId, accessLevel: "developer" },
                        accessOpts(importId, { aliases }),
                    ),
                );
                memberIds.set(userId, membership.userId);
            }
        }
        this.eligibleThroughGroups = throughGroups;
        const approverId = (user: PrincipalRef) => memberIds.get(principals.userId(user)) ?? principals.userId(user);

        // Exactly one per project and branch: the provider takes over GitLab's
        // automatic protection of the default branch, and two would fight.
        const pushUsers = repo.codeOwners !== undefined && automationUser !== undefined ? [principals.userId(automationUser)] : [];
        const protection = (this.branchProtection = child(
            new gitlab.BranchProtection(
                `${name}-protected-branch`,
                { project, branch: repo.protectedBranch.branch ?? defaultBranch, ...branchProtectionInputs(repo.protectedBranch, edition, tier, pushUsers) },
                governed(),
            ),
        ));
        this.protectedBranch = protection.branch;
        this.branchProtectionId = protection.branchProtectionId;

        if (tier !== "free") {
            // Adopted: imported and then updated, because only the provider's update switches
            // selective code owner removals off before it turns reset-on-push on.
            child(new gitlab.ProjectLevelMrApprovals(`${name}-mr-approvals`, { project, ...mergeRequestApprovalInputs(repo.mergeRequestApprovals) }, governed(adoptedId ? { import: adoptedId } : {})));
        }

        for (const rule of repo.approvalRules) {
            child(
                new gitlab.ProjectApprovalRule(
                    `${name}-rule-${resourceKey(rule.name)}`,
                    {
                        project,
                        name: rule.name,
                        ruleType: "regular",
                        approvalsRequired: rule.approvalsRequired,
                        // By GitLab id, whatever the config's order: an edit to the list changes only what it changes.
                        userIds: byId(rule.users, (u) => principals.userId(u)).map(approverId),
                        groupIds: rule.groups.map((g) => principals.groupId(g)).sort((a, b) => a - b),
                        // Scoped to the protected branch, so the rule guards exactly what the protection guards.
                        // Only the ids: the provider refuses them beside appliesToAllProtectedBranches, even `false`.
                        protectedBranchIds: [protection.branchProtectionId],
                    },
                    governed(),
                ),
            );
        }
        this.approvalRules = summarizeApprovalRules(repo.approvalRules);

        if (repo.anyApprover !== undefined) {
            // GitLab allows one any_approver rule per project; this is it. The
            // provider adopts an existing zero-approval one instead of failing.
            child(
                new gitlab.ProjectApprovalRule(
                    `${name}-any-approver`,
                    { project, name: "Any approver", ruleType: "any_approver", approvalsRequired: repo.anyApprover.approvalsRequired, disableImportingDefaultAnyApproverRuleOnCreate: false },
                    governed(),
                ),
            );
        }

        if (repo.codeOwners !== undefined) {
            const messages = codeOwnersCommitMessages(repo.pushRules, automationUser, args.automationUserEmail);
            child(
                new gitlab.RepositoryFile(
                    `${name}-codeowners`,
                    {
                        project,
                        branch: defaultBranch,
                        filePath: repo.codeOwners.file,
                        content: renderCodeOwners(repo.codeOwners),
                        encoding: "text",
                        // Each commit is checked against the push rules at validation (src/config/mlChecks.ts).
                        createCommitMessage: messages.create,
                        updateCommitMessage: messages.update,
                        deleteCommitMessage: messages.delete,
                        ...(args.automationUserEmail ? { authorEmail: args.automationUserEmail, authorName: automationUser } : {}),
                        // An adopted project may already have one; it is taken over, not duplicated.
                        overwriteOnCreate: repo.project.mode === "adopt",
                    },
                    // After the protection that lets automationUser push it, and the shares that make its groups count.
                    governed({ dependsOn: [protection, ...this.children.filter((c) => c instanceof gitlab.ProjectShareGroup)] }),
                ),
            );
        }

        if (repo.pushRules !== undefined) {
            child(new gitlab.ProjectPushRules(`${name}-push-rules`, { project, ...pushRuleInputs(repo.pushRules) }, governed()));
        }

        if (repo.promotionGate !== undefined) {
            child(new gitlab.ProjectProtectedEnvironment(`${name}-promotion-gate`, { project, ...promotionGateInputs(repo.promotionGate, approverId, groupIdOf) }, governed()));
            // Honoured only by jobs that check $CI_DEPLOY_FREEZE; by position, so an edit updates in place.
            repo.promotionGate.freezePeriods.forEach((period, i) => {
                child(new gitlab.ProjectFreezePeriod(`${name}-freeze-${i}`, { project, ...freezePeriodInputs(period) }, governed()));
            });
        }

        // Anything tagged may be deployed: only the named creators may make a release tag.
        for (const tag of repo.releaseTags) {
            // Every input replaces it, under the same tag: created first, the new protection would be the one the old one's delete removes.
            child(new gitlab.TagProtection(`${name}-tag-${tag.pattern}`, { project, ...releaseTagInputs(tag, approverId, groupIdOf) }, governed({ deleteBeforeReplace: true })));
        }

        if (args.complianceFrameworkId !== undefined) {
            // projectUpdateComplianceFrameworks sets the project's whole list, and the provider
            // replaces this resource for any change of it (RequiresReplace) and empties the list on
            // delete: created first, the new list would be emptied by the old one's delete.
            child(
                new gitlab.ProjectComplianceFrameworks(`${name}-compliance-frameworks`, { project, complianceFrameworkIds: [args.complianceFrameworkId] }, governed({ deleteBeforeReplace: true })),
            );
        }

        // The stack exports every repository's details; the component's own state
        // keeps what identifies it, since each registered Output costs a round of
        // serialization per repository.
        this.registerOutputs({ projectId: this.projectId, webUrl: this.webUrl, environment: args.environment });
    }

    private createProject(name: string, project: CreatedProject, principals: PrincipalDirectory, settings: gitlab.ProjectArgs): gitlab.Project {
        const { dataSafety } = project;
        return new gitlab.Project(
            `${name}-project`,
            {
                name: project.name,
                path: project.path,
                namespaceId: project.namespace === undefined ? undefined : principals.groupId(project.namespace),
                description: project.description,
                visibilityLevel: project.visibility,
                defaultBranch: project.defaultBranch,
                // The default branch must exist for its protection to mean anything.
                initializeWithReadme: true,
                topics: [...project.topics],
                archiveOnDestroy: dataSafety.archiveOnDestroy,
                ...settings,
            },
            pinned({ parent: this, protect: dataSafety.protect, retainOnDelete: dataSafety.retainOnDelete }),
        );
    }
}

function byId<T>(refs: readonly T[], id: (ref: T) => number): T[] {
    return [...refs].sort((a, b) => id(a) - id(b));
}
