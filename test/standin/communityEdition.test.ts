// CE differs from EE: no Premium APIs, a smaller protected-branch entity, and
// protected-branch params CE does not know are ignored.
import { ID, LEGACY, acme, useStandin } from "./helpers";

const PB = `projects/${LEGACY}/protected_branches`;

describe("Community Edition", () => {
    const { api, standin } = useStandin(() =>
        acme((f) => {
            f.edition = "ce";
        }),
    );

    it("reports enterprise false and a version without -ee", async () => {
        expect((await api().get("metadata")).body).toMatchObject({ version: "18.2.1", enterprise: false });
    });

    it("has no approval rules, approval settings, push rule or protected environment APIs: catch-all 404", async () => {
        for (const path of ["approval_rules", "approvals", "push_rule", "protected_environments"]) {
            const res = await api().get(`projects/${LEGACY}/${path}`);
            expect(res).toMatchObject({ status: 404, body: { error: "404 Not Found" } });
            // Modelled (as absent), so not flagged as an unmodelled call.
            expect(standin().requests.at(-1)?.unmodelled).toBeUndefined();
        }
        expect((await api().post(`projects/${LEGACY}/approval_rules`, { name: "x", approvals_required: 1 })).status).toBe(404);
    });

    it("returns CE's protected-branch entity: no unprotect levels, code owner flag or user/group ids", async () => {
        const res = await api().get(`${PB}/trunk`);
        expect(Object.keys(res.body).sort()).toEqual(["allow_force_push", "id", "merge_access_levels", "name", "push_access_levels"]);
        expect(Object.keys(res.body.push_access_levels[0]).sort()).toEqual(["access_level", "access_level_description", "deploy_key_id", "id"]);
    });

    it("takes push/merge_access_level and ignores allowed_to_*, unprotect levels and code owner approval", async () => {
        const res = await api().post(PB, {
            name: "main",
            push_access_level: 0,
            merge_access_level: 30,
            allowed_to_push: [{ user_id: ID.priya }],
            allowed_to_unprotect: [{ access_level: 60 }],
            unprotect_access_level: 60,
            code_owner_approval_required: true,
        });
        // No 403 for the admin-only unprotect level and no 422 for the non-member user: CE never saw them.
        expect(res.status).toBe(201);
        expect(res.body.push_access_levels).toMatchObject([{ access_level: 0, access_level_description: "No one" }]);
        expect(res.body.merge_access_levels).toMatchObject([{ access_level: 30 }]);
        const stored = standin().state.project(ID.legacyRanker)!.protected_branches.find((pb) => pb.name === "main")!;
        expect(stored).toMatchObject({ unprotect_access_levels: [], code_owner_approval_required: false });
        expect(stored.push_access_levels).toHaveLength(1);
    });

    it("drops EE-only keys from the project entity", async () => {
        const res = await api().get(`projects/${LEGACY}`);
        expect(res.body).not.toHaveProperty("approvals_before_merge");
        expect(res.body).not.toHaveProperty("mirror");
        expect(res.body).toHaveProperty("merge_method");
    });
});
