import * as fs from "fs";
import * as path from "path";

// zod reads `jitless` when a schema is constructed (src/config/zod.ts says why
// it is on), so a schema file that imported "zod" itself, ahead of
// src/config/zod.ts, would build compiled parsers again: slower, never wrong.
describe("zod imports", () => {
    const root = path.resolve(__dirname, "..");
    const sources = (dir: string): string[] =>
        fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));

    it("every program file takes z from src/config/zod.ts, which alone imports zod", () => {
        const direct = [...sources(path.join(root, "src")), path.join(root, "index.ts")]
            .filter((file) => /from "zod(\/[^"]*)?"/.test(fs.readFileSync(file, "utf8")))
            .map((file) => path.relative(root, file));
        expect(direct).toEqual([path.join("src", "config", "zod.ts")]);
    });

    it("parses a whole stack without compiling a parser", () => {
        const { parseGovernanceConfig } = require("../src/config") as typeof import("../src/config");
        const { fixtureNamespace } = require("./support/stackFile") as typeof import("./support/stackFile");
        // zod's compiled parsers are `new Function` (zod/v4/core/doc.cjs, Doc#compile).
        const compile = jest.spyOn(globalThis, "Function");
        try {
            parseGovernanceConfig(fixtureNamespace("prod"), { stack: "prod" });
            expect(compile).not.toHaveBeenCalled();
        } finally {
            compile.mockRestore();
        }
    });
});
