import { ConfigValidationError, parseGovernanceConfig } from "../src/config";
import { governanceReport } from "../src/report/markdown";
import { baseConfig } from "./support/configs";
import { byType, evaluate, promiseOf, recorded } from "./support/harness";
import { T } from "./support/tokens";

const repo0 = "ml-model-governance:repositories[0]";
const SOC2 = { name: "SOC 2", group: "acme-ml", description: "Changes reviewed under SOC 2 CC8.1", color: "#1f75cb" };

function withFramework(mutate: (c: Record<string, any>) => void = () => {}): Record<string, any> {
    const config = baseConfig();
    config.complianceFrameworks = [SOC2];
    config.repositories[0].complianceFramework = "SOC 2";
    mutate(config);
    return config;
}

async function refused(config: Record<string, unknown>, stack = "dev"): Promise<string> {
    const error = await evaluate(config, stack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(recorded.resources).toHaveLength(0);
    expect(recorded.invokes).toHaveLength(0);
    return (error as Error).message;
}

describe("compliance framework labels", () => {
    it("creates the framework in its top-level group and attaches it to the project by its global id", async () => {
        const run = await evaluate(withFramework());
        const [framework] = byType(run.resources, T.complianceFramework);
        expect(framework.inputs).toEqual({ namespacePath: "acme-ml", name: "SOC 2", description: SOC2.description, color: "#1f75cb", default: false });
        expect(framework.version).toBe("10.1.1");
        const [attached] = byType(run.resources, T.projectComplianceFrameworks);
        const project = run.created.get("churn-model-project")!;
        expect(attached.inputs.project).toBe(project.id);
        const created = run.created.get(framework.name)!;
        expect(attached.inputs.complianceFrameworkIds).toEqual([created.state.frameworkId]);
        expect(String(created.state.frameworkId)).toMatch(/^gid:\/\/gitlab\/ComplianceManagement::Framework\/\d+$/);
        expect(attached.version).toBe("10.1.1");
        // A change of the list replaces the resource; created first, the old one's delete would empty the new list.
        expect(attached.deleteBeforeReplace).toBe(true);
        expect(run.fleet.governance.repositories[0].complianceFramework).toEqual({ name: "SOC 2", group: "acme-ml" });
    });

    it("takes the framework from defaults, and attaches nothing where none is named", async () => {
        const run = await evaluate(
            withFramework((c) => {
                delete c.repositories[0].complianceFramework;
                c.defaults.complianceFramework = "SOC 2";
                c.repositories.push({ name: "Personal Sandbox", namespace: "acme-ml/sandbox", complianceFramework: undefined });
            }),
        );
        expect(byType(run.resources, T.projectComplianceFrameworks)).toHaveLength(2);
        const plain = await evaluate(baseConfig());
        expect(byType(plain.resources, T.complianceFramework)).toHaveLength(0);
        expect(byType(plain.resources, T.projectComplianceFrameworks)).toHaveLength(0);
        expect(plain.fleet.governance.repositories[0].complianceFramework).toBeUndefined();
    });

    it("keeps the framework in GitLab when a production stack stops defining it", async () => {
        const run = await evaluate(withFramework((c) => (c.environment = "prod")), "prod");
        const [framework] = byType(run.resources, T.complianceFramework);
        expect(framework.retainOnDelete).toBe(true);
        await promiseOf(run.fleet.projectUrl);
    });

    it("shows each repository's framework in the report", () => {
        const config = parseGovernanceConfig(
            withFramework((c) => c.repositories.push({ name: "Scratch Model", approvalRules: [] })),
            { stack: "dev" },
        );
        const report = governanceReport(config, "dev");
        expect(report).toContain("## churn-model: `acme-ml/models/churn-model`\n\nProject created by this program, private. Compliance framework: **SOC 2** (of acme-ml).");
        expect(report).toMatch(/## scratch-model: `acme-ml\/models\/scratch-model`\n\nProject created by this program, private\.\n/);
    });

    it("refuses a name no entry defines, naming the key and what is defined", async () => {
        const message = await refused(withFramework((c) => (c.repositories[0].complianceFramework = "SOX")));
        expect(message).toContain(`${repo0}.complianceFramework: got "SOX"; expected the name of a framework in ml-model-governance:complianceFrameworks (it defines "SOC 2")`);
    });

    it("refuses an undefined name inherited from defaults at the defaults key", async () => {
        const message = await refused(withFramework((c) => {
            delete c.repositories[0].complianceFramework;
            c.defaults.complianceFramework = "HIPAA";
        }));
        expect(message).toContain('ml-model-governance:defaults.complianceFramework: got "HIPAA"; expected the name of a framework');
    });

    it("refuses a framework of another top-level group, and one for a project in the token user's namespace", async () => {
        const message = await refused(withFramework((c) => {
            c.complianceFrameworks = [{ ...SOC2, group: "acme-finance" }];
            c.repositories.push({ name: "Scratch", namespace: undefined, complianceFramework: "SOC 2" });
            c.defaults = {};
            c.repositories[0].namespace = "acme-ml/models";
        }));
        expect(message).toContain(`${repo0}.complianceFramework: got "SOC 2"; expected a framework of this project's top-level group acme-ml; complianceFrameworks[0] defines it in acme-finance`);
        expect(message).toContain("ml-model-governance:repositories[1].complianceFramework: got \"SOC 2\"; expected a project in a group");
    });

    it("refuses compliance frameworks on the free tier, naming each key", async () => {
        const message = await refused(withFramework((c) => {
            c.tier = "free";
            c.repositories[0].approvalRules = [];
        }));
        expect(message).toContain('ml-model-governance:complianceFrameworks: compliance frameworks need GitLab Premium or Ultimate, but tier is "free"');
        expect(message).toContain(`${repo0}.complianceFramework: got "SOC 2"; compliance frameworks need GitLab Premium or Ultimate`);
    });

    it("refuses a malformed definition and a framework defined twice in one group", async () => {
        const message = await refused(withFramework((c) => {
            c.complianceFrameworks = [SOC2, { ...SOC2, color: "blue", group: "acme-ml/models" }, { ...SOC2, group: "ACME-ML" }, { ...SOC2, name: 'SOC "2"', description: "line one\nline two" }];
        }));
        expect(message).toContain('ml-model-governance:complianceFrameworks[1].color: got "blue"; expected a hex color such as `#1f75cb`');
        expect(message).toContain('ml-model-governance:complianceFrameworks[1].group: got "acme-ml/models"; expected the full path of a top-level group');
        expect(message).toContain('ml-model-governance:complianceFrameworks[2].name: got "SOC 2"; expected each framework once per top-level group; complianceFrameworks[0] defines it in ACME-ML already');
        expect(message).toContain('ml-model-governance:complianceFrameworks[3].name: got "SOC \\"2\\""; expected no `"`, `\\` or line break: the provider writes it into a GraphQL string without escaping it');
        expect(message).toContain("ml-model-governance:complianceFrameworks[3].description: got \"line one\\nline two\"; expected no");
    });

    it("refuses two frameworks whose resource names would be one, naming both keys", async () => {
        const message = await refused(withFramework((c) => {
            c.complianceFrameworks = [SOC2, { ...SOC2, name: "soc-2" }];
        }));
        expect(message).toContain('ml-model-governance:complianceFrameworks[1].name: got "soc-2"; expected a name that differs from complianceFrameworks[0] ("SOC 2" in acme-ml) in more than case, spaces and punctuation: both would be the resource acme-ml-soc-2');
    });
});
