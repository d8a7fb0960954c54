import { EngineWorkspace, ROOT, stacksIn } from "../../engine/workspace";
import { firstDeployment } from "./support/converge";

// Drift means what it means for real: right after a stack's first deployment
// (`up`, and one more where the provider left a new project's model registry
// levels to its update: support/converge.ts), neither a preview nor a refresh
// finds anything to change, for every input the program sets. Run for
// the committed stacks as the user wrote them, their shapes as frozen copies under test/fixtures (against the
// acme fixture that seeds their people and groups) and a fleet whose protection
// is a wildcard; the adopted project is covered by provider-truth.engine.test.ts.

const STACKS: Readonly<Record<string, string>> = { dev: "dev", prod: "prod", wildcard: "wildcard" };

let ws: EngineWorkspace;
beforeAll(async () => {
    ws = await EngineWorkspace.withFixtureStacks(STACKS);
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });

describe("right after up, nothing to change", () => {
    it.each(Object.keys(STACKS))("%s: up, then preview --expect-no-changes and refresh --expect-no-changes", async (stack) => {
        const pulumi = (...args: string[]) => ws.pulumi([...args, "--stack", stack, "--non-interactive"]);
        ok(await firstDeployment(pulumi));
        ok(await pulumi("preview", "--expect-no-changes"));
        ok(await pulumi("refresh", "--expect-no-changes", "--yes"));
        ok(await pulumi("preview", "--refresh", "--expect-no-changes"));
    });

    it("the wildcard protection is the one GitLab holds, beside the project's own default-branch protection", () => {
        const ranking = ws.standin.state.project("acme-ml/sandbox/ranking-model")!;
        expect(ranking.protected_branches.map((b) => b.name).sort()).toEqual(["main", "release/*"]);
    });
});

describe("right after up of the committed stacks, whatever they name, nothing to change", () => {
    let committed: EngineWorkspace;
    beforeAll(async () => {
        // Seeded from the stack files themselves (and Pulumi.yaml's shared config), as the user wrote them.
        committed = await EngineWorkspace.create();
        for (const stack of stacksIn(committed.dir)) await committed.stackInit(stack);
    });
    afterAll(() => committed?.dispose());

    it.each(stacksIn(ROOT))("%s: up, then preview --expect-no-changes and refresh --expect-no-changes", async (stack) => {
        const pulumi = (...args: string[]) => committed.pulumi([...args, "--stack", stack, "--non-interactive"]);
        ok(await firstDeployment(pulumi));
        ok(await pulumi("preview", "--expect-no-changes"));
        ok(await pulumi("refresh", "--expect-no-changes", "--yes"));
    });
});
