// POST /api/graphql: compliance frameworks (EE, Premium; Owner of the top-level group).
import { GitLabStandin } from "../../engine/gitlab-standin";
import { RESOURCE_NOT_AVAILABLE } from "../../engine/gitlab-standin/graphql";
import { acme, BOT_TOKEN, ID, READ_TOKEN, useStandin } from "./helpers";

async function gql(standin: GitLabStandin, query: string, token: string = BOT_TOKEN): Promise<{ status: number; body: any }> {
    const url = new URL(standin.baseUrl);
    url.pathname = "/api/graphql";
    const res = await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ query }) });
    return { status: res.status, body: await res.json() };
}

const create = (name: string, group = "acme-ml", color = "#1f75cb") =>
    `mutation { createComplianceFramework(input: { params: { name: "${name}", description: "Reviewed changes", color: "${color}", default: false, pipelineConfigurationFullPath: "" }, namespacePath: "${group}" }) { framework { id, name, description, color, default, pipelineConfigurationFullPath } errors } }`;
const attach = (ids: string[], project: number = ID.legacyRanker) =>
    `mutation { projectUpdateComplianceFrameworks(input: { projectId: "gid://gitlab/Project/${project}", complianceFrameworkIds: ${JSON.stringify(ids)} }) { project { id, fullPath, complianceFrameworks { nodes { id } } } errors } }`;

describe("compliance frameworks over GraphQL (EE)", () => {
    const { standin } = useStandin(() => acme((f) => f.tokens.push({ token: "tok-models-maintainer", user_id: ID.marcus, scopes: ["api"] })));

    it("creates a framework in the top-level group with a global id, and refuses its name twice", async () => {
        const res = await gql(standin(), create("SOC 2"));
        expect(res.status).toBe(200);
        const framework = res.body.data.createComplianceFramework.framework;
        expect(framework).toMatchObject({ name: "SOC 2", color: "#1f75cb", default: false, pipelineConfigurationFullPath: null });
        expect(framework.id).toMatch(/^gid:\/\/gitlab\/ComplianceManagement::Framework\/\d+$/);
        // A subgroup's path puts it on the root ancestor.
        const again = await gql(standin(), create("SOC 2", "acme-ml/models"));
        expect(again.body.data.createComplianceFramework).toEqual({ framework: null, errors: ["Failed to create framework", "Name has already been taken"] });
        const read = await gql(standin(), `query { namespace(fullPath: "acme-ml") { fullPath, complianceFrameworks(id: "${framework.id}") { nodes { id, name } } } }`);
        expect(read.body.data.namespace).toEqual({ fullPath: "acme-ml", complianceFrameworks: { nodes: [{ id: framework.id, name: "SOC 2" }] } });
    });

    it("lets only an Owner of the top-level group create, and only with a Premium license", async () => {
        const maintainer = await gql(standin(), create("SOX"), "tok-models-maintainer");
        expect(maintainer.body.data.createComplianceFramework.errors).toEqual(["Not permitted to create framework"]);
        standin().state.license = "free";
        const free = await gql(standin(), create("SOX"));
        expect(free.body.data.createComplianceFramework.errors).toEqual(["Not permitted to create framework"]);
        expect(standin().state.compliance_frameworks).toHaveLength(0);
    });

    it("answers a namespace it cannot see, and a read_api mutation, as GitLab does", async () => {
        const missing = await gql(standin(), create("SOX", "no-such-group"));
        expect(missing.body.data.createComplianceFramework).toBeNull();
        expect(missing.body.errors[0].message).toBe(RESOURCE_NOT_AVAILABLE);
        const readOnly = await gql(standin(), create("SOX"), READ_TOKEN);
        expect(readOnly.status).toBe(403);
    });

    it("sets a project's whole list, refuses an unknown id, and an empty list removes them all", async () => {
        const soc2 = (await gql(standin(), create("SOC 2"))).body.data.createComplianceFramework.framework.id;
        const sox = (await gql(standin(), create("SOX"))).body.data.createComplianceFramework.framework.id;
        const first = await gql(standin(), attach([soc2, sox]));
        expect(first.body.data.projectUpdateComplianceFrameworks.project.complianceFrameworks.nodes).toEqual([{ id: soc2 }, { id: sox }]);
        const replaced = await gql(standin(), attach([sox]));
        expect(replaced.body.data.projectUpdateComplianceFrameworks.project.complianceFrameworks.nodes).toEqual([{ id: sox }]);
        const unknown = await gql(standin(), attach(["gid://gitlab/ComplianceManagement::Framework/999"]));
        expect(unknown.body.errors[0].message).toBe("Framework id(s) [999] are invalid.");
        await gql(standin(), attach([]));
        const read = await gql(standin(), `query { project(fullPath: "acme-ml/models/legacy-ranker") { complianceFrameworks { nodes { id } } } }`);
        expect(read.body.data.project.complianceFrameworks.nodes).toEqual([]);
    });

    it("refuses to label a project for a user who does not own its group", async () => {
        const soc2 = (await gql(standin(), create("SOC 2"))).body.data.createComplianceFramework.framework.id;
        const res = await gql(standin(), attach([soc2]), "tok-models-maintainer");
        expect(res.body.data.projectUpdateComplianceFrameworks).toBeNull();
        expect(res.body.errors[0].message).toBe(RESOURCE_NOT_AVAILABLE);
        expect(standin().state.project_compliance_frameworks).toEqual([]);
    });

    it("destroys a framework and unlabels the projects that carried it; a gone framework is no node", async () => {
        const soc2 = (await gql(standin(), create("SOC 2"))).body.data.createComplianceFramework.framework.id;
        await gql(standin(), attach([soc2]));
        const res = await gql(standin(), `mutation { destroyComplianceFramework(input: { id: "${soc2}" }) { errors } }`);
        expect(res.body.data.destroyComplianceFramework.errors).toEqual([]);
        expect(standin().state.project_compliance_frameworks).toEqual([]);
        const read = await gql(standin(), `query { namespace(fullPath: "acme-ml") { complianceFrameworks(id: "${soc2}") { nodes { id } } } }`);
        expect(read.body.data.namespace.complianceFrameworks.nodes).toEqual([]);
    });

    it("validates documents against GitLab's schema subset: an unknown field is an error", async () => {
        const res = await gql(standin(), `query { namespace(fullPath: "acme-ml") { complianceFramework { nodes { id } } } }`);
        expect(res.status).toBe(200);
        expect(res.body.errors[0].message).toMatch(/complianceFramework/);
        expect(res.body.data).toBeUndefined();
    });
});

describe("compliance frameworks on Community Edition", () => {
    const { standin } = useStandin(() => acme((f) => (f.edition = "ce")));

    it("has no compliance framework fields at all", async () => {
        const res = await gql(standin(), create("SOC 2"));
        expect(res.body.errors[0].message).toMatch(/mutation/i);
    });
});
