import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { main, stackCommand, type Print } from "../config/stackCommand";
import { evidenceFiles, MANIFEST_FILE } from "./files";
import { mergeRequestFact } from "./mergeRequest";
import { evidenceRecord, MissingOutputsError, provenanceFromEnv, type StackOutputs } from "./record";
import { evidenceSchemaErrors } from "./validate";

const USAGE =
    "usage: npm run evidence -- <stack> [--out <dir>]   (reads the stack's outputs with `pulumi stack output --json` after an `up` and writes evidence.json, evidence.csv and SHA256SUMS to <dir>, by default evidence/<stack>)\n";

const ROOT = path.join(__dirname, "..", "..");

async function cli(command: string, args: readonly string[], cwd: string): Promise<string> {
    try {
        return (await promisify(execFile)(command, [...args], { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
    } catch (e) {
        const failed = e as { stderr?: string; message: string };
        throw new Error(`${command} ${args.join(" ")} failed: ${failed.stderr?.trim() || failed.message}`);
    }
}

/**
 * `npm run evidence -- <stack>`: the change-control record of the stack's
 * last `up`, from its outputs (what it enforces, its changes from the
 * deployment before, the acknowledged weakenings) and GitLab CI's variables,
 * checked against schema/evidence.schema.json before anything is written.
 */
export function run(args: readonly string[], cwd: string, out: Print, err: Print, env: NodeJS.ProcessEnv = process.env): Promise<number> {
    const at = args.indexOf("--out");
    const outDir = at >= 0 ? args[at + 1] : undefined;
    const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
    if (at >= 0 && (outDir === undefined || outDir.startsWith("-"))) {
        err(USAGE);
        return Promise.resolve(2);
    }
    return stackCommand(USAGE, rest, cwd, out, err, async (stack) => {
        let outputs: StackOutputs;
        try {
            outputs = JSON.parse(await cli("pulumi", ["stack", "output", "--json", "--stack", stack], cwd)) as StackOutputs;
        } catch (e) {
            err(`${(e as Error).message}\n`);
            return 1;
        }
        const version = (await cli("pulumi", ["version"], cwd)).trim();
        const program = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
        let record;
        try {
            record = evidenceRecord({ stack, outputs, provenance: provenanceFromEnv(env, await mergeRequestFact(env)), recordedAt: new Date(), programVersion: program, pulumiCliVersion: version });
        } catch (e) {
            if (!(e instanceof MissingOutputsError)) throw e;
            err(`${e.message}\n`);
            return 1;
        }
        const invalid = evidenceSchemaErrors(record);
        if (invalid.length > 0) {
            err(`the record does not match schema/evidence.schema.json; nothing was written:\n${invalid.map((l) => `  - ${l}`).join("\n")}\n`);
            return 1;
        }
        const dir = path.resolve(cwd, outDir ?? path.join("evidence", stack));
        fs.mkdirSync(dir, { recursive: true });
        for (const [name, content] of Object.entries(evidenceFiles(record))) fs.writeFileSync(path.join(dir, name), content);
        const weakened = record.changes.settings.filter((c) => c.direction === "weakened").length;
        out(
            `${path.relative(cwd, dir) || "."}: evidence.json, evidence.csv, ${MANIFEST_FILE} for stack ${stack}: ` +
                `${record.repositories.map((r) => `${r.key} ${r.adherence.passed}/${r.adherence.total} controls`).join(", ")}; ` +
                `${record.changes.approvers.length} approver change(s), ${record.changes.settings.length} setting change(s), ${weakened} weakened, ${record.acknowledgedWeakenings.length} acknowledged\n`,
        );
        return 0;
    });
}

if (require.main === module) main(run);
