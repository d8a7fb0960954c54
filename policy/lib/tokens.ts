/**
 * The pulumi-gitlab type tokens this pack guards. Matching on tokens rather
 * than on SDK classes is what lets the pack guard a stack written with the
 * official `@pulumi/gitlab` SDK as well as this repository's own binding.
 */
export const GITLAB = {
    project: "gitlab:index/project:Project",
    branchProtection: "gitlab:index/branchProtection:BranchProtection",
    approvalRule: "gitlab:index/projectApprovalRule:ProjectApprovalRule",
    mrApprovals: "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals",
    repositoryFile: "gitlab:index/repositoryFile:RepositoryFile",
    protectedEnvironment: "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment",
    tagProtection: "gitlab:index/tagProtection:TagProtection",
    pushRules: "gitlab:index/projectPushRules:ProjectPushRules",
} as const;
