import * as fs from "fs";
import * as path from "path";
import type { Project } from "../../engine/gitlab-standin";
import { acmeFixtures, EngineWorkspace, ROOT } from "../../engine/workspace";
import { firstDeployment } from "./support/converge";

// A production fleet (test/fixtures/stacks/fleet.yaml, as stack `prod`): two
// created projects and an adopted one, every optional feature used, taken
// through up, an approver edit, a destroy, a de-listing and drift, with the
// real CLI against the provider double and the GitLab API stand-in.

const STACK = "prod";

let ws: EngineWorkspace;
beforeAll(async () => {
    // priya.raman is already a direct Developer of the adopted legacy-ranker: her membership is imported, not created again.
    ws = await EngineWorkspace.withFixtureStacks(
        { [STACK]: "fleet" },
        acmeFixtures((f) => {
            const legacy = f.projects!.find((p) => p.path_with_namespace === "acme-ml/models/legacy-ranker")!;
            legacy.members = [...(legacy.members ?? []), { user_id: f.users.find((u) => u.username === "priya.raman")!.id, access_level: 30 }];
        }),
    );
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const pulumi = (...args: string[]) => ws.pulumi([...args, "--stack", STACK, "--non-interactive"]);
const project = (p: string): Project => {
    const found = ws.standin.state.project(p);
    if (found === undefined) throw new Error(`the stand-in has no project ${p}`);
    return found;
};
const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });
const changedSteps = (json: string) =>
    ((JSON.parse(json) as { steps?: Array<{ op: string; urn: string }> }).steps ?? []).filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn.split("::").pop()}`).sort();

describe("a production fleet under the real engine", () => {
    it("is created by its first deployment (an up, and one more for the provider's pending model registry update), after which a preview expects no changes", async () => {
        ok(await firstDeployment(pulumi));
        ok(await pulumi("preview", "--expect-no-changes"));
        const fraud = project("acme-ml/models/fraud-detection-model");
        expect(fraud.protected_branches.map((b) => b.name)).toEqual(["main"]);
        expect(fraud.approval_rules.map((r) => [r.name, r.rule_type, r.approvals_required]).sort()).toEqual([
            ["Any approver", "any_approver", 1],
            ["Data stewards", "regular", 1],
            ["ML leads", "regular", 2],
        ]);
        expect(Object.keys(fraud.repository.branches.find((b) => b.name === "main")!.files)).toContain(".gitlab/CODEOWNERS");
        // The adopted project keeps its members and share; priya.raman's membership and the ml-platform share were
        // imported, not made twice; marcus.chen is a Maintainer through acme-ml/models and needs none.
        const legacy = project("acme-ml/models/legacy-ranker");
        expect(legacy.members.map((m) => ws.standin.state.user(m.user_id)!.username).sort()).toEqual(["elena.petrova", "nadia.okafor", "priya.raman", "tech.writer"]);
        expect(legacy.shared_with_groups).toHaveLength(1);
        const state = (await ws.export(STACK)).resources ?? [];
        expect(state.filter((r) => r.urn.endsWith("::legacy-ranker-member-priya.raman"))).toHaveLength(1);
        expect(state.filter((r) => r.urn.includes("::legacy-ranker-share-"))).toHaveLength(1);
        // Everything the provider asked for is something the stand-in models.
        expect(ws.standin.requests.filter((r) => r.unmodelled).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    });

    it("changes exactly one rule and one membership when one approver is edited with `pulumi config set --path`", async () => {
        // elena.petrova stays a code owner, so her membership stays; tech.writer is new to the project.
        ok(await pulumi("config", "set", "--path", "ml-model-governance:repositories[0].approvalRules[0].users[1]", "tech.writer"));
        const preview = await pulumi("preview", "--json");
        ok(preview);
        const writer = ws.standin.state.user("tech.writer")!.id;
        expect(changedSteps(preview.stdout)).toEqual(["create fraud-detection-model-member-tech.writer", "update fraud-detection-model-rule-ml-leads"]);
        ok(await pulumi("up", "--yes"));
        const rule = project("acme-ml/models/fraud-detection-model").approval_rules.find((r) => r.name === "ML leads")!;
        expect(rule.user_ids).toContain(writer);
        ok(await pulumi("preview", "--expect-no-changes"));
    });

    it("refuses `pulumi destroy` of the protected projects, and GitLab keeps everything", async () => {
        const destroy = await pulumi("destroy", "--yes");
        expect(destroy.code).not.toBe(0);
        expect(destroy.output).toMatch(/protected/);
        for (const p of ["acme-ml/models/fraud-detection-model", "acme-ml/models/churn-model", "acme-ml/models/legacy-ranker"]) {
            expect(project(p).protected_branches).toHaveLength(1);
        }
        ok(await pulumi("preview", "--expect-no-changes"));
    });

    it("on removing a repository from config, does exactly what the README says: refused while protected, then nothing is deleted from GitLab", async () => {
        const churn = () => project("acme-ml/models/churn-model");
        const governance = () => JSON.stringify({ b: churn().protected_branches, r: churn().approval_rules, s: churn().shared_with_groups, f: Object.keys(churn().repository.branches[0].files) });
        const before = governance();
        const repos = (c: Record<string, any>) => c["ml-model-governance:repositories"] as Array<Record<string, any>>;

        // 1. Removed outright, the protected project stops the update before anything changes.
        let listed: Array<Record<string, any>> = [];
        ws.editStack(STACK, (c) => (listed = structuredClone(repos(c))));
        ws.editStack(STACK, (c) => (c["ml-model-governance:repositories"] = repos(c).filter((r) => r.key !== "churn")));
        const refused = await pulumi("up", "--yes");
        expect(refused.code).not.toBe(0);
        expect(refused.output).toMatch(/churn-project" cannot be deleted\s+because it is protected/);
        expect(governance()).toBe(before);

        // 2. The README's way: unprotect it in config, `up`, then remove it.
        ws.editStack(STACK, (c) => {
            c["ml-model-governance:repositories"] = listed;
            repos(c).find((r) => r.key === "churn")!.dataSafety = { protect: false };
        });
        ok(await pulumi("up", "--yes"));
        ws.editStack(STACK, (c) => (c["ml-model-governance:repositories"] = repos(c).filter((r) => r.key !== "churn")));
        ok(await pulumi("up", "--yes"));
        expect(churn().archived).toBe(false);
        expect(churn().marked_for_deletion_on).toBeNull();
        expect(governance()).toBe(before);
        const urns = ((await ws.export(STACK)).resources ?? []).map((r) => r.urn);
        expect(urns.filter((u) => u.includes("::churn"))).toEqual([]);
        ok(await pulumi("preview", "--expect-no-changes"));
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        expect(readme).toContain("### Removing a repository from a production stack");
    });

    it("sees a change made behind its back (an approver removed, force push allowed) and puts it right", async () => {
        const fraud = project("acme-ml/models/fraud-detection-model");
        const rule = fraud.approval_rules.find((r) => r.name === "ML leads")!;
        const removed = rule.user_ids.pop();
        fraud.protected_branches[0].allow_force_push = true;
        const drift = await pulumi("preview", "--refresh", "--expect-no-changes");
        expect(drift.code).not.toBe(0);
        expect(drift.output).toMatch(/fraud-detection-model-rule-ml-leads/);
        expect(drift.output).toMatch(/fraud-detection-model-protected-branch/);
        ok(await pulumi("up", "--refresh", "--yes"));
        expect(project("acme-ml/models/fraud-detection-model").approval_rules.find((r) => r.name === "ML leads")!.user_ids).toContain(removed);
        expect(project("acme-ml/models/fraud-detection-model").protected_branches[0].allow_force_push).toBe(false);
        ok(await pulumi("preview", "--refresh", "--expect-no-changes"));
    });
});
