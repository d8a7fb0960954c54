import { encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { levelName, levelValue, orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_branch_protection.go, schema v2 (19.x copy, see validators.ts).
// It takes over GitLab's automatic protection of the default branch by
// unprotecting it first; if the protect call then fails, nothing rolls that back.
// allowed_to_* are Optional+Computed with UseStateForUnknown; allow_force_push and
// code_owner_approval_required are Optional+Computed with Default false, so an
// absent one plans false; push/merge_access_level are RequiresReplaceIfConfigured.
type Entry = Record<string, unknown>;
const LISTS = [
    ["allowedToPushes", "allowed_to_push", "push_access_levels"],
    ["allowedToMerges", "allowed_to_merge", "merge_access_levels"],
    ["allowedToUnprotects", "allowed_to_unprotect", "unprotect_access_levels"],
] as const;
type List = (typeof LISTS)[number][0];
const isPush = (list: List) => list === "allowedToPushes";

/** populateBranchPermissionOptionsData[ForPush]: every field the entry sets, nothing else (the tag protection's create does the same). */
export function toApi(entry: Entry): Entry {
    const out: Entry = {};
    if (typeof entry.accessLevel === "string" && entry.accessLevel !== "") out.access_level = levelValue(entry.accessLevel);
    if (typeof entry.userId === "number" && entry.userId !== 0) out.user_id = entry.userId;
    if (typeof entry.groupId === "number" && entry.groupId !== 0) out.group_id = entry.groupId;
    if (typeof entry.deployKeyId === "number" && entry.deployKeyId !== 0) out.deploy_key_id = entry.deployKeyId;
    return out;
}

/** populateAllowedTo[Push]ToStateModel: a user, group or deploy key entry reads as that id alone, whatever access_level GitLab returns with it. */
function fromApi(level: any): Entry {
    if (level.user_id) return { userId: level.user_id };
    if (level.group_id) return { groupId: level.group_id };
    if (level.deploy_key_id) return { deployKeyId: level.deploy_key_id };
    return { accessLevel: levelName(level.access_level) };
}

/**
 * populateBranchPermissionOptionsData[ForPush] on update: a planned entry is
 * *not* sent when any current entry has the same access-level name, or the same
 * user, group or deploy key. A user or group entry carries an access_level too
 * (40 in GitLab's column default, read through `AccessLevelValueToName`), so a
 * planned `maintainer` role entry is never added beside a user entry.
 */
function additions(list: List, planned: Entry[], current: any[]): Entry[] {
    const exists = (p: Entry, c: any) =>
        (typeof p.accessLevel === "string" && p.accessLevel === levelName(c.access_level)) ||
        (p.userId !== undefined && p.userId === (c.user_id ?? 0)) ||
        (p.groupId !== undefined && p.groupId === (c.group_id ?? 0)) ||
        (isPush(list) && p.deployKeyId !== undefined && p.deployKeyId === (c.deploy_key_id ?? 0));
    return planned.filter((p) => !current.some((c) => exists(p, c))).map(toApi);
}

/** generateAllowedTo[Push]StateToAccessLevels: a current entry stays when a planned one has its ids and (if it names one) its level. */
function removals(list: List, planned: Entry[], current: any[]): Entry[] {
    const keeps = (p: Entry, c: any) =>
        ((p.userId as number | undefined) ?? 0) === (c.user_id ?? 0) &&
        ((p.groupId as number | undefined) ?? 0) === (c.group_id ?? 0) &&
        (!isPush(list) || ((p.deployKeyId as number | undefined) ?? 0) === (c.deploy_key_id ?? 0)) &&
        (p.accessLevel === undefined || p.accessLevel === levelName(c.access_level));
    return current.filter((c) => !planned.some((p) => keeps(p, c))).map((c) => ({ id: c.id, _destroy: true }));
}

/** protectedBranchToStateModel: EE reads the lists; CE the first role entry of each (firstValidAccessLevel). */
function observed(pb: any, project: string, ee: boolean): Props {
    const base: Props = { project, branch: pb.name, allowForcePush: pb.allow_force_push, codeOwnerApprovalRequired: ee ? pb.code_owner_approval_required : false };
    if (ee) {
        for (const [prop, , api] of LISTS) base[prop] = (pb[api] ?? []).map(fromApi);
        return base;
    }
    const first = (levels: any[] = []) => levels.find((l) => !l.user_id && !l.group_id && !l.deploy_key_id);
    const push = first(pb.push_access_levels);
    const merge = first(pb.merge_access_levels);
    return { ...base, pushAccessLevel: push ? levelName(push.access_level) : undefined, mergeAccessLevel: merge ? levelName(merge.access_level) : undefined };
}

export const branchProtection: ResourceHandler = {
    sticky: ["allowedToPushes", "allowedToMerges", "allowedToUnprotects", "pushAccessLevel", "mergeAccessLevel"],
    defaults: { allowForcePush: false, codeOwnerApprovalRequired: false },
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
                throw new Error(`Failed to unprotect default branch ${JSON.stringify(branch)} in project ${JSON.stringify(project)} while trying to 'import' it: ${(e as Error).message}`);
            }
        }
        const body: Props = { name: branch, allow_force_push: inputs.allowForcePush === true };
        if (ee) {
            for (const [prop, apiName] of LISTS) body[apiName] = ((inputs[prop] as Entry[] | undefined) ?? []).map(toApi);
            body.code_owner_approval_required = inputs.codeOwnerApprovalRequired === true;
        } else {
            if (inputs.pushAccessLevel !== undefined) body.push_access_level = levelValue(inputs.pushAccessLevel);
            if (inputs.mergeAccessLevel !== undefined) body.merge_access_level = levelValue(inputs.mergeAccessLevel);
        }
        let created: any;
        try {
            created = await api.request("POST", path, body);
        } catch (e) {
            throw new Error(`Unable to protect repository branch: ${(e as Error).message}`);
        }
        return { id: `${project}:${branch}`, outputs: { ...inputs, ...observed(created, project, ee), branchProtectionId: created.id } };
    },
    async read(id, state, ctx) {
        const [project, branch] = splitId(id, 2);
        return orGone(async () => {
            const pb = await ctx.api.get(`projects/${encodePath(project)}/protected_branches/${encodePath(branch)}`);
            const seen = observed(pb, project, (await ctx.edition()) === "ee");
            return { outputs: { ...state, ...seen, branchProtectionId: pb.id }, observed: seen };
        });
    },
    async update(id, _state, news, ctx) {
        const [project, branch] = splitId(id, 2);
        const ee = (await ctx.edition()) === "ee";
        const path = `projects/${encodePath(project)}/protected_branches/${encodePath(branch)}`;
        const current = await ctx.api.get(path);
        const body: Props = { name: branch, allow_force_push: news.allowForcePush === true };
        if (ee) {
            for (const [prop, apiName, levels] of LISTS) {
                const planned = (news[prop] as Entry[] | undefined) ?? [];
                const server = (current[levels] ?? []) as any[];
                body[apiName] = [...additions(prop, planned, server), ...removals(prop, planned, server)];
            }
            body.code_owner_approval_required = news.codeOwnerApprovalRequired === true;
        }
        let updated: any;
        try {
            updated = await ctx.api.request("PATCH", path, body);
        } catch (e) {
            throw new Error(`Unable to update protected repository branch: ${(e as Error).message}`);
        }
        return { ...news, ...observed(updated, project, ee), branchProtectionId: updated.id };
    },
    async delete(id, _state, { api }) {
        const [project, branch] = splitId(id, 2);
        await api.request("DELETE", `projects/${encodePath(project)}/protected_branches/${encodePath(branch)}`);
    },
};
