import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { GitLabStandin, type Fixtures } from "./gitlab-standin";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ROOT, engineBinDir, isolatedEnv, tempDir } = require("../scripts/engine-env.js") as {
    ROOT: string;
    engineBinDir: () => string | undefined;
    isolatedEnv: (bin: string, home: string, extra?: Record<string, string>) => NodeJS.ProcessEnv;
    tempDir: (prefix: string) => string;
};

export { ROOT };
export const ACME = path.join(ROOT, "engine", "gitlab-standin", "fixtures", "acme.json");
export const API_TOKEN = "glpat-standin-api";
export const READ_TOKEN = "glpat-standin-read";

/** What the project is made of, as a clone has it; copied so `pulumi stack init` can write its salt. */
const PROJECT_FILES = ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json", "src", "scripts", "schema", "policy"];

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
 * One clean run of the real CLI: a copy of the project (the committed stack
 * files included), its own PULUMI_HOME and `file://` backend, passphrase
 * secrets, the GitLab token in GITLAB_TOKEN (as the README says), the GitLab
 * API stand-in on 127.0.0.1, and the provider double installed as the
 * pulumi-gitlab 10.1.1 plugin. No network beyond loopback.
 */
export class EngineWorkspace {
    private constructor(
        readonly dir: string,
        readonly home: string,
        readonly backend: string,
        readonly standin: GitLabStandin,
        readonly env: NodeJS.ProcessEnv,
    ) {}

    static async create(fixtures: Fixtures = acmeFixtures()): Promise<EngineWorkspace> {
        const binDir = engineBinDir();
        if (binDir === undefined) throw new Error("no Pulumi CLI: run engine/build.sh (npm run test:engine does)");
        const root = tempDir("mlmg-engine-");
        let standin: GitLabStandin | undefined;
        try {
            const dir = path.join(root, "project");
            const home = path.join(root, "pulumi-home");
            const state = path.join(root, "state");
            for (const d of [dir, home, state]) fs.mkdirSync(d, { recursive: true });
            for (const entry of PROJECT_FILES) {
                fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
            }
            for (const f of fs.readdirSync(ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
            fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
            fs.symlinkSync(path.join(ROOT, "policy", "node_modules"), path.join(dir, "policy", "node_modules"));

            standin = new GitLabStandin(fixtures);
            const baseUrl = await standin.start();
            const backend = `file://${state}`;
            const env = isolatedEnv(binDir, home, {
                PULUMI_BACKEND_URL: backend,
                PULUMI_CONFIG_PASSPHRASE: "engine-tests-passphrase",
                GITLAB_BASE_URL: baseUrl,
                GITLAB_TOKEN: API_TOKEN,
                CI: "",
            });
            const ws = new EngineWorkspace(dir, home, backend, standin, env);
            await ws.installProviderDouble(root);
            return ws;
        } catch (e) {
            // Nothing left listening or on disk when set-up fails; the set-up error is the one reported.
            await standin?.stop().catch(() => undefined);
            fs.rmSync(root, { recursive: true, force: true });
            throw e;
        }
    }

    /** The double, installed under the real provider's name and version in this PULUMI_HOME only. */
    private async installProviderDouble(root: string): Promise<void> {
        const launcher = path.join(root, "pulumi-resource-gitlab");
        fs.writeFileSync(
            launcher,
            `#!/bin/sh\nexec node -r ${JSON.stringify(path.join(ROOT, "scripts", "register-ts.js"))} ${JSON.stringify(path.join(ROOT, "engine", "provider-double", "main.ts"))} "$@"\n`,
            { mode: 0o755 },
        );
        const installed = await this.pulumi(["plugin", "install", "resource", "gitlab", "10.1.1", "--file", launcher]);
        if (installed.code !== 0) throw new Error(`could not install the provider double:\n${installed.output}`);
    }

    /** Run the CLI in the project copy. */
    pulumi(args: readonly string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<PulumiResult> {
        return run("pulumi", args, { cwd: opts.cwd ?? this.dir, env: { ...this.env, ...opts.env } });
    }

    /** Run a script in the project copy with bash as a GitLab runner does (`set -eo pipefail`, no `-u`), for the pipeline's own lines. */
    shell(script: string, env: Record<string, string | undefined> = {}): Promise<PulumiResult> {
        return run("bash", ["-eo", "pipefail", "-c", script], { cwd: this.dir, env: { ...this.env, ...env } });
    }

    async stackInit(stack: string): Promise<void> {
        const result = await this.pulumi(["stack", "init", stack, "--non-interactive"]);
        if (result.code !== 0) throw new Error(`pulumi stack init ${stack} failed:\n${result.output}`);
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

function run(command: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Promise<PulumiResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout.on("data", (d: Buffer) => ((stdout += d), (output += d)));
        child.stderr.on("data", (d: Buffer) => ((stderr += d), (output += d)));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, output }));
    });
}
