import { RestClient, encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { orGone, type ResourceHandler, splitId } from "./handler";

// sdk/resource_gitlab_project_approval_rule.go (SDKv2, 19.x copy on client-go/v2).
// rule_type and report_type are Optional+Computed; applies_to_all_protected_branches
// and disable_importing_default_any_approver_rule_on_create are Optional with
// Default false, so an absent one plans false and a rule switched to "all
// protected branches" in GitLab is a diff. Every write is followed by a GET
// (the resource's Read). Ids come back from GitLab as filtered lists: approvers
// GitLab does not consider eligible are dropped.
function observed(rule: any, project: string): Props {
    return {
        project,
        name: rule.name,
        approvalsRequired: rule.approvals_required,
        ruleType: rule.rule_type,
        appliesToAllProtectedBranches: rule.applies_to_all_protected_branches ?? false,
        userIds: (rule.users ?? []).map((u: any) => u.id),
        groupIds: (rule.groups ?? []).map((g: any) => g.id),
        // Only read back while the rule is scoped: GitLab lists every branch otherwise.
        ...(rule.applies_to_all_protected_branches ? {} : { protectedBranchIds: (rule.protected_branches ?? []).map((b: any) => b.id) }),
    };
}

function body(inputs: Props): Props {
    return {
        name: inputs.name,
        approvals_required: inputs.approvalsRequired,
        user_ids: inputs.userIds ?? [],
        group_ids: inputs.groupIds ?? [],
        protected_branch_ids: inputs.protectedBranchIds ?? [],
        applies_to_all_protected_branches: inputs.appliesToAllProtectedBranches === true,
    };
}

const readRule = async (api: RestClient, project: string, rule: unknown) => observed(await api.get(`projects/${encodePath(project)}/approval_rules/${rule}`), project);

export const approvalRule: ResourceHandler = {
    sticky: ["ruleType", "reportType"],
    defaults: { appliesToAllProtectedBranches: false, disableImportingDefaultAnyApproverRuleOnCreate: false },
    replaceOn: [],
    sets: ["userIds", "groupIds", "protectedBranchIds"],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        const rules = `projects/${encodePath(project)}/approval_rules`;
        if (inputs.ruleType === "any_approver" && inputs.disableImportingDefaultAnyApproverRuleOnCreate !== true) {
            // First page only, as upstream lists without paging options.
            let existing: any[] = [];
            try {
                existing = await api.firstPage(rules);
            } catch (e) {
                if (!RestClient.is(e, 404)) throw e;
            }
            const adopt = existing.find((r) => r.rule_type === "any_approver" && r.approvals_required === 0);
            if (adopt) {
                const updated = await api.request("PUT", `${rules}/${adopt.id}`, body(inputs));
                return { id: `${project}:${updated.id}`, outputs: { ...inputs, ...(await readRule(api, project, updated.id)) } };
            }
        }
        const created = await api.request("POST", rules, { ...body(inputs), ...(inputs.ruleType ? { rule_type: inputs.ruleType } : {}) });
        return { id: `${project}:${created.id}`, outputs: { ...inputs, ...(await readRule(api, project, created.id)) } };
    },
    async read(id, state, { api }) {
        const [project, rule] = splitId(id, 2);
        return orGone(async () => {
            const seen = await readRule(api, project, rule);
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update(id, _state, news, { api }) {
        const [project, rule] = splitId(id, 2);
        await api.request("PUT", `projects/${encodePath(project)}/approval_rules/${rule}`, body(news));
        return { ...news, ...(await readRule(api, project, rule)) };
    },
    async delete(id, _state, { api }) {
        const [project, rule] = splitId(id, 2);
        await api.request("DELETE", `projects/${encodePath(project)}/approval_rules/${rule}`);
    },
};
