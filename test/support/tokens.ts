export const T = {
    project: "gitlab:index/project:Project",
    branchProtection: "gitlab:index/branchProtection:BranchProtection",
    approvalRule: "gitlab:index/projectApprovalRule:ProjectApprovalRule",
    mrApprovals: "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals",
    membership: "gitlab:index/projectMembership:ProjectMembership",
    repositoryFile: "gitlab:index/repositoryFile:RepositoryFile",
    pushRules: "gitlab:index/projectPushRules:ProjectPushRules",
    protectedEnvironment: "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment",
    component: "ml-model-governance:index:ModelGovernance",
    getUser: "gitlab:index/getUser:getUser",
    getGroup: "gitlab:index/getGroup:getGroup",
    getProject: "gitlab:index/getProject:getProject",
} as const;
