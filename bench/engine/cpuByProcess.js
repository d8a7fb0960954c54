// @ts-check
"use strict";
/**
 * Where a `pulumi preview`'s CPU time goes, by process: the CLI (the Go
 * engine), the Node.js language host, the program, and the provider double.
 * Samples /proc every 50 ms for every process on the machine whose command
 * line says what it is, keeping the last CPU time seen per process; a process
 * that ran less than one sample apart is missed, and each loses at most its
 * last 50 ms. The GitLab stand-in runs inside the benchmark's own process and
 * is measured there (`process.cpuUsage()`), with the benchmark's bookkeeping.
 * Linux only; elsewhere it reports nothing.
 */
const fs = require("fs");

const TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux
const KINDS = [
    ["provider double", (cmd) => cmd.includes("provider-double/main.ts")],
    ["language host", (cmd) => cmd.includes("pulumi-language-nodejs")],
    ["program (Node.js)", (cmd) => /@pulumi[/]pulumi[/]cmd[/]run|cmd[/]run[/]index\.js|run-plugin/.test(cmd) || (cmd.startsWith("node") && cmd.includes("@pulumi/pulumi"))],
    ["CLI and engine", (cmd) => /(^|\/)pulumi\0/.test(cmd)],
];

function kindOf(cmd) {
    for (const [kind, test] of KINDS) if (test(cmd)) return kind;
    return undefined;
}

/** CPU ms (user + system) of a pid, or undefined once it is gone. */
function cpuMs(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    } catch {
        return undefined;
    }
}

/** Starts sampling; `stop()` returns CPU ms per kind of process, including the stand-in's. */
function sampleCpu() {
    /** @type {Map<string, { kind: string, ms: number }>} */
    const seen = new Map();
    const before = new Set(fs.existsSync("/proc") ? fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)) : []);
    const self = process.cpuUsage();
    const sample = () => {
        if (!fs.existsSync("/proc")) return;
        for (const pid of fs.readdirSync("/proc")) {
            if (!/^\d+$/.test(pid) || before.has(pid)) continue;
            let entry = seen.get(pid);
            if (entry === undefined) {
                let cmd = "";
                try {
                    cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
                } catch {
                    continue;
                }
                const kind = kindOf(cmd);
                if (kind === undefined) continue;
                entry = { kind, ms: 0 };
                seen.set(pid, entry);
            }
            const ms = cpuMs(pid);
            if (ms !== undefined) entry.ms = ms;
        }
    };
    const timer = setInterval(sample, 50);
    return {
        stop() {
            clearInterval(timer);
            sample();
            const byKind = Object.fromEntries([...KINDS.map(([k]) => [k, 0]), ["GitLab stand-in and bench", 0]]);
            for (const { kind, ms } of seen.values()) byKind[kind] += ms;
            const used = process.cpuUsage(self);
            byKind["GitLab stand-in and bench"] = (used.user + used.system) / 1000;
            return byKind;
        },
    };
}

module.exports = { sampleCpu };
