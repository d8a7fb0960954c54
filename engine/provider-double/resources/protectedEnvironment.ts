import { encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { levelName, levelValue, orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_project_protected_environment.go (plugin framework). An update
// sends the wanted entries plus `{id, _destroy: true}` for each entry to drop.
type Entry = Record<string, unknown>;

function entryToApi(entry: Entry, withCount: boolean): Entry {
    const out: Entry = {};
    if (entry.userId !== undefined) out.user_id = entry.userId;
    else if (entry.groupId !== undefined) out.group_id = entry.groupId;
    else if (entry.accessLevel !== undefined) out.access_level = levelValue(entry.accessLevel);
    if (typeof entry.groupInheritanceType === "number" && entry.groupInheritanceType !== 0) out.group_inheritance_type = entry.groupInheritanceType;
    if (withCount && typeof entry.requiredApprovals === "number" && entry.requiredApprovals !== 0) out.required_approvals = entry.requiredApprovals;
    return out;
}

function entryFromApi(level: any, withCount: boolean): Entry {
    const out: Entry = level.user_id ? { userId: level.user_id } : level.group_id ? { groupId: level.group_id } : { accessLevel: levelName(level.access_level) };
    if (level.group_inheritance_type) out.groupInheritanceType = level.group_inheritance_type;
    if (withCount && !level.user_id) out.requiredApprovals = level.required_approvals;
    return out;
}

const identity = (e: Entry) => JSON.stringify(entryToApi({ ...e, requiredApprovals: undefined, groupInheritanceType: undefined }, false));

function observed(env: any): Props {
    return {
        environment: env.name,
        deployAccessLevelsAttributes: (env.deploy_access_levels ?? []).map((l: any) => entryFromApi(l, false)),
        approvalRules: (env.approval_rules ?? []).map((l: any) => entryFromApi(l, true)),
    };
}

function changes(wanted: Entry[], server: any[], withCount: boolean): Entry[] {
    return [
        ...wanted.map((w) => {
            const match = server.find((s) => identity(entryFromApi(s, withCount)) === identity(w));
            return { ...(match ? { id: match.id } : {}), ...entryToApi(w, withCount) };
        }),
        ...server.filter((s) => !wanted.some((w) => identity(entryFromApi(s, withCount)) === identity(w))).map((s) => ({ id: s.id, _destroy: true })),
    ];
}

export const protectedEnvironment: ResourceHandler = {
    defaults: {},
    sticky: ["approvalRules", "deployAccessLevelsAttributes"],
    replaceOn: ["project", "environment"],
    sets: ["deployAccessLevelsAttributes"],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        const created = await api.request("POST", `projects/${encodePath(project)}/protected_environments`, {
            name: inputs.environment,
            deploy_access_levels: ((inputs.deployAccessLevelsAttributes as Entry[] | undefined) ?? []).map((e) => entryToApi(e, false)),
            approval_rules: ((inputs.approvalRules as Entry[] | undefined) ?? []).map((e) => entryToApi(e, true)),
        });
        return { id: `${project}:${inputs.environment}`, outputs: { ...inputs, ...observed(created) } };
    },
    async read(id, state, { api }) {
        const [project, environment] = splitId(id, 2);
        return orGone(async () => {
            const seen = observed(await api.get(`projects/${encodePath(project)}/protected_environments/${encodePath(environment)}`));
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update(id, _state, news, { api }) {
        const [project, environment] = splitId(id, 2);
        const path = `projects/${encodePath(project)}/protected_environments/${encodePath(environment)}`;
        const current = await api.get(path);
        const updated = await api.request("PUT", path, {
            name: environment,
            deploy_access_levels: changes((news.deployAccessLevelsAttributes as Entry[] | undefined) ?? [], current.deploy_access_levels ?? [], false),
            approval_rules: changes((news.approvalRules as Entry[] | undefined) ?? [], current.approval_rules ?? [], true),
        });
        return { ...news, ...observed(updated) };
    },
    async delete(id, _state, { api }) {
        const [project, environment] = splitId(id, 2);
        await api.request("DELETE", `projects/${encodePath(project)}/protected_environments/${encodePath(environment)}`);
    },
};
