import { packLabel, verdict } from "../check/cli";
import { checkStack } from "../check/offlineCheck";
import { main, stackCommand, type Print } from "../config/stackCommand";
import { governanceReport } from "./markdown";

const USAGE = "usage: npm run report -- <stack>   (checks Pulumi.<stack>.yaml as npm run check does and prints its effective policy as Markdown)\n";

/**
 * `npm run report -- <stack>`: the same reading and checks as `npm run check`
 * (it refuses exactly what check refuses, with the same words), then the
 * stack's effective policy as Markdown, its warnings first. No credentials,
 * network or Pulumi CLI; secure values are never printed.
 */
export function run(args: readonly string[], cwd: string, out: Print, err: Print): Promise<number> {
    return stackCommand(USAGE, args, cwd, out, err, async (stack) => {
        const result = await checkStack(cwd, stack);
        const { ok, text } = verdict(stack, packLabel(cwd, stack), result);
        if (!ok) {
            err(text);
            return 1;
        }
        out(governanceReport(result.config, stack, [...result.warnings, ...result.advisories]));
        return 0;
    });
}

if (require.main === module) main(run);
