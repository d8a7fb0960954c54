/**
 * terraform-provider-gitlab's own names for GitLab's role values
 * (`api.AccessLevelNameToValue` / `AccessLevelValueToName`,
 * internal/provider/api/access_level_helpers.go, read in an 18.x copy:
 * VijetaPriya47/Gitlab-Terraform-Provider@0584d76c). `security_manager` (25)
 * is the 19.2.0 addition the provider schema v10.1.1 lists; the 19.2 source
 * itself was not available to read.
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

export function levelValue(name: unknown): number {
    const value = ACCESS_LEVEL_VALUES[String(name)];
    if (value === undefined) throw new Error(`unknown access level ${JSON.stringify(name)}`);
    return value;
}

/**
 * `AccessLevelValueToName[value]`. client-go decodes `access_level` into a
 * plain int, so a JSON null reads as 0, "no one"; a value with no name reads
 * as "" (a Go map miss).
 */
export function levelName(value: unknown): string {
    const found = Object.entries(ACCESS_LEVEL_VALUES).find(([, v]) => v === (value ?? 0));
    return found === undefined ? "" : found[0];
}
