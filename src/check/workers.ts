import { fork, type ChildProcess } from "child_process";
import * as path from "path";
import { inWindow } from "../governance/registrationWindow";
import type { WorkerReply } from "./worker";

const REGISTER_TS = path.join(__dirname, "..", "..", "scripts", "register-ts.js");

/**
 * A long-lived child process that checks stacks one at a time
 * (src/check/worker.ts). Loading the program, the pack and the SDK costs about
 * as much CPU as a small stack's whole check, so a fleet's stacks share
 * `lanes` processes instead of starting one each. A stack is still judged
 * alone: a process that dies fails only the stack it was checking, and a new
 * one takes the rest.
 */
class CheckWorker {
    private readonly child: ChildProcess;
    /** What the process printed outside its replies (a crash's trace), kept for the stack it was checking. */
    private stray = "";
    private waiting?: (reply: WorkerReply) => void;
    /** The stack being checked, for the words of a failure. */
    private stack = "";
    private readonly closed: Promise<void>;
    exited = false;

    constructor(cwd: string) {
        this.child = fork(path.join(__dirname, "worker.ts"), [], { cwd, execArgv: ["--expose-gc", "-r", REGISTER_TS], stdio: ["ignore", "pipe", "pipe", "ipc"] });
        this.child.stdout!.on("data", (d: Buffer) => (this.stray += d));
        this.child.stderr!.on("data", (d: Buffer) => (this.stray += d));
        this.child.on("message", (reply: WorkerReply) => this.answer({ ...reply, stderr: this.takeStray() + reply.stderr }));
        this.child.on("error", (e) => this.ended(e.message));
        this.closed = new Promise((resolve) =>
            this.child.on("close", (code, signal) => {
                this.ended(`the check's process ended before answering (${signal ?? `exit code ${code}`})`);
                resolve();
            }),
        );
    }

    check(stack: string): Promise<WorkerReply> {
        if (this.exited) return Promise.resolve({ code: 1, stdout: "", stderr: `Pulumi.${stack}.yaml: not checked: the check's process had ended\n` });
        return new Promise((resolve) => {
            this.waiting = resolve;
            this.stack = stack;
            this.child.send(stack);
        });
    }

    /** Ends the process, idle between stacks, and resolves once it is gone. */
    stop(): Promise<void> {
        if (!this.exited) this.child.kill();
        return this.closed;
    }

    private takeStray(): string {
        const text = this.stray;
        this.stray = "";
        return text;
    }

    private answer(reply: WorkerReply): void {
        const waiting = this.waiting;
        this.waiting = undefined;
        waiting?.(reply);
    }

    private ended(why: string): void {
        if (this.exited) return;
        this.exited = true;
        if (this.waiting) this.answer({ code: 1, stdout: "", stderr: `${this.takeStray()}Pulumi.${this.stack}.yaml: not checked: ${why}\n` });
    }
}

/** `npm run check -- <stack>` for each stack, `lanes` at once in as many processes; replies in the stacks' order. */
export async function checkInWorkers(stacks: readonly string[], cwd: string, lanes: number): Promise<WorkerReply[]> {
    const workers: (CheckWorker | undefined)[] = [];
    try {
        return await inWindow(stacks, lanes, async (stack, lane) => {
            const worker = workers[lane]?.exited === false ? workers[lane] : (workers[lane] = new CheckWorker(cwd));
            return worker.check(stack);
        });
    } finally {
        await Promise.all(workers.map((worker) => worker?.stop()));
    }
}
