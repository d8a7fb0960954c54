import type { GovernanceConfig, PrincipalRef } from "../config";
import { getGroup, getProject, getUser, type GetProjectResult } from "../gitlab";
import { namedApprovers } from "./approvers";

/** The usernames, group paths and adopted project paths a config names, each once (GitLab compares them without case). */
export interface PrincipalNames {
    readonly users: readonly string[];
    readonly groups: readonly string[];
    readonly projects: readonly string[];
}

export function principalNames(config: GovernanceConfig): PrincipalNames {
    const users = new Map<string, string>();
    const groups = new Map<string, string>();
    const projects = new Map<string, string>();
    const add = (into: Map<string, string>, ref: PrincipalRef | undefined) => {
        if (typeof ref === "string" && !into.has(ref.toLowerCase())) into.set(ref.toLowerCase(), ref);
    };
    for (const repo of config.repositories) {
        if (repo.project.mode === "adopt") add(projects, repo.project.pathWithNamespace);
        else add(groups, repo.project.namespace);
        for (const rule of repo.approvalRules) {
            rule.users.forEach((u) => add(users, u));
            rule.groups.forEach((g) => add(groups, g));
        }
        const gate = repo.promotionGate;
        gate?.deployers.users.forEach((u) => add(users, u));
        gate?.deployers.groups.forEach((g) => add(groups, g));
        gate?.approvals.forEach((a) => (add(users, a.user), add(groups, a.group)));
        if (repo.addApproversAsMembers) namedApprovers(repo, config.automationUser).forEach((u) => add(users, u));
        if (repo.codeOwners) add(users, config.automationUser);
    }
    return { users: [...users.values()], groups: [...groups.values()], projects: [...projects.values()] };
}

/**
 * GitLab ids for every principal the config names, looked up once each,
 * concurrently, before any resource is built. Resources then get plain numbers
 * rather than Outputs: at fleet scale, Outputs are most of what the SDK costs.
 * Numeric ids in the config are used as they are, with no lookup.
 */
export class PrincipalDirectory {
    private constructor(
        private readonly users: ReadonlyMap<string, number>,
        private readonly groups: ReadonlyMap<string, number>,
        private readonly projects: ReadonlyMap<string, GetProjectResult>,
        /** How many GitLab lookups the run made. */
        readonly lookupCount: number,
    ) {}

    static async load(names: PrincipalNames): Promise<PrincipalDirectory> {
        const [users, groups, projects] = await Promise.all([
            lookupAll(names.users, (username) => getUser({ username }).then((u) => u.userId)),
            lookupAll(names.groups, (fullPath) => getGroup({ fullPath }).then((g) => g.groupId)),
            lookupAll(names.projects, (pathWithNamespace) => getProject({ pathWithNamespace })),
        ]);
        return new PrincipalDirectory(users, groups, projects, names.users.length + names.groups.length + names.projects.length);
    }

    userId(ref: PrincipalRef): number {
        return typeof ref === "number" ? ref : known(this.users, ref, "user");
    }

    groupId(ref: PrincipalRef): number {
        return typeof ref === "number" ? ref : known(this.groups, ref, "group");
    }

    project(pathWithNamespace: string): GetProjectResult {
        return known(this.projects, pathWithNamespace, "project");
    }
}

async function lookupAll<T>(names: readonly string[], lookup: (name: string) => Promise<T>): Promise<Map<string, T>> {
    const values = await Promise.all(names.map(lookup));
    return new Map(names.map((name, i) => [name.toLowerCase(), values[i]]));
}

function known<T>(map: ReadonlyMap<string, T>, name: string, kind: string): T {
    const value = map.get(name.toLowerCase());
    // principalNames and the components must name the same principals; a miss is a bug here, not bad config.
    if (value === undefined) throw new Error(`internal error: ${kind} ${JSON.stringify(name)} was not looked up before use`);
    return value;
}
