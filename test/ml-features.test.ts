import { parseGovernanceConfig } from "../src/config";
import { blockedFileNameRegex } from "../src/config/fileNameRule";
import { re2Finds, re2Problem } from "../src/config/regex";
import { renderCodeOwners } from "../src/governance/codeOwnersFile";
import { baseConfig } from "./support/configs";
import { byType, evaluate, gitlab } from "./support/harness";
import { fixtureConfig } from "./support/stackFile";
import { T } from "./support/tokens";

const PROD_CODEOWNERS = `# Managed by ml-model-governance (Pulumi). Edit the stack config, not this file:
# a change made here is overwritten by the next \`pulumi up\`.

[Models]
/models/ @acme-ml/ml-leads
*.onnx @acme-ml/ml-leads

[Data]
/data/ @acme-ml/data-stewards
dvc.yaml @acme-ml/data-stewards

[Training][2]
/training/ @priya.raman @marcus.chen @elena.petrova @nadia.okafor

^[Docs]
*.md @acme-ml/ml-platform
`;

describe("code owners", () => {
    it("commits the prod CODEOWNERS to the default branch, after the protection that lets the bot push", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const [file] = byType(resources, T.repositoryFile);
        expect(file.inputs).toMatchObject({ filePath: ".gitlab/CODEOWNERS", branch: "main", encoding: "text", content: PROD_CODEOWNERS, overwriteOnCreate: false });
        const [protection] = byType(resources, T.branchProtection);
        expect(file.dependencies.some((urn) => urn.endsWith(`::${protection.name}`))).toBe(true);
        expect(protection.inputs.codeOwnerApprovalRequired).toBe(true);
    });

    it("renders the same bytes for the same config, whatever order keys were written in", () => {
        const parse = (raw: Record<string, unknown>) => parseGovernanceConfig(raw, { stack: "prod" });
        const a = parse(stripNamespace(fixtureConfig("prod"))).repositories[0].codeOwners!;
        const reordered = stripNamespace(fixtureConfig("prod"));
        const repo = (reordered.repositories as Array<Record<string, any>>)[0];
        repo.codeOwners = Object.fromEntries(Object.entries(repo.codeOwners).reverse());
        const b = parse(reordered).repositories[0].codeOwners!;
        expect(renderCodeOwners(b)).toBe(renderCodeOwners(a));
        expect(renderCodeOwners(a)).toBe(PROD_CODEOWNERS);
    });

    it("renders rules outside sections first, and users and groups as @mentions", () => {
        expect(
            renderCodeOwners({
                file: "CODEOWNERS",
                rules: [{ pattern: "*", users: ["ana"], groups: ["ml/leads"] }],
                sections: [{ name: "Weights", approvalsRequired: 3, optional: false, rules: [{ pattern: "models/**/*.safetensors", users: [], groups: ["ml/leads", "ml/risk"] }] }],
            }).split("\n").slice(2),
        ).toEqual(["", "* @ana @ml/leads", "", "[Weights][3]", "models/**/*.safetensors @ml/leads @ml/risk", ""]);
    });

    it("turns code owner approval on by default in production when code owners are configured, and takes over an adopted project's file", async () => {
        const config = baseConfig();
        config.environment = "prod";
        config.automationUser = "ml-bot";
        config.repositories = [{ existing: "acme-ml/models/ranker", approvalRules: [{ name: "Leads", approvalsRequired: 1, groups: ["acme-ml/leads"] }], codeOwners: { rules: [{ pattern: "/models/", groups: ["acme-ml/leads"] }] } }];
        const { resources } = await evaluate(config, "prod");
        expect(byType(resources, T.branchProtection)[0].inputs.codeOwnerApprovalRequired).toBe(true);
        expect(byType(resources, T.repositoryFile)[0].inputs).toMatchObject({ filePath: ".gitlab/CODEOWNERS", branch: "trunk", overwriteOnCreate: true });
        // Adopted projects keep their membership as it is unless asked.
        expect(byType(resources, T.membership)).toHaveLength(0);
    });
});

describe("push rules", () => {
    it("caps file size and blocks model weights and datasets in prod, in any case, and sends every other setting as off", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const [rules] = byType(resources, T.pushRules);
        expect(rules.inputs).toEqual({
            project: expect.any(String),
            maxFileSize: 10,
            fileNameRegex: "(?i)\\.(pt|pth|pkl|h5|onnx|safetensors|ckpt|joblib|parquet)$",
            preventSecrets: true,
            memberCheck: true,
            rejectUnsignedCommits: true,
            rejectNonDcoCommits: false,
            commitCommitterCheck: false,
            commitCommitterNameCheck: false,
            denyDeleteTag: true, // on in production unless set
            commitMessageRegex: "",
            commitMessageNegativeRegex: "",
            branchNameRegex: "",
            authorEmailRegex: "",
        });
        const blocks = (file: string) => re2Finds(rules.inputs.fileNameRegex as string, file);
        expect([blocks("models/fraud.onnx"), blocks("models/fraud.ONNX"), blocks("weights/Model.SafeTensors"), blocks("models/train.py")]).toEqual([true, true, true, false]);
    });

    it("combines blocked extensions (any case) and a free-form pattern (as written) into one regex, or off", () => {
        const rules = { blockedFileExtensions: ["pt"], blockedFileNameRegex: "^data/raw/" };
        expect(blockedFileNameRegex(rules)).toBe("((?i)\\.(pt)$)|(^data/raw/)");
        // The case-insensitive flag stays inside its group: the free-form pattern keeps its own case.
        expect(re2Finds(blockedFileNameRegex(rules), "Data/Raw/x.csv")).toBe(false);
        expect(re2Finds(blockedFileNameRegex(rules), "m.PT")).toBe(true);
        expect(blockedFileNameRegex({ ...rules, blockedFileExtensions: [] })).toBe("^data/raw/");
        expect(blockedFileNameRegex({ blockedFileExtensions: [], blockedFileNameRegex: undefined })).toBe("");
    });

    it("accepts what GitLab's RE2 accepts and refuses what it refuses", () => {
        expect(re2Problem("\\.(pt|onnx)$")).toBeUndefined();
        expect(re2Problem("(?i)\\.onnx$")).toBeUndefined();
        expect(re2Problem("^(?P<kind>feat|fix): ")).toBeUndefined();
        expect(re2Problem("(unclosed")).toMatch(/missing closing \)/);
        expect(re2Problem("^(?!tmp/).*")).toMatch(/invalid or unsupported Perl syntax: `\(\?!`/);
        expect(re2Problem("(a)\\1")).toMatch(/invalid escape sequence: `\\1`/);
    });
});

describe("promotion gate", () => {
    it("protects the production environment: release managers deploy, two ML leads and the risk officer approve", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const [gate] = byType(resources, T.protectedEnvironment);
        expect(gate.inputs).toEqual({
            project: expect.any(String),
            environment: "production",
            deployAccessLevelsAttributes: [{ groupId: gitlab.groupId("acme-ml/release-managers") }],
            approvalRules: [{ groupId: gitlab.groupId("acme-ml/ml-leads"), requiredApprovals: 2 }, { userId: gitlab.userId("jonas.weber") }],
        });
    });
});

describe("approver eligibility", () => {
    it("makes every named approver, deployer and code owner a Developer once, never the bot, before the rules", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const members = byType(resources, T.membership);
        const people = ["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor", "jonas.weber"];
        expect(members.map((m) => m.inputs.userId).sort()).toEqual(people.map((u) => gitlab.userId(u)).sort());
        for (const m of members) expect(m.inputs.accessLevel).toBe("developer");
        // Named after the GitLab user's username, so a preview reads as what it governs.
        expect(members.map((m) => m.name).sort()).toEqual(people.map((u) => `fraud-detection-model-member-${u}`).sort());
        // Each rule and the gate wait for the memberships of the users they name, and only those.
        const dependsOnMembers = (r: { dependencies: readonly string[] }) =>
            members.filter((m) => r.dependencies.some((urn) => urn.endsWith(`::${m.name}`))).map((m) => m.name).sort();
        const rule = (name: string) => byType(resources, T.approvalRule).find((r) => r.inputs.name === name)!;
        const memberName = (u: string) => `fraud-detection-model-member-${u}`;
        expect(dependsOnMembers(rule("ML leads"))).toEqual(["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor"].map(memberName).sort());
        expect(dependsOnMembers(rule("Data stewards"))).toEqual([]);
        expect(dependsOnMembers(byType(resources, T.protectedEnvironment)[0])).toEqual([memberName("jonas.weber")]);
    });

    it("can be turned off per repository", async () => {
        const config = baseConfig();
        config.repositories[0].addApproversAsMembers = false;
        const { resources } = await evaluate(config);
        expect(byType(resources, T.membership)).toHaveLength(0);
    });
});

describe("the any-approver rule", () => {
    it("is managed as the project's single any_approver rule when configured", async () => {
        const config = baseConfig();
        config.repositories[0].anyApprover = { approvalsRequired: 1 };
        const { resources } = await evaluate(config);
        const anyRules = byType(resources, T.approvalRule).filter((r) => r.inputs.ruleType === "any_approver");
        expect(anyRules).toHaveLength(1);
        expect(anyRules[0].inputs).toMatchObject({ approvalsRequired: 1, disableImportingDefaultAnyApproverRuleOnCreate: false });
        expect(byType(resources, T.approvalRule).filter((r) => r.inputs.ruleType === "regular")).toHaveLength(1);
    });
});

describe("governance summary", () => {
    it("tells an auditor about code owners, push rules, the promotion gate and memberships, by name", async () => {
        const { fleet } = await evaluate(fixtureConfig("prod"), "prod");
        const [repo] = fleet.governance.repositories;
        expect(fleet.governance.automationUser).toBe("ml-governance-bot");
        expect(repo.codeOwners?.file).toBe(".gitlab/CODEOWNERS");
        expect(repo.codeOwners?.sections.map((s) => [s.name, s.approvalsRequired])).toEqual([["Models", 1], ["Data", 1], ["Training", 2], ["Docs", "optional"]]);
        expect(repo.codeOwners?.sections[2].rules).toEqual([{ pattern: "/training/", owners: ["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor"] }]);
        expect(repo.pushRules).toMatchObject({ maxFileSize: 10, preventSecrets: true, rejectUnsignedCommits: true, commitMessageRegex: "" });
        expect(repo.promotionGate).toEqual({ environment: "production", deployers: ["acme-ml/release-managers"], approvals: ["2 approvals from group acme-ml/ml-leads", "approval by jonas.weber"], triggererMayApprove: false, freezePeriods: ["from `0 18 * * FRI` to `0 8 * * MON` (Europe/Berlin)"] });
        expect(repo.mergeChecks).toEqual({ pipelineMustSucceed: true, discussionsMustBeResolved: true });
        expect(repo.approverMemberships).toEqual(["priya.raman", "marcus.chen", "elena.petrova", "nadia.okafor", "jonas.weber"]);
    });
});

function stripNamespace(config: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace(/^ml-model-governance:/, ""), v]));
}
