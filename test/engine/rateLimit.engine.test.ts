import * as fs from "fs";
import * as path from "path";
import { EngineWorkspace, ROOT } from "../../engine/workspace";
import { editConfig } from "../support/stackFile";

// Two teams' stacks share one token, so one API budget: their `up`s run at
// once against a GitLab that throttles the token's user (the stand-in's
// rate limit), and the provider's client retries each 429 as client-go does.
// Both converge with nothing lost or made twice.

const NS = "ml-model-governance";
const STACKS = ["dev-a", "dev-b"] as const;

/** The dev fixture with two repositories of the team's own. */
function teamStack(team: string): string {
    return editConfig(fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", "dev.yaml"), "utf8"), (c) => {
        c[`${NS}:environment`] = "dev";
        const [repo] = c[`${NS}:repositories`];
        c[`${NS}:repositories`] = [1, 2].map((n) => ({ ...repo, name: `Team ${team} Model ${n}` }));
    });
}

let ws: EngineWorkspace;
beforeAll(async () => {
    ws = await EngineWorkspace.withFixtureStacks(Object.fromEntries(STACKS.map((stack) => [stack, teamStack(stack.slice(-1).toUpperCase())])));
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });

describe("two stacks' parallel `up`s under GitLab's rate limit", () => {
    it("are throttled, retry, and both converge with every project, rule and protection made once", async () => {
        ws.standin.rateLimit({ requests: 15, periodSeconds: 2 });
        const ups = await Promise.all(STACKS.map((stack) => ws.pulumi(["up", "--yes", "--stack", stack, "--non-interactive", "--policy-pack", "policy", "--policy-pack-config", "policy/config/dev.json"])));
        ups.forEach(ok);
        const throttled = ws.standin.requests.filter((r) => r.throttled);
        expect(throttled.length).toBeGreaterThan(0);
        // Every throttled request was made again and answered: nothing the ups needed was lost.
        expect(ws.standin.requests.filter((r) => r.status >= 500)).toEqual([]);

        ws.standin.rateLimit(undefined);
        for (const stack of STACKS) {
            for (const projectPath of ws.projectPaths(stack)) {
                const found = ws.standin.state.projects.filter((p) => ws.standin.state.pathWithNamespace(p) === projectPath);
                expect(found).toHaveLength(1);
                const [project] = found;
                expect(project.protected_branches.map((b) => b.name)).toEqual([project.default_branch]);
                const rules = project.approval_rules.filter((r) => r.rule_type === "regular").map((r) => r.name);
                expect(rules).toEqual([...new Set(rules)]);
                expect(rules.length).toBeGreaterThan(0);
            }
            ok(await ws.pulumi(["preview", "--expect-no-changes", "--stack", stack, "--non-interactive"]));
        }
    });
});
