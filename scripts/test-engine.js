// @ts-check
// `npm run test:engine`: builds the engine if needed (engine/build.sh, cached)
// and runs the engine suite with jest.engine.config.js. Under CI=true it never
// skips; on a machine with neither Go nor a `pulumi` it says so in one line
// and does nothing.
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");
const { ROOT, engineBinDir, has, buildEngine, engineMismatches, ensurePolicyDependencies } = require("./engine-env");

const ci = process.env.CI === "true";

if (!has("go") && engineBinDir() === undefined) {
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
    const problems = engineMismatches(buildEngine());
    if (problems.length > 0) {
        const line = `ENGINE MISMATCH: ${problems.join("; ")}`;
        if (ci) {
            console.error(`${line}. CI=true runs the engine suite only on the pinned engine (engine/build.sh).`);
            process.exit(1);
        }
        console.warn(`\n*** ${line}. The suite runs anyway. ***\n`);
    }
}
ensurePolicyDependencies();
const jest = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--config", path.join(ROOT, "jest.engine.config.js"), ...process.argv.slice(2)], { cwd: ROOT, stdio: "inherit" });
process.exit(jest.status ?? 1);
