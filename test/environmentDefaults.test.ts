// Several stacks of one environment share their defaults through Pulumi's
// project-level config (Pulumi.yaml), under each stack's own `defaults`.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigValidationError, parseGovernanceConfig, renderIssue } from "../src/config";
import { readStackFile, StackFileError } from "../src/config/stackFile";

const shared = {
    prod: { namespace: "acme-ml/models", protectedBranch: { pushAccessLevel: "no one", allowForcePush: false }, topics: ["ml-model"] },
    dev: { namespace: "acme-ml/sandbox" },
};

function parse(config: Record<string, unknown>, stack = "prod-vision") {
    return parseGovernanceConfig({ environment: "prod", environmentDefaults: shared, ...config }, { stack });
}

function problems(config: Record<string, unknown>, stack = "prod-vision"): string[] {
    try {
        parse(config, stack);
    } catch (e) {
        if (e instanceof ConfigValidationError) return e.issues.map(renderIssue);
        throw e;
    }
    throw new Error("expected a ConfigValidationError");
}

describe("environmentDefaults", () => {
    it("gives every repository its environment's shared defaults, under the stack's defaults and the repository's own keys", () => {
        const config = parse({ defaults: { protectedBranch: { allowForcePush: true } }, repositories: [{ name: "Vision", approvalRules: [{ name: "Leads", approvalsRequired: 2, groups: ["acme-ml/leads"] }] }, { name: "OCR", namespace: "acme-ml/ocr", topics: [] }] });
        const [vision, ocr] = config.repositories;
        expect(vision.project).toMatchObject({ mode: "create", namespace: "acme-ml/models", topics: ["ml-model"] });
        expect(vision.protectedBranch).toMatchObject({ pushAccessLevel: "no one", allowForcePush: true });
        expect(ocr.project).toMatchObject({ namespace: "acme-ml/ocr", topics: [] });
    });

    it("names the shared key when an inherited value is wrong for a repository", () => {
        const bad = { ...shared, prod: { ...shared.prod, protectedBranch: { unprotectAccessLevel: "admin" } } };
        expect(problems({ environmentDefaults: bad, repositories: [{ name: "Vision" }] })).toEqual([
            expect.stringMatching(/^ml-model-governance:environmentDefaults\.prod\.protectedBranch\.unprotectAccessLevel: got "admin"; expected developer or maintainer/),
        ]);
    });

    it("checks every environment's entry, since one file serves every stack, and reports unknown keys once", () => {
        const typo = { ...shared, dev: { namespce: "x" } };
        expect(problems({ environmentDefaults: typo, repositories: [{ name: "Vision" }, { name: "OCR" }] })).toEqual([
            expect.stringContaining("ml-model-governance:environmentDefaults.dev.namespce: unknown key (did you mean `namespace`?)"),
        ]);
    });

    it("refuses a stack whose environment has no entry, so none silently misses its defaults", () => {
        expect(problems({ environment: "staging", repositories: [{ name: "Vision" }] }, "staging")).toEqual([
            'ml-model-governance:environmentDefaults: has no entry for this stack\'s environment "staging" (it has "prod", "dev"); add one, `{}` if it shares nothing, so no stack silently misses its environment\'s defaults',
        ]);
    });
});

describe("Pulumi.yaml's project config, read as the CLI reads it", () => {
    function project(pulumiYaml: string, stackYaml: string): ReturnType<typeof readStackFile> {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-config-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pulumiYaml);
        fs.writeFileSync(path.join(dir, "Pulumi.prod-vision.yaml"), stackYaml);
        return readStackFile(path.join(dir, "Pulumi.prod-vision.yaml"));
    }

    it("takes values, declarations' value or default, and namespaces bare keys in the project's; the stack's key replaces the project's whole", () => {
        const read = project(
            [
                "name: ml-model-governance",
                "runtime: nodejs",
                "config:",
                "  ml-model-governance:tier: premium",
                "  automationUser:",
                "    type: string",
                "    default: ml-bot",
                "  typedOnly:",
                "    type: integer",
                "  ml-model-governance:environmentDefaults:",
                "    value:",
                "      prod: {namespace: acme-ml/models}",
                "  ml-model-governance:defaults:",
                "    value: {visibility: internal}",
            ].join("\n"),
            "config:\n  ml-model-governance:environment: prod\n  ml-model-governance:defaults:\n    topics: [a]\n",
        );
        expect(read.texts).toEqual({
            "ml-model-governance:tier": "premium",
            "ml-model-governance:automationUser": "ml-bot",
            "ml-model-governance:environmentDefaults": '{"prod":{"namespace":"acme-ml/models"}}',
            "ml-model-governance:defaults": '{"topics":["a"]}',
            "ml-model-governance:environment": "prod",
        });
    });

    it("refuses a plain mapping, as the CLI does, naming the file and key", () => {
        expect(() => project("name: x\nruntime: nodejs\nconfig:\n  ml-model-governance:environmentDefaults:\n    prod: {}\n", "config: {}\n")).toThrow(StackFileError);
        expect(() => project("name: x\nruntime: nodejs\nconfig:\n  ml-model-governance:environmentDefaults:\n    prod: {}\n", "config: {}\n")).toThrow(
            "Pulumi.yaml: config ml-model-governance:environmentDefaults: expected a value, or a declaration with `value:`",
        );
    });
});
