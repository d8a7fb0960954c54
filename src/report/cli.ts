import { parseGovernanceConfig } from "../config";
import { readStackFile } from "../config/stackFile";
import { main, stackCommand, type Print } from "../config/stackCommand";
import { governanceReport } from "./markdown";

const USAGE = "usage: npm run report -- <stack>   (reads Pulumi.<stack>.yaml and prints its effective policy as Markdown)\n";

/**
 * `npm run report -- <stack>`: validate `Pulumi.<stack>.yaml` with the
 * program's own config code and print its effective policy as Markdown.
 * No credentials, network or Pulumi CLI; secure values are never printed.
 */
export function run(args: readonly string[], cwd: string, out: Print, err: Print): Promise<number> {
    return stackCommand(USAGE, args, cwd, out, err, (stack, file) => {
        const { namespace, allKeys } = readStackFile(file);
        out(governanceReport(parseGovernanceConfig(namespace, { stack, allKeys }), stack));
        return 0;
    });
}

if (require.main === module) main(run);
