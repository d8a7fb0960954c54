// POST /api/graphql: compliance frameworks (EE, Premium; Owner of the top-level group).
import { GitLabStandin } from "../../engine/gitlab-standin";
import { matchesSearch, RESOURCE_NOT_AVAILABLE } from "../../engine/gitlab-standin/graphql";
import { INVOKES } from "../../engine/provider-double/invokes";
import { RestClient } from "../../engine/provider-double/restClient";
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

describe("looking a framework up by name, as the provider's getComplianceFramework does", () => {
    const { standin } = useStandin(() =>
        acme((f) => {
            f.tokens.push({ token: "tok-models-maintainer", user_id: ID.marcus, scopes: ["api"] });
            f.users.push({ id: 40, username: "outsider", name: "Outsider", email: "outsider@example.com" } as (typeof f.users)[number]);
            f.tokens.push({ token: "tok-outsider", user_id: 40, scopes: ["api"] });
        }),
    );
    const lookUp = (name: string, token = BOT_TOKEN, namespacePath = "acme-ml") =>
        INVOKES["gitlab:index/getComplianceFramework:getComplianceFramework"]({ namespacePath, name }, new RestClient(standin().baseUrl, token));

    it("finds the framework of exactly that name among the search's matches, with the resource's id format", async () => {
        const soc1 = (await gql(standin(), create("SOC 1"))).body.data.createComplianceFramework.framework.id;
        const soc2 = (await gql(standin(), create("SOC 2"))).body.data.createComplianceFramework.framework.id;
        // GitLab's search drops terms under 3 characters: "SOC 2" searches "SOC" and finds both.
        const searched = await gql(standin(), `query { namespace(fullPath: "acme-ml") { complianceFrameworks(search: "SOC 2", first: 10) { nodes { id } } } }`);
        expect(searched.body.data.namespace.complianceFrameworks.nodes).toEqual([{ id: soc1 }, { id: soc2 }]);
        const found = await lookUp("SOC 2");
        expect(found).toEqual({ id: `acme-ml:${soc2}`, frameworkId: soc2, namespacePath: "acme-ml", name: "SOC 2", description: "Reviewed changes", color: "#1f75cb", default: false });
    });

    it("needs only read access to the top-level group, not the Owner role that creating takes", async () => {
        const soc2 = (await gql(standin(), create("SOC 2"))).body.data.createComplianceFramework.framework.id;
        // A Maintainer of a subgroup can read acme-ml (read_compliance_framework: read_group on the root).
        expect((await lookUp("SOC 2", "tok-models-maintainer")).frameworkId).toBe(soc2);
        // Someone who cannot see the group gets a null namespace: no nodes, "not found".
        await expect(lookUp("SOC 2", "tok-outsider")).rejects.toThrow('Compliance Framework not found: Unable to find Compliance Framework: "SOC 2" in namespace: "acme-ml"');
    });

    it("fails with the provider's messages for no match and for matches that are not the name", async () => {
        await gql(standin(), create("SOC 2 Type II"));
        await expect(lookUp("HIPAA")).rejects.toThrow('Compliance Framework not found: Unable to find Compliance Framework: "HIPAA" in namespace: "acme-ml"');
        await expect(lookUp("SOC 2")).rejects.toThrow('Compliance Framework match not found: Unable to find exact Compliance Framework match: "SOC 2" in namespace: "acme-ml"');
        await expect(lookUp("SOC 2", BOT_TOKEN, "no-such-group")).rejects.toThrow("Compliance Framework not found");
    });

    it("returns the first 10 matches only, so an 11th framework sharing the search terms is not found", async () => {
        for (let i = 1; i <= 11; i++) await gql(standin(), create(`Model Risk ${String(i).padStart(2, "0")}`));
        const res = await gql(standin(), `query { namespace(fullPath: "acme-ml") { complianceFrameworks(search: "Model Risk", first: 10) { nodes { name } } } }`);
        expect(res.body.data.namespace.complianceFrameworks.nodes).toHaveLength(10);
        await expect(lookUp("Model Risk 11")).rejects.toThrow("Compliance Framework match not found");
        expect((await lookUp("Model Risk 10")).name).toBe("Model Risk 10");
    });
});

describe("GitLab's framework name search (Gitlab::SQL::Pattern)", () => {
    it.each([
        ["SOC 2", "SOC 1", true],
        ["soc", "SOC 2", true],
        ["SOC 2", "ISO 27001", false],
        ["AI", "ai", true],
        ["AI", "AI Act", false],
        ["Model Risk", "Risk of Model", true],
        ["  ", "anything", true],
    ])("search %j matches %j: %s", (query, name, expected) => {
        expect(matchesSearch(name, query)).toBe(expected);
    });
});
