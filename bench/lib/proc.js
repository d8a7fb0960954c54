// @ts-check
"use strict";
/** Running benchmark children and summarising their timings. */
const { spawn } = require("child_process");

/**
 * Runs `node <args>` to completion and measures its wall time from spawn to
 * exit: node start-up, module loading, evaluation and exit, as a user waits for
 * them. Resolves with that time and the child's one-line JSON report.
 */
function runNode(args, { timeoutMs = 300_000, env = process.env } = {}) {
    return new Promise((resolve, reject) => {
        const started = process.hrtime.bigint();
        let wallMs = 0;
        const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("exit", () => (wallMs = Number(process.hrtime.bigint() - started) / 1e6));
        child.on("error", reject);
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            if (code !== 0) {
                reject(new Error(`node ${args.join(" ")} ${signal ? `was killed (${signal}, timeout ${timeoutMs} ms)` : `exited ${code}`}\n${stderr.trim()}`));
                return;
            }
            const line = stdout.trim().split("\n").pop() ?? "";
            try {
                resolve({ wallMs, report: line ? JSON.parse(line) : {}, stderr });
            } catch {
                reject(new Error(`node ${args.join(" ")} printed no JSON report:\n${stdout}\n${stderr}`));
            }
        });
    });
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

module.exports = { runNode, median };
