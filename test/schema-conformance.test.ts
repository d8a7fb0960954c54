import { evaluate } from "./support/harness";
import { FULL_SCHEMA, fullSchemaSubset, invokeViolations, registrationViolations, subsetSchema } from "./support/providerSchema";
import { scenarios } from "./support/scenarios";

const full = fullSchemaSubset();
// The committed subset lets `npm test` run anywhere; say loudly when it is not backed by the real schema.
if (full === undefined) {
    console.warn(`SCHEMA CONFORMANCE: ${FULL_SCHEMA} is absent; checking against the committed subset only, which cannot be proven current.`);
}
const schema = full ?? subsetSchema();

describe("provider schema conformance", () => {
    it(full ? "the committed subset equals the provider schema v10.1.1" : "has no full provider schema to compare the subset with (see warning)", () => {
        if (full) expect(subsetSchema()).toEqual(full);
        else expect(schema.resources).toHaveProperty(["gitlab:index/project:Project"]);
    });

    it.each(scenarios())("every registration and invoke of $title matches the schema, pinned to 10.1.1", async ({ stack, config }) => {
        const { resources, invokes } = await evaluate(config, stack);
        const gitlab = resources.filter((r) => r.type.startsWith("gitlab:"));
        expect(gitlab.length).toBeGreaterThan(0);
        const violations = [
            ...gitlab.flatMap((r) => registrationViolations(r.type, r.name, r.inputs, schema)),
            ...invokes.flatMap((i) => invokeViolations(i.token, i.inputs, schema)),
        ];
        expect(violations).toEqual([]);
        expect(gitlab.filter((r) => r.version !== "10.1.1").map((r) => r.name)).toEqual([]);
        expect(invokes.filter((i) => i.version !== "10.1.1").map((i) => i.token)).toEqual([]);
    });

    it("the checker itself catches a wrong name, a wrong type, a missing required input and a deprecated input", () => {
        const violations = registrationViolations(
            "gitlab:index/projectApprovalRule:ProjectApprovalRule",
            "bad",
            { name: "x", approvalsRequired: "2", merge_requests_author_approval: false, userIds: [1.5] },
            schema,
        );
        expect(violations).toEqual([
            "bad (gitlab:index/projectApprovalRule:ProjectApprovalRule): required input `project` is missing",
            'bad (gitlab:index/projectApprovalRule:ProjectApprovalRule).approvalsRequired: expected integer, got "2"',
            "bad (gitlab:index/projectApprovalRule:ProjectApprovalRule): `merge_requests_author_approval` is not an input in the schema",
            "bad (gitlab:index/projectApprovalRule:ProjectApprovalRule).userIds[0]: expected integer, got 1.5",
        ]);
        expect(registrationViolations("gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals", "old", { project: "1", requirePasswordToApprove: true }, schema)).toEqual([
            "old (gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals): `requirePasswordToApprove` is deprecated in the schema",
        ]);
        expect(registrationViolations("gitlab:index/nope:Nope", "n", {}, schema)).toEqual(["n: type token gitlab:index/nope:Nope is not a resource in the schema"]);
        expect(invokeViolations("gitlab:index/getUser:getUser", { user_name: "x" }, schema)).toEqual(["gitlab:index/getUser:getUser: `user_name` is not an input in the schema"]);
    });
});
