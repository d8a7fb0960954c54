import { groupByProject } from "../../policy/lib/projectGroups";
import { stackArgs, UNKNOWN_VALUE, urnOf, urnOfFake, type FakeResource } from "../../src/check/policyArgs";
import { component, componentUrn, COMPONENT_TYPE, project, protection, rule } from "./support/fixtures";

/** Project label to the names of the children attributed to it. */
function attribution(fakes: FakeResource[]): Record<string, string[]> {
    const { groups } = groupByProject(stackArgs(fakes).resources);
    return Object.fromEntries(groups.map((g) => [g.label, [...g.protections, ...g.rules, ...g.mrApprovals, ...g.files].map((r) => r.name)]));
}

const other = project({ id: "202", pathWithNamespace: "acme-ml/models/churn" }, { name: "churn-project", parent: componentUrn("churn") });

describe("groupByProject", () => {
    it("attributes a child by its `project` property's dependency first", () => {
        const child = protection({ project: "something-else" }, { propertyDependencies: { project: [urnOfFake(other)] } });
        expect(attribution([component(), component("churn"), project(), other, child])).toEqual({ "acme-ml/models/fraud": [], "acme-ml/models/churn": [child.name] });
    });

    it("then by the `project` value against the Project's id or path, numbers and case aside", () => {
        const byId = protection({ project: 202 });
        const byPath = rule("By path", { project: "ACME-ML/models/churn" });
        expect(attribution([project(), other, byId, byPath])).toEqual({ "acme-ml/models/fraud": [], "acme-ml/models/churn": [byId.name, byPath.name] });
    });

    it("groups children of a project the stack does not manage by their `project` value", () => {
        expect(attribution([rule("Adopted", { project: "303" }, { parent: undefined })])).toEqual({ "303": ["fraud-rule-adopted"] });
    });

    it("falls back to the Project under the same parent component when `project` is unknown", () => {
        const unknown = { project: UNKNOWN_VALUE };
        const fraudChild = protection(unknown);
        const churnChild = rule("Churn", unknown, { parent: componentUrn("churn") });
        expect(attribution([component(), component("churn"), project(), other, fraudChild, churnChild])).toEqual({
            "acme-ml/models/fraud": [fraudChild.name],
            "acme-ml/models/churn": [churnChild.name],
        });
    });

    it("leaves out an unknown child it cannot place rather than guess", () => {
        const topLevel = protection({ project: UNKNOWN_VALUE }, { parent: undefined, name: "top-level" });
        const crowded = urnOf(COMPONENT_TYPE, "crowded");
        const twoProjects = [project({}, { parent: crowded }), project({ id: "202" }, { name: "second", parent: crowded })];
        const ambiguous = rule("Ambiguous", { project: UNKNOWN_VALUE }, { parent: crowded });
        const fakes = [topLevel, ...twoProjects, ambiguous];
        expect(Object.values(attribution(fakes)).flat()).toEqual([]);
        expect(groupByProject(stackArgs(fakes).resources).unplaced.map((r) => r.name)).toEqual([topLevel.name, ambiguous.name]);
    });
});
