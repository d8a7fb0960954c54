import { RestClient, encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { orGone, type ResourceHandler } from "./handler";

// resource_gitlab_project_push_rules.go (plugin framework): every attribute is
// Optional+Computed with UseStateForUnknown, so only known values are sent and
// an attribute dropped from the inputs keeps its previous value.
const FIELDS: ReadonlyArray<readonly [string, string]> = [
    ["authorEmailRegex", "author_email_regex"],
    ["branchNameRegex", "branch_name_regex"],
    ["commitCommitterCheck", "commit_committer_check"],
    ["commitCommitterNameCheck", "commit_committer_name_check"],
    ["commitMessageNegativeRegex", "commit_message_negative_regex"],
    ["commitMessageRegex", "commit_message_regex"],
    ["denyDeleteTag", "deny_delete_tag"],
    ["fileNameRegex", "file_name_regex"],
    ["maxFileSize", "max_file_size"],
    ["memberCheck", "member_check"],
    ["preventSecrets", "prevent_secrets"],
    ["rejectNonDcoCommits", "reject_non_dco_commits"],
    ["rejectUnsignedCommits", "reject_unsigned_commits"],
];

const STRINGS = new Set(["authorEmailRegex", "branchNameRegex", "commitMessageNegativeRegex", "commitMessageRegex", "fileNameRegex"]);

function observed(rule: any): Props {
    return Object.fromEntries(FIELDS.map(([prop, api]) => [prop, rule[api] ?? (STRINGS.has(prop) ? "" : prop === "maxFileSize" ? 0 : false)]));
}

function body(inputs: Props): Props {
    return Object.fromEntries(FIELDS.filter(([prop]) => inputs[prop] !== undefined && inputs[prop] !== null).map(([prop, api]) => [api, inputs[prop]]));
}

export const pushRules: ResourceHandler = {
    defaults: {},
    sticky: FIELDS.map(([p]) => p),
    replaceOn: ["project"],
    sets: [],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        const path = `projects/${encodePath(project)}/push_rule`;
        let existing: any;
        try {
            existing = await api.get(path);
        } catch (e) {
            if (!RestClient.is(e, 404)) throw e;
        }
        const saved = await api.request(existing?.id ? "PUT" : "POST", path, body(inputs));
        return { id: project, outputs: { ...inputs, ...observed(saved) } };
    },
    async read(id, state, { api }) {
        return orGone(async () => {
            const seen = observed(await api.get(`projects/${encodePath(id)}/push_rule`));
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update(id, _state, news, { api }) {
        return { ...news, ...observed(await api.request("PUT", `projects/${encodePath(id)}/push_rule`, body(news))) };
    },
    async delete(id, _state, { api }) {
        await api.request("DELETE", `projects/${encodePath(id)}/push_rule`);
    },
};
