// @ts-check
"use strict";
/**
 * `npm run bench -- --engine`: `pulumi preview` through the real CLI
 * (engine/build.sh) for generated fleets, the program against the bare-SDK
 * baseline (the program's own registrations replayed through @pulumi/gitlab,
 * as bench/child/baseline.js does under mocks), under the same CLI, language
 * host and provider double, against the GitLab API stand-in. Runs alternate
 * between the sides. Prints the ratio and its spread, the engine's resources
 * per second, and the GitLab API requests per preview counted at the stand-in
 * next to the distinct principals. No limit is asserted: these are
 * measurements.
 *
 *   node bench/engine/run.js [--runs N] [--sizes 1,50] [--no-write]
 */
require("../../scripts/register-ts.js");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { stringify } = require("yaml");
const { buildProgram, schemaKeys } = require("../lib/build");
const { runNode, median } = require("../lib/proc");
const { machine, machineLine, table, writeBlock } = require("../lib/report");
const { fleetConfig, expectedLookups, principalsOf } = require("../fleetConfig");
const { fixturesFor } = require("../lib/standinFixtures");
const { EngineWorkspace } = require("../../engine/workspace.ts");
const { ROOT, engineBinDir } = require("../../scripts/engine-env");
const { sampleCpu } = require("./cpuByProcess");

const argv = process.argv.slice(2).filter((a) => a !== "--engine");
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const RUNS = Number(option("--runs") ?? process.env.BENCH_RUNS ?? 3);
const SIZES = String(option("--sizes") ?? process.env.BENCH_SIZES ?? "1,50").split(",").map(Number);
const WRITE = !argv.includes("--no-write");
const COMMAND = `npm run bench -- --engine${argv.length ? ` ${argv.join(" ")}` : ""}`;
const STACK = "bench";

const ms = (v) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);
const x = (v) => `${v.toFixed(2)}×`;

/**
 * A request as an endpoint: numeric ids and percent-encoded paths become
 * placeholders, and only the query's parameter names are kept (each once), so that every
 * lookup of one kind counts under one key.
 */
function endpointOf({ method, path: raw, query }) {
    const template = raw
        .split("/")
        .map((seg) => (/^\d+$/.test(seg) ? ":id" : /%2F/i.test(seg) ? ":path" : seg))
        .join("/");
    const params = query === "" ? "" : `?${[...new Set(new URLSearchParams(query).keys())].sort().join("&")}`;
    return `${method} ${template}${params}`;
}

/** Requests per endpoint, most first: where a preview's GitLab requests go. */
function byEndpoint(requests) {
    const counts = new Map();
    for (const r of requests) counts.set(endpointOf(r), (counts.get(endpointOf(r)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A Pulumi project whose program replays captured registrations through @pulumi/gitlab: the SDK floor. */
function baselineProject(dir, fixtureFile) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), stringify({ name: "ml-model-governance-baseline", runtime: { name: "nodejs", options: { typescript: false } }, main: "index.js" }));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "baseline", main: "index.js" }));
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    fs.writeFileSync(
        path.join(dir, "index.js"),
        `// Replays ${path.basename(fixtureFile)}: each child takes its project's id from the replayed Project, as any program must.
const gitlab = require("@pulumi/gitlab");
const { resources } = require(${JSON.stringify(fixtureFile)});
const classes = new Map(Object.values(gitlab).filter((v) => typeof v === "function" && v.__pulumiType).map((c) => [c.__pulumiType, c]));
const repos = new Map();
for (const { type, name, inputs, options, component } of resources) {
    const repo = repos.get(component) ?? {};
    repos.set(component, repo);
    const args = { ...inputs };
    if (repo.project && "project" in args) args.project = repo.project.id;
    if (repo.protection && Array.isArray(args.protectedBranchIds)) args.protectedBranchIds = [repo.protection.branchProtectionId];
    const resource = new (classes.get(type))(name, args, { protect: options.protect, retainOnDelete: options.retainOnDelete, version: "10.1.1" });
    if (type === "gitlab:index/project:Project") repo.project = resource;
    if (type === "gitlab:index/branchProtection:BranchProtection") repo.protection = resource;
}
`,
    );
}

async function measure(size, srcDir, keys, tmp) {
    const { raw } = fleetConfig(size, keys);
    raw.environment = STACK;
    raw.production = true;
    const configMap = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`ml-model-governance:${k}`, typeof v === "string" ? v : JSON.stringify(v)]));
    const configFile = path.join(tmp, `config-${size}.json`);
    const fixtureFile = path.join(tmp, `registrations-${size}.json`);
    fs.writeFileSync(configFile, JSON.stringify(configMap));
    const capture = await runNode([path.join(__dirname, "..", "child", "program.js"), srcDir, configFile, "--capture", fixtureFile]);

    // The generated fleet alone: no user stack or shared Pulumi.yaml config reaches it.
    const ws = await EngineWorkspace.withFixtureStacks({ [STACK]: stringify({ config: Object.fromEntries(Object.entries(raw).map(([k, v]) => [`ml-model-governance:${k}`, v])) }) }, fixturesFor(raw));
    try {
        const baselineDir = path.join(path.dirname(ws.dir), "baseline");
        baselineProject(baselineDir, fixtureFile);
        const init = await ws.pulumi(["stack", "init", STACK, "--non-interactive"], { cwd: baselineDir });
        if (init.code !== 0) throw new Error(init.output);

        const sides = { program: ws.dir, baseline: baselineDir };
        const runs = { program: [], baseline: [] };
        for (let i = 0; i < RUNS + 1; i++) {
            const order = i % 2 === 0 ? ["program", "baseline"] : ["baseline", "program"];
            for (const side of order) {
                ws.standin.resetRequests();
                const started = process.hrtime.bigint();
                const cpu = sampleCpu();
                const result = await ws.pulumi(["preview", "--stack", STACK, "--non-interactive"], { cwd: sides[side] });
                const cpuMs = cpu.stop();
                const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
                if (result.code !== 0) throw new Error(`${side} preview of ${size} repos failed:\n${result.output.slice(-3000)}`);
                // The first round warms caches (plugins, ts-node); it is not counted.
                if (i > 0) runs[side].push({ wallMs, cpuMs, requests: ws.standin.requests.length, endpoints: byEndpoint(ws.standin.requests) });
            }
        }
        const summary = (r) => ({
            wallMs: median(r.map((s) => s.wallMs)),
            spread: [Math.min(...r.map((s) => s.wallMs)), Math.max(...r.map((s) => s.wallMs))],
            requests: median(r.map((s) => s.requests)),
            endpoints: r[r.length - 1].endpoints,
            cpuMs: Object.fromEntries(Object.keys(r[0].cpuMs).map((kind) => [kind, median(r.map((s) => s.cpuMs[kind]))])),
        });
        return { size, registrations: capture.report.resources, custom: capture.report.custom, principals: principalsOf(raw).total, lookups: expectedLookups(raw), program: summary(runs.program), baseline: summary(runs.baseline) };
    } finally {
        await ws.dispose();
    }
}

async function main() {
    const m = machine();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mlmg-bench-engine-"));
    try {
        const srcDir = buildProgram(tmp);
        const keys = schemaKeys(srcDir);
        const rows = [];
        for (const size of SIZES) {
            const row = await measure(size, srcDir, keys, tmp);
            rows.push(row);
            process.stderr.write(`  ${size} repos: program ${ms(row.program.wallMs)} / baseline ${ms(row.baseline.wallMs)}\n`);
        }
        const text = [
            `Real engine: the Pulumi CLI ${require("child_process").execFileSync(path.join(engineBinDir(), "pulumi"), ["version"], { encoding: "utf8" }).trim()} (engine/build.sh), this repository's language host, the provider double as pulumi-gitlab 10.1.1, and the GitLab API stand-in on 127.0.0.1 (no real GitLab or real provider: docs/engine-tests.md). Median of ${RUNS} \`pulumi preview\` runs per size and side after one warm-up round, sides alternating; wall = the whole \`pulumi preview\` command.`,
            "",
            table(
                ["repos", "resources (program / baseline)", "wall program", "wall baseline", "ratio", "spread program", "spread baseline", "resources/s program", "GitLab requests per preview (program / baseline)", "lookups the program needs"],
                rows.map((r) => [
                    String(r.size),
                    `${r.registrations} / ${r.custom}`,
                    ms(r.program.wallMs),
                    ms(r.baseline.wallMs),
                    x(r.program.wallMs / r.baseline.wallMs),
                    `${ms(r.program.spread[0])}–${ms(r.program.spread[1])}`,
                    `${ms(r.baseline.spread[0])}–${ms(r.baseline.spread[1])}`,
                    (r.registrations / (r.program.wallMs / 1000)).toFixed(1),
                    `${r.program.requests} / ${r.baseline.requests}`,
                    `${r.lookups} (${r.principals} distinct principals + the edition + member lists)`,
                ]),
            ),
            "",
            ...rows.map((r) => `The program's GitLab requests in one preview of ${r.size} ${r.size === 1 ? "repository" : "repositories"}, by endpoint (ids and paths as placeholders): ${r.program.endpoints.map(([e, n]) => `\`${e}\` ${n}`).join(", ")}.`),
            "",
            "Where the CPU time of one `pulumi preview` goes, by process (median per kind; sampled from /proc every 50 ms by bench/engine/cpuByProcess.js, each process losing at most its last 50 ms; the stand-in runs in the benchmark's process and is counted with it):",
            "",
            table(
                ["repos", "side", ...Object.keys(rows[0].program.cpuMs), "total CPU", "wall"],
                rows.flatMap((r) =>
                    ["program", "baseline"].map((side) => {
                        const cpu = r[side].cpuMs;
                        const total = Object.values(cpu).reduce((a, b) => a + b, 0);
                        return [String(r.size), side, ...Object.values(cpu).map((v) => `${ms(v)} (${Math.round((100 * v) / total)}%)`), ms(total), ms(r[side].wallMs)];
                    }),
                ),
            ),
            "",
            `Machine: ${machineLine(m)}. Load average at start: ${m.load}; at end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}.`,
            "",
            `Command: \`${COMMAND}\`.`,
        ].join("\n");
        process.stdout.write(`${text}\n`);
        if (WRITE) writeBlock(path.join(ROOT, "docs", "benchmarks.md"), "bench-engine", text, "# Benchmarks\n");
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
});
