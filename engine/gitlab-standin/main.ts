// Command line: serve a stand-in until killed.
//   node -r ./scripts/register-ts.js engine/gitlab-standin/main.ts --fixtures <file.json> [--port N]
// The first stdout line is the base URL (ending in /api/v4/); control
// endpoints live under /__standin/ (see control.ts). Without --fixtures the
// committed acme fixture is served.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Fixtures } from "./fixtures";
import { GitLabStandin } from "./server";

function parseArgs(argv: readonly string[]): { fixtures: string; port: number } {
    let fixtures = join(__dirname, "fixtures", "acme.json");
    let port = 0;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const value = argv[i + 1];
        if (arg === "--fixtures" && value !== undefined) {
            fixtures = value;
            i++;
        } else if (arg === "--port" && value !== undefined && /^\d+$/.test(value)) {
            port = Number(value);
            i++;
        } else {
            throw new Error(`usage: main.ts [--fixtures <file.json>] [--port N] (unexpected ${arg})`);
        }
    }
    return { fixtures, port };
}

async function main(): Promise<void> {
    const args = parseArgs(process.argv.slice(2));
    const standin = new GitLabStandin(JSON.parse(readFileSync(args.fixtures, "utf8")) as Fixtures);
    const url = await standin.start(args.port);
    process.stdout.write(`${url}\n`);
    const shutdown = () => void standin.stop().then(() => process.exit(0));
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
}

main().catch((e: unknown) => {
    process.stderr.write(`gitlab-standin: ${(e as Error).message}\n`);
    process.exit(1);
});
