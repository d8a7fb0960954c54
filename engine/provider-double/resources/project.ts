import { encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { defined, orGone, type ResourceHandler } from "./handler";

// resource_gitlab_project.go (SDKv2): POST /projects, read back with GET; a
// destroy with archive_on_destroy only archives.
function observed(p: any): Props {
    return {
        name: p.name,
        path: p.path,
        description: p.description ?? "",
        defaultBranch: p.default_branch ?? undefined,
        visibilityLevel: p.visibility,
        namespaceId: p.namespace?.id,
        topics: p.topics ?? [],
        archived: p.archived,
    };
}

function outputs(p: any): Props {
    return {
        ...observed(p),
        pathWithNamespace: p.path_with_namespace,
        webUrl: p.web_url,
        httpUrlToRepo: p.http_url_to_repo,
        sshUrlToRepo: p.ssh_url_to_repo,
        emptyRepo: p.empty_repo,
        avatarUrl: p.avatar_url ?? "",
        runnersToken: p.runners_token ?? "",
        // Sensitive in the provider; empty unless the project was imported over HTTP with credentials.
        importUrlPassword: "",
    };
}

export const project: ResourceHandler = {
    sticky: ["path", "namespaceId", "defaultBranch", "visibilityLevel", "topics", "archived", "description"],
    replaceOn: [],
    sets: ["topics"],
    computed: ["pathWithNamespace", "webUrl", "httpUrlToRepo", "sshUrlToRepo", "emptyRepo", "avatarUrl", "runnersToken", "importUrlPassword"],
    async create(inputs, { api }) {
        const created = await api.request("POST", "projects", {
            name: inputs.name,
            ...defined({
                path: inputs.path,
                namespace_id: inputs.namespaceId,
                description: inputs.description,
                default_branch: inputs.defaultBranch,
                visibility: inputs.visibilityLevel,
                topics: inputs.topics,
            }),
            // GetOkExists: an explicit false is sent too.
            ...(typeof inputs.initializeWithReadme === "boolean" ? { initialize_with_readme: inputs.initializeWithReadme } : {}),
        });
        const read = await api.get(`projects/${created.id}`);
        return { id: String(read.id), outputs: { ...inputs, ...outputs(read) } };
    },
    async read(id, state, { api }) {
        return orGone(async () => {
            const p = await api.get(`projects/${encodePath(id)}`);
            if (p.marked_for_deletion_on) return undefined;
            return { outputs: { ...state, ...outputs(p) }, observed: observed(p) };
        });
    },
    async update(id, state, news, { api }) {
        const changed = (k: string) => JSON.stringify(news[k]) !== JSON.stringify(state[k]);
        if (changed("namespaceId") && news.namespaceId !== undefined) {
            await api.request("PUT", `projects/${id}/transfer`, { namespace: news.namespaceId });
        }
        await api.request("PUT", `projects/${id}`, {
            name: news.name,
            ...defined({
                path: changed("path") ? news.path : undefined,
                description: changed("description") ? news.description : undefined,
                default_branch: changed("defaultBranch") ? news.defaultBranch : undefined,
                visibility: changed("visibilityLevel") ? news.visibilityLevel : undefined,
                topics: changed("topics") ? news.topics : undefined,
            }),
        });
        return { ...news, ...outputs(await api.get(`projects/${id}`)) };
    },
    async delete(id, state, { api }) {
        if (state.archiveOnDestroy === true) {
            await api.request("POST", `projects/${id}/archive`);
            return;
        }
        await api.get("version");
        await api.request("DELETE", `projects/${id}`);
    },
};
