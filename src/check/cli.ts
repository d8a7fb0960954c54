import * as os from "os";
import * as path from "path";
import { main, stackCommand, type Print } from "../config/stackCommand";
import { crossStackProblems, crossStackWarnings, projectRoot, stackFacts, stacksIn, type StackFacts } from "./fleet";
import type { CheckResult } from "./offlineCheck";
import { packConfigPath } from "./packConfig";
import { checkInWorkers } from "./workers";

const USAGE = [
    "usage: npm run check -- <stack>   (validates Pulumi.<stack>.yaml and runs the policy pack on it, offline)",
    "       npm run check -- --all     (every stack of the project, then what no single stack can see:",
    "                                   a project governed by two stacks, an environment unlike its family's)",
    "",
].join("\n");

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
    const counted = (n: number, one: string, many: string) => (n === 0 ? [] : [`${n} ${n === 1 ? one : many}`]);
    const notes = [...counted(result.warnings.length, "warning", "warnings"), ...counted(result.advisories.length, "advisory", "advisories")];
    const caveat = notes.length === 0 ? "" : `, with ${notes.join(" and ")} above`;
    return { ok: true, text: `${file}: valid${caveat}; ${label}: no mandatory violation\n` };
}

/**
 * `npm run check -- <stack>`: the checks a `pulumi preview` in CI would make,
 * with no credentials, network or Pulumi CLI. Exit 0: nothing mandatory
 * failed (warnings and advisories are printed); 1: the config is invalid or a
 * mandatory policy would block it.
 */
export function run(args: readonly string[], cwd: string, out: Print, err: Print): Promise<number> {
    if (args.length === 1 && args[0] === "--all") return checkAll(cwd, out, err);
    return checkOne(args, cwd, out, err).then(({ code }) => code);
}

/** `npm run check -- <stack>`, and what `--all` needs of the stack when its config validated. */
export async function checkOne(args: readonly string[], cwd: string, out: Print, err: Print): Promise<{ code: number; facts?: StackFacts }> {
    let facts: StackFacts | undefined;
    const code = await stackCommand(USAGE, args, cwd, out, err, async (stack) => {
        // Loaded here, not above: `--all` only hands stacks to its processes (./workers) and needs none of it.
        const { checkStack } = await import("./offlineCheck");
        const result = await checkStack(cwd, stack);
        facts = stackFacts(stack, result.config);
        for (const w of result.warnings) out(`warning: ${w}\n`);
        for (const a of result.advisories) out(`advisory: ${a}\n`);
        const { ok, text } = verdict(stack, packLabel(cwd, stack), result);
        (ok ? out : err)(text);
        return ok ? 0 : 1;
    });
    return { code, facts };
}

/** `--all`: each stack as `npm run check -- <stack>` judges it, then the fleet as a whole. */
async function checkAll(cwd: string, out: Print, err: Print): Promise<number> {
    const stacks = stacksIn(projectRoot(cwd));
    if (stacks.length === 0) {
        err(`no Pulumi.<stack>.yaml in ${cwd}\n`);
        return 2;
    }
    // As many processes as cores, each checking one stack at a time: stacks are independent,
    // and a stack's check holds the Pulumi runtime's state of its whole run.
    const results = await checkInWorkers(stacks, cwd, os.availableParallelism());
    for (const result of results) {
        out(result.stdout);
        err(result.stderr);
    }
    const failed = results.filter((r) => r.code !== 0).length;
    // What validated takes part in the fleet's checks; what did not was reported just now.
    const facts = results.flatMap((r) => (r.facts === undefined ? [] : [r.facts]));
    const problems = crossStackProblems(facts);
    for (const w of crossStackWarnings(facts)) out(`warning: across stacks: ${w}\n`);
    if (problems.length > 0) err(`across the ${stacks.length} stacks: ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems.map((p) => `  - ${p}\n`).join("")}`);
    else out(`across the ${stacks.length} stacks (${stacks.map((s) => `Pulumi.${s}.yaml`).join(", ")}): each project governed once, each family of stacks one environment\n`);
    return failed > 0 || problems.length > 0 ? 1 : 0;
}

if (require.main === module) main(run);
