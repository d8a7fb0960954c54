import * as pulumi from "@pulumi/pulumi";
import { resourceKey, type CreatedProject, type Repository, type Tier } from "../config";
import { BranchProtection, Project, ProjectApprovalRule, ProjectLevelMrApprovals } from "../gitlab";
import { branchProtectionInputs } from "./branchProtectionInputs";
import { mergeRequestApprovalInputs } from "./mergeRequestApprovalInputs";
import type { PrincipalDirectory } from "./principals";

export interface ModelGovernanceArgs {
    readonly repository: Repository;
    readonly tier: Tier;
    /** Shared by every repository of the run, so each principal is looked up once. */
    readonly principals: PrincipalDirectory;
}

/** The project, its protected branch and its approval rules, for one model repository. */
export class ModelGovernance extends pulumi.ComponentResource {
    public static readonly __pulumiType = "ml-model-governance:index:ModelGovernance";

    readonly projectId: pulumi.Output<string>;
    readonly webUrl: pulumi.Output<string>;
    readonly pathWithNamespace: pulumi.Output<string>;
    readonly defaultBranch: pulumi.Output<string>;
    readonly protectedBranch: pulumi.Output<string>;
    readonly branchProtectionId: pulumi.Output<number>;
    readonly approvalRuleNames: string[];
    /** The children, for callers that need their ids or outputs. */
    readonly project?: Project;
    readonly branchProtection: BranchProtection;
    readonly mergeRequestApprovals?: ProjectLevelMrApprovals;
    readonly approvalRules: ProjectApprovalRule[];

    constructor(name: string, args: ModelGovernanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ModelGovernance.__pulumiType, name, {}, opts);
        const { repository: repo, tier, principals } = args;

        if (repo.project.mode === "create") {
            const project = this.createProject(name, repo.project, principals);
            this.project = project;
            this.projectId = project.id;
            this.webUrl = project.webUrl;
            this.pathWithNamespace = project.pathWithNamespace;
            this.defaultBranch = project.defaultBranch;
        } else {
            const existing = principals.project(repo.project.pathWithNamespace);
            this.projectId = existing.id;
            this.webUrl = existing.webUrl;
            this.pathWithNamespace = existing.pathWithNamespace;
            this.defaultBranch = existing.defaultBranch;
        }

        // Exactly one per project and branch: the provider takes over GitLab's
        // automatic protection of the default branch, and two would fight.
        const protection = (this.branchProtection = new BranchProtection(
            `${name}-protected-branch`,
            {
                project: this.projectId,
                branch: repo.protectedBranch.branch ?? this.defaultBranch,
                ...branchProtectionInputs(repo.protectedBranch, tier),
            },
            { parent: this },
        ));
        this.protectedBranch = protection.branch;
        this.branchProtectionId = protection.branchProtectionId;

        if (tier !== "free") {
            this.mergeRequestApprovals = new ProjectLevelMrApprovals(
                `${name}-mr-approvals`,
                { project: this.projectId, ...mergeRequestApprovalInputs(repo.mergeRequestApprovals) },
                { parent: this },
            );
        }

        this.approvalRules = repo.approvalRules.map(
            (rule) =>
                new ProjectApprovalRule(
                `${name}-rule-${resourceKey(rule.name)}`,
                {
                    project: this.projectId,
                    name: rule.name,
                    ruleType: "regular",
                    approvalsRequired: rule.approvalsRequired,
                    userIds: rule.users.map((u) => principals.userId(u)),
                    groupIds: rule.groups.map((g) => principals.groupId(g)),
                    // Scoped to the protected branch, so the rule guards exactly what the protection guards.
                    appliesToAllProtectedBranches: false,
                    protectedBranchIds: [protection.branchProtectionId],
                },
                { parent: this },
            ),
        );
        this.approvalRuleNames = repo.approvalRules.map((r) => r.name);

        this.registerOutputs({
            projectId: this.projectId,
            webUrl: this.webUrl,
            pathWithNamespace: this.pathWithNamespace,
            defaultBranch: this.defaultBranch,
            protectedBranch: this.protectedBranch,
            branchProtectionId: this.branchProtectionId,
            approvalRuleNames: this.approvalRuleNames,
        });
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
