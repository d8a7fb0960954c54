// @ts-check
// `node -r ./scripts/register-ts.js file.ts`: run TypeScript with the project's
// own compiler, transpile-only (type checking is `npm test`'s job).
"use strict";
const fs = require("fs");
const ts = require("typescript");

const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false };

require.extensions[".ts"] = (module, filename) => {
    const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), { compilerOptions, fileName: filename });
    /** @type {any} */ (module)._compile(outputText, filename);
};
