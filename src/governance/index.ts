export { governFleet, type FleetOptions, type FleetOutputs, type RepositoryOutputs } from "./fleet";
export { ModelGovernance, type ModelGovernanceArgs } from "./modelGovernance";
export { PrincipalDirectory } from "./principals";
export { summarizeGovernance, summarizeRepository, type GovernanceSummary, type RepositorySummary } from "./summary";
