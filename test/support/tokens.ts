export const T = {
    project: "gitlab:index/project:Project",
    branchProtection: "gitlab:index/branchProtection:BranchProtection",
    approvalRule: "gitlab:index/projectApprovalRule:ProjectApprovalRule",
    mrApprovals: "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals",
    component: "ml-model-governance:index:ModelGovernance",
    getUser: "gitlab:index/getUser:getUser",
    getGroup: "gitlab:index/getGroup:getGroup",
    getProject: "gitlab:index/getProject:getProject",
} as const;
