// Every modelled endpoint, relative to /api/v4. Anything else is answered by
// GitLab's catch-all 404 and flagged `unmodelled` in the request log.
import type { Route } from "../router";
import { approvalRuleRoutes } from "./approvalRules";
import { approvalSettingsRoutes } from "./approvalSettings";
import { branchRoutes } from "./branches";
import { fileRoutes } from "./files";
import { freezePeriodRoutes } from "./freezePeriods";
import { groupRoutes } from "./groups";
import { memberRoutes } from "./members";
import { projectRoutes } from "./projects";
import { protectedBranchRoutes } from "./protectedBranches";
import { protectedEnvironmentRoutes } from "./protectedEnvironments";
import { protectedTagRoutes } from "./protectedTags";
import { pushRuleRoutes } from "./pushRule";
import { shareRoutes } from "./share";
import { userRoutes } from "./users";

export const routes: readonly Route[] = [
    ...userRoutes,
    ...groupRoutes,
    ...projectRoutes,
    ...protectedBranchRoutes,
    ...approvalRuleRoutes,
    ...approvalSettingsRoutes,
    ...fileRoutes,
    ...branchRoutes,
    ...pushRuleRoutes,
    ...protectedEnvironmentRoutes,
    ...protectedTagRoutes,
    ...freezePeriodRoutes,
    ...memberRoutes,
    ...shareRoutes,
];
