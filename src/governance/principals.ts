import * as gitlab from "@pulumi/gitlab";
import * as pulumi from "@pulumi/pulumi";
import { renderIssue, type ConfigIssue, type GovernanceConfig, type PrincipalRef, type Repository } from "../config";
import { gateGroupsAt, isOwnGroup, ownGateGroupMessage } from "../config/groups";
import { groupsToShare, repositoryNamespace } from "../config/sharing";
import { namedApproversAt } from "./approvers";
import { ACCESS_LEVEL_VALUES } from "../contract/accessLevels";
import { automationApproverByIdIssues, groupsToAskAbout, ignoredApproverFindings, unverifiedEligibilityWarnings } from "./eligibility";
import { principalNames, type Named } from "./principalNames";
import { invokeOptions } from "./providerVersion";

export { principalNames, type PrincipalNames } from "./principalNames";

/** Lookups that failed or found something the config cannot work with, each tied to the key that asked for it. */
export class GitLabLookupError extends pulumi.RunError {
    readonly issues: readonly ConfigIssue[];
    constructor(issues: readonly ConfigIssue[]) {
        const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
        super(`GitLab does not match the ml-model-governance stack config (${count}); nothing was registered:\n${issues.map((i) => `  - ${renderIssue(i)}`).join("\n")}`);
        this.name = "GitLabLookupError";
        this.issues = issues;
    }
}

type Members = ReadonlyMap<number, number>;

/** The first line of a failed lookup's error: the provider's own message. */
export const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0];

/** What the lookups found, by name (lower case) or id. */
interface Lookups {
    readonly users: ReadonlyMap<string, number>;
    /** Each looked-up user's username as GitLab spells it, by id: resources are named after it. */
    readonly usernames: ReadonlyMap<number, string>;
    readonly groups: ReadonlyMap<string, { id: number; fullPath: string }>;
    readonly projects: ReadonlyMap<string, gitlab.GetProjectResult>;
    /** Highest access each user has to a namespace through group membership, by namespace. */
    readonly inheritedByNamespace: ReadonlyMap<string, Members>;
    /** Access adopted projects grant through groups only (not their direct members), by project path. */
    readonly inheritedByProject: ReadonlyMap<string, Members>;
    /** Adopted projects' direct members, by project path. */
    readonly directByProject: ReadonlyMap<string, Members>;
    /** Members of groups this program shares a project with, by group id (looked up only where an approver needs them). */
    readonly sharedGroupMembers: ReadonlyMap<number, Members>;
    /** How many GitLab lookups the run made. */
    readonly lookupCount: number;
}

/**
 * GitLab ids and facts for everything the config names, looked up once each,
 * concurrently, before any resource is built; resources then get plain
 * values rather than Outputs.
 */
export class PrincipalDirectory {
    private constructor(
        private readonly found: Lookups,
        /** What may not work, found in the lookups (named approvers GitLab would ignore, outside production). */
        readonly warnings: readonly ConfigIssue[] = [],
    ) {}

    get lookupCount(): number {
        return this.found.lookupCount;
    }

    /**
     * `membershipsKnown: false` (the offline check): GitLab's memberships are not known, so
     * which named approvers GitLab would ignore is not decided, only said to be verified at preview.
     */
    static async load(config: GovernanceConfig, { membershipsKnown = true }: { membershipsKnown?: boolean } = {}): Promise<PrincipalDirectory> {
        const names = principalNames(config);
        const issues: ConfigIssue[] = [];
        /** A lookup failed: the directory is incomplete, so checks that read it wait for the next run. */
        let incomplete = false;
        const settle = async <K, V>(items: readonly Named<K>[], lookup: (name: K) => Promise<V>, what: (name: K) => string): Promise<Map<string, V>> => {
            const results = await Promise.allSettled(items.map((i) => lookup(i.name)));
            const found = new Map<string, V>();
            results.forEach((r, i) => {
                const { name, at } = items[i];
                if (r.status === "fulfilled") found.set(String(name).toLowerCase(), r.value);
                else {
                    incomplete = true;
                    issues.push({ path: at, value: name, message: `${what(name)} (${reasonOf(r.reason)})` });
                }
            });
            return found;
        };
        const user = (u: gitlab.GetUserResult) => ({ id: u.userId, username: u.username });
        const group = (g: gitlab.GetGroupResult) => ({ id: g.groupId, fullPath: g.fullPath });

        const [metadata, usersByName, usersById, groups, groupsById, projects, namespaceMembers] = await Promise.all([
            settle([{ name: "metadata", at: ["edition"] }], () => gitlab.getMetadata(invokeOptions()), () => "could not read the instance's edition from GET /metadata"),
            settle(names.users, (username) => gitlab.getUser({ username }, invokeOptions()).then(user), (n) => `GitLab has no user ${JSON.stringify(n)} that the token can see`),
            settle(names.userIds, (userId) => gitlab.getUser({ userId }, invokeOptions()).then(user), (n) => `GitLab has no user with id ${n} that the token can see`),
            settle(names.groups, (fullPath) => gitlab.getGroup({ fullPath }, invokeOptions()).then(group), (n) => `GitLab has no group ${JSON.stringify(n)} that the token can see`),
            settle(names.groupIds, (groupId) => gitlab.getGroup({ groupId }, invokeOptions()).then(group), (n) => `GitLab has no group with id ${n} that the token can see`),
            settle(names.projects, (pathWithNamespace) => gitlab.getProject({ pathWithNamespace }, invokeOptions()), (n) => `GitLab has no project ${JSON.stringify(n)} that the token can see`),
            settle(names.namespaces, (fullPath) => gitlab.getGroupMembership({ fullPath, inherited: true }, invokeOptions()).then((m) => accessOf(m.members)), (n) => `could not list the members of ${JSON.stringify(n)}`),
        ]);
        for (const [path, g] of groupsById) groups.set(path, g);
        const users = new Map([...usersByName].map(([name, u]) => [name, u.id]));
        const usernames = new Map([...usersByName.values(), ...usersById.values()].map((u) => [u.id, u.username]));

        issues.push(...editionIssues(metadata.get("metadata"), config.edition), ...emptyRepositoryIssues(config, projects), ...ownGateGroupIssues(config, groupsById));

        // Adopted projects: who already has access, directly or through groups and shares. It decides
        // which approvers need a membership, which GitLab would refuse one, and which it would ignore.
        const adopted = config.repositories.flatMap((repo) => {
            const named = namedApproversAt(repo, config.automationUser);
            return repo.project.mode === "adopt" && named.length > 0 ? [{ repo, path: repo.project.pathWithNamespace, named }] : [];
        });
        const inheritedByProject = new Map<string, Members>();
        const directByProject = new Map<string, Members>();
        await Promise.all(
            adopted.map(async ({ repo, path, named }) => {
                const project = projects.get(path.toLowerCase());
                if (project === undefined) return;
                const approvers = named.map(({ ref, rel }) => ({ ref, rel, id: typeof ref === "number" ? ref : users.get(ref.toLowerCase()) }));
                const userIds = approvers.flatMap((a) => (a.id === undefined ? [] : [a.id]));
                try {
                    const [all, direct] = await Promise.all(
                        [true, false].map((inherited) => gitlab.getProjectMembership({ project: project.id, inherited, userIds }, invokeOptions()).then((m) => accessOf(m.members))),
                    );
                    inheritedByProject.set(path.toLowerCase(), throughGroups(all, direct));
                    directByProject.set(path.toLowerCase(), direct);
                    if (!repo.addApproversAsMembers) return;
                    // A direct membership below Developer predates this program (it only ever grants Developer):
                    // GitLab would answer 409 to a second one, and the approver would stay ineligible.
                    for (const { ref, rel, id } of approvers) {
                        const level = id === undefined ? undefined : direct.get(id);
                        if (level === undefined || level >= ACCESS_LEVEL_VALUES.developer) continue;
                        issues.push({
                            path: repo.keyPath(rel),
                            value: ref,
                            message: `is already a direct member of ${path} below Developer, which this program does not change; raise them to Developer in GitLab, or set addApproversAsMembers: false`,
                        });
                    }
                } catch (e) {
                    incomplete = true;
                    issues.push({ path: repo.keyPath(["existing"]), value: path, message: `could not list the project's members (${reasonOf(e)})` });
                }
            }),
        );
        const lookupCount = 1 + names.users.length + names.userIds.length + names.groups.length + names.groupIds.length + names.projects.length + names.namespaces.length + 2 * adopted.length;
        const base: Lookups = { users, usernames, groups, projects, inheritedByNamespace: namespaceMembers, inheritedByProject, directByProject, sharedGroupMembers: new Map(), lookupCount };
        if (incomplete) throw new GitLabLookupError(issues);

        // Approvers who get no membership and have no access yet may have it through a group this
        // program shares the project with: only then are that group's members looked up.
        const needed = membershipsKnown ? groupsToAskAbout(config, new PrincipalDirectory(base)) : [];
        const shared = await settle(needed, (fullPath) => gitlab.getGroupMembership({ fullPath, inherited: true }, invokeOptions()).then((m) => accessOf(m.members)), (n) => `could not list the members of ${JSON.stringify(n)}`);
        if (incomplete) throw new GitLabLookupError(issues);
        const sharedGroupMembers = new Map(needed.flatMap(({ id, name }) => (shared.has(name.toLowerCase()) ? [[id, shared.get(name.toLowerCase())!] as const] : [])));
        const directory = new PrincipalDirectory({ ...base, sharedGroupMembers, lookupCount: lookupCount + needed.length });

        const automationUserId = config.automationUser === undefined ? undefined : users.get(config.automationUser.toLowerCase());
        const warnings: ConfigIssue[] = [];
        issues.push(...directory.sharesBelowNeed(config));
        for (const repo of config.repositories) {
            const found = membershipsKnown ? ignoredApproverFindings(repo, directory, config.automationUser, config.production) : { issues: [], warnings: unverifiedEligibilityWarnings(repo, config.automationUser, config.production) };
            issues.push(...found.issues);
            warnings.push(...found.warnings);
            if (config.production) issues.push(...automationApproverByIdIssues(repo, automationUserId, config.automationUser));
        }
        if (issues.length > 0) throw new GitLabLookupError(issues);
        return new PrincipalDirectory(directory.found, warnings);
    }

    /** The username GitLab has for a user the config names (by name or id), as resources are named after it. */
    username(ref: PrincipalRef): string {
        const id = this.userId(ref);
        const name = this.found.usernames.get(id);
        if (name === undefined) throw new Error(`internal error: user ${JSON.stringify(ref)} was not looked up before use`);
        return name;
    }

    /**
     * The access a user will have to the repository's project without a membership of this
     * program's: through its namespace's groups (created), GitLab's own count of direct, group and
     * share access (adopted), or a group this program shares it with, capped at the share's role.
     */
    accessWithoutMembership(repo: Repository, userId: number): number {
        const existing =
            repo.project.mode === "adopt"
                ? Math.max(this.inheritedAccess(repo, userId), this.existingDirectAccess(repo, userId))
                : this.inheritedAccess(repo, userId);
        let viaShares = 0;
        for (const { group, access } of groupsToShare(repo, (g) => this.groupPath(g))) {
            const level = this.found.sharedGroupMembers.get(this.groupId(group))?.get(userId) ?? 0;
            viaShares = Math.max(viaShares, Math.min(level, ACCESS_LEVEL_VALUES[access]));
        }
        return Math.max(existing, viaShares);
    }

    userId(ref: PrincipalRef): number {
        return typeof ref === "number" ? ref : known(this.found.users, ref, "user");
    }

    groupId(ref: PrincipalRef): number {
        return typeof ref === "number" ? ref : known(this.found.groups, ref, "group").id;
    }

    /** The full path of a group the config names, by path or by id. */
    groupPath(ref: PrincipalRef): string {
        if (typeof ref === "string") return ref;
        const found = [...this.found.groups.values()].find((g) => g.id === ref);
        if (found === undefined) throw new Error(`internal error: group id ${ref} was not looked up before use`);
        return found.fullPath;
    }

    project(pathWithNamespace: string): gitlab.GetProjectResult {
        return known(this.found.projects, pathWithNamespace, "project");
    }

    /**
     * Whether this program makes a named approver a Developer member: not when they already
     * have Developer or more through a group, or directly above it, as GitLab refuses a
     * direct membership below an inherited one.
     */
    getsMembership(repo: Repository, userId: number): boolean {
        return this.inheritedAccess(repo, userId) < ACCESS_LEVEL_VALUES.developer && this.existingDirectAccess(repo, userId) <= ACCESS_LEVEL_VALUES.developer;
    }

    /** An adopted project's direct membership of a user (0: none); created projects have none but this program's. */
    existingDirectAccess(repo: Repository, userId: number): number {
        return repo.project.mode === "adopt" ? (this.found.directByProject.get(repo.project.pathWithNamespace.toLowerCase())?.get(userId) ?? 0) : 0;
    }

    /** The role an adopted project is already shared with a group at (0: not shared). */
    existingShareAccess(repo: Repository, groupId: number): number {
        if (repo.project.mode !== "adopt") return 0;
        return this.project(repo.project.pathWithNamespace).sharedWithGroups.find((g) => g.groupId === groupId)?.groupAccessLevel ?? 0;
    }

    /** Shares an adopted project already has below the role GitLab needs: a second share would be refused with 409. */
    private sharesBelowNeed(config: GovernanceConfig): ConfigIssue[] {
        return config.repositories.flatMap((repo) =>
            groupsToShare(repo, (g) => this.groupPath(g)).flatMap(({ group, access }) => {
                const existing = this.existingShareAccess(repo, this.groupId(group));
                if (existing === 0 || existing >= ACCESS_LEVEL_VALUES[access]) return [];
                return [{
                    path: repo.keyPath(["existing"]),
                    value: (repo.project as { pathWithNamespace: string }).pathWithNamespace,
                    message: `is already shared with ${this.groupPath(group)} below ${access}, the role GitLab needs for it here; raise the share in GitLab (Manage → Members → Groups), then preview again`,
                }];
            }),
        );
    }

    /** The access a user already has to the repository's project through its groups (0: none). */
    inheritedAccess(repo: Repository, userId: number): number {
        const members = repo.project.mode === "adopt" ? this.found.inheritedByProject.get(repo.project.pathWithNamespace.toLowerCase()) : this.found.inheritedByNamespace.get(repo.project.namespace?.toLowerCase() ?? "");
        return members?.get(userId) ?? 0;
    }
}

/** The config's edition against what `GET /metadata` says: the provider picks branch-protection inputs by it. */
function editionIssues(meta: gitlab.GetMetadataResult | undefined, edition: GovernanceConfig["edition"]): ConfigIssue[] {
    if (meta === undefined) return [];
    const actual = meta.enterprise ? "ee" : "ce";
    if (actual === edition) return [];
    const build = actual === "ee" ? "an Enterprise" : "a Community";
    return [{ path: ["edition"], value: edition, message: `expected "${actual}": GET /metadata says this GitLab (${meta.version}) is ${build} Edition build, which decides the branch-protection inputs the provider accepts` }];
}

/**
 * Promotion-gate groups given by id that turn out to be the project's own group
 * or an ancestor: validation refuses them by path, and only the lookup tells an
 * id's path. Left alone, GitLab would drop them from the environment silently.
 */
function ownGateGroupIssues(config: GovernanceConfig, byId: ReadonlyMap<string, { fullPath: string }>): ConfigIssue[] {
    return config.repositories.flatMap((repo) => {
        const gate = repo.promotionGate;
        const namespace = repositoryNamespace(repo);
        if (gate === undefined || namespace === undefined) return [];
        return gateGroupsAt(gate).flatMap(({ ref, rel }) => {
            const path = typeof ref === "number" ? byId.get(String(ref))?.fullPath : undefined;
            if (path === undefined || !isOwnGroup(path, namespace)) return [];
            return [{ path: repo.keyPath(rel), value: ref, message: `is group ${path}; ${ownGateGroupMessage(namespace)}` }];
        });
    });
}

/** Adopted projects without a default branch: there is nothing to protect yet. */
function emptyRepositoryIssues(config: GovernanceConfig, projects: ReadonlyMap<string, gitlab.GetProjectResult>): ConfigIssue[] {
    return config.repositories.flatMap((repo) => {
        if (repo.project.mode !== "adopt") return [];
        const project = projects.get(repo.project.pathWithNamespace.toLowerCase());
        if (project === undefined || (!project.emptyRepo && project.defaultBranch)) return [];
        return [{
            path: repo.keyPath(["existing"]),
            value: repo.project.pathWithNamespace,
            message: "is an empty repository with no default branch, so there is nothing to protect; push a first commit (a README) to it, then preview again",
        }];
    });
}

function accessOf(members: ReadonlyArray<{ id: number; accessLevel: string }>): Map<number, number> {
    return new Map(members.map((m) => [m.id, ACCESS_LEVEL_VALUES[m.accessLevel] ?? 0]));
}

/**
 * GitLab lists a member once, at their highest access. A user whose highest
 * access is above their direct membership, or who has no direct membership,
 * has that access through a group; a direct membership (this program's own
 * Developer one included) says nothing about groups, so it is left out.
 */
function throughGroups(all: Members, direct: Members): Members {
    return new Map([...all].filter(([id, level]) => !direct.has(id) || level > (direct.get(id) ?? 0)));
}

function known<T>(map: ReadonlyMap<string, T>, name: string, kind: string): T {
    const value = map.get(name.toLowerCase());
    // principalNames and the components must name the same principals; a miss is a bug here, not bad config.
    if (value === undefined) throw new Error(`internal error: ${kind} ${JSON.stringify(name)} was not looked up before use`);
    return value;
}
