// @ts-check
// Where the Pulumi CLI and its Node.js language host are, for scripts and tests
// that run the real engine: .engine/bin (engine/build.sh), else a `pulumi` on PATH.
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const BUILT = path.join(ROOT, ".engine", "bin");

/** The directory holding `pulumi` and `pulumi-language-nodejs`, or undefined when there is none. */
function engineBinDir(env = process.env) {
    if (fs.existsSync(path.join(BUILT, "pulumi"))) return BUILT;
    for (const dir of (env.PATH ?? "").split(path.delimiter)) {
        if (dir && fs.existsSync(path.join(dir, "pulumi"))) return dir;
    }
    return undefined;
}

/**
 * The host's environment without what could reach past this machine or change
 * how the CLI behaves: Pulumi's settings (an access token, a backend), GitLab's
 * (a token, a base URL) and a CI job's (a merge request to post a note on),
 * should the suite itself run inside a GitLab pipeline.
 */
function hostEnv() {
    return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PULUMI_|GITLAB_|CI_)/.test(k) && k !== "NODE_OPTIONS"));
}

/**
 * An environment for running the CLI in isolation: its own PULUMI_HOME, no
 * update check, no plugin downloads, and the engine and the project's Node.js
 * (node_modules/.bin, Node 24) first on PATH, so the language host runs programs on it.
 */
function isolatedEnv(binDir, home, extra = {}) {
    return {
        ...hostEnv(),
        PATH: [path.join(ROOT, "node_modules", ".bin"), binDir, process.env.PATH ?? ""].join(path.delimiter),
        PULUMI_HOME: home,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_CONFIRMATIONS: "true",
        ...extra,
    };
}

function tempDir(prefix) {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

/**
 * The pinned engine, built (or copied from the cache) by engine/build.sh when
 * Go is here; its output goes to this process's stderr. Returns the bin
 * directory, or undefined when there is neither Go nor a `pulumi` on PATH.
 */
function buildEngine() {
    if (has("go")) {
        // The host's Pulumi settings stay out of it: build.sh runs `pulumi version`, which writes a log under PULUMI_HOME.
        const home = tempDir("mlmg-build-");
        try {
            execFileSync(path.join(ROOT, "engine", "build.sh"), { stdio: ["ignore", process.stderr, process.stderr], env: { ...hostEnv(), PULUMI_HOME: home } });
        } finally {
            fs.rmSync(home, { recursive: true, force: true });
        }
    }
    return engineBinDir();
}

/** Why the engine in `bin` is not the one the docs describe: another CLI version, or another language host. */
function engineMismatches(bin) {
    const pinned = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(fs.readFileSync(path.join(ROOT, "engine", "go.mod"), "utf8"))?.[1];
    // In a PULUMI_HOME of its own: even `pulumi version` writes a log file under PULUMI_HOME.
    const home = tempDir("mlmg-version-");
    const version = spawnSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8", env: isolatedEnv(bin, home) }).stdout?.trim();
    fs.rmSync(home, { recursive: true, force: true });
    // engine/build.sh stamps this repository's language host `<version>+ml-model-governance`;
    // a `pulumi` from PATH (ENGINE_FROM=path) brings its own host, which the docs do not describe.
    const hostVersion = spawnSync(path.join(bin, "pulumi-language-nodejs"), ["-version"], { encoding: "utf8" });
    const ours = `${pinned}+ml-model-governance`;
    const host = `${hostVersion.stdout ?? ""}${hostVersion.stderr ?? ""}`.trim();
    return [
        ...(version === pinned ? [] : [`${path.join(bin, "pulumi")} is ${version || "not runnable"}, engine/go.mod pins ${pinned}`]),
        ...(host.includes(ours) ? [] : [`${path.join(bin, "pulumi-language-nodejs")} is ${host ? JSON.stringify(host.split("\n")[0]) : "missing or not runnable"}, not this repository's host ${ours}`]),
    ];
}

/** The policy pack is its own package; `pulumi preview --policy-pack policy` needs its dependencies. */
function ensurePolicyDependencies() {
    if (!fs.existsSync(path.join(ROOT, "policy", "node_modules"))) {
        execFileSync("npm", ["ci", "--prefix", "policy", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: ["ignore", process.stderr, process.stderr] });
    }
}

module.exports = { ROOT, BUILT, engineBinDir, isolatedEnv, tempDir, has, buildEngine, engineMismatches, ensurePolicyDependencies };
