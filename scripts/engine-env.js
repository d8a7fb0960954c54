// @ts-check
// Where the Pulumi CLI and its Node.js language host are, for scripts and tests
// that run the real engine: .engine/bin (engine/build.sh), else a `pulumi` on PATH.
"use strict";
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

module.exports = { ROOT, BUILT, engineBinDir, isolatedEnv, tempDir };
