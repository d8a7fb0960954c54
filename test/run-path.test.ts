import { spawnSync } from "child_process";
import * as path from "path";

// What `pulumi preview` loads to run the program must not include the checking
// tools: the version every registration pins lives in a module of its own.
describe("the program's run path", () => {
    it("loads neither the schema checker nor scripts/schema-subset.js", () => {
        const root = path.resolve(__dirname, "..");
        const script = `require("./src/governance"); console.log(JSON.stringify(Object.keys(require.cache)));`;
        const run = spawnSync(process.execPath, ["-r", "./scripts/register-ts.js", "-e", script], { cwd: root, encoding: "utf8" });
        expect(run.status).toBe(0);
        const loaded = (JSON.parse(run.stdout) as string[]).map((f) => path.relative(root, f));
        expect(loaded).toContain(path.join("src", "contract", "providerVersion.ts"));
        expect(loaded.filter((f) => /schema-subset|schemaConformance|conformance\.ts|providerRules/.test(f))).toEqual([]);
    });
});
