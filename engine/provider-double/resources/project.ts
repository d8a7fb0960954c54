import { RestClient, encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { defined, orGone, type ResourceHandler, type DoubleContext } from "./handler";

// sdk/resource_gitlab_project.go (SDKv2, 19.x copy: VijetaPriya47/Gitlab-Terraform-Provider@0552cd24,
// which has 19.0's archive_on_destroy). namespace_id, default_branch,
// visibility_level and topics are Optional+Computed (absent keeps the state);
// path is Optional with a DiffSuppressFunc for an empty new value (the same);
// description and archived are plain Optional, so an absent one plans "" / false
// and a change made in GitLab is a diff.
// The merge checks and allow_pipeline_trigger_approve_deployment are
// Optional+Computed too (resourceGitLabProjectSchema); the read sets them from
// the entity, where a CE build has no allow_pipeline_trigger_approve_deployment
// (Go's zero value, false).
// model_registry_access_level and model_experiments_access_level are
// Optional+Computed as well, and the read sets them from the entity. createProject
// (the POST) does not send them, and updatePostCreateEditOptions sends them
// only for a fork (inside `if project.ForkedFromProject != nil`); only
// resourceGitlabProjectUpdate sends them, on HasChange. So a new project gets
// GitLab's default (`enabled`) and the next plan shows the difference.
function observed(p: any): Props {
    return {
        name: p.name,
        path: p.path,
        description: p.description ?? "",
        defaultBranch: p.default_branch ?? undefined,
        visibilityLevel: p.visibility,
        namespaceId: p.namespace?.id,
        topics: p.topics ?? [],
        archived: p.archived ?? false,
        onlyAllowMergeIfPipelineSucceeds: p.only_allow_merge_if_pipeline_succeeds ?? false,
        onlyAllowMergeIfAllDiscussionsAreResolved: p.only_allow_merge_if_all_discussions_are_resolved ?? false,
        allowPipelineTriggerApproveDeployment: p.allow_pipeline_trigger_approve_deployment ?? false,
        modelRegistryAccessLevel: p.model_registry_access_level ?? "",
        modelExperimentsAccessLevel: p.model_experiments_access_level ?? "",
    };
}

/** Inputs createProject sends with GetOkExists (an explicit false too), by provider and API name. */
const CREATE_BOOLS = [
    ["onlyAllowMergeIfPipelineSucceeds", "only_allow_merge_if_pipeline_succeeds"],
    ["onlyAllowMergeIfAllDiscussionsAreResolved", "only_allow_merge_if_all_discussions_are_resolved"],
] as const;
/** updatePostCreateEditOptions: the one the create API does not take, sent in the edit after it (GetOkExists). */
const POST_CREATE_BOOLS = [["allowPipelineTriggerApproveDeployment", "allow_pipeline_trigger_approve_deployment"]] as const;
/** Sent by resourceGitlabProjectUpdate only (d.HasChange), never by the create of a project that is not a fork. */
const UPDATE_ONLY_LEVELS = [
    ["modelRegistryAccessLevel", "model_registry_access_level"],
    ["modelExperimentsAccessLevel", "model_experiments_access_level"],
] as const;

function bools(inputs: Props, pairs: ReadonlyArray<readonly [string, string]>, when: (key: string) => boolean = () => true): Props {
    return Object.fromEntries(pairs.filter(([k]) => typeof inputs[k] === "boolean" && when(k)).map(([k, api]) => [api, inputs[k]]));
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

/** expectDefaultBranchProtection: a group namespace's setting; for a personal namespace the instance's, which only an admin may read, else "yes". */
async function expectsDefaultBranchProtection(api: RestClient, project: any): Promise<boolean> {
    if (project.namespace?.kind === "group") return (await api.get(`groups/${project.namespace.id}`)).default_branch_protection !== 0;
    const me = await api.get("user");
    if (me.is_admin !== true) return true;
    return (await api.get("application/settings")).default_branch_protection !== 0;
}

/** The StateChangeConf poll on GET /repository/branches/:default until it reads protected (a 404 ends it: no branch was made). */
async function waitForDefaultBranchProtection(api: RestClient, project: any): Promise<void> {
    const url = `projects/${project.id}/repository/branches/${encodePath(project.default_branch ?? "")}`;
    for (let attempt = 0; attempt < 20; attempt++) {
        let branch: any;
        try {
            branch = await api.get(url);
        } catch (e) {
            if (RestClient.is(e, 404)) return;
            throw e;
        }
        if (branch.protected === true) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The provider waits up to its create timeout; the double gives up sooner, with the provider's words.
    throw new Error(`error while waiting for branch ${project.default_branch} to reach 'protected' status; current status is protected false, timeout while waiting for state to become 'true'`);
}

/** resourceGitlabProjectRead: the project, then its push rule (a 404 there is fine: CE or no rule). */
async function readProject(api: RestClient, id: string): Promise<any | undefined> {
    const p = await api.get(`projects/${encodePath(id)}`);
    if (p.marked_for_deletion_on) return undefined;
    try {
        await api.get(`projects/${encodePath(id)}/push_rule`);
    } catch (e) {
        if (!RestClient.is(e, 404)) throw new Error(`Failed to get push rules for project ${JSON.stringify(id)}: ${(e as Error).message}`);
    }
    return p;
}

export const project: ResourceHandler = {
    sticky: ["path", "namespaceId", "defaultBranch", "visibilityLevel", "topics", ...[...CREATE_BOOLS, ...POST_CREATE_BOOLS, ...UPDATE_ONLY_LEVELS].map(([k]) => k)],
    defaults: { description: "", archived: false },
    diffFromState: UPDATE_ONLY_LEVELS.map(([k]) => k),
    replaceOn: [],
    sets: ["topics"],
    computed: ["pathWithNamespace", "webUrl", "httpUrlToRepo", "sshUrlToRepo", "emptyRepo", "avatarUrl", "runnersToken", "importUrlPassword"],
    async create(inputs, { api }: DoubleContext) {
        // createProject: GetOk sends only non-zero values; GetOkExists sends an explicit false too.
        const created = await api.request("POST", "projects", {
            name: inputs.name,
            ...defined({
                path: inputs.path || undefined,
                namespace_id: inputs.namespaceId || undefined,
                description: inputs.description || undefined,
                default_branch: inputs.defaultBranch || undefined,
                visibility: inputs.visibilityLevel || undefined,
                topics: Array.isArray(inputs.topics) && inputs.topics.length > 0 ? inputs.topics : undefined,
            }),
            ...(typeof inputs.initializeWithReadme === "boolean" ? { initialize_with_readme: inputs.initializeWithReadme } : {}),
            ...bools(inputs, CREATE_BOOLS),
        });
        const id = String(created.id);
        if (inputs.archived === true) await api.request("POST", `projects/${id}/archive`);
        if (inputs.skipWaitForDefaultBranchProtection !== true && (await expectsDefaultBranchProtection(api, created))) {
            await waitForDefaultBranchProtection(api, created);
        }
        // updatePostCreateEditOptions: the settings only the edit API takes; of ours, a non-empty
        // description and allow_pipeline_trigger_approve_deployment, in one edit when any is set.
        const edit = { ...(typeof inputs.description === "string" && inputs.description !== "" ? { description: inputs.description } : {}), ...bools(inputs, POST_CREATE_BOOLS) };
        if (Object.keys(edit).length > 0) await api.request("PUT", `projects/${id}`, edit);
        const read = await readProject(api, id);
        return { id, outputs: { ...inputs, ...outputs(read) } };
    },
    async read(id, state, { api }) {
        return orGone(async () => {
            const p = await readProject(api, id);
            if (p === undefined) return undefined;
            return { outputs: { ...state, ...outputs(p) }, observed: observed(p) };
        });
    },
    // resourceGitlabProjectUpdate: the edit (name always, the rest when changed), then a transfer, then (un)archive.
    async update(id, state, news, { api }) {
        const changed = (k: string) => JSON.stringify(news[k]) !== JSON.stringify(state[k]);
        await api.request("PUT", `projects/${id}`, {
            name: news.name,
            ...defined({
                path: changed("path") && news.path ? news.path : undefined,
                description: changed("description") ? (news.description ?? "") : undefined,
                default_branch: changed("defaultBranch") ? news.defaultBranch : undefined,
                visibility: changed("visibilityLevel") ? news.visibilityLevel : undefined,
                topics: changed("topics") ? news.topics : undefined,
            }),
            ...bools(news, [...CREATE_BOOLS, ...POST_CREATE_BOOLS], changed),
            // stringToAccessControlValue of the new value, when it changed.
            ...Object.fromEntries(UPDATE_ONLY_LEVELS.filter(([k]) => typeof news[k] === "string" && changed(k)).map(([k, api]) => [api, news[k]])),
        });
        if (changed("namespaceId") && news.namespaceId !== undefined) await api.request("PUT", `projects/${id}/transfer`, { namespace: news.namespaceId });
        if (changed("archived")) await api.request("POST", `projects/${id}/${news.archived === true ? "archive" : "unarchive"}`);
        const read = await readProject(api, id);
        return { ...news, ...outputs(read) };
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
