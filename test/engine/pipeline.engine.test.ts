import * as fs from "fs";
import * as path from "path";
import { ciJob, INSTALL_LINE } from "./support/ci";
import { evidenceSchemaErrors } from "../../src/evidence/validate";
import { API_TOKEN, EngineWorkspace, READ_TOKEN } from "../../engine/workspace";

// The jobs of .gitlab-ci.yml, their script lines read from the file as GitLab
// resolves it (not copied here), run with bash as the runner does, against the
// real CLI, the provider double and the GitLab stand-in. Only the lines that
// install tools this setup already has are left out: the CLI download and npm ci.

let ws: EngineWorkspace;
beforeAll(async () => {
    ws = await EngineWorkspace.create();
    await ws.stackInit("dev");
    await ws.stackInit("prod");
    // As the CI cache restores it: the provider plugin under $CI_PROJECT_DIR/.pulumi/home/plugins.
    fs.cpSync(path.join(ws.home, "plugins"), path.join(ws.dir, ".pulumi", "home", "plugins"), { recursive: true });
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const skipped = new Set<string>();

/** Run a job's before_script and script as one shell script, GitLab's way (`set -eo pipefail`), with its variables. */
async function runJob(name: string, secrets: Record<string, string>) {
    const job = ciJob(name);
    const lines = job.lines.filter((l) => {
        if (!INSTALL_LINE.test(l)) return true;
        skipped.add(l);
        return false;
    });
    const ciVars = { CI_PROJECT_DIR: ws.dir, CI_PIPELINE_SOURCE: "merge_request_event", CI_JOB_URL: "http://127.0.0.1/job/1" };
    const variables = Object.fromEntries(Object.entries(job.variables).map(([k, v]) => [k, String(v).replace(/\$CI_PROJECT_DIR/g, ws.dir)]));
    return ws.shell(`set -eo pipefail\n${lines.join("\n")}`, { ...ciVars, ...variables, PULUMI_BACKEND_URL: ws.backend, ...secrets });
}

const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });

describe(".gitlab-ci.yml, run as written", () => {
    it("preview:dev checks, reports and previews with the read-only token, writing the artifacts", async () => {
        const result = await runJob("preview:dev", { GITLAB_PREVIEW_TOKEN: READ_TOKEN, GITLAB_TOKEN: "" });
        ok(result);
        expect(result.output).toMatch(/Pulumi\.dev\.yaml: valid(, with [^;]+ above)?; policy pack with policy\/config\/dev\.json: no mandatory violation/);
        expect(fs.readFileSync(path.join(ws.dir, "preview.txt"), "utf8")).toMatch(/Previewing update \(organization\/dev\)|Previewing update \(dev\)/);
        expect(fs.readFileSync(path.join(ws.dir, "report-dev.md"), "utf8")).toContain("# Model governance: stack `dev`");
        expect(result.output).toContain("GITLAB_MR_NOTE_TOKEN is not set");
        // The read-only token could not have written, and nothing tried to.
        expect(ws.standin.requests.filter((r) => r.method !== "GET")).toEqual([]);
    });

    it("preview:dev with a stack file the offline check rejects fails, and still writes the check's verdict for the merge request note", async () => {
        const file = path.join(ws.dir, "Pulumi.dev.yaml");
        const good = fs.readFileSync(file, "utf8");
        ws.editStack("dev", (c) => (c["ml-model-governance:repositories"][0].approvalRules[0].approvalsRequired = 150));
        try {
            const result = await runJob("preview:dev", { GITLAB_PREVIEW_TOKEN: READ_TOKEN, GITLAB_TOKEN: "" });
            expect(result.code).not.toBe(0);
            const note = fs.readFileSync(path.join(ws.dir, "preview.txt"), "utf8");
            expect(note).toContain("ml-model-governance:repositories[0].approvalRules[0].approvalsRequired: got 150");
            expect(note).not.toContain("Previewing update");
            // mr-note.js ran after the failure (without a note token it says so and posts nothing).
            expect(result.output).toContain("GITLAB_MR_NOTE_TOKEN is not set");
        } finally {
            fs.writeFileSync(file, good);
        }
    });

    it("preview:dev refuses to run without the read-only token rather than fall back to another", async () => {
        const result = await runJob("preview:dev", { GITLAB_PREVIEW_TOKEN: "", GITLAB_TOKEN: API_TOKEN });
        expect(result.code).not.toBe(0);
        expect(result.output).toContain("set GITLAB_PREVIEW_TOKEN, a read_api token");
    });

    it("up:dev and up:prod apply the stacks with the write token", async () => {
        ok(await runJob("up:dev", { GITLAB_TOKEN: API_TOKEN }));
        ok(await runJob("up:prod", { GITLAB_TOKEN: API_TOKEN }));
        for (const stack of ["dev", "prod"]) {
            const repos = ws.config(stack).repositories;
            ws.projectPaths(stack).forEach((path, i) => {
                const project = ws.standin.state.project(path);
                expect({ path, protections: project?.protected_branches.length }).toEqual({ path, protections: 1 });
                expect(project!.approval_rules.map((r) => r.name)).toEqual(expect.arrayContaining(repos[i].approvalRules.map((r) => r.name)));
            });
            // The artifact each job keeps: the evidence record of its update, checked against the committed schema.
            const record = JSON.parse(fs.readFileSync(path.join(ws.dir, "evidence", stack, "evidence.json"), "utf8")) as { stack: string; provenance: { job: unknown } };
            expect(evidenceSchemaErrors(record)).toEqual([]);
            expect(record.stack).toBe(stack);
            expect(fs.readdirSync(path.join(ws.dir, "evidence", stack)).sort()).toEqual(["SHA256SUMS", "evidence.csv", "evidence.json"]);
        }
    });

    it("drift:prod passes on an untouched prod, fails once an approver is removed by hand, and passes after up:prod puts it back", async () => {
        ok(await runJob("drift:prod", { GITLAB_PREVIEW_TOKEN: READ_TOKEN }));
        // An approver removed by hand from the first rule that names any.
        const rule = ws.standin.state.project(ws.projectPaths("prod")[0])!.approval_rules.find((r) => r.user_ids.length + r.group_ids.length > 0)!;
        if (rule.user_ids.length > 0) rule.user_ids.pop();
        else rule.group_ids.pop();
        const drifted = await runJob("drift:prod", { GITLAB_PREVIEW_TOKEN: READ_TOKEN });
        expect(drifted.code).not.toBe(0);
        expect(drifted.output).toContain("no changes were expected");
        ok(await runJob("up:prod", { GITLAB_TOKEN: API_TOKEN }));
        ok(await runJob("drift:prod", { GITLAB_PREVIEW_TOKEN: READ_TOKEN }));
    });

    it("left out only the lines that install tools", () => {
        expect([...skipped].sort()).toEqual(["npm ci --prefer-offline", "npm ci --prefix policy --prefer-offline", "scripts/ci/install-pulumi.sh"]);
    });
});
