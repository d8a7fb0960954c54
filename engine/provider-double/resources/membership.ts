import { encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { levelName, levelValue, orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_project_membership.go (SDKv2). Read asks for *direct*
// membership, so a user with only inherited access reads as gone.
function observed(member: any): Props {
    return { accessLevel: levelName(member.access_level), expiresAt: member.expires_at ?? undefined };
}

/** The identity an import (`<project>:<user id>`) carries, so imported inputs are complete. */
const identity = (project: string, user: string): Props => ({ project, userId: Number(user) });

export const membership: ResourceHandler = {
    defaults: {},
    sticky: [],
    replaceOn: [],
    sets: [],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        const member = await api.request("POST", `projects/${encodePath(project)}/members`, {
            user_id: inputs.userId,
            access_level: levelValue(inputs.accessLevel),
            expires_at: inputs.expiresAt ?? "",
        });
        return { id: `${project}:${inputs.userId}`, outputs: { ...inputs, ...observed(member) } };
    },
    async read(id, state, { api }) {
        const [project, user] = splitId(id, 2);
        return orGone(async () => {
            const seen = { ...identity(project, user), ...observed(await api.get(`projects/${encodePath(project)}/members/${user}`)) };
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update(id, _state, news, { api }) {
        const [project, user] = splitId(id, 2);
        const member = await api.request("PUT", `projects/${encodePath(project)}/members/${user}`, { access_level: levelValue(news.accessLevel), expires_at: news.expiresAt ?? "" });
        return { ...news, ...observed(member) };
    },
    async delete(id, _state, { api }) {
        const [project, user] = splitId(id, 2);
        await api.request("DELETE", `projects/${encodePath(project)}/members/${user}`);
    },
};
