import type { GovernanceConfig, KeyPath, PrincipalRef } from "../config";
import { gateGroupsAt } from "../config/groups";
import { namedApproversAt } from "./approvers";

/** A name the config uses, and the first key that holds it, for messages. */
export interface Named<T = string> {
    readonly name: T;
    readonly at: KeyPath;
}

/** Everything a config asks GitLab about, each once (GitLab compares names without case). */
export interface PrincipalNames {
    readonly users: readonly Named[];
    /** Users given by id: looked up for their username, which names their resources. */
    readonly userIds: readonly Named<number>[];
    readonly groups: readonly Named[];
    /** Groups given by id where the program needs their path (to tell the project's own groups apart). */
    readonly groupIds: readonly Named<number>[];
    readonly projects: readonly Named[];
    /** Groups whose members' inherited access decides which approvers are already eligible, or would be refused a membership. */
    readonly namespaces: readonly Named[];
}

class NameSet<T extends string | number> {
    private readonly byKey = new Map<string, Named<T>>();
    add(name: T | undefined, at: KeyPath): void {
        if (name === undefined) return;
        const key = String(name).toLowerCase();
        if (!this.byKey.has(key)) this.byKey.set(key, { name, at });
    }
    values(): Named<T>[] {
        return [...this.byKey.values()];
    }
}

export function principalNames(config: GovernanceConfig): PrincipalNames {
    const users = new NameSet<string>();
    const userIds = new NameSet<number>();
    const groups = new NameSet<string>();
    const groupIds = new NameSet<number>();
    const projects = new NameSet<string>();
    const namespaces = new NameSet<string>();
    const user = (ref: PrincipalRef, at: KeyPath) => (typeof ref === "string" ? users.add(ref, at) : userIds.add(ref, at));
    const group = (ref: PrincipalRef, at: KeyPath) => (typeof ref === "string" ? groups.add(ref, at) : groupIds.add(ref, at));
    for (const repo of config.repositories) {
        const at = (...rel: (string | number)[]) => repo.keyPath(rel);
        // Users: every approver, deployer and code owner, from the same walk that decides memberships.
        const approvers = namedApproversAt(repo);
        for (const { ref, rel } of approvers) user(ref, repo.keyPath(rel));
        if (repo.project.mode === "adopt") projects.add(repo.project.pathWithNamespace, at("existing"));
        else if (repo.project.namespace !== undefined) {
            groups.add(repo.project.namespace, at("namespace"));
            if (repo.addApproversAsMembers || approvers.length > 0) namespaces.add(repo.project.namespace, at("namespace"));
        }
        repo.approvalRules.forEach((rule, j) => rule.groups.forEach((g, k) => typeof g === "string" && groups.add(g, at("approvalRules", j, "groups", k))));
        if (repo.promotionGate) for (const { ref, rel } of gateGroupsAt(repo.promotionGate)) group(ref, repo.keyPath(rel));
        repo.releaseTags.forEach((tag, j) => tag.groups.forEach((g, k) => typeof g === "string" && groups.add(g, at("releaseTags", j, "groups", k))));
        const owners = repo.codeOwners;
        if (owners) {
            owners.rules.forEach((r, j) => r.groups.forEach((g, k) => groups.add(g, at("codeOwners", "rules", j, "groups", k))));
            owners.sections.forEach((s, i) => s.rules.forEach((r, j) => r.groups.forEach((g, k) => groups.add(g, at("codeOwners", "sections", i, "rules", j, "groups", k)))));
        }
    }
    // Its id: it pushes CODEOWNERS, and in production it must not be an approver given by id.
    if (config.automationUser !== undefined && (config.production || config.repositories.some((r) => r.codeOwners !== undefined))) users.add(config.automationUser, ["automationUser"]);
    return { users: users.values(), userIds: userIds.values(), groups: groups.values(), groupIds: groupIds.values(), projects: projects.values(), namespaces: namespaces.values() };
}
