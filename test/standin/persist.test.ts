// Saving the stand-in's GitLab to a file and loading it back (persist.ts), and
// adding fixture records to a state that already holds some (addFixtures):
// what `npm run sandbox` relies on between runs.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { addFixtures, GitLabStandin, readStateFile, restoreState, saveState, writeStateFile } from "../../engine/gitlab-standin";
import { BOT_TOKEN, Client, ID, acme } from "./helpers";

describe("a saved stand-in state", () => {
    it("loads back into a stand-in that serves what the first one made, and hands out ids it never used", async () => {
        const first = new GitLabStandin(acme());
        const api1 = new Client(await first.start(), BOT_TOKEN);
        try {
            const made = await api1.post("projects", { name: "Saved Model", namespace_id: ID.models });
            expect(made.status).toBe(201);
            // marcus.chen is a Maintainer of acme-ml/models, so eligible; GitLab drops non-members.
            expect((await api1.post(`projects/${made.body.id}/approval_rules`, { name: "Leads", approvals_required: 1, user_ids: [ID.marcus] })).status).toBe(201);

            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "standin-persist-"));
            const file = path.join(dir, "gitlab.json");
            writeStateFile(file, first.state);
            expect(fs.readdirSync(dir)).toEqual(["gitlab.json"]);

            const second = new GitLabStandin(readStateFile(file));
            const api2 = new Client(await second.start(), BOT_TOKEN);
            try {
                expect(second.snapshot()).toEqual(first.snapshot());
                const rules = await api2.get(`projects/${made.body.id}/approval_rules`);
                expect(rules.body.map((r: { name: string; users: Array<{ username: string }> }) => [r.name, r.users.map((u) => u.username)])).toEqual([["Leads", ["marcus.chen"]]]);
                const next = await api2.post("projects", { name: "Another Model", namespace_id: ID.models });
                expect(next.status).toBe(201);
                expect(first.state.project(next.body.id)).toBeUndefined();
                expect(second.state.sequences()).toEqual({ ...first.state.sequences(), project: first.state.sequences().project + 1, commit: expect.any(Number) });
            } finally {
                await second.stop();
                fs.rmSync(dir, { recursive: true, force: true });
            }
        } finally {
            await first.stop();
        }
    });

    it("is refused in a format it does not know", () => {
        const saved = { ...saveState(new GitLabStandin(acme()).state), format: 99 };
        expect(() => restoreState(saved)).toThrow(/format 99, expected 1/);
    });
});

describe("addFixtures", () => {
    it("adds users, a group under an existing one and a project to a loaded state, with the fixture loader's checks", () => {
        const { state } = new GitLabStandin(acme());
        addFixtures(state, {
            users: [{ id: 900, username: "sofia.alvarez", name: "Sofia Alvarez", email: "sofia@example.test" }],
            groups: [{ id: 901, full_path: "acme-ml/new-team", name: "New team", members: [{ user_id: 900, access_level: 30 }] }],
            projects: [{ id: 902, path_with_namespace: "acme-ml/new-team/adopted", name: "adopted" }],
            tokens: [],
        });
        expect(state.group("acme-ml/new-team")?.parent_id).toBe(ID.acmeMl);
        expect(state.project("acme-ml/new-team/adopted")?.default_branch).toBe("main");
        const namespaces = [...state.groups.map((g) => g.id), ...state.users.map((u) => u.namespace_id)];
        expect(new Set(namespaces).size).toBe(namespaces.length);
        expect(() => addFixtures(state, { users: [{ id: 903, username: "priya.raman", name: "P", email: "p@example.test" }], groups: [], tokens: [] })).toThrow(/duplicate user/);
        const priyaNamespace = state.user("priya.raman")!.namespace_id;
        expect(() => addFixtures(state, { users: [], groups: [{ id: priyaNamespace, full_path: "taken", name: "T" }], tokens: [] })).toThrow(/duplicate group/);
    });
});
