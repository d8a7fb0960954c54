// @ts-check
"use strict";
/**
 * One start-up measurement: load the program the way Pulumi's Node.js runner
 * (node_modules/@pulumi/pulumi/cmd/run/run.js) does, with runtime mocks and
 * Pulumi.prod.yaml's config standing in for the engine, and wait for every
 * registration.
 *
 *   node bench/startup/harness.js ts        # index.ts through ts-node, as run.js registers it
 *   node bench/startup/harness.js js <file> # a precompiled entry point (runtime.options.typescript: false)
 *
 * In `ts` mode, type checking is decided exactly as run.js decides it:
 * PULUMI_NODEJS_TRANSPILE_ONLY if set, otherwise tsconfig's `noCheck`,
 * otherwise ts-node's default (type check). ts-node's on-disk cache lives in
 * TS_NODE_CACHE_DIRECTORY (the runner sets it per scenario). Prints one JSON line.
 */
const startMs = performance.now();
const fs = require("fs");
const path = require("path");
const { createRequire } = require("module");

const ROOT = path.resolve(__dirname, "../..");
const [mode, entry] = process.argv.slice(2);
// run.js chdirs to the project (--pwd) before it looks for tsconfig.json.
process.chdir(ROOT);

const pulumi = require("@pulumi/pulumi"); // run.js is part of the SDK: it is loaded before any TypeScript
const { waitForRPCs } = /** @type {any} */ (require("@pulumi/pulumi/runtime/settings")); // internal to the SDK, hence untyped
const YAML = require("yaml");
const sdkMs = performance.now();

/** run.js, TypeScript branch, CommonJS case (package.json has no "type": "module"). */
function registerTypeScriptLikeRunJs() {
    const pulumiRequire = createRequire(require.resolve("@pulumi/pulumi/cmd/run/run.js"));
    const tsutils = pulumiRequire("../../tsutils");
    const semver = pulumiRequire("semver");
    const tsConfigPath = process.env.PULUMI_NODEJS_TSCONFIG_PATH ?? "tsconfig.json";
    const skipProject = !fs.existsSync(tsConfigPath);
    const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsConfigPath);
    const env = process.env.PULUMI_NODEJS_TRANSPILE_ONLY;
    const transpileOnly = env ? env === "true" : compilerOptions.noCheck;
    const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
    const ts = pulumiRequire(typescriptRequire);
    const useNodeNext = semver.gte(ts.version, "4.7.0");
    pulumiRequire(tsnodeRequire).register({
        compiler: typescriptRequire,
        transpileOnly,
        project: tsConfigPath,
        skipProject,
        compilerOptions: {
            target: "ES2020",
            module: useNodeNext ? "nodenext" : "commonjs",
            moduleResolution: useNodeNext ? "nodenext" : "node",
            sourceMap: "true",
            ...compilerOptions,
        },
    });
    return { tsnode: tsnodeRequire, typescript: ts.version, transpileOnly: transpileOnly === true };
}

/** Stack config as the engine hands it over: namespaced keys, structured values as JSON text. */
function stackConfig(file) {
    const { config } = YAML.parse(fs.readFileSync(path.join(ROOT, file), "utf8"));
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

async function main() {
    let registrations = 0;
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registrations++;
                return { id: `${args.name}-id`, state: { ...args.inputs, branchProtectionId: 1, webUrl: "https://gitlab.example.com/x", pathWithNamespace: "x/y", defaultBranch: "main" } };
            },
            call: (args) => ({ ...args.inputs, id: "1", userId: 1, groupId: 1, webUrl: "https://gitlab.example.com/x", pathWithNamespace: "x/y", defaultBranch: "main" }),
        },
        "ml-model-governance",
        "prod",
        true,
    );
    pulumi.runtime.setAllConfig(stackConfig("Pulumi.prod.yaml"));

    const registerStart = performance.now();
    const typescript = mode === "ts" ? registerTypeScriptLikeRunJs() : undefined;
    const requireStart = performance.now();
    require(mode === "ts" ? path.join(ROOT, "index.ts") : path.resolve(entry));
    const requiredAt = performance.now();
    await waitForRPCs();
    const doneAt = performance.now();

    const report = {
        startMs,
        sdkMs: sdkMs - startMs,
        registerMs: requireStart - registerStart, // TypeScript + ts-node loaded and configured
        requireMs: requiredAt - requireStart, // index.ts and everything it imports compiled (maybe checked) and run
        settleMs: doneAt - requiredAt,
        totalMs: doneAt,
        registrations,
        typescript,
        maxRssMB: process.resourceUsage().maxRSS / 1024,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
});
