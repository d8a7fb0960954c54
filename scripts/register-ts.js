// @ts-check
// `node -r ./scripts/register-ts.js file.ts`: run TypeScript with the project's
// own compiler, transpile-only (type checking is `npm test`'s job).
//
// Every command here (`npm run check`, the provider double of each engine
// test, each stack of `check --all`) starts a fresh process that would
// otherwise transpile the same sources again and compile the 9 MB TypeScript
// compiler to do it: about 3 s of CPU per process. So transpiled output is
// kept by content hash under node_modules/.cache (where npm tools keep theirs,
// gone with `npm ci`), and V8's own compile cache is turned on for the rest.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, "node_modules", ".cache", "ml-model-governance");
const TS_VERSION = JSON.parse(fs.readFileSync(require.resolve("typescript/package.json"), "utf8")).version;
// Numeric enum values of ts.ModuleKind.CommonJS (1) and ts.ScriptTarget.ES2022 (9), so that a cache hit needs no compiler.
const compilerOptions = { module: 1, target: 9, esModuleInterop: true, sourceMap: false };
const KEY = `${TS_VERSION} ${JSON.stringify(compilerOptions)}`;

// Node 22.1+: V8 bytecode of loaded modules (the SDK, TypeScript itself) kept between processes.
/** @type {{ enableCompileCache?: (dir: string) => unknown }} */ (Module).enableCompileCache?.(path.join(CACHE, "v8"));

/** @type {typeof import("typescript") | undefined} */
let ts;

/** The CommonJS JavaScript of a TypeScript file, from the cache when its text was transpiled before. */
function transpiled(filename) {
    const source = fs.readFileSync(filename, "utf8");
    const hash = crypto.createHash("sha256").update(KEY).update("\0").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE, "ts", hash.slice(0, 2), `${hash}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        ts ??= require("typescript");
        const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
        try {
            // Written whole, then renamed: processes transpiling at once never read half a file.
            fs.mkdirSync(path.dirname(cached), { recursive: true });
            const partial = `${cached}.${process.pid}.tmp`;
            fs.writeFileSync(partial, outputText);
            fs.renameSync(partial, cached);
        } catch {
            /* a read-only checkout runs uncached */
        }
        return outputText;
    }
}

require.extensions[".ts"] = (module, filename) => {
    /** @type {any} */ (module)._compile(transpiled(filename), filename);
};
