import { spawnSync } from "child_process";
import { stringify } from "yaml";
import { readStackConfig } from "../config/stackFile";
import { stacksIn } from "../check/fleet";
import { childPipeline, stacksToRun, type PipelineKind, type StackInfo } from "./plan";

type Env = Readonly<Record<string, string | undefined>>;

/** The kind of pipeline GitLab started, from its predefined variables. */
export function pipelineKind(env: Env): PipelineKind | undefined {
    if (env.CI_PIPELINE_SOURCE === "merge_request_event") return "merge_request";
    if (env.CI_PIPELINE_SOURCE === "schedule") return "schedule";
    if (env.CI_COMMIT_BRANCH !== undefined && env.CI_COMMIT_BRANCH === env.CI_DEFAULT_BRANCH) return "default_branch";
    return undefined;
}

/** The files the pipeline's change touched, or "all" when git cannot say (a new branch, a missing base). */
export function changedFiles(kind: PipelineKind, env: Env, cwd: string): readonly string[] | "all" {
    if (kind === "schedule") return "all";
    const base = kind === "merge_request" ? env.CI_MERGE_REQUEST_DIFF_BASE_SHA : env.CI_COMMIT_BEFORE_SHA;
    if (!base || /^0+$/.test(base)) return "all";
    const diff = spawnSync("git", ["diff", "--name-only", base, env.CI_COMMIT_SHA ?? "HEAD"], { cwd, encoding: "utf8" });
    if (diff.status !== 0) return "all";
    return diff.stdout.split("\n").filter(Boolean);
}

/** Every stack of the project, and whether its config makes it production (one that does not parse counts as production: applied by hand). */
export function projectStacks(cwd: string): StackInfo[] {
    return stacksIn(cwd).map((stack) => {
        try {
            return { stack, production: readStackConfig(cwd, stack).production };
        } catch {
            return { stack, production: true };
        }
    });
}

/**
 * `npm run ci:stacks`: the child pipeline for this pipeline, as YAML on
 * stdout; which stacks and why on stderr.
 */
export function run(env: Env, cwd: string, out: (s: string) => void, err: (s: string) => void): number {
    const kind = pipelineKind(env);
    if (kind === undefined) {
        err("ci:stacks: not a merge request, default-branch or scheduled pipeline (CI_PIPELINE_SOURCE, CI_COMMIT_BRANCH, CI_DEFAULT_BRANCH)\n");
        return 2;
    }
    const stacks = projectStacks(cwd);
    const changed = changedFiles(kind, env, cwd);
    const chosen = stacksToRun(changed, stacks);
    const why = changed === "all" ? "every stack" : `${changed.length} changed file(s), ${chosen.length === 0 ? "none of them a stack's, Pulumi.yaml, the program, the pack or the pipeline" : `touching ${chosen.map((s) => s.stack).join(", ")}`}`;
    err(`ci:stacks: ${kind} pipeline, ${why}\n`);
    out(stringify(childPipeline(kind, chosen, why)));
    return 0;
}

if (require.main === module) process.exitCode = run(process.env, process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
