import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import type { PulumiResult } from "./workspace";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT } = require("../scripts/engine-env.js") as { ROOT: string };

/**
 * A job of .gitlab-ci.yml as GitLab resolves it (extends, anchors and
 * !reference merged), read with gitlab-ci-local --preview: the script lines
 * the pipeline really runs, not a copy of them.
 */
export interface CiJob {
    readonly lines: readonly string[];
    readonly variables: Record<string, string>;
}

let resolved: Record<string, any> | undefined;

export function ciJob(name: string): CiJob {
    if (resolved === undefined) {
        const state = fs.mkdtempSync(path.join(os.tmpdir(), "gcl-state-"));
        const out = spawnSync(path.join(ROOT, "node_modules", ".bin", "gitlab-ci-local"), ["--preview", "--state-dir", path.relative(ROOT, state)], { cwd: ROOT, encoding: "utf8" });
        fs.rmSync(state, { recursive: true, force: true });
        if (out.status !== 0) throw new Error(`gitlab-ci-local --preview failed:\n${out.stdout}${out.stderr}`);
        resolved = parse(out.stdout.slice(out.stdout.indexOf("---") >= 0 ? out.stdout.indexOf("---") : 0)) as Record<string, any>;
    }
    const job = resolved[name];
    if (job === undefined) throw new Error(`.gitlab-ci.yml has no job ${name}`);
    return { lines: [job.before_script ?? [], job.script ?? []].flat(10) as string[], variables: { ...(resolved.variables ?? {}), ...(job.variables ?? {}) } };
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
