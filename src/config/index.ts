export { ConfigValidationError, renderIssue, renderPath, type ConfigIssue } from "./issues";
export type * from "./model";
export { resourceKey } from "./names";
export { parseGovernanceConfig, slug, type ParseContext } from "./parse";
export { NAMESPACE } from "./schema";
export { loadStackConfig, readNamespace } from "./stack";
