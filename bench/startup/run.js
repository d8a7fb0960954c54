#!/usr/bin/env node
// @ts-check
"use strict";
/**
 * Start-up cost of the program under each way Pulumi can load it, as whole
 * processes (bench/startup/harness.js does what cmd/run/run.js does, with mocks
 * instead of an engine):
 *
 *   typecheck  Pulumi's default: its vendored ts-node 7.0.1 with the project's
 *              TypeScript, type checking each file it compiles;
 *   transpile  the same with PULUMI_NODEJS_TRANSPILE_ONLY=true (what tsconfig
 *              `noCheck: true` also selects);
 *   precompiled `tsc` output required directly (runtime.options.typescript: false).
 *
 * ts-node 7 caches each file's output on disk, keyed by that file's text alone,
 * and a cache hit skips type checking. So each ts-node mode is measured cold
 * (empty cache: CI, a fresh machine), after one edited file, and warm (nothing
 * changed since the last run). One more scenario selects transpile-only the
 * way docs/startup-mode.md proposes (a `--require` preload, no env var), and
 * every scenario checks that ts-node ran in the mode it names.
 *
 *   node bench/startup/run.js [--runs N] [--no-write]
 *
 * Writes the table into docs/startup-mode.md (between its markers).
 */
if (process.argv.includes("--engine")) {
    // `npm run bench:startup -- --engine`: the same comparison through the real Pulumi CLI.
    require("./engine.js");
    return;
}
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const { runNode, median } = require("../lib/proc");
const { machine, machineLine, table, writeBlock } = require("../lib/report");

const ROOT = path.resolve(__dirname, "../..");
const HARNESS = path.join(__dirname, "harness.js");
const argv = process.argv.slice(2);
const RUNS = Number((argv.includes("--runs") ? argv[argv.indexOf("--runs") + 1] : undefined) ?? process.env.BENCH_RUNS ?? 5);
const WRITE = !argv.includes("--no-write");
/** The file whose edit the "one file edited" scenarios simulate: the program's largest module. */
const EDITED = path.join(ROOT, "src", "governance", "modelGovernance.ts");

const ms = (v) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

/** Runs `fn` once, timing it (for the one-off tsc runs). */
function timed(fn) {
    const t = process.hrtime.bigint();
    const result = fn();
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

function tsc(args) {
    try {
        execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), ...args], { cwd: ROOT, stdio: "pipe" });
        return "ok";
    } catch (err) {
        // Type errors still emit; they are reported, not fatal, for a timing run.
        return `exit ${err.status}: ${String(err.stdout).split("\n")[0]}`;
    }
}

/** Drops `file`'s entry from a warm ts-node 7 cache, as editing it would (cache key: sha256(ext, NUL, text)). */
function forget(cacheRoot, file) {
    const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    const name = crypto.createHash("sha256").update(path.extname(file), "utf8").update("\0", "utf8").update(text, "utf8").digest("hex");
    let dropped = 0;
    for (const dir of fs.readdirSync(cacheRoot)) {
        const entry = path.join(cacheRoot, dir, `${name}.js`);
        if (fs.existsSync(entry)) {
            fs.rmSync(entry);
            dropped++;
        }
    }
    if (dropped === 0) throw new Error(`no ts-node cache entry for ${path.relative(ROOT, file)} in ${cacheRoot}`);
}

async function main() {
    const m = machine();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ml-model-governance-startup-"));
    try {
        // The precompiled entry point: `tsc` with the project's own tsconfig, to a temp outDir.
        const out = path.join(tmp, "out");
        const build = timed(() => tsc(["-p", "tsconfig.json", "--outDir", out]));
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tmp, "node_modules"), "dir");
        const check = timed(() => tsc(["--noEmit", "-p", "tsconfig.json"]));

        // Every scenario gets its own ts-node cache, so cold means cold and warm means warm.
        let caches = 0;
        const newCache = () => {
            const dir = path.join(tmp, `ts-node-cache-${caches++}`);
            fs.mkdirSync(dir);
            return dir;
        };
        const env = (cache, transpileOnly) => ({
            ...process.env,
            TS_NODE_CACHE_DIRECTORY: cache,
            ...(transpileOnly ? { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } : {}),
        });
        const PRELOAD = path.join(__dirname, "../../scripts/pulumi-transpile-only.js");
        const ts = (cache, transpileOnly, nodeArgs = []) => runNode([...nodeArgs, HARNESS, "ts"], { env: env(cache, transpileOnly) });
        /** Cold (empty cache), after one edited file (warm cache minus that file), warm (nothing changed). */
        const tsScenarios = (label, models, transpileOnly) => {
            const edited = newCache();
            const warm = newCache();
            return [
                { name: `${label}, cold cache`, models: `${models}: CI, a fresh machine`, expect: transpileOnly, run: () => ts(newCache(), transpileOnly) },
                {
                    name: `${label}, one file edited`,
                    models: `${models}: after a change to ${path.relative(ROOT, EDITED)}`,
                    expect: transpileOnly,
                    prepare: () => ts(edited, transpileOnly),
                    run: () => {
                        forget(edited, EDITED);
                        return ts(edited, transpileOnly);
                    },
                },
                { name: `${label}, warm cache`, models: `${models}: nothing changed since the last run`, expect: transpileOnly, prepare: () => ts(warm, transpileOnly), run: () => ts(warm, transpileOnly) },
            ];
        };
        const scenarios = [
            ...tsScenarios("type check", "Pulumi's default", false),
            ...tsScenarios("transpile only", "PULUMI_NODEJS_TRANSPILE_ONLY=true", true),
            {
                name: "transpile only via nodeargs preload, cold cache",
                models: "the proposed Pulumi.yaml `nodeargs: --require …` (no env var set)",
                expect: true,
                run: () => ts(newCache(), false, ["--require", PRELOAD]),
            },
            { name: "precompiled JavaScript", models: "runtime.options.typescript: false, main: the tsc output", run: () => runNode([HARNESS, "js", path.join(out, "index.js")]) },
        ];

        const results = [];
        for (const s of scenarios) {
            if (s.prepare) await s.prepare();
            const runs = [];
            for (let i = 0; i < RUNS; i++) runs.push(await s.run());
            // Proof the scenario ran in the mode it claims (the harness reports ts-node's mode as run.js chose it).
            if (s.expect !== undefined && runs[0].report.typescript?.transpileOnly !== s.expect) throw new Error(`${s.name}: ran with transpileOnly=${runs[0].report.typescript?.transpileOnly}`);
            const med = (pick) => median(runs.map(pick));
            results.push({ ...s, wall: med((r) => r.wallMs), min: Math.min(...runs.map((r) => r.wallMs)), max: Math.max(...runs.map((r) => r.wallMs)), setup: med((r) => r.report.registerMs), load: med((r) => r.report.requireMs), rss: med((r) => r.report.maxRssMB), registrations: runs[0].report.registrations });
            process.stderr.write(`  ${s.name}: ${ms(results[results.length - 1].wall)}\n`);
        }

        const fastest = Math.min(...results.map((r) => r.wall));
        const text = [
            `Median of ${RUNS} runs each; wall = the whole \`node\` process, spawn to exit (node start, @pulumi/pulumi, TypeScript set-up, compiling and running index.ts with Pulumi.prod.yaml's config, ${results[0].registrations} registrations under mocks).`,
            "",
            table(
                ["scenario", "what it models", "wall (median)", "min–max", "TypeScript + ts-node set-up", "compile + load index.ts", "peak RSS", "vs fastest"],
                results.map((r) => [r.name, r.models, ms(r.wall), `${ms(r.min)}–${ms(r.max)}`, ms(r.setup), ms(r.load), `${Math.round(r.rss)} MB`, `${(r.wall / fastest).toFixed(2)}×`]),
            ),
            "",
            `For scale, one run each: \`tsc -p tsconfig.json --outDir <tmp>\` (the build a precompiled entry point needs) took ${ms(build.ms)} (${build.result}); \`tsc --noEmit\` (the type check in \`npm test\` and CI) took ${ms(check.ms)} (${check.result}).`,
            "",
            `Machine: ${machineLine(m)}. Load average at start: ${m.load}; at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}.`,
            "",
            `Command: \`node bench/startup/run.js${argv.length ? ` ${argv.join(" ")}` : ""}\`.`,
        ].join("\n");
        process.stdout.write(`${text}\n`);
        if (WRITE) writeBlock(path.join(ROOT, "docs", "startup-mode.md"), "startup", text, "# Start-up mode\n");
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
});
