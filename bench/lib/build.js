// @ts-check
"use strict";
/**
 * Transpiles the program's TypeScript (src/**) once per benchmark run into a
 * temp dir, file by file, with the project's own compiler options, exactly as
 * ts-node's transpile-only mode or ts-jest would. The timed children then load
 * plain JavaScript: neither the program nor the baseline pays for loading the
 * TypeScript compiler, which would be an artefact of the benchmark rather than
 * a cost of our code. (How Pulumi itself compiles at start-up is measured
 * separately, by bench/startup/run.js.)
 */
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const ROOT = path.resolve(__dirname, "../..");

/** The root tsconfig's compiler options, resolved the way tsc resolves them. */
function compilerOptions() {
    const file = path.join(ROOT, "tsconfig.json");
    const { config, error } = ts.readConfigFile(file, ts.sys.readFile);
    if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
    const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, file);
    // Source maps would only add load time to a file nobody debugs.
    return { ...parsed.options, sourceMap: false, inlineSourceMap: false, declaration: false };
}

function listTs(dir) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...listTs(full));
        else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(full);
    }
    return out;
}

/** The file a relative import names: a .ts, a .js (or .json) as written, or a directory's index. */
function resolveLocal(from, spec) {
    const base = path.resolve(path.dirname(from), spec);
    for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, "index.ts"), path.join(base, "index.js")]) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${spec}`);
}

/**
 * Writes `<outDir>/src/**.js`, and every file outside src/ that they import
 * (policy/lib, scripts), at the same relative paths, and links
 * `<outDir>/node_modules` to the project's, so the compiled files resolve
 * @pulumi/pulumi, zod, … to the very same module instances the bench children
 * load. Following the imports keeps the bench whole when shared code moves.
 */
function buildProgram(outDir) {
    const options = compilerOptions();
    const pending = listTs(path.join(ROOT, "src"));
    const done = new Set();
    while (pending.length > 0) {
        const file = /** @type {string} */ (pending.pop());
        if (done.has(file)) continue;
        done.add(file);
        const rel = path.relative(ROOT, file);
        const source = fs.readFileSync(file, "utf8");
        for (const { fileName } of ts.preProcessFile(source, true, true).importedFiles) {
            if (fileName.startsWith(".")) pending.push(resolveLocal(file, fileName));
        }
        const target = path.join(outDir, rel.replace(/\.ts$/, ".js"));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (!file.endsWith(".ts")) {
            fs.copyFileSync(file, target);
            continue;
        }
        const result = ts.transpileModule(source, { compilerOptions: options, fileName: file, reportDiagnostics: true });
        const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
        if (errors.length > 0) {
            throw new Error(`${rel}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);
        }
        fs.writeFileSync(target, result.outputText);
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(outDir, "node_modules"), "dir");
    return path.join(outDir, "src");
}

/** The keys the program's config schemas accept, per scope, from the transpiled program, so the fleet generator follows the schema. */
function schemaKeys(srcDir) {
    const schema = require(path.join(srcDir, "config", "schema.js"));
    const keys = (s) => new Set(Object.keys(s.shape));
    return { stack: keys(schema.stackSchema), defaults: keys(schema.defaultsSchema), repository: keys(schema.repositorySchema) };
}

module.exports = { ROOT, buildProgram, compilerOptions, schemaKeys };
