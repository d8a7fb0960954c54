/**
 * GitLab's role values by the provider's names (terraform-provider-gitlab
 * `api.AccessLevelValueToName`; GitLab's members API: 0, 5, 10, 15, 20, 25,
 * 30, 40, 50, and 60 for administrators in protected-branch rules).
 */
export const ACCESS_LEVEL_VALUES: Readonly<Record<string, number>> = {
    "no one": 0,
    minimal: 5,
    guest: 10,
    planner: 15,
    reporter: 20,
    security_manager: 25,
    developer: 30,
    maintainer: 40,
    owner: 50,
    admin: 60,
};
