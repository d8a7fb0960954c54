// Merge checks and the promotion gate's separation of duties: config, inputs,
// what the program registers, and the pack's production-release-gates.
import { parseGovernanceConfig } from "../src/config";
import { GitLabLookupError } from "../src/governance/principals";
import { projectReleaseInputs, releaseTagInputs } from "../src/governance/releaseInputs";
import { governanceReport } from "../src/report/markdown";
import { productionReleaseGates as policy } from "../policy/policies/releaseGates";
import { GITLAB } from "../policy/policies";
import { asStack, violationsOf, type FakeResource } from "../src/check/policyArgs";
import { component, componentUrn, project, PROJECT_ID } from "./policy/support/fixtures";
import { baseConfig } from "./support/configs";
import { byType, evaluate, gitlab, recorded, refusal } from "./support/harness";
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

describe("projectReleaseInputs", () => {
    const gate = { environment: "production", deployers: { users: [], groups: ["g"] }, approvals: [{ group: "l" }], freezePeriods: [] };

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
        config.repositories[0].releaseTags = [{ pattern: "v*" }];
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

    it("reports an adopted project's triggerer setting inherited from defaults as not governed, as nothing sends it", () => {
        const config = baseConfig();
        config.defaults.promotionGate = { ...GATE, triggererMayApprove: false };
        config.repositories = [{ existing: "acme-ml/models/churn" }];
        const [adopted] = parseGovernanceConfig(config, { stack: "dev" }).repositories;
        expect(adopted.promotionGate).toBeDefined();
        expect(adopted.promotionGate?.triggererMayApprove).toBeUndefined();
    });

    it("warns, and does not refuse, when the settings reach an adopted project from defaults meant for created ones", () => {
        const config = baseConfig();
        config.defaults.mergeChecks = { pipelineMustSucceed: true };
        config.repositories = [{ name: "Churn Model" }, { existing: "acme-ml/models/churn" }];
        const parsed = parseGovernanceConfig(config, { stack: "dev" });
        expect(parsed.repositories[0].mergeChecks).toEqual({ pipelineMustSucceed: true });
        expect(parsed.repositories[1].mergeChecks).toBeUndefined();
        expect(parsed.warnings.map((w) => `${w.path.join(".")}: ${w.message}`)).toContainEqual(expect.stringMatching(/^defaults\.mergeChecks: not applied to the adopted project acme-ml\/models\/churn: /));
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
    const tags = (): FakeResource => ({ type: GITLAB.tagProtection, name: "fraud-tag-v*", parent: componentUrn(), props: { project: PROJECT_ID, tag: "v*", createAccessLevel: "maintainer" } });
    const strict = { onlyAllowMergeIfPipelineSucceeds: true, allowPipelineTriggerApproveDeployment: false };

    it("passes a production project whose pipeline must succeed and whose gate's triggerer may not approve", async () => {
        expect(await asStack("prod", () => violationsOf(policy, [component(), project(strict), gate(), tags()]))).toEqual([]);
    });

    it("refuses a production project that merges without a passing pipeline", async () => {
        const found = await asStack("prod", () => violationsOf(policy, [project({ allowPipelineTriggerApproveDeployment: false })]));
        expect(found).toEqual([expect.objectContaining({ message: expect.stringContaining("has onlyAllowMergeIfPipelineSucceeds unset; expected true in production") })]);
    });

    it("refuses a gate whose triggerer may approve, or is left to GitLab, and allows an unset setting without a gate", async () => {
        const approving = await asStack("prod", () => violationsOf(policy, [project({ ...strict, allowPipelineTriggerApproveDeployment: true })]));
        expect(approving).toEqual([expect.objectContaining({ message: expect.stringContaining("has allowPipelineTriggerApproveDeployment true; expected false") })]);
        const unset = await asStack("prod", () => violationsOf(policy, [project({ onlyAllowMergeIfPipelineSucceeds: true }), gate(), tags()]));
        expect(unset).toEqual([expect.objectContaining({ message: expect.stringContaining("allowPipelineTriggerApproveDeployment unset beside its promotion gate") })]);
        expect(await asStack("prod", () => violationsOf(policy, [project({ onlyAllowMergeIfPipelineSucceeds: true })]))).toEqual([]);
    });

    it("leaves a development stack alone", async () => {
        expect(await asStack("dev", () => violationsOf(policy, [project({ allowPipelineTriggerApproveDeployment: true }), gate()]))).toEqual([]);
    });

    it("refuses production push rules that let release tags be deleted", async () => {
        const pushRules = (denyDeleteTag: boolean): FakeResource => ({ type: GITLAB.pushRules, name: "fraud-push-rules", parent: componentUrn(), props: { project: PROJECT_ID, denyDeleteTag } });
        const found = await asStack("prod", () => violationsOf(policy, [component(), project(strict), pushRules(false)]));
        expect(found).toEqual([expect.objectContaining({ message: expect.stringContaining("fraud-push-rules has denyDeleteTag false; expected true in production") })]);
        expect(await asStack("prod", () => violationsOf(policy, [component(), project(strict), pushRules(true)]))).toEqual([]);
        expect(await asStack("dev", () => violationsOf(policy, [component(), pushRules(false)]))).toEqual([]);
    });
});

describe("pushRules.denyDeleteTag", () => {
    it("is on in production unless set, off elsewhere, and production refuses turning it off, naming the key", async () => {
        const prod = prodConfig();
        prod.defaults.pushRules = { preventSecrets: true };
        expect(parseGovernanceConfig(prod, { stack: "prod" }).repositories[0].pushRules?.denyDeleteTag).toBe(true);
        const dev = baseConfig();
        dev.defaults.pushRules = { preventSecrets: true };
        expect(parseGovernanceConfig(dev, { stack: "dev" }).repositories[0].pushRules?.denyDeleteTag).toBe(false);
        prod.defaults.pushRules.denyDeleteTag = false;
        expect(await refusal(prod, "prod")).toContain("ml-model-governance:defaults.pushRules.denyDeleteTag: got false; expected true (or unset) in a production stack: a deleted release tag can be created again on another commit");
    });
});

describe("releaseTagInputs", () => {
    it("sends the role, then each named user and group as one id per entry", () => {
        const tag = { pattern: "model-v*", createAccessLevel: "no one" as const, users: ["release-bot"], groups: ["acme-ml/release-managers"] };
        expect(releaseTagInputs(tag, () => 17, () => 42)).toEqual({ tag: "model-v*", createAccessLevel: "no one", allowedToCreates: [{ userId: 17 }, { groupId: 42 }] });
        expect(releaseTagInputs({ ...tag, createAccessLevel: "maintainer", users: [], groups: [] }, () => 0, () => 0)).toEqual({ tag: "model-v*", createAccessLevel: "maintainer" });
    });
});

describe("a release-tag group named nowhere else", () => {
    it("is looked up once like any other group, and its share and protection are built", async () => {
        const config = baseConfig();
        config.repositories[0].releaseTags = [{ pattern: "model-v*", groups: ["acme-ml/tag-only-releasers"] }];
        const { resources, invokes } = await evaluate(config);
        expect(invokes.filter((i) => i.token === T.getGroup && i.inputs.fullPath === "acme-ml/tag-only-releasers")).toHaveLength(1);
        expect(byType(resources, T.tagProtection)).toHaveLength(1);
    });
});

describe("releaseTags in config", () => {
    const tagsOf = (config: Record<string, unknown>, stack = "dev") => parseGovernanceConfig(config, { stack }).repositories[0].releaseTags;

    it("lets only the named creators create a pattern's tags, and Maintainers where nobody is named", () => {
        const config = baseConfig();
        config.defaults.releaseTags = [{ pattern: "model-v*", users: ["mlops-bot"] }, { pattern: "v*" }, { pattern: "rc-*", createAccessLevel: "developer", groups: ["acme-ml/release-managers"] }];
        expect(tagsOf(config).map((t) => [t.pattern, t.createAccessLevel])).toEqual([["model-v*", "no one"], ["v*", "maintainer"], ["rc-*", "developer"]]);
    });

    it("refuses a production gate without protected release tags, naming the key", async () => {
        const config = prodConfig();
        config.repositories[0].promotionGate = GATE;
        const message = await refusal(config, "prod");
        expect(message).toContain(`${repo0}.releaseTags: expected at least one protected release-tag pattern (such as \`v*\` or \`model-v*\`) in a production stack with a promotion gate`);
    });

    it("refuses every malformed entry at once: syntax, repeats, nobody to create, the project's own group, and users on Free", async () => {
        const config = baseConfig();
        config.repositories[0].releaseTags = [
            { pattern: "model v1" },
            { pattern: "v*", createAccessLevel: "no one" },
            { pattern: "v*", groups: ["acme-ml", "acme-ml/release-managers"], users: ["mlops-bot", "mlops-bot"] },
            { pattern: "x", createAccessLevel: "admin" },
        ];
        const message = await refusal(config, "dev");
        expect(message).toContain(`${repo0}.releaseTags[0].pattern: got "model v1"; expected a git tag name or wildcard such as \`v*\` or \`model-v*\``);
        expect(message).toContain(`${repo0}.releaseTags[1]: lets nobody create these tags`);
        expect(message).toContain(`${repo0}.releaseTags[2].pattern: got "v*"; expected each pattern once; releaseTags[1] protects it already`);
        expect(message).toContain(`${repo0}.releaseTags[2].groups[0]: got "acme-ml"; expected a group other than the project's own group or its ancestors (acme-ml/models)`);
        expect(message).toContain(`${repo0}.releaseTags[2].users[1]: got "mlops-bot"; expected each user once`);
        expect(message).toContain(`${repo0}.releaseTags[3].createAccessLevel: got "admin"`);

        const free = baseConfig();
        free.tier = "free";
        delete free.repositories[0].approvalRules;
        free.repositories[0].releaseTags = [{ pattern: "v*", users: ["mlops-bot"] }, { pattern: "rc-*", createAccessLevel: "developer" }];
        const onFree = await refusal(free, "dev");
        expect(onFree).toContain(`${repo0}.releaseTags[0].users: got ["mlops-bot"]; expected no users or groups on tier "free"`);
        expect(onFree).not.toContain("releaseTags[1]");
    });

    it("refuses, at preview and in any environment, a creator GitLab would refuse: no member of the project, and no membership of this program's", async () => {
        const config = baseConfig();
        config.repositories[0].addApproversAsMembers = false;
        config.repositories[0].approvalRules = [];
        config.repositories[0].releaseTags = [{ pattern: "model-v*", users: ["jonas.weber"] }];
        const error = await evaluate(config, "dev").catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        expect((error as GitLabLookupError).issues.map((i) => i.path.join("."))).toEqual(["repositories.0.releaseTags.0.users.0"]);
        expect((error as Error).message).toContain(`${repo0}.releaseTags[0].users[0]: got "jonas.weber"; is named as a release tag creator, but GitLab would refuse the tag protection`);
        expect(byType(recorded.resources, T.tagProtection)).toEqual([]);
    });

    it("warns of, and does not refuse, a creator who is a member below Developer: GitLab accepts the protection", async () => {
        const config = baseConfig();
        config.repositories[0].addApproversAsMembers = false;
        config.repositories[0].approvalRules = [];
        config.repositories[0].releaseTags = [{ pattern: "model-v*", users: ["jonas.weber"] }];
        gitlab.inherited.set("acme-ml/models", [["jonas.weber", "reporter"]]);
        const { fleet, resources } = await evaluate(config, "dev");
        expect(fleet.warnings.map((w) => `${w.path.join(".")}: ${w.message}`)).toEqual([
            expect.stringMatching(/^repositories\.0\.releaseTags\.0\.users\.0: is named as a release tag creator with less than Developer access to acme-ml\/models\/.*: GitLab accepts the protection, but creating tags otherwise needs Developer/),
        ]);
        expect(byType(resources, T.tagProtection)).toHaveLength(1);
    });
});

describe("the TagProtection the program registers", () => {
    it("lets only the release managers create model-v* tags in the production fixture, through the group's share", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const [tag] = byType(resources, T.tagProtection);
        expect(tag.inputs).toMatchObject({ tag: "model-v*", createAccessLevel: "no one", allowedToCreates: [{ groupId: expect.any(Number) }] });
        const share = byType(resources, T.shareGroup).find((r) => r.name.endsWith("-share-acme-ml/release-managers"));
        expect(share?.inputs.groupAccess).toBe("developer");
        expect(tag.dependencies.some((urn) => urn.endsWith(`::${share?.name}`))).toBe(true);
        const raw = Object.fromEntries(Object.entries(fixtureConfig("prod")).map(([k, v]) => [k.replace(/^ml-model-governance:/, ""), v]));
        const markdown = governanceReport(parseGovernanceConfig(raw, { stack: "prod" }), "prod");
        expect(markdown).toContain("| `model-v*` | acme-ml/release-managers |");
        expect(markdown).toContain("| pipeline must succeed | yes |");
    });

    it("makes a named creator a Developer member first", async () => {
        const config = baseConfig();
        config.repositories[0].releaseTags = [{ pattern: "v*", users: ["jonas.weber"] }];
        const { resources } = await evaluate(config, "dev");
        const [tag] = byType(resources, T.tagProtection);
        const member = byType(resources, T.membership).find((r) => r.name.endsWith("-member-jonas.weber"));
        expect(member).toBeDefined();
        expect(tag.dependencies.some((urn) => urn.endsWith(`::${member?.name}`))).toBe(true);
    });
});

describe("production-release-gates and release tags", () => {
    const gate = (): FakeResource => ({ type: GITLAB.protectedEnvironment, name: "fraud-promotion-gate", parent: componentUrn(), props: { project: PROJECT_ID, environment: "production" } });

    it("refuses a production stack whose promotion gate has no protected release tags", async () => {
        const found = await asStack("prod", () => violationsOf(policy, [component(), project({ onlyAllowMergeIfPipelineSucceeds: true, allowPipelineTriggerApproveDeployment: false }), gate()]));
        expect(found).toEqual([expect.objectContaining({ level: "mandatory", message: expect.stringContaining("has a promotion gate (ProjectProtectedEnvironment) but no TagProtection") })]);
    });
});

describe("promotionGate.freezePeriods", () => {
    it("become ProjectFreezePeriods in the production fixture, and the report names the window", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        expect(byType(resources, T.freezePeriod).map((r) => r.inputs)).toEqual([expect.objectContaining({ freezeStart: "0 18 * * FRI", freezeEnd: "0 8 * * MON", cronTimezone: "Europe/Berlin" })]);
    });

    it("refuses a cron that is not five fields and an unknown time zone, each by key, and defaults the zone to UTC", async () => {
        const config = baseConfig();
        config.repositories[0].promotionGate = { ...GATE, freezePeriods: [{ start: "0 18 * *", end: "0 8 * * MON", timezone: "Mars/Olympus" }] };
        const message = await refusal(config, "dev");
        expect(message).toContain(`${repo0}.promotionGate.freezePeriods[0].start: got "0 18 * *"; expected a five-field cron expression`);
        expect(message).toContain(`${repo0}.promotionGate.freezePeriods[0].timezone: got "Mars/Olympus"; expected an IANA time zone`);
        config.repositories[0].promotionGate.freezePeriods = [{ start: "0 18 * * 5", end: "0 8 * * 1" }];
        expect(parseGovernanceConfig(config, { stack: "dev" }).repositories[0].promotionGate?.freezePeriods).toEqual([{ start: "0 18 * * 5", end: "0 8 * * 1", timezone: "UTC" }]);
    });

    it("refuses a cron value out of its field's range, all at once, each by key, and knows month and weekday names", async () => {
        const config = baseConfig();
        config.repositories[0].promotionGate = {
            ...GATE,
            freezePeriods: [
                { start: "60 18 * * FRI", end: "0 24 * * MON" },
                { start: "0 0 0 * *", end: "0 8 * 13 *" },
                { start: "0 18 * * FUN", end: "*/0 8 * * 1" },
            ],
        };
        const message = await refusal(config, "dev");
        const at = (i: number, key: string) => `${repo0}.promotionGate.freezePeriods[${i}].${key}`;
        expect(message).toContain(`${at(0, "start")}: got "60 18 * * FRI"; expected each cron field in its range: the minute "60" is not 0–59`);
        expect(message).toContain(`${at(0, "end")}: got "0 24 * * MON"; expected each cron field in its range: the hour "24" is not 0–23`);
        expect(message).toContain(`${at(1, "start")}: got "0 0 0 * *"; expected each cron field in its range: the day of month "0" is not 1–31`);
        expect(message).toContain(`${at(1, "end")}: got "0 8 * 13 *"; expected each cron field in its range: the month "13" is not 1–12 or JAN–DEC`);
        expect(message).toContain(`${at(2, "start")}: got "0 18 * * FUN"; expected each cron field in its range: the weekday "FUN" is not 0–7 or SUN–SAT`);
        expect(message).toContain(`${at(2, "end")}: got "*/0 8 * * 1"; expected each cron field in its range: the minute step "0" is not a positive number`);
        // Ranges, lists, steps, names in any case, the last day (L) and 7 for Sunday all pass.
        config.repositories[0].promotionGate.freezePeriods = [{ start: "0,30 18-23/2 1-31 jan-Dec mon-fri", end: "59 23 L * 7" }];
        expect(parseGovernanceConfig(config, { stack: "dev" }).repositories[0].promotionGate?.freezePeriods[0].end).toBe("59 23 L * 7");
    });

    it("sends a time zone as the IANA database spells it", () => {
        const config = baseConfig();
        config.repositories[0].promotionGate = { ...GATE, freezePeriods: [{ start: "0 18 * * 5", end: "0 8 * * 1", timezone: "europe/berlin" }, { start: "0 18 * * 5", end: "0 8 * * 1", timezone: "US/Eastern" }] };
        expect(parseGovernanceConfig(config, { stack: "dev" }).repositories[0].promotionGate?.freezePeriods.map((f) => f.timezone)).toEqual(["Europe/Berlin", "US/Eastern"]);
    });
});
