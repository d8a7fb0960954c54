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
    let stdout = "";
    let stderr = "";
    checkOne([stack], process.cwd(), (s) => (stdout += s), (s) => (stderr += s))
        .catch((e: unknown) => {
            // As `main` reports an unexpected error of the one-stack command.
            stderr += `${e instanceof Error ? e.message : String(e)}\n`;
            return { code: 1, facts: undefined };
        })
        .then(({ code, facts }) => {
            process.send!({ code, stdout, stderr, facts } satisfies WorkerReply);
            // The last run is garbage now: collected before the next one grows the heap over it
            // (a 500-repository stack's run peaks near 1 GB).
            (globalThis as { gc?: () => void }).gc?.();
        });
});
