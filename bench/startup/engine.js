// @ts-check
"use strict";
/**
 * `npm run bench:startup -- --engine`: the start-up comparison of
 * docs/startup-mode.md through the real Pulumi CLI. Times `pulumi preview` of
 * the committed prod stack (engine/build.sh's CLI, this repository's language
 * host, the provider double, the GitLab API stand-in) with the committed
 * transpile-only preload and with type checking switched back on
 * (PULUMI_NODEJS_TRANSPILE_ONLY=false), each with a cold ts-node cache (a new
 * cache directory per run, as every CI job has) and a warm one. Scenarios
 * alternate. Prints medians and spreads; asserts nothing.
 *
 *   node bench/startup/engine.js [--runs N] [--no-write]
 */
require("../../scripts/register-ts.js");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { median } = require("../lib/proc");
const { machine, machineLine, table, writeBlock } = require("../lib/report");
const { EngineWorkspace } = require("../../engine/workspace.ts");
const { ROOT } = require("../../scripts/engine-env");

const argv = process.argv.slice(2).filter((a) => a !== "--engine");
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const RUNS = Number(option("--runs") ?? 5);
const WRITE = !argv.includes("--no-write");
const ms = (v) => `${(v / 1000).toFixed(2)} s`;

async function main() {
    const m = machine();
    const ws = await EngineWorkspace.create();
    const caches = fs.mkdtempSync(path.join(os.tmpdir(), "mlmg-ts-node-"));
    try {
        await ws.stackInit("prod");
        const warm = { transpile: path.join(caches, "warm-transpile"), check: path.join(caches, "warm-check") };
        const scenarios = {
            "transpile-only (committed preload), cold cache": { mode: "transpile", cache: () => fs.mkdtempSync(path.join(caches, "cold-")) },
            "type checking (PULUMI_NODEJS_TRANSPILE_ONLY=false), cold cache": { mode: "check", cache: () => fs.mkdtempSync(path.join(caches, "cold-")) },
            "transpile-only, warm cache": { mode: "transpile", cache: () => warm.transpile },
            "type checking, warm cache": { mode: "check", cache: () => warm.check },
        };
        /** @type {Record<string, number[]>} */
        const times = Object.fromEntries(Object.keys(scenarios).map((k) => [k, []]));
        for (let i = 0; i < RUNS + 1; i++) {
            const names = i % 2 === 0 ? Object.keys(scenarios) : Object.keys(scenarios).reverse();
            for (const name of names) {
                const { mode, cache } = scenarios[name];
                const env = { TS_NODE_CACHE_DIRECTORY: cache(), ...(mode === "check" ? { PULUMI_NODEJS_TRANSPILE_ONLY: "false" } : {}) };
                const started = process.hrtime.bigint();
                const result = await ws.pulumi(["preview", "--stack", "prod", "--non-interactive"], { env });
                const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
                if (result.code !== 0) throw new Error(`${name}: preview failed\n${result.output.slice(-2000)}`);
                // Round 0 fills the warm caches and is not counted.
                if (i > 0) times[name].push(wallMs);
            }
        }
        const rows = Object.entries(times).map(([name, t]) => [name, ms(median(t)), `${ms(Math.min(...t))}–${ms(Math.max(...t))}`]);
        const text = [
            `**Real CLI.** \`pulumi preview\` of the committed prod stack through the Pulumi CLI built by engine/build.sh (its whole wall time: CLI start-up, language host, Node.js and the program, the provider double's checks, the lookups against the GitLab API stand-in). Median of ${RUNS} runs per scenario after one warm-up round, scenarios alternating; a cold cache is a new \`TS_NODE_CACHE_DIRECTORY\` per run.`,
            "",
            table(["scenario", "median", "spread (min–max)"], rows),
            "",
            `Machine: ${machineLine(m)}. Load average at start: ${m.load}; at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}.`,
            "",
            `Command: \`npm run bench:startup -- --engine${argv.length ? ` ${argv.join(" ")}` : ""}\`.`,
        ].join("\n");
        process.stdout.write(`${text}\n`);
        if (WRITE) writeBlock(path.join(ROOT, "docs", "startup-mode.md"), "startup-engine", text, "# Start-up mode\n");
    } finally {
        await ws.dispose();
        fs.rmSync(caches, { recursive: true, force: true });
    }
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
});
