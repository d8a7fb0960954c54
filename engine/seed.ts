// A GitLab for a stack: every user, group (with its ancestors) and adopted
// project the stack names, by the program's own walk of names
// (principalNames), with memberships that make its rules satisfiable. The
// engine suite seeds the stand-in from the stack files it previews, so no test
// depends on the names a stack file happens to hold; `npm run sandbox` seeds
// from the user's own stack and lets them edit memberships (docs/sandbox.md).
import type { Fixtures, FixtureGroup, FixtureProject, FixtureUser, StandinState } from "./gitlab-standin";
import { addFixtures } from "./gitlab-standin";
import type { GovernanceConfig, Repository } from "../src/config";
import { namedApprovers } from "../src/governance/approvers";
import { principalNames } from "../src/governance/principals";

/** The tokens every seeded GitLab has, owned by the automation user: one that writes, one that only reads. */
export const API_TOKEN = "glpat-standin-api";
export const READ_TOKEN = "glpat-standin-read";
/** Owns the tokens when the stack names no `automationUser`. */
export const DEFAULT_BOT = "governance-bot";
const ADMIN = "root";
const DEFAULT_VERSION = "18.2.1";

/** Member roles as GitLab's members API names them. */
export const ROLES = { guest: 10, planner: 15, reporter: 20, developer: 30, maintainer: 40, owner: 50 } as const;
export type Role = keyof typeof ROLES;

/** username → role */
export type Members = Record<string, Role>;

/** The GitLab a stack needs, by name: what a seed file holds (docs/sandbox.md). */
export interface Seed {
    edition: "ce" | "ee";
    version: string;
    /** Owns the API tokens and every top-level group, so it can create projects as the program's token does. */
    automationUser: string;
    /** Users that exist whether or not they are members of anything. */
    users: string[];
    /** Group full path → its direct members. Ancestors are created too. */
    groups: Record<string, Members>;
    /** Adopted projects (README on `main`) → their direct members. */
    projects: Record<string, Members>;
}

/** What the stacks name, and members enough that every group rule can reach its approvals. */
export function seedOf(configs: readonly GovernanceConfig[]): Seed {
    const [first] = configs;
    if (first === undefined) throw new Error("seedOf: no stack config to seed from");
    const editions = new Set(configs.map((c) => c.edition));
    if (editions.size > 1) throw new Error(`seedOf: the stacks disagree on the edition (${[...editions].join(", ")}); one GitLab cannot be both`);
    const automationUser = configs.find((c) => c.automationUser !== undefined)?.automationUser ?? DEFAULT_BOT;
    const users = new Set<string>([automationUser]);
    const groups = new Map<string, Members>();
    /** Groups the stacks name as approvers, code owners or gate members (not only as a namespace or an ancestor): they get members. */
    const principals = new Set<string>();
    const projects = new Map<string, Members>();
    const addGroup = (path: string, principal: boolean) => {
        for (const ancestor of selfAndAncestors(path)) if (!groups.has(ancestor)) groups.set(ancestor, {});
        if (principal) principals.add(path);
    };

    for (const config of configs) {
        const names = principalNames(config);
        for (const u of names.users) users.add(u.name);
        if (config.automationUser !== undefined) users.add(config.automationUser);
        for (const g of names.groups) addGroup(g.name, g.at[g.at.length - 1] !== "namespace");
        for (const g of names.namespaces) addGroup(g.name, false);
        for (const p of names.projects) {
            const namespace = p.name.slice(0, p.name.lastIndexOf("/"));
            if (!isPersonal(namespace, users)) addGroup(namespace, false);
            if (!projects.has(p.name)) projects.set(p.name, {});
        }
        // An adopted project that does not add its approvers as members has them already, as a real team's does.
        for (const repo of config.repositories) {
            if (repo.project.mode !== "adopt" || repo.addApproversAsMembers) continue;
            const members = projects.get(repo.project.pathWithNamespace) ?? {};
            for (const ref of namedApprovers(repo, config.automationUser)) if (typeof ref === "string") members[ref] = "developer";
            projects.set(repo.project.pathWithNamespace, members);
        }
    }

    // Synthetic Developer members, enough for the largest approval count with the author left out.
    const perGroup = Math.max(2, 1 + Math.max(0, ...configs.flatMap((c) => c.repositories.flatMap(approvalCounts))));
    const taken = new Set([...users, ...[...projects.values()].flatMap((m) => Object.keys(m))].map((u) => u.toLowerCase()));
    for (const [path, members] of groups) {
        if (!path.includes("/")) members[automationUser] = "owner";
        if (!principals.has(path)) continue;
        for (let i = 1; i <= perGroup; i++) {
            const name = syntheticName(path, i, taken);
            taken.add(name.toLowerCase());
            members[name] = "developer";
        }
    }
    return {
        edition: first.edition,
        version: DEFAULT_VERSION,
        automationUser,
        users: [...users],
        groups: Object.fromEntries(groups),
        projects: Object.fromEntries(projects),
    };
}

/** Every approval count a repository asks of its approvers. */
function approvalCounts(repo: Repository): number[] {
    return [
        ...repo.approvalRules.map((r) => r.approvalsRequired),
        ...(repo.codeOwners?.sections.map((s) => s.approvalsRequired ?? 1) ?? []),
        ...(repo.promotionGate?.approvals.map((a) => a.approvalsRequired ?? 1) ?? []),
    ];
}

function syntheticName(groupPath: string, i: number, taken: ReadonlySet<string>): string {
    const last = groupPath.slice(groupPath.lastIndexOf("/") + 1);
    const short = `${last}-member-${i}`;
    return taken.has(short.toLowerCase()) ? `${groupPath.replace(/\//g, "-")}-member-${i}` : short;
}

function selfAndAncestors(path: string): string[] {
    const segments = path.split("/");
    return segments.map((_, i) => segments.slice(0, i + 1).join("/"));
}

/** `alice/project`: a user's personal namespace, when `alice` is a user the seed knows. */
function isPersonal(namespace: string, users: ReadonlySet<string>): boolean {
    return !namespace.includes("/") && [...users].some((u) => u.toLowerCase() === namespace.toLowerCase());
}

/**
 * A seed with every name of `derived` that `edited` lacks added: a seed file
 * the user edited keeps their memberships, and a name the stack newly uses
 * still exists.
 */
export function completeSeed(edited: Seed, derived: Seed): { seed: Seed; added: string[] } {
    const added: string[] = [];
    const has = (list: Iterable<string>, name: string) => [...list].some((x) => x.toLowerCase() === name.toLowerCase());
    const everyUser = (s: Seed) => [s.automationUser, ...s.users, ...Object.values(s.groups).flatMap(Object.keys), ...Object.values(s.projects).flatMap(Object.keys)];
    const users = [...edited.users];
    for (const u of derived.users) {
        if (has(everyUser(edited), u) || has(users, u)) continue;
        users.push(u);
        added.push(`user ${u}`);
    }
    const groups = { ...edited.groups };
    for (const [path, members] of Object.entries(derived.groups)) {
        if (has(Object.keys(groups), path)) continue;
        groups[path] = members;
        added.push(`group ${path}`);
    }
    const projects = { ...edited.projects };
    for (const [path, members] of Object.entries(derived.projects)) {
        if (has(Object.keys(projects), path)) continue;
        projects[path] = members;
        added.push(`project ${path}`);
    }
    return { seed: { ...edited, edition: derived.edition, automationUser: derived.automationUser, users, groups, projects }, added };
}

/** Where each repository of a stack lives in GitLab: created ones in their namespace (the token user's own without one). */
export function projectPaths(config: GovernanceConfig, tokenUser: string): string[] {
    return config.repositories.map((r) => (r.project.mode === "adopt" ? r.project.pathWithNamespace : `${r.project.namespace ?? tokenUser}/${r.project.path}`));
}

/** The user behind the seeded API token. */
export function tokenUser(state: StandinState): string {
    const token = state.tokens.find((t) => t.token === API_TOKEN);
    const user = token === undefined ? undefined : state.user(token.user_id);
    if (user === undefined) throw new Error(`the stand-in has no user behind ${API_TOKEN}`);
    return user.username;
}

/** A fresh stand-in's fixtures for a seed. */
export function seedFixtures(seed: Seed): Fixtures {
    return { edition: seed.edition, version: seed.version, ...missingRecords(seed, undefined) };
}

/**
 * Brings a stand-in's state (a sandbox's saved GitLab) up to a seed: what the
 * seed names and the state lacks is added; every group the seed lists gets
 * exactly the seed's members (the program never changes group memberships);
 * every project the seed lists gets at least its members; the tokens belong to
 * the automation user. Nothing else the state holds is touched.
 */
export function applySeed(state: StandinState, seed: Seed): void {
    state.edition = seed.edition;
    state.version = seed.version;
    addFixtures(state, missingRecords(seed, state));
    const now = new Date().toISOString();
    const userId = (name: string) => {
        const user = state.user(name);
        if (user === undefined) throw new Error(`internal error: seeded user ${name} is missing`);
        return user.id;
    };
    for (const [path, members] of Object.entries(seed.groups)) {
        const group = state.group(path)!;
        const kept = new Map(group.members.map((m) => [m.user_id, m]));
        group.members = Object.entries(members).map(([name, role]) => {
            const id = userId(name);
            const old = kept.get(id);
            return old !== undefined && old.access_level === ROLES[role] ? old : { user_id: id, access_level: ROLES[role], expires_at: null, created_at: now, created_by: null };
        });
    }
    for (const [path, members] of Object.entries(seed.projects)) {
        const project = state.project(path)!;
        for (const [name, role] of Object.entries(members)) {
            const id = userId(name);
            const existing = project.members.find((m) => m.user_id === id);
            if (existing === undefined) project.members.push({ user_id: id, access_level: ROLES[role], expires_at: null, created_at: now, created_by: null });
            else existing.access_level = Math.max(existing.access_level, ROLES[role]);
        }
    }
    const bot = userId(seed.automationUser);
    for (const t of state.tokens) if (t.token === API_TOKEN || t.token === READ_TOKEN) t.user_id = bot;
}

/** Fixture records for what the seed names and `existing` (if any) lacks, with ids it does not use. */
function missingRecords(seed: Seed, existing: StandinState | undefined): Pick<Fixtures, "users" | "groups" | "projects" | "tokens"> {
    let next = 1 + Math.max(0, ...(existing?.users.map((u) => u.id) ?? []), ...(existing?.groups.map((g) => g.id) ?? []), ...(existing?.users.map((u) => u.namespace_id) ?? []), ...(existing?.projects.map((p) => p.id) ?? []));
    const id = () => next++;
    const userIds = new Map<string, number>((existing?.users ?? []).map((u) => [u.username.toLowerCase(), u.id]));
    const users: FixtureUser[] = [];
    const addUser = (username: string, admin = false) => {
        if (userIds.has(username.toLowerCase())) return;
        const user = { id: id(), username, name: displayName(username), email: `${username}@sandbox.example`, admin };
        userIds.set(username.toLowerCase(), user.id);
        users.push(user);
    };
    addUser(ADMIN, true);
    addUser(seed.automationUser);
    for (const u of seed.users) addUser(u);
    for (const members of [...Object.values(seed.groups), ...Object.values(seed.projects)]) for (const u of Object.keys(members)) addUser(u);
    const membersOf = (members: Members) => Object.entries(members).map(([name, role]) => ({ user_id: userIds.get(name.toLowerCase())!, access_level: ROLES[role] }));

    // A seed may list a subgroup without its parents; GitLab has them all.
    const wanted = new Map<string, { path: string; members: Members }>();
    for (const [path, members] of Object.entries(seed.groups)) {
        for (const p of selfAndAncestors(path)) if (!wanted.has(p.toLowerCase())) wanted.set(p.toLowerCase(), { path: p, members: {} });
        wanted.set(path.toLowerCase(), { path, members });
    }
    const groups: FixtureGroup[] = [...wanted.values()]
        .filter(({ path }) => existing?.group(path) === undefined)
        .map(({ path, members }) => ({ id: id(), full_path: path, name: displayName(path.slice(path.lastIndexOf("/") + 1)), members: membersOf(members) }));

    const projects: FixtureProject[] = [];
    for (const [path, members] of Object.entries(seed.projects)) {
        if (existing?.project(path) !== undefined) continue;
        const name = path.slice(path.lastIndexOf("/") + 1);
        projects.push({ id: id(), path_with_namespace: path, name, members: membersOf(members), files: { "README.md": `# ${name}\n\nAn existing project, seeded for the sandbox.\n` } });
    }

    const bot = userIds.get(seed.automationUser.toLowerCase())!;
    const tokens = [
        { token: API_TOKEN, user_id: bot, scopes: ["api" as const] },
        { token: READ_TOKEN, user_id: bot, scopes: ["read_api" as const] },
    ].filter((t) => !existing?.tokens.some((x) => x.token === t.token));
    return { users, groups, projects, tokens };
}

function displayName(slug: string): string {
    return slug
        .split(/[._-]+/)
        .filter(Boolean)
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(" ");
}
