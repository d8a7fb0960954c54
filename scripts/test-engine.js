// @ts-check
// `npm run test:engine`: builds the engine if needed (engine/build.sh, cached)
// and runs the engine suite with jest.engine.config.js. Under CI=true it never
// skips; on a machine with neither Go nor a `pulumi` it says so in one line
// and does nothing.
"use strict";
const { execFileSync, spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { ROOT, engineBinDir } = require("./engine-env");

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const ci = process.env.CI === "true";

if (has("go")) {
    execFileSync(path.join(ROOT, "engine", "build.sh"), { stdio: "inherit" });
} else if (engineBinDir() === undefined) {
    const line = "ENGINE TESTS NOT RUN: this machine has neither Go (to build the engine) nor a pulumi CLI on PATH";
    if (ci) {
        console.error(`${line}, and CI=true forbids skipping them.`);
        process.exit(1);
    }
    console.warn(`\n*** ${line}. ***\n`);
    process.exit(0);
}
// The engine the docs describe, or a loud stop under CI: a half-built bin
// directory, or another `pulumi` on PATH, would test something else.
{
    const bin = engineBinDir();
    const pinned = /github\.com\/pulumi\/pulumi\/pkg\/v3 (v\S+)/.exec(fs.readFileSync(path.join(ROOT, "engine", "go.mod"), "utf8"))?.[1];
    const version = spawnSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" }).stdout?.trim();
    // engine/build.sh stamps this repository's language host `<version>+ml-model-governance`;
    // a `pulumi` from PATH (ENGINE_FROM=path) brings its own host, which the docs do not describe.
    const hostVersion = spawnSync(path.join(bin, "pulumi-language-nodejs"), ["-version"], { encoding: "utf8" });
    const ours = `${pinned}+ml-model-governance`;
    const host = `${hostVersion.stdout ?? ""}${hostVersion.stderr ?? ""}`.trim();
    const problems = [
        ...(version === pinned ? [] : [`${path.join(bin, "pulumi")} is ${version || "not runnable"}, engine/go.mod pins ${pinned}`]),
        ...(host.includes(ours) ? [] : [`${path.join(bin, "pulumi-language-nodejs")} is ${host ? JSON.stringify(host.split("\n")[0]) : "missing or not runnable"}, not this repository's host ${ours}`]),
    ];
    if (problems.length > 0) {
        const line = `ENGINE MISMATCH: ${problems.join("; ")}`;
        if (ci) {
            console.error(`${line}. CI=true runs the engine suite only on the pinned engine (engine/build.sh).`);
            process.exit(1);
        }
        console.warn(`\n*** ${line}. The suite runs anyway. ***\n`);
    }
}
// The policy pack is its own package; `pulumi preview --policy-pack policy` needs its dependencies.
if (!fs.existsSync(path.join(ROOT, "policy", "node_modules"))) {
    execFileSync("npm", ["ci", "--prefix", "policy", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
}
const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--config", path.join(ROOT, "jest.engine.config.js"), ...process.argv.slice(2)], { cwd: ROOT, stdio: "inherit" });
process.exit(jest.status ?? 1);
