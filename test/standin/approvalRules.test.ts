// Project approval rules (EE): who survives as an approver, eligible
// approvers, the one-any_approver rule, PUT semantics, branch scoping.
import { approvalRuleExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

const RULES = `projects/${LEGACY}/approval_rules`;
const ids = (list: { id: number }[]) => list.map((x) => x.id).sort((a, b) => a - b);

describe("approval rules (EE)", () => {
    const { api, standin } = useStandin();

    it("lists the fixture's any_approver rule in the docs' shape", async () => {
        const res = await api().get(RULES);
        expect(res.status).toBe(200);
        expect(res.body).toHaveLength(1);
        expect(res.body[0]).toMatchObject({ name: "All eligible users", rule_type: "any_approver", approvals_required: 0, users: [], groups: [] });
        expect(shapeDiff(res.body[0], approvalRuleExample, { exact: true })).toEqual([]);
        expect(res.headers.get("x-total")).toBe("1");
    });

    it("keeps only eligible users: direct, inherited from the project's groups, and direct members of shared groups", async () => {
        const res = await api().post(RULES, {
            name: "ML leads",
            approvals_required: 2,
            // priya, elena, jonas: no membership reaching the project; 9999: no such user.
            user_ids: [ID.priya, ID.marcus, ID.writer, ID.mlopsBot, ID.jonas, 9999],
            usernames: ["Elena.Petrova", "marcus.chen"],
        });
        expect(res.status).toBe(201);
        expect(shapeDiff(res.body, approvalRuleExample, { exact: true })).toEqual([]);
        // marcus: Maintainer of acme-ml/models (inherited); tech.writer: direct Reporter;
        // mlops-bot: direct member of acme-ml/ml-platform, which the project is shared with.
        expect(ids(res.body.users)).toEqual([ID.marcus, ID.writer, ID.mlopsBot]);
        expect(standin().state.project(ID.legacyRanker)!.approval_rules[1].user_ids.sort()).toEqual([ID.marcus, ID.writer, ID.mlopsBot].sort());
    });

    it("does not count inherited members of a shared group as eligible", async () => {
        // Share a subgroup of acme-ml/ml-platform whose only direct member is jonas.
        const state = standin().state;
        state.groups.push({ ...state.group(ID.mlPlatform)!, id: 120, name: "Platform Oncall", path: "oncall", full_path: "acme-ml/ml-platform/oncall", parent_id: ID.mlPlatform, members: [{ user_id: ID.jonas, access_level: 30, expires_at: null, created_at: "", created_by: null }] });
        state.project(ID.legacyRanker)!.shared_with_groups = [{ group_id: 120, group_access: 30, expires_at: null }];
        // mlops-bot is a member of ml-platform only, i.e. an inherited member of the shared subgroup.
        const res = await api().post(RULES, { name: "Oncall", approvals_required: 1, user_ids: [ID.jonas, ID.mlopsBot] });
        expect(ids(res.body.users)).toEqual([ID.jonas]);
    });

    it("keeps groups the caller can see and reports their direct members as eligible approvers", async () => {
        const res = await api().post(RULES, { name: "Stewards", approvals_required: 1, user_ids: [ID.writer], group_ids: [ID.mlLeads, ID.dataStewards, 9999] });
        expect(ids(res.body.groups)).toEqual([ID.mlLeads, ID.dataStewards]);
        expect(res.body.groups[0]).toMatchObject({ full_path: "acme-ml/ml-leads", full_name: "ACME ML / ML Leads" });
        expect(ids(res.body.eligible_approvers)).toEqual([ID.priya, ID.marcus, ID.elena, ID.nadia, ID.writer]);
        expect(res.body.contains_hidden_groups).toBe(false);
    });

    it("drops groups the caller cannot see", async () => {
        // marcus (Maintainer of acme-ml/models) cannot see the private acme-ml/release-managers.
        const res = await api().as("tok-marcus").post(RULES, { name: "Release", approvals_required: 1, group_ids: [ID.releaseManagers, ID.mlLeads] });
        expect(res.status).toBe(201);
        expect(ids(res.body.groups)).toEqual([ID.mlLeads]);
    });

    it("allows one any_approver rule per project (400 with the model's message)", async () => {
        const res = await api().post(RULES, { name: "Any approver", rule_type: "any_approver", approvals_required: 2 });
        expect(res).toMatchObject({ status: 400, body: { message: { rule_type: ["any-approver for the project already exists"] } } });
    });

    it("rejects a duplicate name within the rule type, and approvals_required above 100", async () => {
        await api().post(RULES, { name: "Leads", approvals_required: 1 });
        expect((await api().post(RULES, { name: "Leads", approvals_required: 1 })).body).toEqual({ message: { name: ["has already been taken"] } });
        expect((await api().post(RULES, { name: "Many", approvals_required: 101 })).body).toEqual({ message: { approvals_required: ["must be less than or equal to 100"] } });
        expect((await api().post(RULES, { approvals_required: 1 })).body).toEqual({ error: "name is missing" });
    });

    it("scopes a rule to protected branches by id, ignoring ids that are not the project's", async () => {
        const trunkId = standin().state.project(ID.legacyRanker)!.protected_branches[0].id;
        const res = await api().post(RULES, { name: "Scoped", approvals_required: 1, protected_branch_ids: [trunkId, 424242], applies_to_all_protected_branches: false });
        expect(res.body.protected_branches.map((pb: { name: string }) => pb.name)).toEqual(["trunk"]);
        expect(res.body.applies_to_all_protected_branches).toBe(false);
        const all = await api().post(RULES, { name: "All branches", approvals_required: 1, applies_to_all_protected_branches: true, protected_branch_ids: [424242] });
        expect(all.body.protected_branches.map((pb: { name: string }) => pb.name)).toEqual(["trunk"]);
    });

    it("PUT replaces the lists it is given and resets applies_to_all_protected_branches when omitted", async () => {
        const { body: rule } = await api().post(RULES, { name: "Leads", approvals_required: 1, user_ids: [ID.marcus], group_ids: [ID.mlLeads], applies_to_all_protected_branches: true });
        const res = await api().put(`${RULES}/${rule.id}`, { approvals_required: 2, user_ids: [ID.writer] });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ name: "Leads", approvals_required: 2, applies_to_all_protected_branches: false });
        expect(ids(res.body.users)).toEqual([ID.writer]);
        // group_ids not given: groups untouched.
        expect(ids(res.body.groups)).toEqual([ID.mlLeads]);
    });

    it("sees approvers removed behind the program's back", async () => {
        const { body: rule } = await api().post(RULES, { name: "Leads", approvals_required: 1, user_ids: [ID.marcus, ID.writer] });
        const stored = standin().state.project(ID.legacyRanker)!.approval_rules.find((r) => r.id === rule.id)!;
        stored.user_ids = stored.user_ids.filter((id) => id !== ID.marcus);
        expect(ids((await api().get(`${RULES}/${rule.id}`)).body.users)).toEqual([ID.writer]);
    });

    it("deletes a rule (204); a missing rule is 404 Not found", async () => {
        const { body: rule } = await api().post(RULES, { name: "Temp", approvals_required: 1 });
        expect((await api().delete(`${RULES}/${rule.id}`)).status).toBe(204);
        expect(await api().get(`${RULES}/${rule.id}`)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    });

    it("requires Maintainer to write and Developer to read", async () => {
        expect((await api().as("tok-writer").get(RULES)).status).toBe(403);
        expect((await api().as("tok-writer").post(RULES, { name: "x", approvals_required: 1 })).status).toBe(403);
    });
});
