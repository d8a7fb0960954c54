import { loadStackConfig } from "./src/config";
import { governFleet } from "./src/governance";

// Validation throws before the first registration, so bad config never half-applies.
const fleet = governFleet(loadStackConfig());

export const projectUrl = fleet.projectUrl;
export const repositories = fleet.repositories;
export const governance = fleet.governance;
