// `npm run sandbox -- <stack> [preview|up|destroy|report] [--markdown] [--reset]` (docs/sandbox.md).
import { parseArgs, runSandbox, USAGE } from "./sandbox";

async function main(): Promise<number> {
    const argv = process.argv.slice(2);
    if (argv.includes("--help") || argv.includes("-h")) {
        process.stdout.write(USAGE);
        return 0;
    }
    const args = parseArgs(argv);
    if ("error" in args) {
        process.stderr.write(`sandbox: ${args.error}\n${USAGE}`);
        return 2;
    }
    return runSandbox(args, { projectDir: process.cwd(), out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
}

main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
        process.stderr.write(`sandbox: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
    },
);
