import type { ConfigIssue, GovernanceConfig, Repository } from "../config";
import { groupsToShare } from "../config/sharing";
import { ACCESS_LEVEL_VALUES } from "../contract/accessLevels";
import { namedApprovers } from "./approvers";
import type { PrincipalDirectory } from "./principals";

/**
 * GitLab lets Developers and above change and delete models and model versions
 * (app/policies/project_policy.rb: `rule { developer & model_registry_enabled }
 * .enable :write_model_registry`; Guests and Reporters only read), and no
 * package protection rule covers them. In production, a model registry that is
 * not `disabled` on a project this program shares with groups at Developer or
 * gives members hands them those rights: the warning names each one, at
 * `modelRegistry`.
 */
export function modelRegistryWarnings(config: GovernanceConfig, principals: PrincipalDirectory): ConfigIssue[] {
    if (!config.production) return [];
    return config.repositories.flatMap((repo) => {
        const level = repo.modelRegistry?.registry;
        if (level === undefined || level === "disabled") return [];
        const grantees = registryGrantees(repo, principals, config.automationUser);
        if (grantees.length === 0) return [];
        return [
            {
                path: repo.keyPath(["modelRegistry", "registry"]),
                value: level,
                message: `the model registry is ${level} and this program gives ${grantees.join(", ")} access to the project: Developers and above can change and delete its models and model versions; set \`modelRegistry.registry: disabled\` if models are not registered in this project`,
            },
        ];
    });
}

/** The least role that may write to the model registry. */
const WRITES = ACCESS_LEVEL_VALUES.developer;

/** The groups the program shares the project with at Developer or more, and the users it makes (Developer) members, as GitLab names them. */
function registryGrantees(repo: Repository, principals: PrincipalDirectory, automationUser: string | undefined): string[] {
    const groups = groupsToShare(repo, (g) => principals.groupPath(g))
        .filter(({ access }) => ACCESS_LEVEL_VALUES[access] >= WRITES)
        .map(({ group, access }) => `group ${principals.groupPath(group)} (${access})`);
    const users = repo.addApproversAsMembers
        ? namedApprovers(repo, automationUser)
              .filter((u) => principals.getsMembership(repo, principals.userId(u)))
              .map((u) => `user ${principals.username(u)} (developer)`)
        : [];
    return [...groups, ...users];
}
