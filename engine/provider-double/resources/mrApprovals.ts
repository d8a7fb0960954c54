import { RestClient, encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { defined, orGone, type ResourceHandler } from "./handler";

// resource_gitlab_project_level_mr_approvals.go (plugin framework). There is no
// DELETE endpoint: destroying the resource POSTs GitLab's defaults back.
const FIELDS = [
    ["resetApprovalsOnPush", "reset_approvals_on_push"],
    ["disableOverridingApproversPerMergeRequest", "disable_overriding_approvers_per_merge_request"],
    ["mergeRequestsAuthorApproval", "merge_requests_author_approval"],
    ["mergeRequestsDisableCommittersApproval", "merge_requests_disable_committers_approval"],
    ["requireReauthenticationToApprove", "require_reauthentication_to_approve"],
    ["requirePasswordToApprove", "require_password_to_approve"],
] as const;

function observed(a: any): Props {
    const out: Props = { selectiveCodeOwnerRemovals: a.selective_code_owner_removals ?? false };
    for (const [prop, api] of FIELDS) out[prop] = a[api] ?? false;
    return out;
}

async function post(api: RestClient, project: string, inputs: Props): Promise<void> {
    const path = `projects/${encodePath(project)}/approvals`;
    // Selective removal is switched off before, and on after, the other settings:
    // GitLab refuses it while approvals reset on push.
    if (inputs.selectiveCodeOwnerRemovals === false) await api.request("POST", path, { selective_code_owner_removals: false });
    const rest = defined(Object.fromEntries(FIELDS.map(([prop, name]) => [name, inputs[prop]])));
    if (Object.keys(rest).length > 0) await api.request("POST", path, rest);
    if (inputs.selectiveCodeOwnerRemovals === true) await api.request("POST", path, { selective_code_owner_removals: true });
}

export const mrApprovals: ResourceHandler = {
    sticky: ["selectiveCodeOwnerRemovals", ...FIELDS.map(([p]) => p)],
    replaceOn: ["project"],
    sets: [],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        await post(api, project, inputs);
        return { id: project, outputs: { ...inputs, ...observed(await api.get(`projects/${encodePath(project)}/approvals`)) } };
    },
    async read(id, state, { api }) {
        return orGone(async () => {
            const seen = observed(await api.get(`projects/${encodePath(id)}/approvals`));
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update(id, _state, news, { api }) {
        await post(api, id, news);
        return { ...news, ...observed(await api.get(`projects/${encodePath(id)}/approvals`)) };
    },
    async delete(id, _state, { api }) {
        const path = `projects/${encodePath(id)}/approvals`;
        await api.request("POST", path, { selective_code_owner_removals: false });
        await api.request("POST", path, {
            reset_approvals_on_push: true,
            disable_overriding_approvers_per_merge_request: false,
            merge_requests_author_approval: false,
            merge_requests_disable_committers_approval: false,
            require_password_to_approve: false,
        });
    },
};
