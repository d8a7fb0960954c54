import * as path from "path";
import { main, stackCommand, type Print } from "../config/stackCommand";
import { checkStack, packConfigPath, type CheckResult } from "./offlineCheck";

const USAGE = "usage: npm run check -- <stack>   (validates Pulumi.<stack>.yaml and runs the policy pack on it, offline)\n";

/** The pack config a stack is judged with, as `.gitlab-ci.yml` passes it. */
export function packLabel(cwd: string, stack: string): string {
    const pack = packConfigPath(cwd, stack);
    return `policy pack ${pack === undefined ? "with its defaults" : `with ${path.relative(cwd, pack)}`}`;
}

/**
 * A check's verdict in words: the problems that would fail `pulumi preview`,
 * or "valid" with the count of warnings and advisories. Never both.
 */
export function verdict(stack: string, label: string, result: CheckResult): { ok: boolean; text: string } {
    const file = `Pulumi.${stack}.yaml`;
    if (result.errors.length > 0) {
        const count = result.errors.length === 1 ? "1 problem" : `${result.errors.length} problems`;
        return { ok: false, text: `${file}: ${count} that would fail pulumi preview (${label}):\n${result.errors.map((e) => `  - ${e}\n`).join("")}` };
    }
    const counted = (n: number, what: string) => (n === 0 ? [] : [`${n} ${what}${n === 1 ? "" : "s"}`]);
    const notes = [...counted(result.warnings.length, "warning"), ...counted(result.advisories.length, "advisory")];
    const caveat = notes.length === 0 ? "" : `, with ${notes.join(" and ").replace("advisorys", "advisories")} above`;
    return { ok: true, text: `${file}: valid${caveat}; ${label}: no mandatory violation\n` };
}

/**
 * `npm run check -- <stack>`: the checks a `pulumi preview` in CI would make,
 * with no credentials, network or Pulumi CLI. Exit 0: nothing mandatory
 * failed (warnings and advisories are printed); 1: the config is invalid or a
 * mandatory policy would block it.
 */
export function run(args: readonly string[], cwd: string, out: Print, err: Print): Promise<number> {
    return stackCommand(USAGE, args, cwd, out, err, async (stack) => {
        const result = await checkStack(cwd, stack);
        for (const w of result.warnings) out(`warning: ${w}\n`);
        for (const a of result.advisories) out(`advisory: ${a}\n`);
        const { ok, text } = verdict(stack, packLabel(cwd, stack), result);
        (ok ? out : err)(text);
        return ok ? 0 : 1;
    });
}

if (require.main === module) main(run);
