/**
 * Which stacks a pipeline runs, and the child pipeline that runs them: one
 * job per stack, so each is its own runner, its own log and its own MR note,
 * and a fleet of stacks previews in parallel. Pure: `cli.ts` feeds it the
 * changed files and the stacks.
 */

/** What started the pipeline, as the generated jobs need it. */
export type PipelineKind = "merge_request" | "default_branch" | "schedule";

export interface StackInfo {
    readonly stack: string;
    /** Production stacks are applied by hand, in a production-tier environment. */
    readonly production: boolean;
}

/** Files that change what every stack does: the program, the pack, the project config, the pipeline. */
const SHARED = [/^Pulumi\.yaml$/, /^index\.ts$/, /^package(-lock)?\.json$/, /^tsconfig\.json$/, /^(src|sdks|schema|scripts)\//, /^policy\/(?!config\/)/, /^\.gitlab-ci\.yml$/, /^\.gitlab\/ci\//];

/**
 * The stacks a change touches: a stack file or its pack config touches that
 * stack; Pulumi.yaml (the shared `environmentDefaults`), the program, the pack
 * or the pipeline touch every stack; docs, tests and the rest touch none.
 * `"all"`: the change is unknown (a new branch, a shallow history), so every
 * stack runs: a pipeline may run too much, never too little.
 */
export function stacksToRun(changed: readonly string[] | "all", stacks: readonly StackInfo[]): StackInfo[] {
    if (changed === "all" || changed.some((f) => SHARED.some((re) => re.test(f)))) return [...stacks];
    const touched = new Set(changed.flatMap((f) => [/^Pulumi\.(.+)\.yaml$/.exec(f)?.[1], /^policy\/config\/(.+)\.json$/.exec(f)?.[1]]).filter((s) => s !== undefined));
    return stacks.filter((s) => touched.has(s.stack));
}

type Job = Record<string, unknown>;

/** The generated child pipeline: the shared templates, and one job per stack of this kind. */
export function childPipeline(kind: PipelineKind, stacks: readonly StackInfo[], why: string): Record<string, unknown> {
    const doc: Record<string, unknown> = {
        include: [{ local: ".gitlab/ci/common.yml" }, { local: ".gitlab/ci/stack-jobs.yml" }],
        stages: ["preview", "deploy", "drift"],
    };
    if (stacks.length === 0) {
        // GitLab refuses a pipeline with no job: say why nothing runs.
        doc["no-stack-changed"] = { stage: "preview", image: "busybox", variables: { GIT_STRATEGY: "none" }, script: [`echo ${JSON.stringify(`No stack to run: ${why}`)}`] };
        return doc;
    }
    const ups = stacks.filter((s) => !s.production).map((s) => `up:${s.stack}`);
    for (const s of stacks) {
        const variables = { STACK: s.stack };
        const jobs: Record<PipelineKind, [string, Job]> = {
            merge_request: [`preview:${s.stack}`, { extends: ".preview", variables }],
            default_branch: [
                `up:${s.stack}`,
                s.production
                    ? // Production waits for someone to press play, after the other stacks' updates went through.
                      { extends: ".up", variables, when: "manual", needs: ups.map((job) => ({ job, optional: true })), environment: { name: `production/${s.stack}`, deployment_tier: "production" } }
                    : { extends: ".up", variables, environment: { name: s.stack, deployment_tier: "development" } },
            ],
            schedule: [`drift:${s.stack}`, { extends: ".drift", variables, environment: { name: s.production ? `production/${s.stack}` : s.stack, action: "verify" } }],
        };
        const [name, job] = jobs[kind];
        doc[name] = job;
    }
    return doc;
}
