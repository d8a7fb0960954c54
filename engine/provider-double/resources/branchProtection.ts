import { encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { levelName, levelValue, orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_branch_protection.go (plugin framework). It takes over
// GitLab's automatic protection of the default branch by unprotecting it first;
// if the protect call then fails, nothing rolls that back.
type Entry = Record<string, unknown>;
const LISTS = [
    ["allowedToPushes", "allowed_to_push", "push_access_levels"],
    ["allowedToMerges", "allowed_to_merge", "merge_access_levels"],
    ["allowedToUnprotects", "allowed_to_unprotect", "unprotect_access_levels"],
] as const;

function toApi(entry: Entry): Entry {
    if (entry.userId !== undefined) return { user_id: entry.userId };
    if (entry.groupId !== undefined) return { group_id: entry.groupId };
    if (entry.deployKeyId !== undefined) return { deploy_key_id: entry.deployKeyId };
    return { access_level: levelValue(entry.accessLevel) };
}

function fromApi(level: any): Entry {
    if (level.user_id) return { userId: level.user_id };
    if (level.group_id) return { groupId: level.group_id };
    if (level.deploy_key_id) return { deployKeyId: level.deploy_key_id };
    return { accessLevel: levelName(level.access_level) };
}

const sameEntry = (a: Entry, b: Entry) => JSON.stringify(toApi(a)) === JSON.stringify(toApi(b));

function observed(pb: any, ee: boolean): Props {
    const base: Props = { branch: pb.name, allowForcePush: pb.allow_force_push, codeOwnerApprovalRequired: pb.code_owner_approval_required ?? false };
    if (ee) {
        for (const [prop, , api] of LISTS) base[prop] = (pb[api] ?? []).map(fromApi);
        return base;
    }
    const plain = (levels: any[] = []) => levels.find((l) => !l.user_id && !l.group_id && !l.deploy_key_id);
    const push = plain(pb.push_access_levels);
    const merge = plain(pb.merge_access_levels);
    return { ...base, pushAccessLevel: push ? levelName(push.access_level) : undefined, mergeAccessLevel: merge ? levelName(merge.access_level) : undefined };
}

export const branchProtection: ResourceHandler = {
    sticky: ["allowForcePush", "codeOwnerApprovalRequired", "allowedToPushes", "allowedToMerges", "allowedToUnprotects", "pushAccessLevel", "mergeAccessLevel"],
    replaceOn: ["project", "branch", "pushAccessLevel", "mergeAccessLevel"],
    sets: ["allowedToPushes", "allowedToMerges", "allowedToUnprotects"],
    computed: ["branchProtectionId"],
    async create(inputs, ctx) {
        const { api } = ctx;
        const ee = (await ctx.edition()) === "ee";
        const project = String(inputs.project);
        const branch = String(inputs.branch);
        const path = `projects/${encodePath(project)}/protected_branches`;
        let existing = true;
        try {
            await api.get(`${path}/${encodePath(branch)}`);
        } catch {
            existing = false; // any error counts as "not protected", as upstream does
        }
        if (existing) {
            const p = await api.get(`projects/${encodePath(project)}`);
            if (p.default_branch !== branch) throw new Error(`protected branch ${JSON.stringify(branch)} on project ${JSON.stringify(project)} already exists`);
            try {
                await api.request("DELETE", `${path}/${encodePath(branch)}`);
            } catch (e) {
                throw new Error(`Failed to unprotect default branch ${JSON.stringify(branch)} on project ${JSON.stringify(project)} while trying to 'import' it: ${(e as Error).message}`);
            }
        }
        const body: Props = { name: branch, allow_force_push: inputs.allowForcePush === true };
        if (ee) {
            for (const [prop, api] of LISTS) body[api] = ((inputs[prop] as Entry[] | undefined) ?? []).map(toApi);
            body.code_owner_approval_required = inputs.codeOwnerApprovalRequired === true;
        } else {
            if (inputs.pushAccessLevel !== undefined) body.push_access_level = levelValue(inputs.pushAccessLevel);
            if (inputs.mergeAccessLevel !== undefined) body.merge_access_level = levelValue(inputs.mergeAccessLevel);
        }
        let created: any;
        try {
            created = await api.request("POST", path, body);
        } catch (e) {
            throw new Error(`Unable to protect repository branch ${JSON.stringify(branch)}: ${(e as Error).message}`);
        }
        return { id: `${project}:${branch}`, outputs: { ...inputs, ...observed(created, ee), branchProtectionId: created.id } };
    },
    async read(id, state, ctx) {
        const [project, branch] = splitId(id, 2);
        return orGone(async () => {
            const pb = await ctx.api.get(`projects/${encodePath(project)}/protected_branches/${encodePath(branch)}`);
            const seen = observed(pb, (await ctx.edition()) === "ee");
            return { outputs: { ...state, ...seen, branchProtectionId: pb.id }, observed: seen };
        });
    },
    async update(id, _state, news, ctx) {
        const [project, branch] = splitId(id, 2);
        const path = `projects/${encodePath(project)}/protected_branches/${encodePath(branch)}`;
        const current = await ctx.api.get(path);
        const ee = (await ctx.edition()) === "ee";
        const body: Props = { name: branch, allow_force_push: news.allowForcePush === true };
        if (ee) {
            for (const [prop, apiName, levels] of LISTS) {
                const wanted = (news[prop] as Entry[] | undefined) ?? [];
                const server = (current[levels] ?? []) as any[];
                body[apiName] = [
                    ...wanted.filter((w) => !server.some((s) => sameEntry(fromApi(s), w))).map(toApi),
                    ...server.filter((s) => !wanted.some((w) => sameEntry(fromApi(s), w))).map((s) => ({ id: s.id, _destroy: true })),
                ];
            }
            body.code_owner_approval_required = news.codeOwnerApprovalRequired === true;
        }
        const updated = await ctx.api.request("PATCH", path, body);
        return { ...news, ...observed(updated, ee), branchProtectionId: updated.id };
    },
    async delete(id, _state, { api }) {
        const [project, branch] = splitId(id, 2);
        await api.request("DELETE", `projects/${encodePath(project)}/protected_branches/${encodePath(branch)}`);
    },
};
