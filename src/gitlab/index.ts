// A typed mirror of the parts of pulumi-gitlab v10.1.1 this program uses, with
// the official SDK's names: moving to `@pulumi/gitlab` is an import change.
export * from "./branchProtection";
export * from "./invokes";
export * from "./project";
export * from "./projectApprovalRule";
export * from "./projectLevelMrApprovals";
export * from "./projectMembership";
export * from "./projectProtectedEnvironment";
export * from "./projectPushRules";
export * from "./repositoryFile";
export { PROVIDER_VERSION } from "./provider";
