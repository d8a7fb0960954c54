import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { GitLabStandin, type Fixtures, type StandinState } from "./gitlab-standin";
import { API_TOKEN, projectPaths, READ_TOKEN, seedFixtures, seedOf, tokenUser } from "./seed";
import type { GovernanceConfig } from "../src/config";
import { readStackConfig } from "../src/config/stackFile";
import { stacksIn } from "../src/check/fleet";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT, engineBinDir, isolatedEnv, tempDir } = require("../scripts/engine-env.js") as {
    ROOT: string;
    engineBinDir: () => string | undefined;
    isolatedEnv: (bin: string, home: string, extra?: Record<string, string>) => NodeJS.ProcessEnv;
    tempDir: (prefix: string) => string;
};

export { ROOT, API_TOKEN, READ_TOKEN };
export const ACME = path.join(ROOT, "engine", "gitlab-standin", "fixtures", "acme.json");
/** Local state only: the engine suite's and the sandbox's stacks keep no secret worth a real passphrase. */
export const PASSPHRASE = "engine-tests-passphrase";

/** What the project is made of, as a clone has it; copied so `pulumi stack init` can write its salt. */
const PROJECT_FILES = ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json", "src", "scripts", "schema", "policy"];
const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

export interface PulumiResult {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
    /** stdout and stderr together, as a CI log shows them. */
    readonly output: string;
}

export function acmeFixtures(mutate?: (f: Fixtures) => void): Fixtures {
    const fixtures = JSON.parse(fs.readFileSync(ACME, "utf8")) as Fixtures;
    mutate?.(fixtures);
    return fixtures;
}

/**
 * A copy of the project at `from` as a clone has it, in `to`: its files,
 * `node_modules` linked; with its stack files unless `stackFiles` is false.
 */
export function copyProject(from: string, to: string, { stackFiles = true } = {}): void {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of PROJECT_FILES) {
        fs.cpSync(path.join(from, entry), path.join(to, entry), { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
    }
    if (stackFiles) for (const f of fs.readdirSync(from).filter((f) => STACK_FILE.test(f))) fs.copyFileSync(path.join(from, f), path.join(to, f));
    fs.symlinkSync(fs.realpathSync(path.join(from, "node_modules")), path.join(to, "node_modules"));
    fs.symlinkSync(fs.realpathSync(path.join(from, "policy", "node_modules")), path.join(to, "policy", "node_modules"));
}

/** A stack file's config, validated as `npm run check` and the program validate it (throws their errors). */
export function stackConfig(dir: string, stack: string): GovernanceConfig {
    return readStackConfig(dir, stack);
}

/** The stacks whose `Pulumi.<stack>.yaml` is in `dir`, as `npm run check -- --all` finds them. */
export { stacksIn };

/** A stand-in that has everything the stack files in `dir` name (engine/seed.ts). */
export function fixturesForStacks(dir: string, stacks: readonly string[] = stacksIn(dir)): Fixtures {
    return seedFixtures(seedOf(stacks.map((s) => stackConfig(dir, s))));
}

/** The pinned CLI's directory (engine/build.sh), or an error saying how to get it. */
export function requireEngine(): string {
    const binDir = engineBinDir();
    if (binDir === undefined) throw new Error("no Pulumi CLI: run engine/build.sh (npm run test:engine and npm run sandbox do)");
    return binDir;
}

/**
 * What the CLI runs with against a stand-in: its own PULUMI_HOME and `file://`
 * backend, passphrase secrets, the GitLab token in GITLAB_TOKEN (as the
 * README says) and the stand-in's URL in GITLAB_BASE_URL; nothing of the
 * host's Pulumi or GitLab settings (scripts/engine-env.js).
 */
export function standinEnv(opts: { home: string; backend: string; baseUrl: string }): NodeJS.ProcessEnv {
    return isolatedEnv(requireEngine(), opts.home, {
        PULUMI_BACKEND_URL: opts.backend,
        PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
        GITLAB_BASE_URL: opts.baseUrl,
        GITLAB_TOKEN: API_TOKEN,
        CI: "",
    });
}

/** A stand-in listening on 127.0.0.1 (`port` 0: any free port); stopped again if it cannot start. */
export async function startStandin(from: Fixtures | StandinState, port = 0): Promise<GitLabStandin> {
    const standin = new GitLabStandin(from);
    await standin.start(port);
    return standin;
}

/**
 * The provider double, installed under the real provider's name and version
 * in `env`'s PULUMI_HOME only, through a launcher written to `launcherDir`.
 */
export async function installProviderDouble(env: NodeJS.ProcessEnv, launcherDir: string): Promise<void> {
    const launcher = path.join(launcherDir, "pulumi-resource-gitlab");
    fs.mkdirSync(launcherDir, { recursive: true });
    fs.writeFileSync(
        launcher,
        `#!/bin/sh\nexec node -r ${JSON.stringify(path.join(ROOT, "scripts", "register-ts.js"))} ${JSON.stringify(path.join(ROOT, "engine", "provider-double", "main.ts"))} "$@"\n`,
        { mode: 0o755 },
    );
    const installed = await run("pulumi", ["plugin", "install", "resource", "gitlab", "10.1.1", "--file", launcher], { cwd: launcherDir, env });
    if (installed.code !== 0) throw new Error(`could not install the provider double:\n${installed.output}`);
}

/**
 * One clean run of the real CLI: a copy of the project (the committed stack
 * files included), its own PULUMI_HOME and `file://` backend, passphrase
 * secrets, the GitLab API stand-in on 127.0.0.1, and the provider double
 * installed as the pulumi-gitlab 10.1.1 plugin. No network beyond loopback.
 * The stand-in is seeded from the copy's own stack files unless `fixtures`
 * are given; `prepare` may change the copy (its stack files) before that.
 */
export class EngineWorkspace {
    private constructor(
        readonly dir: string,
        readonly home: string,
        readonly backend: string,
        readonly standin: GitLabStandin,
        readonly env: NodeJS.ProcessEnv,
    ) {}

    static async create(fixtures?: Fixtures, opts: { prepare?: (dir: string) => void } = {}): Promise<EngineWorkspace> {
        requireEngine();
        const root = tempDir("mlmg-engine-");
        let standin: GitLabStandin | undefined;
        try {
            const dir = path.join(root, "project");
            const home = path.join(root, "pulumi-home");
            const state = path.join(root, "state");
            for (const d of [home, state]) fs.mkdirSync(d, { recursive: true });
            copyProject(ROOT, dir);
            opts.prepare?.(dir);

            standin = await startStandin(fixtures ?? fixturesForStacks(dir));
            const backend = `file://${state}`;
            const env = standinEnv({ home, backend, baseUrl: standin.baseUrl });
            await installProviderDouble(env, root);
            return new EngineWorkspace(dir, home, backend, standin, env);
        } catch (e) {
            // Nothing left listening or on disk when set-up fails; the set-up error is the one reported.
            await standin?.stop().catch(() => undefined);
            fs.rmSync(root, { recursive: true, force: true });
            throw e;
        }
    }

    /**
     * A workspace for frozen fixtures: the acme stand-in (or `fixtures`), and
     * these stacks (a stack name → the file under test/fixtures/stacks, or the
     * stack file's text) in place of the user's, initialised. The user's
     * shared config in Pulumi.yaml is left out too, so a fixture holds
     * everything it means and nothing the user writes can change it.
     */
    static async withFixtureStacks(stacks: Readonly<Record<string, string>>, fixtures: Fixtures = acmeFixtures()): Promise<EngineWorkspace> {
        const ws = await EngineWorkspace.create(fixtures, {
            prepare: (dir) => {
                for (const f of fs.readdirSync(dir).filter((f) => STACK_FILE.test(f))) fs.rmSync(path.join(dir, f));
                const project = parseDocument(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
                project.delete("config");
                fs.writeFileSync(path.join(dir, "Pulumi.yaml"), project.toString());
                for (const [stack, source] of Object.entries(stacks)) {
                    const fixture = path.join(ROOT, "test", "fixtures", "stacks", `${source}.yaml`);
                    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), /^[\w-]+$/.test(source) ? fs.readFileSync(fixture, "utf8") : source);
                }
            },
        });
        for (const stack of Object.keys(stacks)) await ws.stackInit(stack);
        return ws;
    }

    /** Run the CLI in the project copy. */
    pulumi(args: readonly string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<PulumiResult> {
        return run("pulumi", args, { cwd: opts.cwd ?? this.dir, env: { ...this.env, ...opts.env } });
    }

    /** Run a script in the project copy with bash as a GitLab runner does (`set -eo pipefail`, no `-u`), for the pipeline's own lines. */
    shell(script: string, env: Record<string, string | undefined> = {}): Promise<PulumiResult> {
        return runShell(script, { cwd: this.dir, env: { ...this.env, ...env } });
    }

    async stackInit(stack: string): Promise<void> {
        const result = await this.pulumi(["stack", "init", stack, "--non-interactive"]);
        if (result.code !== 0) throw new Error(`pulumi stack init ${stack} failed:\n${result.output}`);
    }

    /** The copy's validated config for a stack. */
    config(stack: string): GovernanceConfig {
        return stackConfig(this.dir, stack);
    }

    /** Where the stack's repositories are in the stand-in, in the stack's order. */
    projectPaths(stack: string): string[] {
        return projectPaths(this.config(stack), tokenUser(this.standin.state));
    }

    /** Edit the copy's `Pulumi.<stack>.yaml` config map. */
    editStack(stack: string, change: (config: Record<string, any>) => void): void {
        const file = path.join(this.dir, `Pulumi.${stack}.yaml`);
        const doc = parseDocument(fs.readFileSync(file, "utf8"));
        const config = (doc.toJS() as { config: Record<string, any> }).config;
        change(config);
        doc.set("config", config);
        fs.writeFileSync(file, doc.toString());
    }

    /** The stack's deployment (`pulumi stack export`), parsed. */
    async export(stack: string): Promise<{ resources?: Array<{ urn: string; type: string; id?: string; outputs?: Record<string, unknown>; inputs?: Record<string, unknown>; protect?: boolean }> }> {
        const result = await this.pulumi(["stack", "export", "--stack", stack]);
        if (result.code !== 0) throw new Error(`pulumi stack export failed:\n${result.output}`);
        return (JSON.parse(result.stdout) as { deployment: object }).deployment;
    }

    async dispose(): Promise<void> {
        await this.standin.stop();
        fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
    }
}

/** bash as a GitLab runner runs a script: `set -eo pipefail`, no `-u`. */
export function runShell(script: string, opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<PulumiResult> {
    return run("bash", ["-eo", "pipefail", "-c", script], opts);
}

/** Run a command to its end; `echo` also gets its output as it comes. */
export function run(command: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; echo?: (chunk: Buffer) => void }): Promise<PulumiResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout.on("data", (d: Buffer) => {
            stdout += d;
            output += d;
            opts.echo?.(d);
        });
        child.stderr.on("data", (d: Buffer) => {
            stderr += d;
            output += d;
            opts.echo?.(d);
        });
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
    });
}
