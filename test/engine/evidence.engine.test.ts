import * as fs from "fs";
import * as path from "path";
import { EngineWorkspace } from "../../engine/workspace";
import { CONTROL_IDS } from "../../src/evidence/controls";
import { sha256 } from "../../src/evidence/files";
import type { EvidenceRecord } from "../../src/evidence/record";
import { evidenceSchemaErrors } from "../../src/evidence/validate";

// The change-control record of an `up`, as an auditor gets it: `npm run
// evidence -- prod` after each `up` of the frozen prod fixture against the
// stand-in, the difference between two records, and a production weakening
// that stops `preview` and `up` until the stack config acknowledges it.

const STACK = "prod";
const RULE = "ml-model-governance:repositories[0].approvalRules[0]";
let ws: EngineWorkspace;
beforeAll(async () => {
    ws = await EngineWorkspace.withFixtureStacks({ [STACK]: "prod" });
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const pulumi = (...args: string[]) => ws.pulumi([...args, "--stack", STACK, "--non-interactive"]);
const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });
const dir = () => path.join(ws.dir, "evidence", STACK);

async function evidence(): Promise<EvidenceRecord> {
    ok(await ws.shell(`npm run --silent evidence -- ${STACK}`));
    return JSON.parse(fs.readFileSync(path.join(dir(), "evidence.json"), "utf8")) as EvidenceRecord;
}

describe("npm run evidence -- prod after an up", () => {
    let record: EvidenceRecord;
    beforeAll(async () => {
        ok(await pulumi("up", "--yes", "--skip-preview"));
        record = await evidence();
    });

    it("writes JSON valid against the committed schema, from the stack's outputs", () => {
        expect(evidenceSchemaErrors(record)).toEqual([]);
        expect(record).toMatchObject({ stack: STACK, environment: "prod", production: true, versions: { provider: "10.1.1", pulumiCli: expect.stringMatching(/^v3\./) } });
        // Run outside CI: every CI fact says so instead of being invented.
        expect(record.provenance.commitSha).toEqual({ absent: expect.stringContaining("CI_COMMIT_SHA") });
        expect(record.provenance.mergeRequest).toEqual({ absent: expect.stringContaining("not run in GitLab CI") });
        const [repo] = record.repositories;
        expect(repo.governance).toMatchObject({ approvalRules: [{ name: "ML leads", approvalsRequired: 2, users: ["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor"] }, { name: "Data stewards" }] });
        expect(repo.url).toContain("/acme-ml/models/");
        expect(repo.adherence).toEqual({ passed: 8, total: 8 });
        // The first deployment has nothing before it.
        expect(record.changes).toMatchObject({ previousDeployment: false, approvers: [], settings: [] });
    });

    it("writes CSV with one row per repository and control, and a manifest whose hashes match", async () => {
        const csv = fs.readFileSync(path.join(dir(), "evidence.csv"), "utf8").trimEnd().split("\r\n");
        expect(csv[0]).toBe("stack,environment,recorded_at,commit_sha,pipeline_id,repository,project_url,compliance_framework,control,status,reason");
        // The prod fixture names no compliance framework: the column is empty.
        expect(csv.slice(1).map((l) => l.split(",").slice(7, 9))).toEqual(CONTROL_IDS.map((c) => ["", c]));
        const manifest = fs.readFileSync(path.join(dir(), "SHA256SUMS"), "utf8");
        for (const name of ["evidence.json", "evidence.csv"]) expect(manifest).toContain(`${sha256(fs.readFileSync(path.join(dir(), name), "utf8"))}  ${name}\n`);
        // As an auditor checks it.
        ok(await ws.shell("cd evidence/prod && sha256sum -c SHA256SUMS"));
    });
});

describe("a second up with one approver changed", () => {
    it("records a difference that names exactly that approver added and the one removed", async () => {
        ok(await pulumi("config", "set", "--path", `${RULE}.users[1]`, "jonas.weber"));
        ok(await pulumi("up", "--yes"));
        const record = await evidence();
        expect(evidenceSchemaErrors(record)).toEqual([]);
        expect(record.changes).toEqual({
            previousDeployment: true,
            repositoriesAdded: [],
            repositoriesRemoved: [],
            approvers: [{ repository: "fraud-detection-model", rule: "ML leads", added: ["jonas.weber"], removed: ["marcus.chen"] }],
            settings: [],
        });
    });
});

describe("a production weakening", () => {
    const ackKey = "ml-model-governance:acknowledgeWeakenings";

    it("stops preview and up, naming the setting and the acknowledgement key, and changes nothing", async () => {
        ok(await pulumi("config", "set", "--path", `${RULE}.approvalsRequired`, "1"));
        const preview = await pulumi("preview");
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain("repository fraud-detection-model: approvalRules[ML leads].approvalsRequired goes from 2 to 1, which weakens production governance");
        expect(preview.output).toContain(ackKey);
        const up = await pulumi("up", "--yes", "--skip-preview");
        expect(up.code).not.toBe(0);
        expect(up.output).toContain("approvalRules[ML leads].approvalsRequired goes from 2 to 1");
        const project = ws.projectPaths(STACK)[0];
        const rule = ws.standin.state.project(project)!.approval_rules.find((r) => r.name === "ML leads")!;
        expect(rule.approvals_required).toBe(2);
    });

    it("goes ahead with an acknowledgement bound to that change, which the evidence records, and warns once the acknowledgement is spent", async () => {
        const ack = { repository: "fraud-detection-model", setting: "approvalRules[ML leads].approvalsRequired", from: 2, to: 1, reason: "ML leads down to three people until March; reviewed by the CISO" };
        // An acknowledgement of another value does not cover it.
        ws.editStack(STACK, (c) => (c[ackKey] = [{ ...ack, to: 0 }]));
        expect((await pulumi("preview")).code).not.toBe(0);
        ws.editStack(STACK, (c) => (c[ackKey] = [ack]));
        ok(await pulumi("preview"));
        ok(await pulumi("up", "--yes"));
        const record = await evidence();
        expect(evidenceSchemaErrors(record)).toEqual([]);
        expect(record.acknowledgedWeakenings).toEqual([ack]);
        expect(record.changes.settings).toEqual([{ repository: "fraud-detection-model", setting: "approvalRules[ML leads].approvalsRequired", from: 2, to: 1, direction: "weakened" }]);
        const after = await pulumi("preview");
        ok(after);
        expect(after.output).toContain(`${ackKey}[0]: matches no weakening of this run`);
    });
});
