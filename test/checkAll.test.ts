// `npm run check -- --all`: every stack of the project, then what no single
// stack can see.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { run } from "../src/check/cli";
import { crossStackProblems, crossStackWarnings, stackFamily } from "../src/check/fleet";
import { frameworkIdentity } from "../src/config/complianceFrameworks";
import { checkInWorkers } from "../src/check/workers";
import { editConfig, ROOT } from "./support/stackFile";

const NS = "ml-model-governance";
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", `${name}.yaml`), "utf8");

/** A second production team's stack: its own repository, the prod fixture's settings. */
function team(repositories: unknown[], environment = "prod"): string {
    return editConfig(fixture("prod"), (c) => {
        c[`${NS}:environment`] = environment;
        c[`${NS}:repositories`] = repositories;
    });
}

/** This process's children that are `check --all` worker processes. */
function checkProcesses(): number[] {
    return fs.readdirSync("/proc").filter((pid) => /^\d+$/.test(pid)).flatMap((pid) => {
        try {
            const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
            const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            return ppid === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("worker.ts") ? [Number(pid)] : [];
        } catch {
            return []; // gone meanwhile
        }
    });
}

const vision = { name: "Vision Model", approvalRules: [{ name: "Leads", approvalsRequired: 2, groups: ["acme-ml/vision-leads"] }] };

async function checkAll(files: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-all-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.cpSync(path.join(ROOT, "policy", "config"), path.join(dir, "policy", "config"), { recursive: true });
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    let out = "";
    let err = "";
    const code = await run(["--all"], dir, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
}

// Each case starts check --all's own processes (one per core), each loading the program and the pack:
// on a 2-core runner that also runs other suites, more than jest's default 20 s.
jest.setTimeout(90_000);

describe("npm run check -- --all", () => {
    it("passes the committed stacks", async () => {
        let out = "";
        expect(await run(["--all"], ROOT, (s) => (out += s), () => undefined)).toBe(0);
        expect(out).toMatch(/across the \d+ stacks .*: each project governed once, each family of stacks one environment/);
    });

    it("passes two prod teams' stacks beside dev, each judged on its own", async () => {
        const result = await checkAll({ "Pulumi.prod.yaml": fixture("prod"), "Pulumi.prod-vision.yaml": team([vision]), "Pulumi.dev.yaml": fixture("dev") });
        expect(result.code).toBe(0);
        expect(result.out).toContain("Pulumi.prod-vision.yaml: valid");
        expect(result.out).toContain("across the 3 stacks");
    });

    it("refuses a created project in two stacks, naming both files and keys", async () => {
        const twice = team([{ name: "Fraud Detection Model", approvalRules: [{ name: "Leads", approvalsRequired: 2, groups: ["acme-ml/ml-leads"] }] }]);
        const result = await checkAll({ "Pulumi.prod.yaml": fixture("prod"), "Pulumi.prod-fraud.yaml": twice });
        expect(result.code).toBe(1);
        expect(result.err).toContain(
            "Pulumi.prod-fraud.yaml ml-model-governance:repositories[0].name: governs GitLab project acme-ml/models/fraud-detection-model, which Pulumi.prod.yaml ml-model-governance:repositories[0].name governs too",
        );
    });

    it("refuses a compliance framework that two stacks define in one group, naming both files and keys", async () => {
        const soc2 = { name: "SOC 2", group: "acme-ml", description: "Reviewed changes", color: "#1f75cb" };
        const withFramework = (text: string) =>
            editConfig(text, (c) => {
                c[`${NS}:complianceFrameworks`] = [soc2];
            });
        const result = await checkAll({ "Pulumi.prod.yaml": withFramework(fixture("prod")), "Pulumi.prod-vision.yaml": withFramework(team([vision])) });
        expect(result.code).toBe(1);
        expect(result.err).toContain(
            'Pulumi.prod-vision.yaml ml-model-governance:complianceFrameworks[0]: defines compliance framework "SOC 2" in group acme-ml, which Pulumi.prod.yaml ml-model-governance:complianceFrameworks[0] defines too',
        );
        // Another group, or one stack only: accepted.
        const entry = (stack: string, group?: string) => ({
            stack,
            environment: stackFamily(stack),
            production: stackFamily(stack) === "prod",
            governs: [],
            defines: group ? [{ identity: frameworkIdentity({ ...soc2, group }), name: soc2.name, group, key: ["complianceFrameworks", 0] }] : [],
            refersTo: [],
        });
        expect(crossStackProblems([entry("prod", "acme-ml"), entry("prod-vision", "acme-vision")])).toEqual([]);
        expect(crossStackProblems([entry("prod", "acme-ml"), entry("prod-vision")])).toEqual([]);
        expect(crossStackProblems([entry("prod", "acme-ml"), entry("dev", "ACME-ML")])).toEqual([expect.stringContaining("Pulumi.dev.yaml ml-model-governance:complianceFrameworks[0]: defines compliance framework")]);
    });

    it("passes a stack that labels its projects with a framework another stack defines (existing: true)", async () => {
        const soc2 = { name: "SOC 2", group: "acme-ml", description: "Reviewed changes", color: "#1f75cb" };
        const defines = editConfig(fixture("prod"), (c) => {
            c[`${NS}:complianceFrameworks`] = [soc2];
        });
        const refers = editConfig(team([{ ...vision, complianceFramework: "SOC 2" }]), (c) => {
            c[`${NS}:complianceFrameworks`] = [{ name: "SOC 2", group: "acme-ml", existing: true }];
        });
        const result = await checkAll({ "Pulumi.prod.yaml": defines, "Pulumi.prod-vision.yaml": refers });
        expect(result.err).toBe("");
        expect(result.code).toBe(0);
        expect(result.out).toContain("Pulumi.prod-vision.yaml: valid");
        // A second definition is still refused, whoever refers to it.
        const again = await checkAll({ "Pulumi.prod.yaml": defines, "Pulumi.prod-vision.yaml": refers, "Pulumi.prod-fraud.yaml": editConfig(team([{ ...vision, name: "Fraud Model" }]), (c) => (c[`${NS}:complianceFrameworks`] = [soc2])) });
        expect(again.code).toBe(1);
        expect(again.err).toContain('Pulumi.prod-fraud.yaml ml-model-governance:complianceFrameworks[0]: defines compliance framework "SOC 2" in group acme-ml, which Pulumi.prod.yaml ml-model-governance:complianceFrameworks[0] defines too');
        expect(again.err).not.toContain("prod-vision");
    });

    it("warns when a production stack labels its projects with a framework only a non-production stack defines", async () => {
        const soc2 = { name: "SOC 2", group: "acme-ml", description: "Reviewed changes", color: "#1f75cb" };
        const reference = [{ name: "SOC 2", group: "acme-ml", existing: true }];
        const devDefines = editConfig(fixture("dev"), (c) => (c[`${NS}:complianceFrameworks`] = [soc2]));
        const prodRefers = editConfig(fixture("prod"), (c) => {
            c[`${NS}:complianceFrameworks`] = reference;
            c[`${NS}:defaults`] = { ...(c[`${NS}:defaults`] as object), complianceFramework: "SOC 2" };
        });
        const result = await checkAll({ "Pulumi.dev.yaml": devDefines, "Pulumi.prod.yaml": prodRefers });
        // A warning, not a refusal: GitLab accepts it, and it holds until the dev stack lets the framework go.
        expect(result.code).toBe(0);
        expect(result.out).toContain(
            'warning: across stacks: Pulumi.prod.yaml ml-model-governance:complianceFrameworks[0]: refers to compliance framework "SOC 2" in group acme-ml, which non-production Pulumi.dev.yaml ml-model-governance:complianceFrameworks[0] defines; destroying that stack',
        );
        // Defined in production, or referred to only from dev: nothing to say.
        const fact = (stack: string, production: boolean, kind: "defines" | "refersTo") => ({
            stack,
            environment: stack,
            production,
            governs: [],
            defines: [],
            refersTo: [],
            [kind]: [{ identity: frameworkIdentity(soc2), name: soc2.name, group: soc2.group, key: ["complianceFrameworks", 0] }],
        });
        expect(crossStackWarnings([fact("prod", true, "defines"), fact("prod-cv", true, "refersTo")])).toEqual([]);
        expect(crossStackWarnings([fact("prod", true, "defines"), fact("dev", false, "refersTo")])).toEqual([]);
        expect(crossStackWarnings([fact("dev", false, "defines"), fact("prod-cv", true, "refersTo")])).toHaveLength(1);
    });

    it("refuses a project adopted by one stack and created by another", async () => {
        const adopts = team([{ existing: "acme-ml/models/fraud-detection-model", approvalRules: [{ name: "Leads", approvalsRequired: 2, groups: ["acme-ml/ml-leads"] }] }]);
        const result = await checkAll({ "Pulumi.prod.yaml": fixture("prod"), "Pulumi.prod-fraud.yaml": adopts });
        expect(result.code).toBe(1);
        expect(result.err).toContain("Pulumi.prod-fraud.yaml ml-model-governance:repositories[0].existing");
        expect(result.err).toContain("Pulumi.prod.yaml ml-model-governance:repositories[0].name governs too");
    });

    it("refuses a stack whose environment is not its family's, and one that forgot to set it", async () => {
        // (The family check also catches a forgotten environment where Pulumi.yaml shares no defaults: a unit case below.)
        const devNamed = team([vision], "dev");
        const forgot = editConfig(team([{ ...vision, name: "OCR Model" }]), (c) => delete c[`${NS}:environment`]);
        const result = await checkAll({ "Pulumi.prod.yaml": fixture("prod"), "Pulumi.prod-vision.yaml": devNamed, "Pulumi.prod-ocr.yaml": forgot });
        expect(result.code).toBe(1);
        expect(result.err).toContain('Pulumi.prod-vision.yaml ml-model-governance:environment: got "dev"; expected "prod" like the other stacks of family "prod" (Pulumi.prod.yaml)');
        // With Pulumi.yaml's environmentDefaults, a stack that forgot its environment is refused on its own.
        expect(result.err).toContain(`Pulumi.prod-ocr.yaml: Invalid ml-model-governance stack config (1 problem); nothing was registered:\n  - ml-model-governance:environmentDefaults: has no entry for this stack's environment "prod-ocr"`);
    });

    it("reports a stack that does not parse, and still checks the others", async () => {
        const result = await checkAll({ "Pulumi.prod.yaml": fixture("prod"), "Pulumi.prod-bad.yaml": stringify({ config: { [`${NS}:environment`]: "prod", [`${NS}:repositories`]: [{ nme: "x" }] } }) });
        expect(result.code).toBe(1);
        expect(result.err).toContain("Pulumi.prod-bad.yaml: Invalid ml-model-governance stack config");
        expect(result.out).toContain("Pulumi.prod.yaml: valid");
    });

    it("checks several stacks in one process, and a process that dies fails only the stack it was checking", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-workers-"));
        fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), fixture("prod"));
        fs.writeFileSync(path.join(dir, "Pulumi.prod-vision.yaml"), team([vision]));
        fs.writeFileSync(path.join(dir, "Pulumi.prod-ocr.yaml"), team([{ ...vision, name: "OCR Model" }]));
        // One lane: the first process is killed as soon as it appears; every process seen is noted.
        const seen = new Set<number>();
        const watcher = setInterval(() => {
            for (const pid of checkProcesses()) {
                if (seen.size === 0) process.kill(pid, "SIGKILL");
                seen.add(pid);
            }
        }, 20);
        const results = await checkInWorkers(["prod", "prod-vision", "prod-ocr"], dir, 1).finally(() => clearInterval(watcher));
        expect(results.map((r) => r.code)).toEqual([1, 0, 0]);
        expect(results[0].stderr).toContain("Pulumi.prod.yaml: not checked: the check's process ended before answering (SIGKILL)");
        expect(results[1].stdout).toContain("Pulumi.prod-vision.yaml: valid");
        expect(results[2].stdout).toContain("Pulumi.prod-ocr.yaml: valid");
        // The killed process and one more, which checked both later stacks.
        expect(seen.size).toBe(2);
        expect(checkProcesses()).toEqual([]);
    });

    it("names a stack that forgot its environment when nothing else would (no shared defaults)", () => {
        const entry = (stack: string, environment: string) => ({ stack, environment, production: false, governs: [], defines: [], refersTo: [] });
        expect(crossStackProblems([entry("prod", "prod"), entry("prod-ocr", "prod-ocr")])).toEqual([expect.stringContaining('Pulumi.prod-ocr.yaml ml-model-governance:environment: got "prod-ocr"; expected "prod" like the other stacks of family "prod" (Pulumi.prod.yaml)')]);
    });

    it("groups stacks into families by the name before the first dash", () => {
        expect(["prod", "prod-vision", "Prod-Fraud", "org/project/prod-ocr", "dev"].map(stackFamily)).toEqual(["prod", "prod", "prod", "prod", "dev"]);
    });
});
