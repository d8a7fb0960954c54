// Protected environments (EE): silent filtering of deployers/approvers, the
// required_approvals range, and the "no deployer left" 422.
import { protectedEnvironmentExample, shapeDiff } from "./docExamples";
import { ID, LEGACY, useStandin } from "./helpers";

const ENVS = `projects/${LEGACY}/protected_environments`;

describe("protected environments (EE)", () => {
    const { api, standin } = useStandin();

    it("creates with groups the project is shared with, in the docs' shape", async () => {
        // acme-ml/ml-platform is shared with legacy-ranker (Developer).
        const res = await api().post(ENVS, { name: "production", deploy_access_levels: [{ group_id: ID.mlPlatform }], approval_rules: [{ group_id: ID.mlPlatform, required_approvals: 2 }, { user_id: ID.marcus }] });
        expect(res.status).toBe(201);
        expect(shapeDiff(res.body, protectedEnvironmentExample, { exact: true })).toEqual([]);
        expect(res.body).toMatchObject({
            name: "production",
            deploy_access_levels: [{ group_id: ID.mlPlatform, access_level: 40, access_level_description: "ML Platform", group_inheritance_type: 0 }],
            approval_rules: [
                { group_id: ID.mlPlatform, access_level: null, required_approvals: 2 },
                // required_approvals defaults to 1
                { user_id: ID.marcus, required_approvals: 1, access_level_description: "Marcus Chen" },
            ],
            required_approval_count: 0,
        });
    });

    it("silently drops groups the project is not shared with and users below Developer", async () => {
        const res = await api().post(ENVS, {
            name: "production",
            // release-managers is not shared with the project; acme-ml is its ancestor, not a share.
            deploy_access_levels: [{ group_id: ID.releaseManagers }, { group_id: ID.acmeMl }, { access_level: 40 }],
            // tech.writer is a Reporter; priya is not a member; marcus (inherited Maintainer) stays.
            approval_rules: [{ user_id: ID.writer }, { user_id: ID.priya }, { user_id: ID.marcus }, { group_id: ID.mlLeads, required_approvals: 2 }],
        });
        expect(res.status).toBe(201);
        expect(res.body.deploy_access_levels).toMatchObject([{ access_level: 40, group_id: null, user_id: null, access_level_description: "Maintainers" }]);
        expect(res.body.approval_rules).toMatchObject([{ user_id: ID.marcus }]);
        expect(res.body.approval_rules).toHaveLength(1);
    });

    it("answers 422 when no deployer survives the filtering", async () => {
        const res = await api().post(ENVS, { name: "production", deploy_access_levels: [{ group_id: ID.releaseManagers }] });
        expect(res).toMatchObject({ status: 422, body: { message: [expect.stringMatching(/is too short \(minimum is 1 character\)$/)] } }); // prefix unconfirmed
        expect(standin().state.project(ID.legacyRanker)!.protected_environments).toEqual([]);
    });

    it("limits required_approvals to 1..5 (422)", async () => {
        const six = await api().post(ENVS, { name: "production", deploy_access_levels: [{ access_level: 40 }], approval_rules: [{ access_level: 40, required_approvals: 6 }] });
        expect(six).toMatchObject({ status: 422, body: { message: [expect.stringMatching(/required approvals must be less than or equal to 5$/)] } }); // approval_rule.rb; prefix unconfirmed
        const zero = await api().post(ENVS, { name: "production", deploy_access_levels: [{ access_level: 40 }], approval_rules: [{ access_level: 40, required_approvals: 0 }] });
        expect(zero.body).toEqual({ message: [expect.stringMatching(/required approvals must be greater than or equal to 1$/)] });
        const five = await api().post(ENVS, { name: "production", deploy_access_levels: [{ access_level: 40 }], approval_rules: [{ access_level: 40, required_approvals: 5 }] });
        expect(five.status).toBe(201);
    });

    it("rejects the deprecated required_approval_count, a duplicate (409), and missing deployers (400)", async () => {
        const deprecated = await api().post(ENVS, { name: "production", required_approval_count: 2, deploy_access_levels: [{ access_level: 40 }] });
        expect(deprecated.status).toBe(422);
        expect(deprecated.body.message).toMatch(/^Parameter 'required_approval_count' is deprecated/);
        await api().post(ENVS, { name: "production", deploy_access_levels: [{ access_level: 40 }] });
        expect(await api().post(ENVS, { name: "production", deploy_access_levels: [{ access_level: 40 }] })).toMatchObject({ status: 409, body: { message: "Environment 'production' is already protected" } });
        expect((await api().post(ENVS, { name: "staging" })).body).toEqual({ error: "deploy_access_levels is missing" });
        expect((await api().post(ENVS, { name: "staging", deploy_access_levels: [{ access_level: 50 }] })).body).toEqual({ error: "deploy_access_levels[0][access_level] does not have a valid value" });
    });

    it("PUT updates by id, adds entries without id, deletes with _destroy; removing the last deployer is 422", async () => {
        const { body: env } = await api().post(ENVS, { name: "production", deploy_access_levels: [{ access_level: 40 }], approval_rules: [{ access_level: 40 }] });
        const deployId = env.deploy_access_levels[0].id;
        const ruleId = env.approval_rules[0].id;
        const res = await api().put(`${ENVS}/production`, {
            deploy_access_levels: [{ group_id: ID.mlPlatform, group_inheritance_type: 1 }],
            approval_rules: [{ id: ruleId, access_level: 40, required_approvals: 3 }],
        });
        expect(res.status).toBe(200);
        expect(res.body.deploy_access_levels).toMatchObject([{ id: deployId, access_level: 40 }, { group_id: ID.mlPlatform, group_inheritance_type: 1 }]);
        expect(res.body.approval_rules).toMatchObject([{ id: ruleId, required_approvals: 3 }]);

        const newId = res.body.deploy_access_levels[1].id;
        const emptied = await api().put(`${ENVS}/production`, { deploy_access_levels: [{ id: deployId, _destroy: true }, { id: newId, _destroy: true }] });
        expect(emptied.status).toBe(422);
        expect((await api().get(`${ENVS}/production`)).body.deploy_access_levels).toHaveLength(2);
    });

    it("lists sorted by name, gets one, deletes (204); a missing one is 404 Not found", async () => {
        await api().post(ENVS, { name: "staging", deploy_access_levels: [{ access_level: 30 }] });
        await api().post(ENVS, { name: "production", deploy_access_levels: [{ access_level: 40 }] });
        expect((await api().get(ENVS)).body.map((e: { name: string }) => e.name)).toEqual(["production", "staging"]);
        expect((await api().get(`${ENVS}/staging`)).body.deploy_access_levels[0].access_level_description).toBe("Developers + Maintainers");
        expect((await api().delete(`${ENVS}/staging`)).status).toBe(204);
        expect(await api().get(`${ENVS}/staging`)).toMatchObject({ status: 404, body: { message: "404 Not found" } });
    });

    it("requires Maintainer for every call", async () => {
        expect((await api().as("tok-writer").get(ENVS)).status).toBe(403);
    });
});
