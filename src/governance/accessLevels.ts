/** GitLab's role values by the provider's names, to compare an inherited role with the one a membership would grant. */
export const ACCESS_RANK: Readonly<Record<string, number>> = {
    "no one": 0,
    minimal: 5,
    guest: 10,
    planner: 15,
    reporter: 20,
    security_manager: 25,
    developer: 30,
    maintainer: 40,
    owner: 50,
};
