// @ts-check
"use strict";
/**
 * An in-memory GitLab for the benchmark's Pulumi mocks, modelled on
 * test/support/fakeGitLab.ts but self-contained, so the benchmark keeps
 * working whatever the tests' helpers become. Every lookup is O(1): the fake
 * must not be what grows with the fleet.
 */
const BASE_URL = "https://gitlab.example.com";

class FakeGitLab {
    constructor() {
        this.nextId = 100;
        /** @type {Map<string, number>} */ this.users = new Map();
        /** @type {Map<string, number>} */ this.groups = new Map();
        /** @type {Map<number, string>} */ this.groupPaths = new Map();
        /** @type {Set<string>} */ this.warned = new Set();
    }

    idOf(map, key) {
        let id = map.get(key);
        if (id === undefined) {
            id = this.nextId++;
            map.set(key, id);
        }
        return id;
    }

    /** The state a `newResource` mock returns: inputs plus what the provider computes. */
    create(type, name, inputs) {
        const id = this.nextId++;
        switch (type) {
            case "gitlab:index/project:Project": {
                const namespace = (typeof inputs.namespaceId === "number" && this.groupPaths.get(inputs.namespaceId)) || "token-user";
                const pathWithNamespace = `${namespace}/${inputs.path}`;
                return {
                    id: String(id),
                    state: { ...inputs, pathWithNamespace, webUrl: `${BASE_URL}/${pathWithNamespace}`, defaultBranch: inputs.defaultBranch ?? "main" },
                };
            }
            case "gitlab:index/branchProtection:BranchProtection":
                return { id: `${inputs.project}:${inputs.branch}`, state: { ...inputs, branchProtectionId: id } };
            default:
                return { id: `${name}-id`, state: inputs };
        }
    }

    /** The result a `call` mock returns for an invoke. */
    lookup(token, inputs) {
        switch (token) {
            case "gitlab:index/getUser:getUser": {
                const userId = this.idOf(this.users, String(inputs.username).toLowerCase());
                return { id: String(userId), userId, username: inputs.username, name: inputs.username };
            }
            case "gitlab:index/getGroup:getGroup": {
                const key = String(inputs.fullPath).toLowerCase();
                const groupId = this.idOf(this.groups, key);
                this.groupPaths.set(groupId, key);
                return { id: String(groupId), groupId, fullPath: inputs.fullPath, name: inputs.fullPath, webUrl: `${BASE_URL}/groups/${inputs.fullPath}` };
            }
            case "gitlab:index/getProject:getProject":
                return {
                    id: String(this.nextId++),
                    pathWithNamespace: inputs.pathWithNamespace,
                    name: String(inputs.pathWithNamespace).split("/").pop(),
                    webUrl: `${BASE_URL}/${inputs.pathWithNamespace}`,
                    defaultBranch: "trunk",
                };
            default:
                // A lookup the program gained after this fake was written: answer
                // generically rather than hang, and say so once.
                if (!this.warned.has(token)) {
                    this.warned.add(token);
                    process.stderr.write(`bench fake GitLab: no model of invoke ${token}; answering { id, ...inputs }\n`);
                }
                return { id: String(this.nextId++), ...inputs };
        }
    }
}

module.exports = { FakeGitLab };
