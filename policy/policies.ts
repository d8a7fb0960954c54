import type { Policies } from "@pulumi/policy";
import { approvalRulesAlwaysSatisfiable, approvalRulesSatisfiable } from "./policies/approvalRulesSatisfiable";
import { noForcePushOrDeveloperPush } from "./policies/branchProtection";
import { codeOwnerApprovalWithCodeowners } from "./policies/codeOwnerApproval";
import { defaultBranchGoverned } from "./policies/defaultBranchGoverned";
import { noApproverOverridePerMergeRequest, noAuthorOrCommitterApproval, resetApprovalsOnPush } from "./policies/mergeRequestApprovals";
import { minApprovalsOnProtectedBranches } from "./policies/minApprovals";
import { productionModelRegistryMembersOnly } from "./policies/modelRegistry";
import { noEmptyApprovalRulesInProduction } from "./policies/noEmptyRules";
import { isProductionStack, productionProjectsProtected } from "./policies/productionProtect";
import { productionReleaseGates } from "./policies/releaseGates";

export {
    approvalRulesAlwaysSatisfiable,
    approvalRulesSatisfiable,
    codeOwnerApprovalWithCodeowners,
    defaultBranchGoverned,
    isProductionStack,
    minApprovalsOnProtectedBranches,
    noApproverOverridePerMergeRequest,
    noAuthorOrCommitterApproval,
    noEmptyApprovalRulesInProduction,
    noForcePushOrDeveloperPush,
    productionModelRegistryMembersOnly,
    productionProjectsProtected,
    productionReleaseGates,
    resetApprovalsOnPush,
};
export { GITLAB } from "./lib/tokens";
export { UNKNOWN } from "./lib/values";

/**
 * Every policy of the pack, in the order the docs list them. A plain array,
 * so tests can run the policies without constructing a PolicyPack (whose
 * constructor starts the analyzer's gRPC server).
 */
export const policies: Policies = [
    minApprovalsOnProtectedBranches,
    noAuthorOrCommitterApproval,
    resetApprovalsOnPush,
    noApproverOverridePerMergeRequest,
    noForcePushOrDeveloperPush,
    codeOwnerApprovalWithCodeowners,
    productionProjectsProtected,
    defaultBranchGoverned,
    approvalRulesSatisfiable,
    approvalRulesAlwaysSatisfiable,
    noEmptyApprovalRulesInProduction,
    productionReleaseGates,
    productionModelRegistryMembersOnly,
];
