import * as pulumi from "@pulumi/pulumi";

/**
 * How many repositories' registrations may be in flight at once. The SDK
 * keeps about 160 promises of bookkeeping per registration until the engine
 * answers it, so building a whole fleet at once held every one of them: 1.6 GB
 * at 500 repositories under mocks, more than a default runner gives a job.
 * With a window, memory follows the window, not the fleet. It costs an `up`
 * no parallelism: the engine runs 4 operations per CPU at once unless told
 * otherwise (`defaultParallel`, pulumi/pkg cmd/pulumi/operations/up.go,
 * v3.274.1), and 25 repositories keep well over a hundred registrations ready
 * (about 15 each); GitLab's API budget is lower still (docs/benchmarks.md).
 */
export const REPOSITORIES_IN_FLIGHT = 25;

/**
 * `task` over `items`, at most `limit` at once, results in the items' order.
 * A sliding window: a slow item holds one slot, not a whole batch. `lane`
 * (0 to limit - 1) says which slot runs the item: one item at a time per lane.
 */
export async function inWindow<T, R>(items: readonly T[], limit: number, task: (item: T, lane: number) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const lane = async (index: number) => {
        while (next < items.length) {
            const i = next++;
            results[i] = await task(items[i], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(items.length, limit) }, (_, index) => lane(index)));
    return results;
}

/** Resolves once the engine has answered the registration of each of `resources`. */
export function registered(resources: readonly pulumi.Resource[]): Promise<void> {
    return new Promise((resolve) => {
        pulumi.all(resources.map((r) => r.urn)).apply(() => resolve());
    });
}

/**
 * Runs `build` with V8's stack traces off, unless Pulumi's promise-leak
 * debugging is on. The SDK wraps every promise of a registration in
 * `debuggablePromise` (@pulumi/pulumi/runtime/debuggable.js), which formats a
 * stack trace for each (`new Error().stack`) and reads it only when
 * `PULUMI_DEBUG_PROMISE_LEAKS` is set: at 500 repositories, half of the
 * program's time and a quarter of its memory. Error messages are unchanged;
 * resources' source positions are too (the SDK's `callsites` lifts the limit
 * itself). An error thrown while resources register shows its message
 * without frames; `PULUMI_DEBUG_PROMISE_LEAKS=1` brings them back.
 */
export async function withoutPromiseTraces<R>(build: () => Promise<R>): Promise<R> {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return build();
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        return await build();
    } finally {
        Error.stackTraceLimit = limit;
    }
}
