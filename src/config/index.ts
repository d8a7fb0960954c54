export { ConfigValidationError, renderIssue, renderPath, type ConfigIssue, type KeyPath } from "./issues";
export type * from "./model";
export { resourceKey, slug } from "./names";
export { parseGovernanceConfig, type ParseContext } from "./parse";
export { NAMESPACE } from "./schema";
export { loadStackConfig } from "./stack";
export { pulumiConfigText, readNamespace } from "./namespace";
