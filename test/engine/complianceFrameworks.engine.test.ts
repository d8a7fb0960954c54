import * as fs from "fs";
import * as path from "path";
import { acmeFixtures, EngineWorkspace } from "../../engine/workspace";
import type { EvidenceRecord } from "../../src/evidence/record";
import { evidenceSchemaErrors } from "../../src/evidence/validate";
import { editConfig, ROOT } from "../support/stackFile";
import { firstDeployment } from "./support/converge";

// A compliance framework label, end to end: the real CLI runs the program,
// the provider double sends the provider's GraphQL documents, and the stand-in
// answers them as GitLab's GraphQL API does (engine/gitlab-standin/graphql.ts).

const STACK = "prod";
const NS = "ml-model-governance";
const SOC2 = { name: "SOC 2", group: "acme-ml", description: "Changes reviewed under SOC 2 CC8.1", color: "#1f75cb" };
const GID = /^gid:\/\/gitlab\/ComplianceManagement::Framework\/\d+$/;

const labelled = editConfig(fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", "prod.yaml"), "utf8"), (c) => {
    c[`${NS}:complianceFrameworks`] = [SOC2];
    c[`${NS}:repositories`][0].complianceFramework = "SOC 2";
});

// A second team's stack labels its own project with the framework the first defines.
const REFERRING = "prod-vision";
const referring = editConfig(fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", "prod.yaml"), "utf8"), (c) => {
    c[`${NS}:complianceFrameworks`] = [{ name: "SOC 2", group: "acme-ml", existing: true }];
    c[`${NS}:repositories`] = [{ name: "Vision Model", complianceFramework: "SOC 2", approvalRules: [{ name: "Leads", approvalsRequired: 2, groups: ["acme-ml/ml-leads"] }] }];
});

let ws: EngineWorkspace;
beforeAll(async () => {
    ws = await EngineWorkspace.withFixtureStacks({ [STACK]: labelled, [REFERRING]: referring });
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const pulumi = (...args: string[]) => ws.pulumi([...args, "--stack", STACK, "--non-interactive"]);
const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });

describe("complianceFramework against the stand-in", () => {
    beforeAll(async () => {
        // A first deployment as a user makes it: the provider applies a new project's model registry levels on a second up.
        ok(await firstDeployment(pulumi));
    });

    it("creates the framework in the top-level group over GraphQL and attaches it to the project", () => {
        const { state } = ws.standin;
        expect(state.compliance_frameworks).toEqual([expect.objectContaining({ name: "SOC 2", description: SOC2.description, color: "#1f75cb", namespace_id: state.group("acme-ml")!.id })]);
        const project = state.project("acme-ml/models/fraud-detection-model")!;
        expect(state.project_compliance_frameworks).toEqual([{ project_id: project.id, framework_id: state.compliance_frameworks[0].id }]);
        const graphql = ws.standin.requests.filter((r) => r.path === "/api/graphql");
        expect(graphql.map((r) => String((r.body as { query: string }).query).match(/(createComplianceFramework|projectUpdateComplianceFrameworks)/)?.[1])).toEqual(["createComplianceFramework", "projectUpdateComplianceFrameworks"]);
        expect(graphql.every((r) => r.status === 200)).toBe(true);
    });

    it("shows the framework in the evidence, JSON and CSV", async () => {
        ok(await ws.shell(`npm run --silent evidence -- ${STACK}`));
        const dir = path.join(ws.dir, "evidence", STACK);
        const record = JSON.parse(fs.readFileSync(path.join(dir, "evidence.json"), "utf8")) as EvidenceRecord;
        expect(evidenceSchemaErrors(record)).toEqual([]);
        expect(record.repositories[0].complianceFramework).toEqual({ name: "SOC 2", group: "acme-ml" });
        const csv = fs.readFileSync(path.join(dir, "evidence.csv"), "utf8").split("\r\n");
        expect(csv[1].split(",")[7]).toBe("SOC 2");
    });

    it("has nothing left to change, before and after a refresh reads both back", async () => {
        ok(await pulumi("preview", "--expect-no-changes"));
        ok(await pulumi("refresh", "--yes", "--expect-no-changes"));
        const exported = await ws.export(STACK);
        const framework = exported.resources?.find((r) => r.type === "gitlab:index/complianceFramework:ComplianceFramework");
        expect(framework?.id).toMatch(/^acme-ml:gid:\/\/gitlab\/ComplianceManagement::Framework\/\d+$/);
        expect(String(framework?.outputs?.frameworkId)).toMatch(GID);
    });

    it("puts a label removed behind the program's back back at `up --refresh`", async () => {
        ws.standin.state.project_compliance_frameworks.splice(0);
        ok(await pulumi("up", "--refresh", "--yes"));
        expect(ws.standin.state.project_compliance_frameworks).toHaveLength(1);
    });

    it("fails a refresh of a framework deleted behind the program's back, as the provider's Read does", async () => {
        const [framework] = ws.standin.state.compliance_frameworks.splice(0);
        const refresh = await pulumi("refresh", "--yes");
        ws.standin.state.compliance_frameworks.push(framework);
        expect(refresh.code).not.toBe(0);
        expect(refresh.output).toContain("Compliance Framework not found");
    });

    it("refuses removing the framework in production without an acknowledgement, naming the key", async () => {
        ws.editStack(STACK, (c) => delete c[`${NS}:repositories`][0].complianceFramework);
        const preview = await pulumi("preview");
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain("complianceFramework goes from");
        expect(preview.output).toContain(`${NS}:acknowledgeWeakenings`);
        ws.editStack(STACK, (c) => (c[`${NS}:repositories`][0].complianceFramework = "SOC 2"));
    });
});

describe("a second stack that refers to the framework (existing: true)", () => {
    const vision = (...args: string[]) => ws.pulumi([...args, "--stack", REFERRING, "--non-interactive"]);
    let lookups: number;

    beforeAll(async () => {
        const before = ws.standin.requests.length;
        ok(await firstDeployment(vision));
        lookups = ws.standin.requests.slice(before).filter((r) => r.path === "/api/graphql" && /complianceFrameworks\(search:/.test(String((r.body as { query: string }).query))).length;
    });

    it("labels its own project with the framework the first stack created, creating none", async () => {
        const { state } = ws.standin;
        expect(state.compliance_frameworks).toHaveLength(1);
        const project = state.project("acme-ml/models/vision-model")!;
        expect(state.project_compliance_frameworks).toContainEqual({ project_id: project.id, framework_id: state.compliance_frameworks[0].id });
        // The data source's query, once per program run (first up and the converging preview and up).
        expect(lookups).toBeGreaterThan(0);
        const exported = await ws.export(REFERRING);
        expect(exported.resources?.filter((r) => r.type === "gitlab:index/complianceFramework:ComplianceFramework")).toEqual([]);
        const attached = exported.resources?.find((r) => r.type === "gitlab:index/projectComplianceFrameworks:ProjectComplianceFrameworks");
        expect(attached?.outputs?.complianceFrameworkIds).toEqual([`gid://gitlab/ComplianceManagement::Framework/${state.compliance_frameworks[0].id}`]);
    });

    it("has nothing left to change, in either stack", async () => {
        ok(await vision("preview", "--expect-no-changes"));
        ok(await pulumi("preview", "--expect-no-changes"));
    });

    it("fails the preview of a reference to a framework GitLab does not have, with the provider's message at the key", async () => {
        ws.editStack(REFERRING, (c) => {
            c[`${NS}:complianceFrameworks`] = [{ name: "HIPAA", group: "acme-ml", existing: true }];
            c[`${NS}:repositories`][0].complianceFramework = "HIPAA";
        });
        const preview = await vision("preview");
        ws.editStack(REFERRING, (c) => {
            c[`${NS}:complianceFrameworks`] = [{ name: "SOC 2", group: "acme-ml", existing: true }];
            c[`${NS}:repositories`][0].complianceFramework = "SOC 2";
        });
        expect(preview.code).not.toBe(0);
        expect(preview.output).toContain(`${NS}:complianceFrameworks[0].name: got "HIPAA"; expected a compliance framework of that name in acme-ml that the token can read`);
        expect(preview.output).toContain('Compliance Framework not found: Unable to find Compliance Framework: "HIPAA" in namespace: "acme-ml"');
    });
});

describe("a token whose user does not own the top-level group", () => {
    let maintainerWs: EngineWorkspace;
    beforeAll(async () => {
        // The bot is a Maintainer of acme-ml instead of its Owner.
        const fixtures = acmeFixtures((f) => {
            const acmeMl = f.groups.find((g) => g.full_path === "acme-ml")!;
            acmeMl.members = (acmeMl.members ?? []).map((m) => (m.user_id === 18 ? { ...m, access_level: 40 } : m));
        });
        maintainerWs = await EngineWorkspace.withFixtureStacks({ [STACK]: labelled }, fixtures);
    });
    afterAll(() => maintainerWs?.dispose());

    it("fails the up with GitLab's answer, and attaches nothing", async () => {
        const up = await maintainerWs.pulumi(["up", "--yes", "--skip-preview", "--stack", STACK, "--non-interactive"]);
        expect(up.code).not.toBe(0);
        expect(up.output).toContain("Not permitted to create framework");
        expect(maintainerWs.standin.state.compliance_frameworks).toEqual([]);
        expect(maintainerWs.standin.state.project_compliance_frameworks).toEqual([]);
    });
});
