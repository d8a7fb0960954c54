// modelRegistry: who sees and changes a project's model registry and
// experiments. Config, inputs, the warning about grantees, and the pack.
import { parseGovernanceConfig, renderIssue } from "../src/config";
import { projectReleaseInputs } from "../src/governance/releaseInputs";
import { productionModelRegistryMembersOnly as policy } from "../policy/policies/modelRegistry";
import { asStack, violationsOf } from "../src/check/policyArgs";
import { project } from "./policy/support/fixtures";
import { baseConfig } from "./support/configs";
import { byType, evaluate, gitlab, refusal } from "./support/harness";
import { fixtureConfig } from "./support/stackFile";
import { T } from "./support/tokens";

const repo0 = "ml-model-governance:repositories[0]";

function prodConfig(): Record<string, any> {
    const config = baseConfig();
    config.environment = "prod";
    return config;
}

describe("modelRegistry in config", () => {
    it("is private for both in production on a project the program creates, and unmanaged elsewhere unless set", () => {
        expect(parseGovernanceConfig(prodConfig(), { stack: "prod" }).repositories[0].modelRegistry).toEqual({ registry: "private", experiments: "private" });
        expect(parseGovernanceConfig(baseConfig(), { stack: "dev" }).repositories[0].modelRegistry).toBeUndefined();
        const config = baseConfig();
        config.defaults.modelRegistry = { registry: "disabled" };
        expect(parseGovernanceConfig(config, { stack: "dev" }).repositories[0].modelRegistry).toEqual({ registry: "disabled" });
        const prod = prodConfig();
        prod.repositories[0].modelRegistry = { experiments: "disabled" };
        expect(parseGovernanceConfig(prod, { stack: "prod" }).repositories[0].modelRegistry).toEqual({ registry: "private", experiments: "disabled" });
    });

    it("refuses `enabled` in production for the registry and the experiments, both at once, naming each key and where it is written", async () => {
        const config = prodConfig();
        config.repositories[0].modelRegistry = { registry: "enabled" };
        config.defaults.modelRegistry = { experiments: "enabled" };
        const message = await refusal(config, "prod");
        expect(message).toContain(`${repo0}.modelRegistry.registry: got "enabled"; expected \`private\` or \`disabled\` (or unset, which means \`private\`) in a production stack: \`enabled\` opens the model registry to everyone with access to the project`);
        expect(message).toContain('ml-model-governance:defaults.modelRegistry.experiments: got "enabled"; expected `private` or `disabled`');
    });

    it("accepts `enabled` outside production", () => {
        const config = baseConfig();
        config.repositories[0].modelRegistry = { registry: "enabled", experiments: "enabled" };
        expect(parseGovernanceConfig(config, { stack: "dev" }).repositories[0].modelRegistry).toEqual({ registry: "enabled", experiments: "enabled" });
    });

    it("rejects a bad level and an unknown key, naming each with the value and what is expected", async () => {
        const config = baseConfig();
        config.repositories[0].modelRegistry = { registry: "public", experiment: "private" };
        const message = await refusal(config, "dev");
        expect(message).toContain(`${repo0}.modelRegistry.registry: got "public"; expected one of: "disabled", "private", "enabled"`);
        expect(message).toContain(`${repo0}.modelRegistry.experiment: unknown key`);
    });

    it("refuses the key on an adopted entry, where no Project resource carries it, and warns when it comes from defaults", async () => {
        const config = baseConfig();
        config.repositories[0] = { existing: "acme-ml/models/churn", modelRegistry: { registry: "private" } };
        expect(await refusal(config, "dev")).toContain(`${repo0}.modelRegistry: cannot be combined with \`existing\` yet: the model registry's and experiments' access levels are a setting of gitlab.Project`);

        const inherited = baseConfig();
        inherited.defaults.modelRegistry = { registry: "private" };
        inherited.repositories = [{ name: "Churn Model" }, { existing: "acme-ml/models/churn" }];
        const parsed = parseGovernanceConfig(inherited, { stack: "dev" });
        expect(parsed.repositories.map((r) => r.modelRegistry)).toEqual([{ registry: "private" }, undefined]);
        expect(parsed.warnings.map(renderIssue)).toContainEqual(expect.stringMatching(/^ml-model-governance:defaults\.modelRegistry: not applied to the adopted project acme-ml\/models\/churn: /));
    });

    it("leaves an adopted production project's registry alone: nothing sends it, so nothing claims it", () => {
        const config = prodConfig();
        config.repositories = [{ existing: "acme-ml/models/churn" }];
        expect(parseGovernanceConfig(config, { stack: "prod" }).repositories[0].modelRegistry).toBeUndefined();
    });
});

describe("projectReleaseInputs and the model registry", () => {
    it("sends only the levels that were resolved", () => {
        expect(projectReleaseInputs({ modelRegistry: { registry: "private", experiments: "disabled" } }, "free")).toEqual({ modelRegistryAccessLevel: "private", modelExperimentsAccessLevel: "disabled" });
        expect(projectReleaseInputs({ modelRegistry: { experiments: "enabled" } }, "premium")).toEqual({ modelExperimentsAccessLevel: "enabled" });
        expect(projectReleaseInputs({}, "premium")).toEqual({});
    });

    it("reaches the Project the production fixture registers, and none in a development stack that sets none", async () => {
        const prod = byType((await evaluate(fixtureConfig("prod"), "prod")).resources, T.project);
        expect(prod[0].inputs).toMatchObject({ modelRegistryAccessLevel: "private", modelExperimentsAccessLevel: "private" });
        const [dev] = byType((await evaluate(baseConfig(), "dev")).resources, T.project);
        expect(dev.inputs).not.toHaveProperty("modelRegistryAccessLevel");
        expect(dev.inputs).not.toHaveProperty("modelExperimentsAccessLevel");
    });
});

describe("the production warning about who may delete model versions", () => {
    it("names each group the project is shared with and each user made a member, and says Developers and above can delete model versions", async () => {
        const { fleet } = await evaluate(fixtureConfig("prod"), "prod");
        const warning = fleet.warnings.map(renderIssue).find((w) => w.includes("modelRegistry.registry"));
        expect(warning).toBeDefined();
        expect(warning).toContain(`${repo0}.modelRegistry.registry: got "private"; the model registry is private and this program gives `);
        expect(warning).toContain("group acme-ml/release-managers (developer)");
        expect(warning).toContain("user priya.raman (developer)");
        expect(warning).toContain("Developers and above can change and delete its models and model versions");
    });

    it("leaves out a group shared only at Reporter (a promotion approver): Reporters only read the registry", async () => {
        const config = fixtureConfig("prod");
        const repos = config["ml-model-governance:repositories"] as Array<Record<string, any>>;
        repos[0].promotionGate.approvals[0].group = "acme-ml/leads";
        const { fleet, resources } = await evaluate(config, "prod");
        expect(byType(resources, T.shareGroup).map((r) => r.inputs.groupAccess)).toContain("reporter");
        const warning = fleet.warnings.map(renderIssue).find((w) => w.includes("modelRegistry.registry"));
        expect(warning).toContain("group acme-ml/release-managers (developer)");
        expect(warning).not.toContain("acme-ml/leads");
    });

    it("is silent when the registry is disabled, outside production, and when nobody is given access", async () => {
        const disabled = fixtureConfig("prod");
        (disabled["ml-model-governance:defaults"] as Record<string, unknown>).modelRegistry = { registry: "disabled" };
        expect((await evaluate(disabled, "prod")).fleet.warnings.map(renderIssue).filter((w) => w.includes("modelRegistry"))).toEqual([]);
        const dev = baseConfig();
        dev.repositories[0].modelRegistry = { registry: "enabled" };
        expect((await evaluate(dev, "dev")).fleet.warnings.map(renderIssue).filter((w) => w.includes("modelRegistry"))).toEqual([]);
        // The approvers are Developers of the namespace already: no membership and no share is made.
        gitlab.inherited.set("acme-ml/models", [["priya.raman", "developer"], ["marcus.chen", "developer"], ["elena.petrova", "developer"]]);
        const alone = prodConfig();
        const run = await evaluate(alone, "prod");
        expect(byType(run.resources, T.project)[0].inputs).toMatchObject({ modelRegistryAccessLevel: "private" });
        expect(byType(run.resources, T.membership)).toEqual([]);
        const warnings = run.fleet.warnings.map(renderIssue);
        expect(warnings.filter((w) => w.includes("modelRegistry"))).toEqual([]);
    });
});

describe("production-model-registry-members-only", () => {
    it("refuses a production Project that asks for an enabled registry or experiments, and passes private or disabled", async () => {
        const found = await asStack("prod", () => violationsOf(policy, [project({ modelRegistryAccessLevel: "enabled", modelExperimentsAccessLevel: "enabled" })]));
        expect(found.map((v) => v.message)).toEqual([
            expect.stringContaining("sets modelRegistryAccessLevel enabled; expected private or disabled in production: `enabled` opens the model registry to everyone with access to the project"),
            expect.stringContaining("sets modelExperimentsAccessLevel enabled; expected private or disabled in production"),
        ]);
        expect(await asStack("prod", () => violationsOf(policy, [project({ modelRegistryAccessLevel: "private", modelExperimentsAccessLevel: "disabled" })]))).toEqual([]);
    });

    it("leaves a development stack alone, and a production stack the pack's config calls otherwise", async () => {
        expect(await asStack("dev", () => violationsOf(policy, [project({ modelRegistryAccessLevel: "enabled" })]))).toEqual([]);
        expect(await asStack("prod", () => violationsOf(policy, [project({ modelRegistryAccessLevel: "enabled" })], { production: false }))).toEqual([]);
    });
});
