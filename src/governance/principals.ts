import * as pulumi from "@pulumi/pulumi";
import type { PrincipalRef } from "../config";
import { getGroup, getProject, getUser, type GetProjectResult } from "../gitlab";

/**
 * Resolves usernames, group paths and project paths to GitLab ids, each at
 * most once per program run however many repositories name it. Numeric ids
 * are used as they are, with no lookup.
 */
export class PrincipalDirectory {
    private readonly users = new Map<string, Promise<number>>();
    private readonly groups = new Map<string, Promise<number>>();
    private readonly projects = new Map<string, Promise<GetProjectResult>>();

    userId(ref: PrincipalRef): pulumi.Output<number> {
        if (typeof ref === "number") return pulumi.output(ref);
        return pulumi.output(cached(this.users, ref, () => getUser({ username: ref }).then((u) => u.userId)));
    }

    groupId(ref: PrincipalRef): pulumi.Output<number> {
        if (typeof ref === "number") return pulumi.output(ref);
        return pulumi.output(cached(this.groups, ref, () => getGroup({ fullPath: ref }).then((g) => g.groupId)));
    }

    project(pathWithNamespace: string): pulumi.Output<GetProjectResult> {
        return pulumi.output(cached(this.projects, pathWithNamespace, () => getProject({ pathWithNamespace })));
    }

    /** How many GitLab lookups this run has started. */
    get lookupCount(): number {
        return this.users.size + this.groups.size + this.projects.size;
    }
}

// GitLab paths and usernames are case-insensitive, so `Alice` and `alice` are one lookup.
function cached<T>(cache: Map<string, Promise<T>>, key: string, lookup: () => Promise<T>): Promise<T> {
    const norm = key.toLowerCase();
    let hit = cache.get(norm);
    if (hit === undefined) {
        hit = lookup();
        cache.set(norm, hit);
    }
    return hit;
}
