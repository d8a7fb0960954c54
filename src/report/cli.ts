import * as fs from "fs";
import * as path from "path";
import { ConfigValidationError, parseGovernanceConfig } from "../config";
import { readStackFile, StackFileError } from "../config/stackFile";
import { governanceReport } from "./markdown";

const USAGE = "usage: npm run report -- <stack>   (reads Pulumi.<stack>.yaml and prints its effective policy as Markdown)\n";

/**
 * `npm run report -- <stack>`: validate `Pulumi.<stack>.yaml` with the
 * program's own config code and print its effective policy as Markdown.
 * No credentials, network or Pulumi CLI; secure values are never printed.
 */
export function run(args: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
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
        const { namespace, allKeys } = readStackFile(file);
        out(governanceReport(parseGovernanceConfig(namespace, { stack, allKeys }), stack));
        return 0;
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
    process.exitCode = run(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
