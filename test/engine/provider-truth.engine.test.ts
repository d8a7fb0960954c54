import type { AccessEntry, Project } from "../../engine/gitlab-standin";
import { acmeFixtures, EngineWorkspace } from "../../engine/workspace";

// What terraform-provider-gitlab and GitLab really do, as their source says
// (docs/engine-tests.md, "Provider truths"), seen through the real CLI: the
// REST calls of a create, how an update treats role and user entries, what a
// drift is, and what GitLab silently drops. Each test here failed against the
// double as it was before it stopped sharing the program's rules.

const VISION = "acme-ml/models/vision-model";
const LEGACY = "acme-ml/models/legacy-ranker";

let ws: EngineWorkspace;
beforeAll(async () => {
    // The adopted project has selective code owner removals on (so reset-on-push off), as a team may have left it.
    ws = await EngineWorkspace.withFixtureStacks(
        { truth: "truth", personal: "personal" },
        acmeFixtures((f) => {
            const legacy = f.projects!.find((p) => p.path_with_namespace === LEGACY)!;
            legacy.approval_settings = { reset_approvals_on_push: false, selective_code_owner_removals: true };
        }),
    );
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const pulumi = (stack: string, ...args: string[]) => ws.pulumi([...args, "--stack", stack, "--non-interactive"]);
const truth = (...args: string[]) => pulumi("truth", ...args);
const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });
const project = (p: string): Project => {
    const found = ws.standin.state.project(p);
    if (found === undefined) throw new Error(`the stand-in has no project ${p}`);
    return found;
};
const log = (from = 0) => ws.standin.requests.slice(from).map((r) => ({ call: `${r.method} ${r.path}`, body: r.body as Record<string, unknown> | undefined, status: r.status }));
/** Whether `calls` occur in this order in the log (other requests may come between, as the engine works in parallel). */
function inOrder(entries: ReturnType<typeof log>, calls: readonly string[]): boolean {
    let at = 0;
    for (const e of entries) if (at < calls.length && e.call === calls[at]) at++;
    return at === calls.length;
}
const pushLevels = (p: string) => project(p).protected_branches.find((b) => b.name === "main")!.push_access_levels;
const describeLevels = (levels: readonly AccessEntry[]) => levels.map((l) => (l.user_id !== null ? `user ${l.user_id}` : `role ${l.access_level}`)).sort();

describe("the provider's own create and update sequences", () => {
    it("creates a project as the provider does: POST, the namespace's protection setting, the wait for the default branch's protection, then a read with the push rule", async () => {
        ok(await truth("up", "--yes"));
        const vision = project(VISION);
        const p = `/api/v4/projects/${vision.id}`;
        const namespace = ws.standin.state.group("acme-ml/models")!.id;
        expect(inOrder(log(), ["POST /api/v4/projects", `GET /api/v4/groups/${namespace}`, `GET ${p}/repository/branches/main`, `GET ${p}`, `GET ${p}/push_rule`, `POST ${p}/protected_branches`])).toBe(true);
    });

    it("creates the MR approval settings of a new project with one POST that leaves selective code owner removals alone", () => {
        const approvals = `/api/v4/projects/${project(VISION).id}/approvals`;
        const posts = log().filter((e) => e.call === `POST ${approvals}`);
        expect(posts).toHaveLength(1);
        expect(posts[0].body).not.toHaveProperty("selective_code_owner_removals");
    });

    it("adopts a project whose selective code owner removals are on: imported, then updated with them switched off before reset-on-push goes on", () => {
        const approvals = `/api/v4/projects/${project(LEGACY).id}/approvals`;
        const calls = log().filter((e) => e.call.endsWith(approvals));
        expect(calls[0].call).toMatch(/^GET /); // the import reads what GitLab has (in the preview and again in the update)
        expect(calls.filter((e) => e.call.startsWith("POST")).map((e) => `${JSON.stringify(e.body ?? {})} ${e.status}`)).toEqual([
            '{"selective_code_owner_removals":false} 201',
            expect.stringMatching(/^\{.*"reset_approvals_on_push":true.*\} 201$/),
        ]);
        expect(project(LEGACY).approval_settings).toMatchObject({ reset_approvals_on_push: true, selective_code_owner_removals: false });
    });

    it("leaves a Maintainers push level alone: no entry for the token's user, who is a Maintainer", () => {
        expect(describeLevels(pushLevels(VISION))).toEqual(["role 40"]);
        expect(Object.keys(project(VISION).repository.branches.find((b) => b.name === "main")!.files)).toContain("CODEOWNERS");
    });

    it("then plans nothing and refreshes nothing, the adopted project included", async () => {
        ok(await truth("preview", "--expect-no-changes"));
        ok(await truth("refresh", "--expect-no-changes", "--yes"));
    });

    it("creates a project in the token user's personal namespace: it asks whether the user is an admin, not for the instance settings, and waits", async () => {
        const from = ws.standin.requests.length;
        ok(await pulumi("personal", "up", "--yes"));
        const scratch = ws.standin.state.projects.find((p) => p.name === "Scratch Model")!;
        const p = `/api/v4/projects/${scratch.id}`;
        expect(inOrder(log(from), ["POST /api/v4/projects", "GET /api/v4/user", `GET ${p}/repository/branches/main`, `PUT ${p}`, `GET ${p}`, `GET ${p}/push_rule`])).toBe(true);
        expect(log(from).filter((e) => e.call.includes("/application/settings"))).toEqual([]);
        ok(await pulumi("personal", "preview", "--expect-no-changes"));
    });
});

describe("drift, as the provider plans it", () => {
    it("repairs a Maintainers push entry removed by hand in one up", async () => {
        const main = project(VISION).protected_branches.find((b) => b.name === "main")!;
        main.push_access_levels = [];
        expect((await truth("preview", "--refresh", "--expect-no-changes")).code).not.toBe(0);
        ok(await truth("up", "--refresh", "--yes"));
        expect(describeLevels(pushLevels(VISION))).toEqual(["role 40"]);
        ok(await truth("preview", "--refresh", "--expect-no-changes"));
    });

    it("cannot re-add the Maintainers entry beside a user entry (GitLab stores 40 with it): a hand-made user entry takes two ups to undo", async () => {
        const main = project(VISION).protected_branches.find((b) => b.name === "main")!;
        const marcus = ws.standin.state.user("marcus.chen")!.id;
        main.push_access_levels = [{ id: ws.standin.state.nextId("push_access_level"), access_level: 40, user_id: marcus, group_id: null, deploy_key_id: null }];
        ok(await truth("up", "--refresh", "--yes"));
        // The user entry went; the role entry was skipped, as populateBranchPermissionOptionsDataForPush does.
        expect(describeLevels(pushLevels(VISION))).toEqual([]);
        expect((await truth("preview", "--refresh", "--expect-no-changes")).code).not.toBe(0);
        ok(await truth("up", "--refresh", "--yes"));
        expect(describeLevels(pushLevels(VISION))).toEqual(["role 40"]);
        ok(await truth("preview", "--refresh", "--expect-no-changes"));
    });

    it("sees a rule switched to all protected branches, a description and an archive made by hand (Default false and plain Optional inputs), and undoes them", async () => {
        const vision = project(VISION);
        vision.approval_rules.find((r) => r.name === "Reviewers")!.applies_to_all_protected_branches = true;
        vision.description = "edited by hand";
        vision.archived = true;
        const drift = await truth("preview", "--refresh", "--expect-no-changes");
        expect(drift.code).not.toBe(0);
        expect(drift.output).toMatch(/vision-model-rule-reviewers/);
        expect(drift.output).toMatch(/vision-model-project/);
        ok(await truth("up", "--refresh", "--yes"));
        expect(vision.approval_rules.find((r) => r.name === "Reviewers")!.applies_to_all_protected_branches).toBe(false);
        expect({ description: vision.description, archived: vision.archived }).toEqual({ description: "", archived: false });
        ok(await truth("preview", "--refresh", "--expect-no-changes"));
    });
});

describe("what GitLab drops without a word", () => {
    it("keeps a merge request approval setting a group has locked: `up` succeeds and the diff never goes away", async () => {
        const legacy = project(LEGACY);
        legacy.approval_settings.merge_requests_disable_committers_approval = false;
        legacy.locked_approval_settings = ["merge_requests_disable_committers_approval"];
        ok(await truth("up", "--refresh", "--yes"));
        expect(legacy.approval_settings.merge_requests_disable_committers_approval).toBe(false);
        const after = await truth("preview", "--refresh", "--expect-no-changes");
        expect(after.code).not.toBe(0);
        expect(after.output).toMatch(/legacy-ranker-mr-approvals/);
    });
});
