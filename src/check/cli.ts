import * as path from "path";
import { main, stackCommand, type Print } from "../config/stackCommand";
import { checkStack, packConfigPath } from "./offlineCheck";

const USAGE = "usage: npm run check -- <stack>   (validates Pulumi.<stack>.yaml and runs the policy pack on it, offline)\n";

/**
 * `npm run check -- <stack>`: the checks a `pulumi preview` in CI would make,
 * with no credentials, network or Pulumi CLI. Exit 0: nothing mandatory
 * failed; 1: the config is invalid or a mandatory policy would block it.
 */
export function run(args: readonly string[], cwd: string, out: Print, err: Print): Promise<number> {
    return stackCommand(USAGE, args, cwd, out, err, async (stack) => {
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
    });
}

if (require.main === module) main(run);
