#!/usr/bin/env node
// @ts-check
"use strict";
/**
 * `npm run bench:fleet`: a fleet split into stacks, as an organisation runs
 * it (issue: fleets of thousands of model repositories).
 *
 *   node bench/fleet.js [--repos 5000] [--per-stack 500] [--engine-stacks 4] [--engine-repos 25] [--runners 1,2] [--runs 2] [--no-engine] [--no-write]
 *
 * 1. `npm run check -- --all` on `repos` generated repositories in stacks of
 *    `per-stack` (bench/fleetConfig.js): wall time and peak RSS of the one
 *    process, as the MR pipeline's `check:all` job runs it.
 * 2. One stack's program under mocks (bench/child/program.js): its peak RSS,
 *    and its GitLab lookups against that stack's distinct principals.
 * 3. Through the real CLI (engine/build.sh) with the provider double and the
 *    GitLab stand-in: `pulumi preview` of `engine-stacks` stacks of
 *    `engine-repos` each, one job after another on N parallel runners, for
 *    each N of `runners` (all on this machine's cores), and the projection
 *    for more runners.
 *
 * Prints a Markdown block and writes it to docs/benchmarks.md (unless
 * --no-write). No limit is asserted: these are measurements.
 */
require("../scripts/register-ts.js");
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { stringify } = require("yaml");
const { ROOT, buildProgram, schemaKeys } = require("./lib/build");
const { median, runNode } = require("./lib/proc");
const { machine, machineLine, table, writeBlock } = require("./lib/report");
const { fixturesFor } = require("./lib/standinFixtures");
const { inWindow } = require("../src/governance/registrationWindow.ts");
const { expectedLookups, fleetConfig, principalsOf } = require("./fleetConfig");

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const REPOS = Number(option("--repos", 5000));
const PER_STACK = Number(option("--per-stack", 500));
const ENGINE_STACKS = Number(option("--engine-stacks", 4));
const ENGINE_REPOS = Number(option("--engine-repos", 25));
const RUNNERS = String(option("--runners", "1,2")).split(",").map(Number);
const RUNS = Number(option("--runs", 2));
const COMMAND = `npm run bench:fleet${argv.length ? ` -- ${argv.join(" ")}` : ""}`;

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * `count` stacks of `size` generated repositories each, every project its own:
 * stack k's repositories carry `T<k>` in their names and `-t<k>` in adopted paths.
 */
function fleetStacks(count, size, keys) {
    return Array.from({ length: count }, (_, k) => {
        const { raw } = fleetConfig(size, keys);
        raw.repositories = raw.repositories.map((r) => (r.existing !== undefined ? { ...r, existing: `${r.existing}-t${k}` } : { ...r, name: `${r.name} T${k}` }));
        return { stack: `prod-team${String(k + 1).padStart(2, "0")}`, raw };
    });
}

const stackFile = (raw) => stringify({ config: Object.fromEntries(Object.entries(raw).map(([k, v]) => [`ml-model-governance:${k}`, v])) });

/** A project directory holding the stacks and the pack's configs, and a Pulumi.yaml with no shared config: the generated fleet alone. */
function projectWith(stacks) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-fleet-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify({ name: "ml-model-governance", runtime: "nodejs" }));
    fs.cpSync(path.join(ROOT, "policy", "config"), path.join(dir, "policy", "config"), { recursive: true });
    for (const { stack, raw } of stacks) fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackFile(raw));
    return dir;
}

/**
 * `npm run check -- --all` in the directory, timed with GNU time: wall seconds and peak RSS of the
 * whole process. Cold, as the MR pipeline's job runs it after `npm ci`: without register-ts.js's
 * caches of transpiled TypeScript and V8 bytecode.
 */
function checkAll(dir) {
    fs.rmSync(path.join(ROOT, "node_modules", ".cache", "ml-model-governance"), { recursive: true, force: true });
    const out = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, "-r", path.join(ROOT, "scripts", "register-ts.js"), path.join(ROOT, "src", "check", "cli.ts"), "--all"], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
    const [wall, rssKB] = out.stderr.trim().split("\n").pop().split(" ").map(Number);
    return { code: out.status, wallMs: wall * 1000, rssMB: rssKB / 1024, tail: out.stderr.split("\n").slice(-6, -1).join("\n") };
}

/** Runs jobs `concurrency` at a time (the program's own pool); resolves with the wall time of the whole queue and each job's own. */
async function queue(jobs, concurrency) {
    const started = Date.now();
    const times = await inWindow(jobs, concurrency, async (job) => {
        const t = Date.now();
        await job();
        return Date.now() - t;
    });
    return { wallMs: Date.now() - started, times };
}

async function engine(keys) {
    const { EngineWorkspace } = require("../engine/workspace.ts");
    const stacks = fleetStacks(ENGINE_STACKS, ENGINE_REPOS, keys);
    const merged = { repositories: stacks.flatMap((st) => st.raw.repositories) };
    const ws = await EngineWorkspace.withFixtureStacks(Object.fromEntries(stacks.map((st) => [st.stack, stackFile(st.raw)])), fixturesFor(merged));
    try {
        const rows = [];
        // One preview first, unmeasured: plugin and module caches warm, as on a runner that ran before.
        await ws.pulumi(["preview", "--stack", stacks[0].stack, "--non-interactive"]);
        for (let run = 0; run < RUNS; run++) {
            for (const n of RUNNERS) {
                const failures = [];
                const { wallMs, times } = await queue(
                    stacks.map((st) => async () => {
                        const r = await ws.pulumi(["preview", "--stack", st.stack, "--non-interactive", "--policy-pack", "policy"]);
                        if (r.code !== 0) failures.push(`${st.stack}: ${r.output.slice(-1500)}`);
                    }),
                    n,
                );
                if (failures.length > 0) throw new Error(`preview failed:\n${failures.join("\n")}`);
                rows.push({ n, wallMs, perJobMs: times.reduce((a, b) => a + b, 0) / times.length });
            }
        }
        return rows;
    } finally {
        await ws.dispose();
    }
}

async function main() {
    const m = machine();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-fleet-src-"));
    try {
        const keys = schemaKeys(buildProgram(tmp));
        const count = Math.ceil(REPOS / PER_STACK);
        const stacks = fleetStacks(count, PER_STACK, keys);
        process.stderr.write(`fleet: ${count} stacks of ${PER_STACK} repositories\n`);

        const project = projectWith(stacks);
        const checks = [];
        for (let run = 0; run < RUNS; run++) {
            const all = checkAll(project);
            if (all.code !== 0) throw new Error(`npm run check -- --all failed (${all.code}):\n${all.tail}`);
            process.stderr.write(`  check --all: ${s(all.wallMs)}, ${Math.round(all.rssMB)} MB\n`);
            checks.push(all);
        }
        const spread = (values) => `${s(Math.min(...values))}–${s(Math.max(...values))}`;
        const checkWall = checks.map((c) => c.wallMs);

        const configFile = path.join(tmp, "stack.json");
        fs.writeFileSync(configFile, JSON.stringify(Object.fromEntries(Object.entries(stacks[0].raw).map(([k, v]) => [`ml-model-governance:${k}`, typeof v === "string" ? v : JSON.stringify(v)]))));
        const one = await runNode([path.join(__dirname, "child", "program.js"), path.join(tmp, "src"), configFile], { timeoutMs: 900_000 });
        const expected = expectedLookups(stacks[0].raw);
        process.stderr.write(`  one stack's program: ${Math.round(one.report.maxRssMB)} MB, ${one.report.invokes} lookups (expected ${expected})\n`);

        const rows = argv.includes("--no-engine") ? [] : await engine(keys);
        const lines = [
            `${REPOS} repositories in ${count} stacks of ${PER_STACK} (bench/fleetConfig.js), measured on ${machineLine(m)}.`,
            "",
            table(
                ["measurement", "value"],
                [
                    [
                        `\`npm run check -- --all\`, ${count} stacks, ${os.availableParallelism()} processes (one per core) checking one stack at a time each, caches cold as after \`npm ci\``,
                        `${s(median(checkWall))} wall, median of ${RUNS} (${spread(checkWall)}); ${Math.round(Math.max(...checks.map((c) => c.rssMB)))} MB peak RSS (its largest process)`,
                    ],
                    [`one stack of ${PER_STACK}: the program under mocks`, `${Math.round(one.report.maxRssMB)} MB peak RSS, ${s(one.wallMs)} wall`],
                    [`one stack of ${PER_STACK}: GitLab lookups`, `${one.report.invokes}, for ${principalsOf(stacks[0].raw).total} distinct principals, the edition and the member lists (expected ${expected})`],
                ],
            ),
        ];
        if (rows.length > 0) {
            const byN = RUNNERS.map((n) => ({ n, runs: rows.filter((r) => r.n === n) }));
            const med = (values) => median(values);
            const t1 = med((byN.find((b) => b.n === 1) ?? byN[0]).runs.map((r) => r.perJobMs));
            lines.push(
                "",
                `\`pulumi preview\` with the policy pack through the real CLI, ${ENGINE_STACKS} stacks of ${ENGINE_REPOS} repositories (provider double, GitLab stand-in), run N at a time on this machine's ${m.cores} cores:`,
                "",
                table(
                    ["runners (N)", `fleet wall time, median of ${RUNS} (min–max)`, "mean per job"],
                    byN.map(({ n, runs }) => [n, `${s(med(runs.map((r) => r.wallMs)))} (${s(Math.min(...runs.map((r) => r.wallMs)))}–${s(Math.max(...runs.map((r) => r.wallMs)))})`, s(med(runs.map((r) => r.perJobMs)))]),
                ),
                "",
                `Projection for runners with their own cores: ⌈stacks / N⌉ × ${s(t1)} (one job alone); e.g. ${[4, 10].map((n) => `N = ${n}: ${s(Math.ceil(ENGINE_STACKS / n) * t1)}`).join(", ")} for these ${ENGINE_STACKS} stacks. The shared token's API budget, not the runners, bounds it beyond that (docs/benchmarks.md).`,
            );
        }
        lines.push("", `Command: \`${COMMAND}\`.`);
        const text = lines.join("\n");
        process.stdout.write(`${text}\n`);
        if (!argv.includes("--no-write")) writeBlock(path.join(ROOT, "docs", "benchmarks.md"), "fleet", `## Fleets: many stacks\n\n${text}`, "");
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
});
