import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { projectStacks } from "../src/pipeline/cli";
import { childPipeline, type PipelineKind } from "../src/pipeline/plan";
import type { PulumiResult } from "./workspace";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT } = require("../scripts/engine-env.js") as { ROOT: string };

/**
 * A job of the pipeline as GitLab resolves it (extends, anchors and !reference
 * merged), read with gitlab-ci-local --preview: the script lines the pipeline
 * really runs, not a copy of them. The per-stack jobs (`preview:<stack>`,
 * `up:<stack>`, `drift:<stack>`) live in the child pipeline `plan` generates
 * (src/pipeline); they are generated here for every stack of the project, as
 * a change that touches them all would have them.
 */
export interface CiJob {
    readonly lines: readonly string[];
    readonly variables: Record<string, string>;
}

const resolved = new Map<string, Record<string, any>>();
const KIND: Record<string, PipelineKind> = { preview: "merge_request", up: "default_branch", drift: "schedule" };

export function ciJob(name: string): CiJob {
    const kind = KIND[name.split(":")[0]];
    const key = kind ?? "parent";
    if (!resolved.has(key)) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gcl-pipeline-"));
        try {
            fs.cpSync(path.join(ROOT, ".gitlab"), path.join(dir, ".gitlab"), { recursive: true });
            const file = kind === undefined ? fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8") : stringify(childPipeline(kind, projectStacks(ROOT), "every stack"));
            fs.writeFileSync(path.join(dir, ".gitlab-ci.yml"), file);
            // gitlab-ci-local reads local includes from the repository's committed files.
            const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], { cwd: dir, encoding: "utf8" });
            git("init", "-q");
            git("add", "-A");
            git("commit", "-q", "-m", "pipeline");
            const out = spawnSync(path.join(ROOT, "node_modules", ".bin", "gitlab-ci-local"), ["--preview", "--state-dir", ".gcl-state"], { cwd: dir, encoding: "utf8" });
            if (out.status !== 0) throw new Error(`gitlab-ci-local --preview failed:\n${out.stdout}${out.stderr}`);
            resolved.set(key, parse(out.stdout.slice(out.stdout.indexOf("---") >= 0 ? out.stdout.indexOf("---") : 0)) as Record<string, any>);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }
    const doc = resolved.get(key)!;
    const job = doc[name];
    if (job === undefined) throw new Error(`the pipeline has no job ${name}`);
    return { lines: [job.before_script ?? [], job.script ?? []].flat(10) as string[], variables: { ...(doc.variables ?? {}), ...(job.variables ?? {}) } };
}

/** Lines that install tools this setup already has (the CLI download, npm installs); everything else runs. */
export const INSTALL_LINE = /^(npm ci\b|scripts\/ci\/install-pulumi\.sh$)/;

/**
 * The policy-pack arguments `.gitlab-ci.yml` passes for a stack, by running
 * its own POLICY_ARGS line with `STACK` set, in the project at hand: the
 * engine suite and `npm run sandbox` pass the pack exactly as CI does.
 */
export async function ciPolicyArgs(stack: string, shell: (script: string, env: Record<string, string>) => Promise<PulumiResult>): Promise<string[]> {
    const line = ciJob(`preview:${stack}`).lines.find((l) => l.startsWith("POLICY_ARGS="));
    if (line === undefined) throw new Error("no POLICY_ARGS line in .gitlab-ci.yml");
    const out = await shell(`${line}\necho "$POLICY_ARGS"`, { STACK: stack });
    if (out.code !== 0) throw new Error(`.gitlab-ci.yml's POLICY_ARGS line failed:\n${out.output}`);
    return out.stdout.trim().split(/\s+/);
}
