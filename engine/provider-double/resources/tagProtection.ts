import { encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { toApi } from "./branchProtection";
import { levelName, levelValue, orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_tag_protection.go (Plugin Framework, 19.x copy on
// client-go/v2 in VijetaPriya47/Gitlab-Terraform-Provider). Every input
// RequiresReplace: there is no update, and GitLab has no edit endpoint.
// create_access_level is Optional+Computed with Default "maintainer", so an
// absent one plans "maintainer". allowed_to_create is a set of entries with
// exactly one of access_level, user_id, group_id, deploy_key_id.
type Entry = Record<string, unknown>;

/**
 * protectedTagToStateModel: the first entry without a user or group
 * (firstValidAccessLevelForTag) is create_access_level and leaves the list;
 * the rest are allowed_to_create. populateTagAllowedToObjectList also fills the
 * Computed access_level of a user or group entry; the double reads such an
 * entry as its id alone, as the program writes it (whether the bridge then
 * plans a difference was not confirmed; see docs/engine-tests.md).
 */
function observed(tag: any, project: string): Props {
    const levels: any[] = [...(tag.create_access_levels ?? [])];
    const first = levels.findIndex((l) => !l.user_id && !l.group_id);
    const createAccessLevel = first >= 0 ? levelName(levels.splice(first, 1)[0].access_level) : undefined;
    const allowedToCreates = levels.map((l): Entry => {
        if (l.user_id) return { userId: l.user_id };
        if (l.group_id) return { groupId: l.group_id };
        if (l.deploy_key_id) return { deployKeyId: l.deploy_key_id };
        return { accessLevel: levelName(l.access_level) };
    });
    return { project, tag: tag.name, ...(createAccessLevel === undefined ? {} : { createAccessLevel }), ...(allowedToCreates.length > 0 ? { allowedToCreates } : {}) };
}

export const tagProtection: ResourceHandler = {
    sticky: [],
    defaults: { createAccessLevel: "maintainer" },
    replaceOn: ["project", "tag", "createAccessLevel", "allowedToCreates"],
    sets: ["allowedToCreates"],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        const tag = String(inputs.tag);
        // Create: each planned entry's non-zero fields, as TagsPermissionOptions.
        const planned = ((inputs.allowedToCreates as Entry[] | undefined) ?? []).map(toApi);
        const body = { name: tag, create_access_level: levelValue(inputs.createAccessLevel ?? "maintainer"), allowed_to_create: planned };
        const path = `projects/${encodePath(project)}/protected_tags`;
        let created: any;
        try {
            created = await api.request("POST", path, body);
        } catch {
            // Any error: take the existing protection over by unprotecting and protecting again.
            try {
                await api.request("DELETE", `${path}/${encodePath(tag)}`);
            } catch (e) {
                throw new Error(`Unable to unprotect repository tag: ${(e as Error).message}`);
            }
            try {
                created = await api.request("POST", path, body);
            } catch (e) {
                throw new Error(`Unable to protect repository tag: ${(e as Error).message}`);
            }
        }
        // An allowed_to_create entry that did not come back: not available without a license.
        if (planned.length > (created.create_access_levels ?? []).length - 1) {
            throw new Error("feature unavailable: `allowed_to_create`, Premium or Ultimate license required. Warning: Changes have partially been persisted!");
        }
        return { id: `${project}:${created.name}`, outputs: { ...inputs, ...observed(created, project) } };
    },
    async read(id, state, { api }) {
        const [project, tag] = splitId(id, 2);
        return orGone(async () => {
            const found = await api.get(`projects/${encodePath(project)}/protected_tags/${encodePath(tag)}`);
            const seen = observed(found, project);
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update() {
        throw new Error("Somehow the resource was requested to perform an in-place upgrade which is not possible.");
    },
    async delete(_id, state, { api }) {
        try {
            await api.request("DELETE", `projects/${encodePath(String(state.project))}/protected_tags/${encodePath(String(state.tag))}`);
        } catch (e) {
            throw new Error(`Failed to delete gitlab tag protection: ${(e as Error).message}`);
        }
    },
};
