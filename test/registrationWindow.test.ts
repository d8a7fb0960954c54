import { inWindow, REPOSITORIES_IN_FLIGHT, withoutPromiseTraces } from "../src/governance/registrationWindow";
import { baseConfig } from "./support/configs";
import { evaluate, gitlab, recorded } from "./support/harness";
import { runUnderMocks } from "../src/check/mockRun";
import { T } from "./support/tokens";

describe("inWindow", () => {
    it("runs at most `limit` tasks at once, a new one as soon as one ends, and keeps the items' order", async () => {
        let running = 0;
        let most = 0;
        const started: number[] = [];
        const results = await inWindow([30, 5, 20, 1, 10, 2], 2, async (ms) => {
            started.push(ms);
            most = Math.max(most, ++running);
            await new Promise((resolve) => setTimeout(resolve, ms));
            running--;
            return ms * 10;
        });
        expect(most).toBe(2);
        expect(results).toEqual([300, 50, 200, 10, 100, 20]);
        // A sliding window: the short tasks beside the 30 ms one start before it ends.
        expect(started.slice(0, 4)).toEqual([30, 5, 20, 1]);
    });

    it("rejects with the first task's error", async () => {
        await expect(inWindow([1, 2, 3], 2, async (n) => (n === 2 ? Promise.reject(new Error("two")) : n))).rejects.toThrow("two");
    });
});

describe("withoutPromiseTraces", () => {
    const saved = process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    afterEach(() => {
        if (saved === undefined) delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
        else process.env.PULUMI_DEBUG_PROMISE_LEAKS = saved;
    });

    it("turns stack traces off while it builds, and back on after, even when the build throws", async () => {
        delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
        const before = Error.stackTraceLimit;
        expect(await withoutPromiseTraces(async () => Error.stackTraceLimit)).toBe(0);
        expect(Error.stackTraceLimit).toBe(before);
        await expect(
            withoutPromiseTraces(async () => {
                throw new Error("bad input");
            }),
        ).rejects.toThrow("bad input");
        expect(Error.stackTraceLimit).toBe(before);
    });

    it("leaves them on when Pulumi's promise-leak debugging, their only reader, is on", async () => {
        process.env.PULUMI_DEBUG_PROMISE_LEAKS = "1";
        const before = Error.stackTraceLimit;
        expect(await withoutPromiseTraces(async () => Error.stackTraceLimit)).toBe(before);
    });
});

describe("the program's registrations", () => {
    it(`keep at most ${REPOSITORIES_IN_FLIGHT} repositories in flight, so memory follows the window and not the fleet`, async () => {
        const count = REPOSITORIES_IN_FLIGHT + 15;
        const config = baseConfig();
        config.repositories = Array.from({ length: count }, (_, i) => ({ name: `Model ${i}` }));
        const { resources } = await evaluate(config);

        // The order the engine receives registrations in: a repository is in flight from its first to its last.
        const custom = resources.filter((r) => r.custom);
        const first = new Map<string, number>();
        const last = new Map<string, number>();
        custom.forEach((r, i) => {
            if (!first.has(r.parent)) first.set(r.parent, i);
            last.set(r.parent, i);
        });
        expect(first.size).toBe(count);
        const inFlight = custom.map((_, i) => [...first.keys()].filter((repo) => first.get(repo)! <= i && i <= last.get(repo)!).length);
        expect(Math.max(...inFlight)).toBe(REPOSITORIES_IN_FLIGHT);
        expect(byTypeCount(custom, T.project)).toBe(count);
    });
});

describe("the program's warnings", () => {
    it("are told once the lookups are done, before any resource registers, so a failing up still shows them", async () => {
        const config = baseConfig();
        // Named approvers the program makes no membership for: offline, their eligibility is a warning.
        config.repositories = [{ name: "Model A", addApproversAsMembers: false, approvalRules: [{ name: "Leads", approvalsRequired: 2, users: ["priya.raman", "marcus.chen"] }] }];
        const told: Array<{ warnings: number; registered: number }> = [];
        const run = await runUnderMocks(config, "dev", gitlab, { membershipsKnown: false, onWarnings: (w) => told.push({ warnings: w.length, registered: recorded.resources.length }) });
        expect(told).toEqual([{ warnings: run.fleet.warnings.length, registered: 0 }]);
        expect(run.fleet.warnings.length).toBeGreaterThan(0);
    });
});

function byTypeCount(resources: ReadonlyArray<{ type: string }>, token: string): number {
    return resources.filter((r) => r.type === token).length;
}
