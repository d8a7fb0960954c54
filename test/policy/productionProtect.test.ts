import { isProductionStack, productionProjectsProtected as policy } from "../../policy/policies";
import { asStack, violationsOf } from "../../src/check/policyArgs";
import { MODEL_GOVERNANCE, programEnvironment } from "../../policy/lib/programEnvironment";
import { project, protection } from "./support/fixtures";

const unprotected = project({}, { protect: false });
const DEFAULTS = { productionStacks: ["prod", "production"] };

describe("production-projects-protected", () => {
    it("passes a protected project in a production stack", async () => {
        expect(await asStack("prod", () => violationsOf(policy, [project()]))).toEqual([]);
    });

    it("flags an unprotected project in a production stack", async () => {
        const found = await asStack("prod", () => violationsOf(policy, [unprotected, protection()]));
        expect(found).toEqual([expect.objectContaining({ level: "mandatory", message: expect.stringContaining("project fraud-project is not protected in production stack prod") })]);
    });

    it("leaves an unprotected project alone in a stack not marked production", async () => {
        expect(await asStack("dev", () => violationsOf(policy, [unprotected]))).toEqual([]);
    });

    it("reads the production stack patterns and the explicit override from config", async () => {
        expect(await asStack("prod-eu", () => violationsOf(policy, [unprotected]))).toEqual([]);
        expect(await asStack("prod-eu", () => violationsOf(policy, [unprotected], { productionStacks: ["prod-*"] }))).toHaveLength(1);
        expect(await asStack("prod", () => violationsOf(policy, [unprotected], { production: false }))).toEqual([]);
        expect(await asStack("dev", () => violationsOf(policy, [unprotected], { production: true }))).toHaveLength(1);
    });
});

describe("isProductionStack", () => {
    it("matches stack names without case, by the last segment of a qualified name", () => {
        expect(isProductionStack(DEFAULTS, "PROD")).toBe(true);
        expect(isProductionStack(DEFAULTS, "acme/ml-model-governance/production")).toBe(true);
        expect(isProductionStack(DEFAULTS, "preprod")).toBe(false);
        expect(isProductionStack(DEFAULTS, "dev")).toBe(false);
    });

    it("treats a stack whose name the CLI did not pass as production, the safe side", async () => {
        expect(isProductionStack(DEFAULTS, undefined)).toBe(true);
        expect(await asStack(undefined, () => violationsOf(policy, [unprotected]))).toHaveLength(1);
    });
});

describe("what the program declares about its environment", () => {
    const governance = (environment: Record<string, unknown>) => ({ type: MODEL_GOVERNANCE, name: "fraud", props: { environment } });

    it("decides production over the stack's name: `prod-vision` is production when the program says so, `prod` is not when it says not", async () => {
        expect(await asStack("prod-vision", () => violationsOf(policy, [governance({ name: "prod", production: true, tier: "premium" }), unprotected]))).toHaveLength(1);
        expect(await asStack("prod", () => violationsOf(policy, [governance({ name: "qa", production: false }), unprotected]))).toEqual([]);
    });

    it("yields to the pack config's explicit `production`", async () => {
        expect(await asStack("prod-vision", () => violationsOf(policy, [governance({ production: true }), unprotected], { production: false }))).toEqual([]);
    });

    it("is read off the ModelGovernance component only", () => {
        expect(programEnvironment([{ type: "gitlab:index/project:Project", name: "p", props: { environment: { production: true } } } as never])).toBeUndefined();
        expect(programEnvironment([governance({ name: "prod", production: true, tier: "free", edition: "ce", other: 1 }) as never])).toEqual({ name: "prod", production: true, tier: "free", edition: "ce" });
    });
});
