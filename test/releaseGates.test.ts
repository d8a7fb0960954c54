// Merge checks and the promotion gate's separation of duties: config, inputs,
// what the program registers, and the pack's production-release-gates.
import { ConfigValidationError, parseGovernanceConfig } from "../src/config";
import { projectReleaseInputs } from "../src/governance/releaseInputs";
import { productionReleaseGates as policy } from "../policy/policies/releaseGates";
import { GITLAB } from "../policy/policies";
import { asStack, violationsOf, type FakeResource } from "../src/check/policyArgs";
import { component, componentUrn, project, PROJECT_ID } from "./policy/support/fixtures";
import { baseConfig } from "./support/configs";
import { byType, evaluate, recorded } from "./support/harness";
import { fixtureConfig } from "./support/stackFile";
import { T } from "./support/tokens";

const repo0 = "ml-model-governance:repositories[0]";
const GATE = { deployers: { groups: ["acme-ml/release-managers"] }, approvals: [{ group: "acme-ml/ml-leads", approvalsRequired: 2 }] };

function prodConfig(): Record<string, any> {
    const config = baseConfig();
    config.environment = "prod";
    config.repositories[0].approvalRules[0].approvalsRequired = 1;
    return config;
}

async function refusal(config: Record<string, unknown>, stack: string): Promise<string> {
    const error = await evaluate(config, stack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(recorded.resources).toHaveLength(0);
    return (error as Error).message;
}

describe("projectReleaseInputs", () => {
    const gate = { environment: "production", deployers: { users: [], groups: ["g"] }, approvals: [{ group: "l" }] };

    it("sends the merge checks and the triggerer setting that config or production resolved", () => {
        expect(projectReleaseInputs({ mergeChecks: { pipelineMustSucceed: true, discussionsMustBeResolved: true }, promotionGate: { ...gate, triggererMayApprove: false } }, "premium")).toEqual({
            onlyAllowMergeIfPipelineSucceeds: true,
            onlyAllowMergeIfAllDiscussionsAreResolved: true,
            allowPipelineTriggerApproveDeployment: false,
        });
    });

    it("sends nothing that was not asked for, so GitLab keeps it", () => {
        expect(projectReleaseInputs({ mergeChecks: undefined, promotionGate: gate }, "premium")).toEqual({});
        expect(projectReleaseInputs({ mergeChecks: { discussionsMustBeResolved: false } }, "ultimate")).toEqual({ onlyAllowMergeIfAllDiscussionsAreResolved: false });
    });

    it("never sends the Premium-only triggerer setting on Free", () => {
        expect(projectReleaseInputs({ promotionGate: { ...gate, triggererMayApprove: false } }, "free")).toEqual({});
    });
});

describe("the release settings in config", () => {
    it("turns both merge checks on, and the triggerer's approval off, in production", () => {
        const config = prodConfig();
        config.repositories[0].promotionGate = GATE;
        const [repo] = parseGovernanceConfig(config, { stack: "prod" }).repositories;
        expect(repo.mergeChecks).toEqual({ pipelineMustSucceed: true, discussionsMustBeResolved: true });
        expect(repo.promotionGate?.triggererMayApprove).toBe(false);
    });

    it("manages only what is set elsewhere", () => {
        const config = baseConfig();
        config.repositories[0].promotionGate = GATE;
        const [plain] = parseGovernanceConfig(config, { stack: "dev" }).repositories;
        expect(plain.mergeChecks).toBeUndefined();
        expect(plain.promotionGate?.triggererMayApprove).toBeUndefined();
        config.defaults.mergeChecks = { discussionsMustBeResolved: true };
        expect(parseGovernanceConfig(config, { stack: "dev" }).repositories[0].mergeChecks).toEqual({ discussionsMustBeResolved: true });
    });

    it("refuses, in production, a triggerer who may approve and a merge without a passing pipeline, both at once", async () => {
        const config = prodConfig();
        config.repositories[0].promotionGate = { ...GATE, triggererMayApprove: true };
        config.defaults.mergeChecks = { pipelineMustSucceed: false };
        const message = await refusal(config, "prod");
        expect(message).toContain(`${repo0}.promotionGate.triggererMayApprove: got true; expected false (or unset) in a production stack: whoever starts a promotion must not be the one who approves it`);
        // Inherited from defaults: named where it is written.
        expect(message).toContain("ml-model-governance:defaults.mergeChecks.pipelineMustSucceed: got false; expected true (or unset) in a production stack");
    });

    it("refuses the settings on an adopted project, where no Project resource carries them", async () => {
        const config = baseConfig();
        config.repositories[0] = { existing: "acme-ml/models/churn", mergeChecks: { pipelineMustSucceed: true }, promotionGate: { ...GATE, triggererMayApprove: false } };
        const message = await refusal(config, "dev");
        expect(message).toContain(`${repo0}.mergeChecks: cannot be combined with \`existing\` yet`);
        expect(message).toContain(`${repo0}.promotionGate.triggererMayApprove: cannot be combined with \`existing\` yet`);
    });

    it("warns, in production, that an adopted project's merge checks stay as GitLab has them", () => {
        const config = prodConfig();
        config.repositories[0] = { existing: "acme-ml/models/churn", approvalRules: config.repositories[0].approvalRules };
        const { warnings } = parseGovernanceConfig(config, { stack: "prod" });
        expect(warnings.map((w) => `${w.path.join(".")}: ${w.message}`)).toContainEqual(expect.stringMatching(/^repositories\.0\.existing: is adopted: its merge checks .* are not governed by this program/));
    });

    it("rejects a mistyped merge check, naming it", async () => {
        const config = baseConfig();
        config.repositories[0].mergeChecks = { pipelineMustSucceed: "yes", pipelinesMustSucceed: true };
        const message = await refusal(config, "dev");
        expect(message).toContain(`${repo0}.mergeChecks.pipelineMustSucceed: got "yes"; expected true or false`);
        expect(message).toContain(`${repo0}.mergeChecks.pipelinesMustSucceed: unknown key`);
    });
});

describe("the Project the program registers", () => {
    it("carries both merge checks and allowPipelineTriggerApproveDeployment: false for the production stack with a promotion gate", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const [created] = byType(resources, T.project);
        expect(created.inputs).toMatchObject({ onlyAllowMergeIfPipelineSucceeds: true, onlyAllowMergeIfAllDiscussionsAreResolved: true, allowPipelineTriggerApproveDeployment: false });
    });

    it("carries none of them in a development stack that sets none", async () => {
        const { resources } = await evaluate(baseConfig(), "dev");
        const [created] = byType(resources, T.project);
        for (const key of ["onlyAllowMergeIfPipelineSucceeds", "onlyAllowMergeIfAllDiscussionsAreResolved", "allowPipelineTriggerApproveDeployment"]) expect(created.inputs).not.toHaveProperty(key);
    });
});

describe("production-release-gates", () => {
    const gate = (): FakeResource => ({ type: GITLAB.protectedEnvironment, name: "fraud-promotion-gate", parent: componentUrn(), props: { project: PROJECT_ID, environment: "production" } });
    const strict = { onlyAllowMergeIfPipelineSucceeds: true, allowPipelineTriggerApproveDeployment: false };

    it("passes a production project whose pipeline must succeed and whose gate's triggerer may not approve", async () => {
        expect(await asStack("prod", () => violationsOf(policy, [component(), project(strict), gate()]))).toEqual([]);
    });

    it("refuses a production project that merges without a passing pipeline", async () => {
        const found = await asStack("prod", () => violationsOf(policy, [project({ allowPipelineTriggerApproveDeployment: false })]));
        expect(found).toEqual([expect.objectContaining({ message: expect.stringContaining("has onlyAllowMergeIfPipelineSucceeds unset; expected true in production") })]);
    });

    it("refuses a gate whose triggerer may approve, or is left to GitLab, and allows an unset setting without a gate", async () => {
        const approving = await asStack("prod", () => violationsOf(policy, [project({ ...strict, allowPipelineTriggerApproveDeployment: true })]));
        expect(approving).toEqual([expect.objectContaining({ message: expect.stringContaining("has allowPipelineTriggerApproveDeployment true; expected false") })]);
        const unset = await asStack("prod", () => violationsOf(policy, [project({ onlyAllowMergeIfPipelineSucceeds: true }), gate()]));
        expect(unset).toEqual([expect.objectContaining({ message: expect.stringContaining("allowPipelineTriggerApproveDeployment unset beside its promotion gate") })]);
        expect(await asStack("prod", () => violationsOf(policy, [project({ onlyAllowMergeIfPipelineSucceeds: true })]))).toEqual([]);
    });

    it("leaves a development stack alone", async () => {
        expect(await asStack("dev", () => violationsOf(policy, [project({ allowPipelineTriggerApproveDeployment: true }), gate()]))).toEqual([]);
    });
});
