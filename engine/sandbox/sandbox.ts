// `npm run sandbox -- <stack> [preview|up|destroy|report]`: the pinned Pulumi
// CLI on the user's own stack file, against a local GitLab stand-in seeded
// from that stack, with the provider double in a private PULUMI_HOME, a local
// file backend and a passphrase. Everything lives in `.sandbox/` (git-ignored)
// and persists between runs; docs/sandbox.md says what is where.
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { run as check } from "../../src/check/cli";
import type { Print } from "../../src/config/stackCommand";
import { ciPolicyArgs } from "../ciJob";
import { loadFixtures, readStateFile, writeStateFile, type GitLabStandin } from "../gitlab-standin";
import { applySeed, projectPaths, READ_TOKEN, seedFixtures, seedOf, tokenUser } from "../seed";
import { copyProject, installProviderDouble, PASSPHRASE, run, runShell, stackConfig, standinEnv, startStandin, type PulumiResult } from "../workspace";
import { readProject } from "./readBack";
import { loadSeed, SeedFileError } from "./seedFile";
import { LABEL, renderMarkdown, renderText } from "./summary";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { engineBinDir, buildEngine, engineMismatches, ensurePolicyDependencies } = require("../../scripts/engine-env.js") as {
    engineBinDir: () => string | undefined;
    buildEngine: () => string | undefined;
    engineMismatches: (bin: string) => string[];
    ensurePolicyDependencies: () => void;
};

export const COMMANDS = ["preview", "up", "destroy", "report"] as const;
export type Command = (typeof COMMANDS)[number];

export const USAGE = `usage: npm run sandbox -- <stack> [preview|up|destroy|report] [--markdown]
       npm run sandbox -- [<stack>] --reset [<command>]
Runs the pinned Pulumi CLI on Pulumi.<stack>.yaml against a local GitLab stand-in seeded from it
(default command: preview). State persists in .sandbox/ between runs; --reset starts over
(the seed files .sandbox/<stack>.seed.yaml are kept). --markdown prints the read-back summary as Markdown.
${LABEL}
`;

export interface SandboxArgs {
    readonly stack?: string;
    /** Undefined only with `--reset` and no command: reset, nothing else. */
    readonly command?: Command;
    readonly markdown: boolean;
    readonly reset: boolean;
}

export function parseArgs(argv: readonly string[]): SandboxArgs | { error: string } {
    const flags = argv.filter((a) => a.startsWith("-"));
    const words = argv.filter((a) => !a.startsWith("-"));
    const unknown = flags.filter((f) => f !== "--reset" && f !== "--markdown");
    if (unknown.length > 0) return { error: `unknown option ${unknown.join(", ")}` };
    if (words.length > 2) return { error: `unexpected ${words.slice(2).join(" ")}` };
    const reset = flags.includes("--reset");
    const [stack, command = reset ? undefined : "preview"] = words;
    if (command !== undefined && !(COMMANDS as readonly string[]).includes(command)) return { error: `unknown command ${command}; expected one of ${COMMANDS.join(", ")}` };
    if (stack === undefined && !reset) return { error: "which stack? (the <stack> of Pulumi.<stack>.yaml)" };
    return { stack, command: command as Command | undefined, markdown: flags.includes("--markdown"), reset };
}

/** Where one stack's sandbox keeps its things, under `<project>/.sandbox/`. */
export function sandboxPaths(projectDir: string, stack: string) {
    const root = path.join(projectDir, ".sandbox");
    const dir = path.join(root, stack);
    return {
        root,
        home: path.join(root, "pulumi-home"),
        launcherDir: path.join(root, "bin"),
        seed: path.join(root, `${stack}.seed.yaml`),
        dir,
        gitlab: path.join(dir, "gitlab.json"),
        port: path.join(dir, "port"),
        salt: path.join(dir, "encryptionsalt"),
        backend: path.join(dir, "state"),
        project: path.join(dir, "project"),
        lock: path.join(dir, "lock"),
    };
}

export interface SandboxIO {
    /** The project: its stack files and program. */
    readonly projectDir: string;
    /** The summary (stdout). */
    readonly out: Print;
    /** Progress and the CLI's own output (stderr). */
    readonly err: Print;
}

export async function runSandbox(args: SandboxArgs, io: SandboxIO): Promise<number> {
    const say = (line: string) => io.err(`sandbox: ${line}\n`);
    if (args.reset) reset(io.projectDir, args.stack, say);
    const { stack, command } = args;
    if (stack === undefined || command === undefined) return 0;

    // The check CI runs before a preview, with its very messages: a stack it refuses starts nothing.
    const checked: string[] = [];
    const verdict = await check([stack], io.projectDir, (s) => checked.push(s), (s) => checked.push(s));
    io.err(checked.join(""));
    if (verdict !== 0) {
        say(`npm run check -- ${stack} refuses this stack (above), so nothing was started. ${LABEL}`);
        return verdict;
    }

    if (command !== "report") {
        if (engineBinDir() === undefined) say("first run: engine/build.sh builds the pinned Pulumi CLI and its language host from Go modules, about 8 minutes on 2 cores (seconds when this machine built them before); later runs take seconds");
        const bin = buildEngine();
        if (bin === undefined) {
            say("this machine has neither Go (to build the pinned Pulumi CLI) nor a pulumi CLI on PATH; install Go (go.dev/dl) and run again");
            return 1;
        }
        for (const problem of engineMismatches(bin)) say(`warning: ${problem}; the sandbox runs anyway`);
        ensurePolicyDependencies();
    }

    const paths = sandboxPaths(io.projectDir, stack);
    fs.mkdirSync(paths.dir, { recursive: true });
    const unlock = lock(paths.lock);
    if (typeof unlock === "string") {
        say(unlock);
        return 1;
    }
    try {
        let seeded;
        try {
            seeded = loadSeed(paths.seed, stack, seedOf([stackConfig(io.projectDir, stack)]));
        } catch (e) {
            if (!(e instanceof SeedFileError)) throw e;
            say(`the seed file is not valid, so nothing was started:\n${e.message}`);
            return 1;
        }
        if (seeded.note !== undefined) say(seeded.note);
        const fresh = !fs.existsSync(paths.gitlab);
        const state = fresh ? loadFixtures(seedFixtures(seeded.seed)) : readStateFile(paths.gitlab);
        applySeed(state, seeded.seed);
        const standin = await startOn(state, paths.port);
        try {
            say(`${fresh ? "a new" : "the saved"} GitLab stand-in for stack ${stack} is at ${standin.baseUrl} (state: ${path.relative(io.projectDir, paths.gitlab)})`);
            return await runCommand({ ...args, command }, stack, paths, standin, io, say);
        } finally {
            writeStateFile(paths.gitlab, standin.state);
            await standin.stop();
        }
    } finally {
        unlock();
    }
}

async function runCommand(args: SandboxArgs & { command: Command }, stack: string, paths: ReturnType<typeof sandboxPaths>, standin: GitLabStandin, io: SandboxIO, say: (l: string) => void): Promise<number> {
    const code = args.command === "report" ? 0 : await runPulumi(args.command, stack, paths, standin, io, say);
    const writes = standin.requests.filter((r) => r.method !== "GET").length;
    say(writes === 0 ? "this run changed nothing in GitLab (no write request reached the stand-in)" : `this run sent ${writes} write request(s) to the stand-in`);

    if ((args.command === "up" && code === 0) || args.command === "report") {
        const config = stackConfig(io.projectDir, stack);
        const projects = await Promise.all(projectPaths(config, tokenUser(standin.state)).map((p) => readProject(standin.baseUrl, READ_TOKEN, p, standin.state.edition)));
        io.out(args.markdown ? renderMarkdown(stack, projects) : renderText(stack, projects));
    } else {
        say(LABEL);
    }
    if (code !== 0) say(`pulumi ${args.command} failed (exit ${code}); what GitLab holds now is kept for the next run`);
    return code;
}

/** The CLI run itself, in a fresh copy of the project holding the user's stack file as it is now. */
async function runPulumi(command: Exclude<Command, "report">, stack: string, paths: ReturnType<typeof sandboxPaths>, standin: GitLabStandin, io: SandboxIO, say: (l: string) => void): Promise<number> {
    fs.rmSync(paths.project, { recursive: true, force: true });
    copyProject(io.projectDir, paths.project, { stackFiles: false });
    fs.mkdirSync(paths.backend, { recursive: true });
    const env = standinEnv({ home: paths.home, backend: `file://${paths.backend}`, baseUrl: standin.baseUrl });
    await installProviderDouble(env, paths.launcherDir);
    const pulumi = (cliArgs: string[], echo = true): Promise<PulumiResult> => run("pulumi", cliArgs, { cwd: paths.project, env, echo: echo ? (d) => io.err(d.toString()) : undefined });

    // The user's stack file as it is now, with the sandbox's own passphrase salt in place of theirs.
    const userFile = path.join(io.projectDir, `Pulumi.${stack}.yaml`);
    const stackFile = path.join(paths.project, `Pulumi.${stack}.yaml`);
    const doc = parseDocument(fs.readFileSync(userFile, "utf8"));
    for (const key of ["secretsprovider", "encryptedkey", "encryptionsalt"]) doc.delete(key);
    if (fs.existsSync(paths.salt)) doc.set("encryptionsalt", fs.readFileSync(paths.salt, "utf8").trim());
    fs.writeFileSync(stackFile, doc.toString());
    if (!fs.existsSync(paths.salt)) {
        const init = await pulumi(["stack", "init", stack, "--non-interactive"], false);
        if (init.code !== 0) throw new Error(`pulumi stack init ${stack} failed:\n${init.output}`);
        const salt = parseDocument(fs.readFileSync(stackFile, "utf8")).get("encryptionsalt");
        if (typeof salt !== "string") throw new Error(`pulumi stack init ${stack} wrote no encryptionsalt to ${stackFile}`);
        fs.writeFileSync(paths.salt, `${salt}\n`);
    }

    const policyArgs = await ciPolicyArgs(stack, (script, extra) => runShell(script, { cwd: paths.project, env: { ...env, ...extra } }));
    const color = process.stderr.isTTY ? ["--color", "always"] : [];
    const commands: Record<typeof command, string[]> = {
        // As .gitlab-ci.yml's preview and up jobs run them.
        preview: ["preview", "--stack", stack, "--diff", ...policyArgs, "--non-interactive", ...color],
        up: ["up", "--stack", stack, "--yes", "--refresh", "--diff", ...policyArgs, "--non-interactive", ...color],
        destroy: ["destroy", "--stack", stack, "--yes", "--non-interactive", ...color],
    };
    say(`pulumi ${commands[command].join(" ")}   (passphrase: ${PASSPHRASE})`);
    // Ctrl-C reaches the CLI too, which winds down cleanly; this process waits for it, then saves GitLab.
    const interrupted = () => say("interrupted: waiting for pulumi to stop, then saving the stand-in's GitLab");
    process.on("SIGINT", interrupted);
    try {
        let result = await pulumi(commands[command]);
        // As the up job does: the provider sends a new project's model registry levels only in its
        // update (docs/configuration.md, `modelRegistry`), so one more up when changes are pending.
        if (result.code === 0 && command === "up" && (await pulumi(["preview", "--stack", stack, "--expect-no-changes", "--non-interactive"], false)).code !== 0) {
            say("the preview after this up still proposes changes (a new project's model registry levels): running up once more, as the up job does");
            result = await pulumi(commands[command]);
        }
        if (result.code !== 0 && command === "destroy" && /protected/.test(result.output)) {
            say(`the stack protects its projects (dataSafety.protect), as it would in GitLab; \`npm run sandbox -- ${stack} --reset\` starts its sandbox over instead`);
        }
        return result.code;
    } finally {
        process.off("SIGINT", interrupted);
    }
}

/** The port the stack's stand-in had last time, so its URL stays the same; any free one if that is taken. */
async function startOn(state: Parameters<typeof startStandin>[0], portFile: string): Promise<GitLabStandin> {
    const saved = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, "utf8")) : 0;
    let standin: GitLabStandin;
    try {
        standin = await startStandin(state, saved);
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE") throw e;
        standin = await startStandin(state, 0);
    }
    fs.writeFileSync(portFile, `${new URL(standin.baseUrl).port}\n`);
    return standin;
}

/** One run per stack at a time: a second would overwrite the first's GitLab. */
function lock(file: string): (() => void) | string {
    try {
        fs.writeFileSync(file, String(process.pid), { flag: "wx" });
    } catch {
        const pid = Number(fs.readFileSync(file, "utf8"));
        if (Number.isInteger(pid) && pid > 0 && alive(pid)) return `another sandbox run (pid ${pid}) is using ${path.dirname(file)}; wait for it to end`;
        fs.writeFileSync(file, String(process.pid));
    }
    return () => fs.rmSync(file, { force: true });
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** Removes a stack's sandbox (or every stack's, and the private PULUMI_HOME); the seed files stay. */
function reset(projectDir: string, stack: string | undefined, say: (l: string) => void): void {
    const root = path.join(projectDir, ".sandbox");
    if (!fs.existsSync(root)) return say("nothing to reset");
    const targets = stack === undefined ? fs.readdirSync(root).filter((f) => !f.endsWith(".seed.yaml")) : [stack];
    for (const t of targets) fs.rmSync(path.join(root, t), { recursive: true, force: true });
    const seeds = fs.readdirSync(root).filter((f) => f.endsWith(".seed.yaml") && (stack === undefined || f === `${stack}.seed.yaml`));
    say(`reset ${stack === undefined ? "every stack's sandbox" : `the sandbox of stack ${stack}`} (GitLab stand-in and Pulumi state)${seeds.length > 0 ? `; kept ${seeds.map((s) => path.join(".sandbox", s)).join(", ")}: delete to re-seed from the stack` : ""}`);
}
