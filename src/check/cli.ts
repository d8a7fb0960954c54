import * as fs from "fs";
import * as path from "path";
import { ConfigValidationError } from "../config";
import { StackFileError } from "../config/stackFile";
import { checkStack, packConfigPath } from "./offlineCheck";

const USAGE = "usage: npm run check -- <stack>   (validates Pulumi.<stack>.yaml and runs the policy pack on it, offline)\n";

/**
 * `npm run check -- <stack>`: the checks a `pulumi preview` in CI would make,
 * with no credentials, network or Pulumi CLI. Exit 0: nothing mandatory
 * failed; 1: the config is invalid or a mandatory policy would block it.
 */
export async function run(args: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void): Promise<number> {
    if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
        out(USAGE);
        return 0;
    }
    const [stack] = args;
    if (stack === undefined || args.length !== 1 || stack.startsWith("-")) {
        err(USAGE);
        return 2;
    }
    const file = path.join(cwd, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        err(`${file} does not exist\n`);
        return 2;
    }
    try {
        const { errors, advisories } = await checkStack(cwd, stack);
        const pack = packConfigPath(cwd, stack);
        const header = `Pulumi.${stack}.yaml: valid; policy pack ${pack === undefined ? "with its defaults" : `with ${path.relative(cwd, pack)}`}`;
        for (const a of advisories) out(`advisory: ${a}\n`);
        if (errors.length === 0) {
            out(`${header}: no mandatory violation\n`);
            return 0;
        }
        err(`${header}: ${errors.length} mandatory problem(s):\n${errors.map((e) => `  - ${e}\n`).join("")}`);
        return 1;
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

if (require.main === module) {
    run(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then(
        (code) => (process.exitCode = code),
        (e: unknown) => {
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 1;
        },
    );
}
