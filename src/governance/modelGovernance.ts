import * as pulumi from "@pulumi/pulumi";
import { resourceKey, type CreatedProject, type PrincipalRef, type Repository, type Tier } from "../config";
import {
    BranchProtection,
    Project,
    ProjectApprovalRule,
    ProjectLevelMrApprovals,
    ProjectMembership,
    ProjectProtectedEnvironment,
    ProjectPushRules,
    RepositoryFile,
} from "../gitlab";
import { namedApprovers } from "./approvers";
import { branchProtectionInputs } from "./branchProtectionInputs";
import { renderCodeOwners } from "./codeOwnersFile";
import { mergeRequestApprovalInputs } from "./mergeRequestApprovalInputs";
import type { PrincipalDirectory } from "./principals";
import { promotionGateInputs } from "./promotionGateInputs";
import { pushRuleInputs } from "./pushRuleInputs";
import { summarizeApprovalRules, type ApprovalRuleSummary } from "./summary";

export interface ModelGovernanceArgs {
    readonly repository: Repository;
    readonly tier: Tier;
    /** Shared by every repository of the run, so each principal is looked up once. */
    readonly principals: PrincipalDirectory;
    /** The token's user: may push the managed CODEOWNERS file, and is never made a Developer member. */
    readonly automationUser?: string;
}

/**
 * One model repository under governance: the project, its one protected
 * branch, approval rules scoped to it, MR approval settings, and the ML
 * features configured for it (code owners, push rules, promotion gate,
 * approver memberships).
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
    /** Every GitLab resource this component registered, in registration order. */
    readonly children: pulumi.CustomResource[] = [];
    readonly project?: Project;
    readonly branchProtection: BranchProtection;

    constructor(name: string, args: ModelGovernanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ModelGovernance.__pulumiType, name, {}, opts);
        const { repository: repo, tier, principals, automationUser } = args;
        const child = <T extends pulumi.CustomResource>(resource: T): T => {
            this.children.push(resource);
            return resource;
        };
        const parent = { parent: this };

        // `project` and `defaultBranch` feed the children: plain values for an
        // adopted project (looked up already), the Project's id for a created one.
        let project: pulumi.Input<string>;
        let defaultBranch: string;
        if (repo.project.mode === "create") {
            const created = (this.project = child(this.createProject(name, repo.project, principals)));
            project = created.id;
            defaultBranch = repo.project.defaultBranch;
            this.projectId = created.id;
            this.webUrl = created.webUrl;
            this.pathWithNamespace = created.pathWithNamespace;
            this.defaultBranch = created.defaultBranch;
        } else {
            const existing = principals.project(repo.project.pathWithNamespace);
            project = existing.id;
            defaultBranch = existing.defaultBranch;
            this.projectId = pulumi.output(existing.id);
            this.webUrl = pulumi.output(existing.webUrl);
            this.pathWithNamespace = pulumi.output(existing.pathWithNamespace);
            this.defaultBranch = pulumi.output(existing.defaultBranch);
        }

        // Members first: GitLab silently drops approvers and deployers who are not
        // members. Rules and the gate take a member's id from its membership, which
        // orders them after it, and only after the memberships they name.
        const memberIds = new Map<string, pulumi.Input<number>>();
        if (repo.addApproversAsMembers) {
            for (const user of namedApprovers(repo, automationUser)) {
                const membership = child(
                    new ProjectMembership(
                        `${name}-member-${typeof user === "number" ? `id-${user}` : resourceKey(user)}`,
                        { project, userId: principals.userId(user), accessLevel: "developer" },
                        parent,
                    ),
                );
                memberIds.set(String(user).toLowerCase(), membership.userId);
            }
        }
        const approverId = (user: PrincipalRef) => memberIds.get(String(user).toLowerCase()) ?? principals.userId(user);

        // Exactly one per project and branch: the provider takes over GitLab's
        // automatic protection of the default branch, and two would fight.
        const managesFiles = repo.codeOwners !== undefined;
        const pushUsers = managesFiles && automationUser !== undefined ? [principals.userId(automationUser)] : [];
        const protection = (this.branchProtection = child(
            new BranchProtection(
                `${name}-protected-branch`,
                { project, branch: repo.protectedBranch.branch ?? defaultBranch, ...branchProtectionInputs(repo.protectedBranch, tier, pushUsers) },
                parent,
            ),
        ));
        this.protectedBranch = protection.branch;
        this.branchProtectionId = protection.branchProtectionId;

        if (tier !== "free") {
            child(new ProjectLevelMrApprovals(`${name}-mr-approvals`, { project, ...mergeRequestApprovalInputs(repo.mergeRequestApprovals) }, parent));
        }

        for (const rule of repo.approvalRules) {
            child(
                new ProjectApprovalRule(
                    `${name}-rule-${resourceKey(rule.name)}`,
                    {
                        project,
                        name: rule.name,
                        ruleType: "regular",
                        approvalsRequired: rule.approvalsRequired,
                        userIds: rule.users.map(approverId),
                        groupIds: rule.groups.map((g) => principals.groupId(g)),
                        // Scoped to the protected branch, so the rule guards exactly what the protection guards.
                        appliesToAllProtectedBranches: false,
                        protectedBranchIds: [protection.branchProtectionId],
                    },
                    parent,
                ),
            );
        }
        this.approvalRules = summarizeApprovalRules(repo.approvalRules);

        if (repo.anyApprover !== undefined) {
            // GitLab allows one any_approver rule per project; this is it. The
            // provider adopts an existing zero-approval one instead of failing.
            child(
                new ProjectApprovalRule(
                    `${name}-any-approver`,
                    { project, name: "Any approver", ruleType: "any_approver", approvalsRequired: repo.anyApprover.approvalsRequired, disableImportingDefaultAnyApproverRuleOnCreate: false },
                    parent,
                ),
            );
        }

        if (repo.codeOwners !== undefined) {
            child(
                new RepositoryFile(
                    `${name}-codeowners`,
                    {
                        project,
                        branch: defaultBranch,
                        filePath: repo.codeOwners.file,
                        content: renderCodeOwners(repo.codeOwners),
                        encoding: "text",
                        commitMessage: "Update CODEOWNERS from ml-model-governance stack config",
                        // An adopted project may already have one; it is taken over, not duplicated.
                        overwriteOnCreate: repo.project.mode === "adopt",
                    },
                    // After the protection that lets automationUser push it.
                    { parent: this, dependsOn: [protection] },
                ),
            );
        }

        if (repo.pushRules !== undefined) {
            child(new ProjectPushRules(`${name}-push-rules`, { project, ...pushRuleInputs(repo.pushRules) }, parent));
        }

        if (repo.promotionGate !== undefined) {
            child(new ProjectProtectedEnvironment(`${name}-promotion-gate`, { project, ...promotionGateInputs(repo.promotionGate, principals, approverId) }, parent));
        }

        // The stack exports every repository's details; the component's own state
        // keeps what identifies it, since each registered Output costs a round of
        // serialization per repository.
        this.registerOutputs({ projectId: this.projectId, webUrl: this.webUrl });
    }

    private createProject(name: string, project: CreatedProject, principals: PrincipalDirectory): Project {
        const { dataSafety } = project;
        return new Project(
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
            },
            { parent: this, protect: dataSafety.protect, retainOnDelete: dataSafety.retainOnDelete },
        );
    }
}
