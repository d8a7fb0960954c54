import { RestClient, encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { defined, orGone, type ResourceHandler } from "./handler";

// resource_gitlab_project_level_mr_approvals.go (plugin framework; an 18.x copy,
// VijetaPriya47/Gitlab-Terraform-Provider@1e072a2c — no 19.x copy was found; 19.0
// added require_reauthentication_to_approve beside the deprecated name). Every
// setting is Optional+Computed with UseStateForUnknown. The state is taken from
// the POST's answer; there is no DELETE endpoint, so a destroy POSTs defaults.
const FIELDS = [
    ["resetApprovalsOnPush", "reset_approvals_on_push"],
    ["disableOverridingApproversPerMergeRequest", "disable_overriding_approvers_per_merge_request"],
    ["mergeRequestsAuthorApproval", "merge_requests_author_approval"],
    ["mergeRequestsDisableCommittersApproval", "merge_requests_disable_committers_approval"],
    ["requireReauthenticationToApprove", "require_reauthentication_to_approve"],
    ["requirePasswordToApprove", "require_password_to_approve"],
] as const;

function observed(a: any, project: string): Props {
    const out: Props = { project, selectiveCodeOwnerRemovals: a.selective_code_owner_removals ?? false };
    for (const [prop, api] of FIELDS) out[prop] = a[api] ?? false;
    return out;
}

const path = (project: string) => `projects/${encodePath(project)}/approvals`;

/** getApprovalConfigurationOptions: every known setting but selective code owner removals, which goes on its own. */
const settings = (inputs: Props) => defined(Object.fromEntries(FIELDS.map(([prop, name]) => [name, inputs[prop]])));

/** applySelectiveCodeOwnerRemovals. */
const selective = (api: RestClient, project: string, value: boolean) => api.request("POST", path(project), { selective_code_owner_removals: value });

export const mrApprovals: ResourceHandler = {
    sticky: ["selectiveCodeOwnerRemovals", ...FIELDS.map(([p]) => p)],
    defaults: {},
    replaceOn: ["project"],
    sets: [],
    computed: [],
    // Create: one POST of the other settings, then a second only when selective
    // removals are wanted on. It never switches them off first: on a project that
    // has them on, a wanted reset_approvals_on_push is refused by GitLab.
    async create(inputs, { api }) {
        const project = String(inputs.project);
        let answer = await api.request("POST", path(project), settings(inputs));
        if (inputs.selectiveCodeOwnerRemovals === true) answer = await selective(api, project, true);
        return { id: project, outputs: { ...inputs, ...observed(answer, project) } };
    },
    async read(id, state, { api }) {
        return orGone(async () => {
            const seen = observed(await api.get(path(id)), id);
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    // Update: selective removals off before the other settings, on after them.
    async update(id, _state, news, { api }) {
        if (news.selectiveCodeOwnerRemovals === false) await selective(api, id, false);
        let answer = await api.request("POST", path(id), settings(news));
        if (news.selectiveCodeOwnerRemovals === true) answer = await selective(api, id, true);
        return { ...news, ...observed(answer, id) };
    },
    async delete(id, _state, { api }) {
        await selective(api, id, false);
        await api.request("POST", path(id), {
            reset_approvals_on_push: true,
            disable_overriding_approvers_per_merge_request: false,
            merge_requests_author_approval: false,
            merge_requests_disable_committers_approval: false,
            require_password_to_approve: false,
        });
    },
};
