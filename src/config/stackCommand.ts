import * as fs from "fs";
import * as path from "path";
import { ConfigValidationError } from "./issues";
import { StackFileError } from "./stackFile";

export type Print = (s: string) => void;

/**
 * The shape of a command over one stack file (`npm run report -- <stack>`,
 * `npm run check -- <stack>`): `--help`, one stack name, `Pulumi.<stack>.yaml`
 * in `cwd`, and bad YAML or config reported as messages with exit 1, never as
 * stack traces. `body` does the work and returns the exit status.
 */
export async function stackCommand(usage: string, args: readonly string[], cwd: string, out: Print, err: Print, body: (stack: string, file: string) => number | Promise<number>): Promise<number> {
    if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
        out(usage);
        return 0;
    }
    const [stack] = args;
    if (stack === undefined || args.length !== 1 || stack.startsWith("-")) {
        err(usage);
        return 2;
    }
    const file = path.join(cwd, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        err(`${file} does not exist\n`);
        return 2;
    }
    try {
        return await body(stack, file);
    } catch (e) {
        if (e instanceof StackFileError) {
            err(`${e.message}\n`);
            return 1;
        }
        if (e instanceof ConfigValidationError) {
            err(`${path.basename(file)}: ${e.message}\n`);
            return 1;
        }
        throw e;
    }
}

/** Run a stack command as a script: its exit status, or 1 with the message of an unexpected error. */
export function main(command: (args: readonly string[], cwd: string, out: Print, err: Print) => Promise<number>): void {
    // A run whose promises never settle lets Node exit on its own, with nothing printed: that must
    // read as a failure, never as a pass (the check turns off the SDK's own leak detector).
    let finished = false;
    process.exitCode = 1;
    process.on("beforeExit", () => {
        if (!finished) process.stderr.write("the command ended before finishing its work: a promise it waited for never settled\n");
    });
    command(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then(
        (code) => {
            finished = true;
            process.exitCode = code;
        },
        (e: unknown) => {
            finished = true;
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 1;
        },
    );
}
