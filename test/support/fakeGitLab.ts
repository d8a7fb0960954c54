import type * as pulumi from "@pulumi/pulumi";

/**
 * A tiny in-memory GitLab for the mocks: stable ids for users, groups and
 * projects, and the outputs the provider would compute.
 */
export class FakeGitLab {
    readonly baseUrl = "https://gitlab.example.com";
    private readonly users = new Map<string, number>();
    private readonly groups = new Map<string, number>();
    private nextId = 100;

    userId(username: string): number {
        return this.idOf(this.users, username.toLowerCase());
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
            default:
                return { id: `${name}-id`, state: inputs };
        }
    }

    lookup(token: string, inputs: Record<string, any>): pulumi.runtime.MockCallResult {
        switch (token) {
            case "gitlab:index/getUser:getUser": {
                // As the provider answers for a username GitLab does not know.
                if (String(inputs.username).startsWith("ghost")) throw new Error(`GET /users?username=${inputs.username}: 404 user not found`);
                const userId = this.userId(inputs.username);
                return { id: String(userId), userId, username: inputs.username, name: inputs.username };
            }
            case "gitlab:index/getGroup:getGroup": {
                const groupId = this.groupId(inputs.fullPath);
                return { id: String(groupId), groupId, fullPath: inputs.fullPath, name: inputs.fullPath, webUrl: `${this.baseUrl}/groups/${inputs.fullPath}` };
            }
            case "gitlab:index/getProject:getProject":
                return {
                    id: String(this.idOf(new Map(), inputs.pathWithNamespace)),
                    pathWithNamespace: inputs.pathWithNamespace,
                    name: inputs.pathWithNamespace.split("/").pop(),
                    webUrl: `${this.baseUrl}/${inputs.pathWithNamespace}`,
                    defaultBranch: "trunk",
                };
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
