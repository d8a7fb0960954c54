import { ConfigValidationError, parseGovernanceConfig } from "../src/config";
import { GitLabLookupError } from "../src/governance/principals";
import { governanceReport } from "../src/report/markdown";
import { baseConfig } from "./support/configs";
import { byType, evaluate, gitlab, promiseOf, recorded } from "./support/harness";
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
        expect(message).toContain(`${repo0}.complianceFramework: got "SOX"; expected the name of a framework in ml-model-governance:complianceFrameworks (it lists "SOC 2"); a framework defined elsewhere needs an entry with \`existing: true\``);
    });

    it("suggests the listed name a near miss was meant to be, a malformed entry's included", async () => {
        const message = await refused(withFramework((c) => {
            c.complianceFrameworks.push({ name: "PCI DSS", group: "acme-ml", existing: true, color: "#ff0000" });
            c.repositories[0].complianceFramework = "PCI-DSS";
        }));
        expect(message).toContain('ml-model-governance:complianceFrameworks[1].color: got "#ff0000"; expected no color with `existing: true`');
        expect(message).toContain(`${repo0}.complianceFramework: got "PCI-DSS"; expected the name of a framework in ml-model-governance:complianceFrameworks (it lists "SOC 2", "PCI DSS"); did you mean "PCI DSS"?`);
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

describe("compliance frameworks that exist already (existing: true)", () => {
    const SOC2_REF = { name: "SOC 2", group: "acme-ml", existing: true };
    const withReference = (mutate: (c: Record<string, any>) => void = () => {}) =>
        withFramework((c) => {
            c.complianceFrameworks = [SOC2_REF];
            mutate(c);
        });

    it("looks the framework up once and labels the projects with its id, creating no framework", async () => {
        const run = await evaluate(withReference((c) => c.repositories.push({ name: "Fraud Model", complianceFramework: "SOC 2" })));
        expect(byType(run.resources, T.complianceFramework)).toHaveLength(0);
        const lookups = run.invokes.filter((i) => i.token === T.getComplianceFramework);
        expect(lookups).toEqual([{ token: T.getComplianceFramework, inputs: { namespacePath: "acme-ml", name: "SOC 2" }, version: "10.1.1" }]);
        const { frameworkId } = gitlab.lookup(T.getComplianceFramework, { namespacePath: "acme-ml", name: "SOC 2" }) as { frameworkId: string };
        const attached = byType(run.resources, T.projectComplianceFrameworks);
        expect(attached).toHaveLength(2);
        for (const a of attached) expect(a.inputs.complianceFrameworkIds).toEqual([frameworkId]);
        expect(run.fleet.governance.repositories[0].complianceFramework).toEqual({ name: "SOC 2", group: "acme-ml" });
        expect(run.fleet.warnings).toEqual([]);
    });

    it("defines one framework and refers to another in one stack, each resolved its own way", async () => {
        const run = await evaluate(
            withFramework((c) => {
                c.complianceFrameworks = [SOC2, { name: "HIPAA", group: "acme-ml", existing: true }];
                c.repositories.push({ name: "Clinical Model", complianceFramework: "HIPAA" });
            }),
        );
        const [framework] = byType(run.resources, T.complianceFramework);
        expect(framework.inputs.name).toBe("SOC 2");
        const attached = byType(run.resources, T.projectComplianceFrameworks);
        const [churn, clinical] = ["churn-model", "clinical-model"].map((key) => attached.find((a) => a.name === `${key}-compliance-frameworks`)!);
        expect(churn.inputs.complianceFrameworkIds).toEqual([run.created.get(framework.name)!.state.frameworkId]);
        expect(String((clinical.inputs.complianceFrameworkIds as string[])[0])).toMatch(/^gid:\/\/gitlab\/ComplianceManagement::Framework\/\d+$/);
        expect(clinical.inputs.complianceFrameworkIds).not.toEqual(churn.inputs.complianceFrameworkIds);
        expect(run.invokes.filter((i) => i.token === T.getComplianceFramework).map((i) => i.inputs.name)).toEqual(["HIPAA"]);
    });

    it("warns about a reference no repository names, and does not look it up", async () => {
        const run = await evaluate(withReference((c) => c.complianceFrameworks.push({ name: "HIPAA", group: "acme-ml", existing: true })));
        expect(run.invokes.filter((i) => i.token === T.getComplianceFramework).map((i) => i.inputs.name)).toEqual(["SOC 2"]);
        expect(run.fleet.warnings.map((w) => ({ path: w.path, value: w.value }))).toEqual([{ path: ["complianceFrameworks", 1, "name"], value: "HIPAA" }]);
        expect(run.fleet.warnings[0].message).toContain("no repository of acme-ml names this framework in `complianceFramework`, so it is neither looked up nor applied");
    });

    it("fails before registering anything when GitLab has no such framework, naming the entry, together with other failed lookups", async () => {
        gitlab.missingFrameworks.add("acme-ml/SOC 2");
        gitlab.missingUsers.add("elena.petrova");
        const error = await evaluate(withReference((c) => (c.repositories[0].approvalRules[0].users = ["elena.petrova"]))).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        expect(recorded.resources).toHaveLength(0);
        const message = (error as Error).message;
        // Under mocks the provider's reason does not survive the mock runtime (the engine test reads it).
        expect(message).toContain('ml-model-governance:complianceFrameworks[0].name: got "SOC 2"; expected a compliance framework of that name in acme-ml that the token can read (');
        expect(message).toContain("); create it there, or define it in this stack without `existing: true`");
        expect(message).toContain('GitLab has no user "elena.petrova"');
    });

    it("refuses a description or color on a reference, and a bad `existing`, all at once, by key", async () => {
        const message = await refused(
            withReference((c) => {
                c.complianceFrameworks = [
                    { ...SOC2_REF, description: "Changes reviewed", color: "#1f75cb" },
                    { name: "HIPAA", group: "acme-ml", existing: "yes" },
                    { name: 'SOX "404"', group: "acme-ml/models", existing: true, colour: "red" },
                ];
            }),
        );
        expect(message).toContain("(6 problems)");
        expect(message).toContain(
            'ml-model-governance:complianceFrameworks[0].description: got "Changes reviewed"; expected no description with `existing: true`: a framework\'s description and color belong to whoever manages it (the stack that defines it, or GitLab\'s UI); remove it, or set `existing: false` to define the framework here',
        );
        expect(message).toContain('ml-model-governance:complianceFrameworks[0].color: got "#1f75cb"; expected no color with `existing: true`');
        expect(message).toContain('ml-model-governance:complianceFrameworks[1].existing: got "yes"; expected `existing` to be true (a framework that exists in GitLab, defined elsewhere) or false/absent (a framework this stack defines)');
        expect(message).toContain('ml-model-governance:complianceFrameworks[2].name: got "SOX \\"404\\""; expected no `"`, `\\` or line break');
        expect(message).toContain("ml-model-governance:complianceFrameworks[2].group: got \"acme-ml/models\"; expected the full path of a top-level group");
        expect(message).toContain("ml-model-governance:complianceFrameworks[2].colour: unknown key (did you mean `color`?); expected one of: name, group, existing, description, color");
    });

    it("points a definition without description and color at `existing: true`, and keeps the usual message for an entry that is no mapping", async () => {
        const message = await refused(withReference((c) => (c.complianceFrameworks = [{ name: "SOC 2", group: "acme-ml" }, "HIPAA"])));
        expect(message).toContain("ml-model-governance:complianceFrameworks[0].description: missing; expected a description: GitLab requires one (or `existing: true` for a framework defined elsewhere)");
        expect(message).toContain("ml-model-governance:complianceFrameworks[0].color: missing; expected a hex color such as `#1f75cb` (or `existing: true` for a framework defined elsewhere)");
        expect(message).toContain('ml-model-governance:complianceFrameworks[1]: got "HIPAA"; expected a mapping of keys to values');
        // The repository's name is that of the malformed entry: reported once, at the entry.
        expect(message).not.toContain(`${repo0}.complianceFramework`);
    });

    it("refuses a definition and a reference of one framework in one stack, and a reference on the free tier", async () => {
        const twice = await refused(withFramework((c) => (c.complianceFrameworks = [SOC2, { ...SOC2_REF, group: "ACME-ML" }])));
        expect(twice).toContain('ml-model-governance:complianceFrameworks[1].name: got "SOC 2"; expected each framework once per top-level group; complianceFrameworks[0] defines it in ACME-ML already');
        const refTwice = await refused(withReference((c) => c.complianceFrameworks.push({ ...SOC2, group: "acme-ml" })));
        expect(refTwice).toContain("complianceFrameworks[1].name: got \"SOC 2\"; expected each framework once per top-level group; complianceFrameworks[0] refers to it in acme-ml already");
        const free = await refused(withReference((c) => {
            c.tier = "free";
            c.repositories[0].approvalRules = [];
        }));
        expect(free).toContain('ml-model-governance:complianceFrameworks: compliance frameworks need GitLab Premium or Ultimate, but tier is "free"');
    });

    it("names a reference of another top-level group as a reference", async () => {
        const message = await refused(withReference((c) => (c.complianceFrameworks = [{ ...SOC2_REF, group: "acme-finance" }])));
        expect(message).toContain(`${repo0}.complianceFramework: got "SOC 2"; expected a framework of this project's top-level group acme-ml; complianceFrameworks[0] refers to it in acme-finance`);
    });

    it("does not refuse a reference whose name would clash with a definition's resource name: a reference is no resource", async () => {
        const run = await evaluate(withFramework((c) => {
            c.complianceFrameworks = [SOC2, { name: "soc-2", group: "acme-ml", existing: true }];
            c.repositories.push({ name: "Fraud Model", complianceFramework: "soc-2" });
        }));
        expect(byType(run.resources, T.complianceFramework)).toHaveLength(1);
        expect(byType(run.resources, T.projectComplianceFrameworks)).toHaveLength(2);
    });
});
