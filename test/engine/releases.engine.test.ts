import type { Project } from "../../engine/gitlab-standin";
import { EngineWorkspace } from "../../engine/workspace";

// Model releases under the real engine: the production fixture
// (test/fixtures/stacks/prod.yaml) has a promotion gate, so it gets protected
// release tags, both merge checks, a triggerer who may not approve, a private
// model registry (set by the second `up`, as the provider sends it only in its
// update) and a weekend deploy freeze; an
// ineligible tag creator fails the preview, naming the key.

const STACK = "prod";
const PROJECT = "acme-ml/models/fraud-detection-model";

let ws: EngineWorkspace;
beforeAll(async () => {
    ws = await EngineWorkspace.withFixtureStacks({ [STACK]: "prod" });
});
afterAll(() => ws?.dispose());

const pulumi = (...args: string[]) => ws.pulumi([...args, "--stack", STACK, "--non-interactive"]);
const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });
const project = (): Project => {
    const found = ws.standin.state.project(PROJECT);
    if (found === undefined) throw new Error(`the stand-in has no project ${PROJECT}`);
    return found;
};

describe("a production model release under the real engine", () => {
    it("gets protected release tags, both merge checks, no self-approval of promotions and a private model registry, and converges", async () => {
        ok(await pulumi("up", "--yes"));
        // terraform-provider-gitlab sends the registry levels in its update only (createProject and, for a
        // project that is not a fork, updatePostCreateEditOptions leave them out): the creating `up`
        // leaves GitLab's default, and the next preview shows exactly that update.
        expect(project().settings).not.toHaveProperty("model_registry_access_level");
        expect(project().settings).not.toHaveProperty("model_experiments_access_level");
        const pending = await pulumi("preview", "--expect-no-changes", "--diff");
        expect(pending.code).not.toBe(0);
        // The CLI shows the old inputs beside the new ones, so both read "private"; the update is these two alone.
        expect(pending.output).toMatch(/~ gitlab:index\/project:Project: \(update\)/);
        expect(pending.output).toMatch(/~ modelExperimentsAccessLevel\s*:/);
        expect(pending.output).toMatch(/~ modelRegistryAccessLevel\s*:/);
        expect(pending.output).toContain("1 to update");
        // And the warning names who the registry is open to.
        expect(pending.output).toContain("group acme-ml/release-managers (developer)");
        expect(pending.output).toContain("Developers and above can change and delete its models and model versions");
        ok(await pulumi("up", "--yes"));
        ok(await pulumi("preview", "--expect-no-changes"));
        const fraud = project();
        expect(fraud.settings).toMatchObject({
            only_allow_merge_if_pipeline_succeeds: true,
            only_allow_merge_if_all_discussions_are_resolved: true,
            allow_pipeline_trigger_approve_deployment: false,
            model_registry_access_level: "private",
            model_experiments_access_level: "private",
        });
        const managers = ws.standin.state.group("acme-ml/release-managers")!.id;
        expect(fraud.protected_tags.map((t) => [t.name, t.create_access_levels.map((e) => (e.group_id === null ? `role ${e.access_level}` : `group ${e.group_id}`))])).toEqual([["model-v*", ["role 0", `group ${managers}`]]]);
        expect(fraud.freeze_periods.map((p) => [p.freeze_start, p.freeze_end, p.cron_timezone])).toEqual([["0 18 * * FRI", "0 8 * * MON", "Europe/Berlin"]]);
        // The group may create the tags because the project is shared with it, at Developer.
        expect(fraud.shared_with_groups.find((s) => s.group_id === managers)?.group_access).toBe(30);
        expect(ws.standin.requests.filter((r) => r.unmodelled).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    });

    it("replaces a changed protection delete-first, so the pattern ends up protected with the new creators", async () => {
        // The provider has no update for TagProtection: a changed entry is replaced, delete-first
        // (deleteBeforeReplace). Create-first, the old resource's delete would unprotect the pattern again.
        // One creator group for another: a change, not a weakening, so production needs no acknowledgement.
        const protectionWrites = async (group: string) => {
            ok(await pulumi("config", "set", "--path", "ml-model-governance:repositories[0].releaseTags[0].groups[0]", group));
            const from = ws.standin.requests.length;
            ok(await pulumi("up", "--yes"));
            ok(await pulumi("preview", "--expect-no-changes"));
            const id = ws.standin.state.group(group)!.id;
            expect(project().protected_tags.map((t) => [t.name, t.create_access_levels.map((e) => (e.group_id === null ? `role ${e.access_level}` : `group ${e.group_id}`))])).toEqual([["model-v*", ["role 0", `group ${id}`]]]);
            return ws.standin.requests.slice(from).filter((r) => r.path.includes("/protected_tags") && r.method !== "GET").map((r) => `${r.method} ${r.status}`);
        };
        // Production retains governance on delete: the engine's delete leaves GitLab alone, and the
        // provider's create takes the existing protection over (422, unprotect, protect again).
        expect(await protectionWrites("acme-ml/leads")).toEqual(["POST 422", "DELETE 204", "POST 201"]);
        // Without retention (an up of its own: the engine deletes by the options in the state), the engine
        // deletes the old protection first, then creates the new one.
        ok(await pulumi("config", "set", "--path", "ml-model-governance:repositories[0].retainGovernanceOnDelete", "false"));
        ok(await pulumi("up", "--yes"));
        expect(await protectionWrites("acme-ml/release-managers")).toEqual(["DELETE 204", "POST 201"]);
        ok(await pulumi("config", "rm", "--path", "ml-model-governance:repositories[0].retainGovernanceOnDelete"));
    });

    it("warns at preview of a tag creator who is a member below Developer, whom GitLab accepts", async () => {
        // tech.writer is a Reporter of acme-ml/ml-platform, which the project is shared with for its Docs code owners.
        ok(await pulumi("config", "set", "--path", "ml-model-governance:repositories[0].addApproversAsMembers", "false"));
        // tech.writer instead of the release managers: a change of creators, not a widening (that would need an acknowledgement).
        ok(await pulumi("config", "set", "--path", "ml-model-governance:repositories[0].releaseTags[0].users[0]", "tech.writer"));
        ok(await pulumi("config", "rm", "--path", "ml-model-governance:repositories[0].releaseTags[0].groups"));
        const preview = await pulumi("preview");
        ok(preview);
        expect(preview.output).toContain('ml-model-governance:repositories[0].releaseTags[0].users[0]: got "tech.writer"; is named as a release tag creator with less than Developer access to acme-ml/models/fraud-detection-model: GitLab accepts the protection');
    });

    it("refuses at preview a tag creator GitLab would refuse, no member of the project, naming the key, and changes nothing", async () => {
        // With the Docs code owners moved to another group, the project is no longer shared with acme-ml/ml-platform:
        // tech.writer has no access at all, and GitLab refuses them ("is not a member of the project").
        ok(await pulumi("config", "set", "--path", "ml-model-governance:repositories[0].codeOwners.sections[3].rules[0].groups[0]", "acme-ml/data-stewards"));
        const before = ws.standin.requests.filter((r) => r.method !== "GET").length;
        const preview = await pulumi("preview");
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain('ml-model-governance:repositories[0].releaseTags[0].users[0]: got "tech.writer"; is named as a release tag creator, but GitLab would refuse the tag protection ("is not a member of the project")');
        expect(ws.standin.requests.filter((r) => r.method !== "GET").length).toBe(before);
        expect(project().protected_tags.map((t) => t.name)).toEqual(["model-v*"]);
    });
});
