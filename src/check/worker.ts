import { checkOne } from "./cli";
import type { StackFacts } from "./fleet";

/**
 * A process of `npm run check -- --all` (src/check/workers.ts): it checks one
 * stack per message from its parent, as `npm run check -- <stack>` would, and
 * answers with the exit status and what that command would have printed.
 * Stacks run one after another: each run of the program under mocks starts
 * from Pulumi's `setMocks` and config of its own, so nothing carries over but
 * the loaded modules, which is the point.
 */
export interface WorkerReply {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    /** The stack's environment and projects, when its config validated (the fleet's checks). */
    readonly facts?: StackFacts;
}

process.on("message", (stack: string) => {
    // While a stack is checked, the channel to the parent does not keep this process alive: a
    // check whose promises never settle ends it, and the parent reports that stack as failed
    // instead of waiting for ever. Between stacks it does, to wait for the next one.
    process.channel?.unref();
    let stdout = "";
    let stderr = "";
    checkOne([stack], process.cwd(), (s) => (stdout += s), (s) => (stderr += s))
        .catch((e: unknown) => {
            // As `main` reports an unexpected error of the one-stack command.
            stderr += `${e instanceof Error ? e.message : String(e)}\n`;
            return { code: 1, facts: undefined };
        })
        .then(({ code, facts }) => {
            process.channel?.ref();
            process.send!({ code, stdout, stderr, facts } satisfies WorkerReply);
            // The last run is garbage now: collected before the next one grows the heap over it
            // (a 500-repository stack's run peaks near 1 GB).
            (globalThis as { gc?: () => void }).gc?.();
        });
});
