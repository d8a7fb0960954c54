import * as fs from "fs";
import * as path from "path";
import { EngineWorkspace, ROOT } from "../../engine/workspace";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate, packageFiles, TARGET } = require("../../scripts/sdk-generate.js") as {
    generate: (out: string, binDir: string) => string;
    packageFiles: (dir: string) => Record<string, string>;
    TARGET: string;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { engineBinDir, tempDir } = require("../../scripts/engine-env.js") as { engineBinDir: () => string; tempDir: (p: string) => string };

describe("sdks/gitlab, the @pulumi/gitlab the program imports", () => {
    it("is exactly what Pulumi's code generator makes of schema/pulumi-gitlab.subset.json today", () => {
        const out = tempDir("mlmg-sdk-check-");
        try {
            const fresh = packageFiles(generate(out, engineBinDir()));
            const vendored = packageFiles(TARGET);
            expect(Object.keys(vendored).sort()).toEqual(Object.keys(fresh).sort());
            for (const file of Object.keys(fresh)) expect({ file, text: vendored[file] }).toEqual({ file, text: fresh[file] });
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("is what node_modules/@pulumi/gitlab resolves to", () => {
        expect(fs.realpathSync(path.join(ROOT, "node_modules", "@pulumi", "gitlab"))).toBe(fs.realpathSync(TARGET));
    });
});

describe("secret outputs under the real engine", () => {
    let ws: EngineWorkspace;
    beforeAll(async () => {
        ws = await EngineWorkspace.create();
        await ws.stackInit("dev");
    });
    afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

    it("keeps runnersToken and importUrlPassword of every project only as secrets in the state", async () => {
        const up = await ws.pulumi(["up", "--yes", "--stack", "dev", "--non-interactive"]);
        expect({ code: up.code, tail: up.code === 0 ? "" : up.output.slice(-3000) }).toEqual({ code: 0, tail: "" });
        const projects = ((await ws.export("dev")).resources ?? []).filter((r) => r.type === "gitlab:index/project:Project");
        const repos = ws.config("dev").repositories;
        expect(projects).toHaveLength(repos.filter((r) => r.project.mode === "create").length);
        const token = ws.standin.state.project(ws.projectPaths("dev")[repos.findIndex((r) => r.project.mode === "create")])!.runners_token;
        expect(token.length).toBeGreaterThan(5);
        for (const key of ["runnersToken", "importUrlPassword"]) {
            expect(projects[0].outputs?.[key]).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) });
        }
        const exported = await ws.pulumi(["stack", "export", "--stack", "dev"]);
        expect(exported.stdout).not.toContain(token);
    });
});
