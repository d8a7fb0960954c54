import type * as pulumi from "@pulumi/pulumi";
import { frameworkIdentity } from "../config/complianceFrameworks";

/**
 * A tiny in-memory GitLab for runs under mocks (`npm run check`, unit tests):
 * stable fake ids for users, groups and projects, the outputs the provider
 * would compute, and answers to the program's lookups. Everything named
 * exists, unless a test says otherwise.
 */
export class OfflineGitLab {
    readonly baseUrl = "https://gitlab.example.com";
    private readonly users = new Map<string, number>();
    private readonly groups = new Map<string, number>();
    private nextId = 100;
    /** What GET /metadata says. */
    edition: "ce" | "ee" = "ee";
    /** Usernames GitLab does not know. */
    readonly missingUsers = new Set<string>();
    /** Adopted projects that are empty repositories. */
    readonly emptyProjects = new Set<string>();
    /** Members with access through a group, by group path or project path: `[username, accessLevel]`. */
    readonly inherited = new Map<string, Array<[string, string]>>();
    /** Groups an adopted project is already shared with, by project path: `[group path, access level value]`. */
    readonly shares = new Map<string, Array<[string, number]>>();
    /** Direct project members, by project path: `[username, accessLevel]`. */
    readonly direct = new Map<string, Array<[string, string]>>();
    private readonly projects = new Map<string, number>();
    private readonly frameworks = new Map<string, number>();
    /** Compliance frameworks GitLab does not have, as `<group>/<name>`. */
    readonly missingFrameworks = new Set<string>();
    /** The stack's outputs from its last deployment, as the engine would read them; none when undefined. */
    previousOutputs?: Record<string, unknown>;

    reset(): void {
        this.edition = "ee";
        this.previousOutputs = undefined;
        this.inherited.clear();
        this.direct.clear();
        this.shares.clear();
        this.missingUsers.clear();
        this.emptyProjects.clear();
        this.missingFrameworks.clear();
    }

    projectPath(id: string | number): string | undefined {
        return [...this.projects].find(([, v]) => String(v) === String(id))?.[0];
    }

    private membersOf(key: string, from: Map<string, Array<[string, string]>> = this.inherited): Array<{ id: number; username: string; accessLevel: string }> {
        return (from.get(key) ?? []).map(([username, accessLevel]) => ({ id: this.userId(username), username, accessLevel }));
    }

    userId(username: string): number {
        return this.idOf(this.users, username.toLowerCase());
    }

    /** The username of a user id: the one it was handed out for, or `user-<id>`, which then names it. */
    usernameOf(userId: number): string {
        const known = [...this.users].find(([, id]) => id === userId)?.[0];
        if (known !== undefined) return known;
        this.users.set(`user-${userId}`, userId);
        return `user-${userId}`;
    }

    groupId(fullPath: string): number {
        return this.idOf(this.groups, fullPath.toLowerCase());
    }

    groupPath(id: number): string | undefined {
        return [...this.groups].find(([, v]) => v === id)?.[0];
    }

    create(type: string, name: string, inputs: Record<string, any>): { id: string; state: Record<string, unknown> } {
        const id = this.nextId++;
        switch (type) {
            case "gitlab:index/project:Project": {
                const namespace = typeof inputs.namespaceId === "number" ? this.groupPath(inputs.namespaceId) : "token-user";
                const pathWithNamespace = `${namespace}/${inputs.path}`;
                return {
                    id: String(id),
                    state: { ...inputs, pathWithNamespace, webUrl: `${this.baseUrl}/${pathWithNamespace}`, defaultBranch: inputs.defaultBranch ?? "main" },
                };
            }
            case "gitlab:index/branchProtection:BranchProtection":
                return { id: `${inputs.project}:${inputs.branch}`, state: { ...inputs, branchProtectionId: id } };
            case "gitlab:index/complianceFramework:ComplianceFramework": {
                // The provider's id and framework id (resource_gitlab_compliance_framework.go): `<namespace_path>:<gid>`.
                const frameworkId = `gid://gitlab/ComplianceManagement::Framework/${id}`;
                return { id: `${inputs.namespacePath}:${frameworkId}`, state: { ...inputs, frameworkId } };
            }
            default:
                return { id: `${name}-id`, state: inputs };
        }
    }

    lookup(token: string, inputs: Record<string, any>): pulumi.runtime.MockCallResult {
        switch (token) {
            case "gitlab:index/getUser:getUser": {
                // By id: the user that id was handed out for, or one named after the id.
                const username: string = inputs.username ?? this.usernameOf(inputs.userId);
                // As the provider answers for a username GitLab does not know (sdk/data_source_gitlab_user.go, read at 18.x by the double).
                if (this.missingUsers.has(username.toLowerCase())) throw new Error(`couldn't find a user matching: ${username}`);
                const userId: number = inputs.userId ?? this.userId(username);
                return { id: String(userId), userId, username, name: username };
            }
            case "gitlab:index/getGroup:getGroup": {
                const fullPath: string = inputs.fullPath ?? this.groupPath(inputs.groupId) ?? `group-${inputs.groupId}`;
                const groupId = inputs.groupId ?? this.groupId(fullPath);
                return { id: String(groupId), groupId, fullPath, name: fullPath, webUrl: `${this.baseUrl}/groups/${fullPath}` };
            }
            case "gitlab:index/getMetadata:getMetadata":
                return { id: "1", version: "18.6.0-ee", revision: "abc", enterprise: this.edition === "ee", kas: { enabled: false, externalUrl: "", version: "" } };
            case "gitlab:index/getGroupMembership:getGroupMembership":
                return { id: inputs.fullPath, fullPath: inputs.fullPath, groupId: this.groupId(inputs.fullPath), accessLevel: "", members: this.membersOf(inputs.fullPath) };
            case "gitlab:index/getProjectMembership:getProjectMembership": {
                // GitLab lists a member once, at their highest access, direct or through a group.
                const path = this.projectPath(inputs.project) ?? String(inputs.project);
                const direct = this.membersOf(path, this.direct);
                const all = new Map(direct.map((m) => [m.id, m]));
                const rank = (l: string) => ["guest", "reporter", "developer", "maintainer", "owner"].indexOf(l);
                for (const m of this.membersOf(path)) if (rank(m.accessLevel) > rank(all.get(m.id)?.accessLevel ?? "")) all.set(m.id, m);
                const members = inputs.inherited ? [...all.values()] : direct;
                return { id: inputs.project, project: inputs.project, inherited: inputs.inherited, userIds: inputs.userIds ?? [], members };
            }
            case "gitlab:index/getProject:getProject":
                return {
                    id: String(this.idOf(this.projects, inputs.pathWithNamespace)),
                    pathWithNamespace: inputs.pathWithNamespace,
                    name: inputs.pathWithNamespace.split("/").pop(),
                    webUrl: `${this.baseUrl}/${inputs.pathWithNamespace}`,
                    defaultBranch: this.emptyProjects.has(inputs.pathWithNamespace) ? "" : "trunk",
                    emptyRepo: this.emptyProjects.has(inputs.pathWithNamespace),
                    sharedWithGroups: (this.shares.get(inputs.pathWithNamespace) ?? []).map(([path, level]) => ({ groupId: this.groupId(path), groupFullPath: path, groupName: path, groupAccessLevel: level })),
                };
            case "gitlab:index/getComplianceFramework:getComplianceFramework": {
                // As the provider's data source answers (datasource_gitlab_compliance_framework.go, and the double).
                const { namespacePath, name } = inputs as { namespacePath: string; name: string };
                if (this.missingFrameworks.has(`${namespacePath.toLowerCase()}/${name}`)) {
                    throw new Error(`Compliance Framework not found: Unable to find Compliance Framework: ${JSON.stringify(name)} in namespace: ${JSON.stringify(namespacePath)}`);
                }
                // One gid per group and name, whatever the order of the lookups.
                const frameworkId = `gid://gitlab/ComplianceManagement::Framework/${this.idOf(this.frameworks, frameworkIdentity({ group: namespacePath, name }))}`;
                return { id: `${namespacePath}:${frameworkId}`, frameworkId, namespacePath, name, description: `${name} (defined outside this stack)`, color: "#6699cc", default: false };
            }
            case "pulumi:pulumi:readStackOutputs":
                // The stack's last deployment, as the engine reads it: none offline unless a test sets one.
                return { name: inputs.name, outputs: this.previousOutputs ?? {}, secretOutputNames: [] };
            default:
                throw new Error(`FakeGitLab: no lookup ${token}`);
        }
    }

    private idOf(ids: Map<string, number>, key: string): number {
        let id = ids.get(key);
        if (id === undefined) {
            id = this.nextId++;
            ids.set(key, id);
        }
        return id;
    }
}
