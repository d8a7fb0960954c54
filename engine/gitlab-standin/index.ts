// GitLab REST API stand-in for engine tests: a small stateful HTTP server on
// 127.0.0.1 that answers the endpoints terraform-provider-gitlab v19.2.1
// (pulumi-gitlab v10.1.1) calls, the way GitLab's docs say GitLab does.
// What it models and what it does not: docs/gitlab-standin.md.
export { GitLabStandin, type RecordedRequest } from "./server";
export type { FaultSpec } from "./faults";
export type {
    FixtureAccessEntry,
    FixtureApprovalRule,
    FixtureGroup,
    FixtureMember,
    FixtureProject,
    FixtureProtectedBranch,
    FixturePushRule,
    FixtureShare,
    FixtureToken,
    FixtureUser,
    Fixtures,
} from "./fixtures";
export { addFixtures, loadFixtures } from "./fixtures";
export { readStateFile, restoreState, saveState, writeStateFile, type SavedState } from "./persist";
export { compileRe2, Re2SyntaxError } from "./re2";
export * from "./state";
