import { encodePath } from "../restClient";
import { levelName, levelValue, orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_project_share_group.go (SDKv2): every input forces a
// replacement; the share is read back from the project's shared_with_groups.
export const shareGroup: ResourceHandler = {
    defaults: {},
    sticky: [],
    replaceOn: [],
    sets: [],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        await api.request("POST", `projects/${encodePath(project)}/share`, {
            group_id: inputs.groupId,
            group_access: levelValue(inputs.groupAccess),
            ...(inputs.expiresAt ? { expires_at: inputs.expiresAt } : {}),
        });
        return { id: `${project}:${inputs.groupId}`, outputs: { ...inputs } };
    },
    async read(id, state, { api }) {
        const [project, group] = splitId(id, 2);
        return orGone(async () => {
            const p = await api.get(`projects/${encodePath(project)}`);
            const share = (p.shared_with_groups ?? []).find((g: any) => String(g.group_id) === group);
            if (share === undefined) return undefined;
            // With the project, so an import (`<project>:<group id>`) reads back complete inputs.
            const seen = { project, groupId: share.group_id, groupAccess: levelName(share.group_access_level) };
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update() {
        throw new Error("gitlab_project_share_group has no update: every change replaces it");
    },
    async delete(id, _state, { api }) {
        const [project, group] = splitId(id, 2);
        await api.request("DELETE", `projects/${encodePath(project)}/share/${group}`);
    },
};
