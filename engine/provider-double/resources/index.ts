import { approvalRule } from "./approvalRule";
import { branchProtection } from "./branchProtection";
import { complianceFramework } from "./complianceFramework";
import { freezePeriod } from "./freezePeriod";
import type { ResourceHandler } from "./handler";
import { membership } from "./membership";
import { mrApprovals } from "./mrApprovals";
import { project } from "./project";
import { projectComplianceFrameworks } from "./projectComplianceFrameworks";
import { protectedEnvironment } from "./protectedEnvironment";
import { pushRules } from "./pushRules";
import { repositoryFile } from "./repositoryFile";
import { shareGroup } from "./shareGroup";
import { tagProtection } from "./tagProtection";

/** The resource types the double implements, by type token. */
export const RESOURCES: Readonly<Record<string, ResourceHandler>> = {
    "gitlab:index/project:Project": project,
    "gitlab:index/branchProtection:BranchProtection": branchProtection,
    "gitlab:index/projectApprovalRule:ProjectApprovalRule": approvalRule,
    "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals": mrApprovals,
    "gitlab:index/repositoryFile:RepositoryFile": repositoryFile,
    "gitlab:index/projectPushRules:ProjectPushRules": pushRules,
    "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment": protectedEnvironment,
    "gitlab:index/projectMembership:ProjectMembership": membership,
    "gitlab:index/projectShareGroup:ProjectShareGroup": shareGroup,
    "gitlab:index/tagProtection:TagProtection": tagProtection,
    "gitlab:index/projectFreezePeriod:ProjectFreezePeriod": freezePeriod,
    "gitlab:index/complianceFramework:ComplianceFramework": complianceFramework,
    "gitlab:index/projectComplianceFrameworks:ProjectComplianceFrameworks": projectComplianceFrameworks,
};
