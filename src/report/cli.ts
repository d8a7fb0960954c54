import * as fs from "fs";
import * as path from "path";
import { packLabel, verdict } from "../check/cli";
import { checkStack } from "../check/offlineCheck";
import { main, stackCommand, type Print } from "../config/stackCommand";
import { governanceChanges, type SummaryJson } from "../evidence/changes";
import { summarizeGovernance } from "../governance/summary";
import { governanceReport } from "./markdown";

const USAGE = [
    "usage: npm run report -- <stack> [--previous <governance.json>]",
    "  checks Pulumi.<stack>.yaml as npm run check does and prints its effective policy as Markdown;",
    "  --previous: the stack's last deployed governance (`pulumi stack output governance --json`),",
    "  whose differences the diagrams mark",
    "",
].join("\n");

/**
 * `npm run report -- <stack>`: the same reading and checks as `npm run check`
 * (it refuses exactly what check refuses, with the same words), then the
 * stack's effective policy as Markdown, its warnings first. No credentials,
 * network or Pulumi CLI; secure values are never printed. With `--previous`,
 * each repository's diagram marks the edges this config changes from that
 * deployment: red when weakened, orange when changed.
 */
export async function run(args: readonly string[], cwd: string, out: Print, err: Print): Promise<number> {
    const at = args.indexOf("--previous");
    const previousFile = at >= 0 ? args[at + 1] : undefined;
    if (at >= 0 && (previousFile === undefined || previousFile.startsWith("-"))) {
        err(USAGE);
        return 2;
    }
    let previous: SummaryJson[] | undefined;
    if (previousFile !== undefined) {
        const read = readPrevious(path.resolve(cwd, previousFile));
        if (typeof read === "string") {
            err(`${previousFile}: ${read}\n`);
            return 2;
        }
        previous = read;
    }
    const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
    return stackCommand(USAGE, rest, cwd, out, err, async (stack) => {
        const result = await checkStack(cwd, stack);
        const { ok, text } = verdict(stack, packLabel(cwd, stack), result);
        if (!ok) {
            err(text);
            return 1;
        }
        const changes = previous === undefined ? undefined : governanceChanges(previous, summarizeGovernance(result.config).repositories);
        out(governanceReport(result.config, stack, [...result.warnings, ...result.advisories], changes));
        return 0;
    });
}

/** The repositories of a `governance` stack output, or what is wrong with the file. */
function readPrevious(file: string): SummaryJson[] | string {
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        return `cannot read it as JSON (${(e as Error).message}); expected the output of \`pulumi stack output governance --json\``;
    }
    const repositories = (parsed as { repositories?: unknown } | null)?.repositories;
    if (!Array.isArray(repositories) || !repositories.every((r) => typeof (r as { key?: unknown } | null)?.key === "string")) {
        return "has no `repositories` list of summaries with a `key`; expected the output of `pulumi stack output governance --json`";
    }
    return repositories as SummaryJson[];
}

if (require.main === module) main(run);
