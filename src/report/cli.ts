import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ConfigValidationError, NAMESPACE, parseGovernanceConfig } from "../config";
import { governanceReport } from "./markdown";

/**
 * `npm run report -- <stack>`: validate `Pulumi.<stack>.yaml` with the
 * program's own config code and print its effective policy as Markdown.
 * No credentials, network or Pulumi CLI; secure values are never printed.
 */
export function namespaceOf(stackFile: unknown): Record<string, unknown> {
    const config = (stackFile as { config?: Record<string, unknown> } | null)?.config ?? {};
    const prefix = `${NAMESPACE}:`;
    return Object.fromEntries(Object.entries(config).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), redactSecure(v)]));
}

// `pulumi config set --secret` stores `{secure: <ciphertext>}`; keep even that out of any message.
function redactSecure(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redactSecure);
    if (value !== null && typeof value === "object") {
        if ("secure" in value && Object.keys(value).length === 1) return "[secret]";
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecure(v)]));
    }
    return value;
}

export function run(args: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
    const [stack] = args;
    if (stack === undefined || args.length !== 1) {
        err("usage: npm run report -- <stack>   (reads Pulumi.<stack>.yaml)\n");
        return 2;
    }
    const file = path.join(cwd, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) {
        err(`${file} does not exist\n`);
        return 2;
    }
    try {
        const config = parseGovernanceConfig(namespaceOf(parse(fs.readFileSync(file, "utf8"))), { stack });
        out(governanceReport(config, stack));
        return 0;
    } catch (e) {
        if (e instanceof ConfigValidationError) {
            err(`${path.basename(file)}: ${e.message}\n`);
            return 1;
        }
        throw e;
    }
}

if (require.main === module) {
    process.exitCode = run(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
