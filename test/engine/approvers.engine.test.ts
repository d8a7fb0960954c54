import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { acmeFixtures, EngineWorkspace, ROOT } from "../../engine/workspace";
import { firstDeployment } from "./support/converge";

// Changing who may approve, as a user does it: the README's own command
// blocks, one approver removed from a rule of four, resources that keep their
// identity across the renaming of resources, and the refusals the preview
// makes from GitLab's memberships. The stack is the frozen prod fixture
// (test/fixtures/stacks/prod.yaml), never the user's committed one.

const STACK = "prod";
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The ```sh blocks of one README section, in order. */
function shellBlocks(heading: string): string[] {
    const start = README.indexOf(`\n## ${heading}\n`);
    if (start < 0) throw new Error(`README has no section "${heading}"`);
    const end = README.indexOf("\n## ", start + 1);
    const section = README.slice(start, end < 0 ? undefined : end);
    return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

let ws: EngineWorkspace;
beforeAll(async () => {
    // The README adds sofia.alvarez: in a real GitLab she exists before someone names her.
    ws = await EngineWorkspace.withFixtureStacks({ [STACK]: "prod" }, acmeFixtures((f) => f.users.push({ id: 19, username: "sofia.alvarez", name: "Sofia Alvarez", email: "sofia.alvarez@acme.example" })));
});
afterAll(() => ws?.dispose()); // undefined when set-up failed: jest reports that error

const pulumi = (...args: string[]) => ws.pulumi([...args, "--stack", STACK, "--non-interactive"]);
const ok = (result: { code: number; output: string }) => expect({ code: result.code, tail: result.code === 0 ? "" : result.output.slice(-4000) }).toEqual({ code: 0, tail: "" });
const stackFile = () => path.join(ws.dir, `Pulumi.${STACK}.yaml`);
const rule0Users = () => (parse(fs.readFileSync(stackFile(), "utf8")) as { config: Record<string, any> }).config["ml-model-governance:repositories"][0].approvalRules[0].users as string[];

describe("the README's `Change who may approve` commands", () => {
    it("run as written on a copy of the project and end green, changing what they say", async () => {
        const blocks = shellBlocks("Change who may approve");
        expect(blocks.length).toBeGreaterThanOrEqual(2);
        const original = fs.readFileSync(stackFile(), "utf8");
        try {
            const [add, remove] = blocks;
            const added = await ws.shell(add);
            ok(added);
            const text = fs.readFileSync(stackFile(), "utf8");
            expect(text).toContain("sofia.alvarez");
            expect(text).toMatch(/approvalsRequired: 3/);
            // The check and the preview both ran, and the preview planned the new approver's membership.
            expect(added.output).toContain("Pulumi.prod.yaml: valid");
            expect(added.output).toContain("fraud-detection-model-member-sofia.alvarez");
            const removed = await ws.shell(remove);
            ok(removed);
            expect(removed.output).toContain("Pulumi.prod.yaml: valid");
            expect(rule0Users()).toEqual(["priya.raman", "elena.petrova", "nadia.okafor", "sofia.alvarez"]);
        } finally {
            fs.writeFileSync(stackFile(), original);
        }
    });
});

describe("one approver removed from a rule of four", () => {
    beforeAll(async () => {
        // The stack's first deployment: a new project's model registry levels take the provider's update.
        ok(await firstDeployment(pulumi));
    });

    it("shows one change to the rule's approvers, nothing shifted", async () => {
        const original = fs.readFileSync(stackFile(), "utf8");
        try {
            // marcus.chen, second of four (he is a Maintainer of acme-ml/models, so has no membership of his own).
            ok(await pulumi("config", "rm", "--path", "ml-model-governance:repositories[0].approvalRules[0].users[1]"));
            const preview = await pulumi("preview", "--diff");
            ok(preview);
            const marcus = ws.standin.state.user("marcus.chen")!.id;
            // The resources' part of the diff (the stack outputs follow `--outputs:--`).
            const resources = preview.output.slice(0, preview.output.indexOf("--outputs:--"));
            const changed = resources.split("\n").filter((l) => /^\s*[-+~]\s*\[\d+\]:/.test(l));
            expect({ changed, updates: resources.match(/\(update\)/g)?.length }).toEqual({ changed: [expect.stringMatching(new RegExp(`^\\s*- \\[\\d\\]: ${marcus}$`))], updates: 1 });
            expect(resources).toContain("fraud-detection-model-rule-ml-leads");
        } finally {
            fs.writeFileSync(stackFile(), original);
        }
    });

    it("keeps stacks whose memberships and shares were named by id: the aliases make it a no-op", async () => {
        const state = (await ws.export(STACK)).resources ?? [];
        const renamed: string[] = [];
        for (const r of state.filter((x) => /::fraud-detection-model-(member|share)-/.test(x.urn))) {
            const kind = /-member-/.test(r.urn) ? "member" : "share";
            const id = kind === "member" ? String(r.outputs?.userId) : String(r.outputs?.groupId);
            const old = `fraud-detection-model-${kind}-${id}`;
            ok(await pulumi("state", "rename", "--yes", r.urn, old));
            renamed.push(old);
        }
        expect(renamed.length).toBeGreaterThanOrEqual(5);
        ok(await pulumi("preview", "--expect-no-changes"));
        ok(await pulumi("up", "--yes", "--skip-preview"));
        const after = ((await ws.export(STACK)).resources ?? []).map((r) => r.urn.split("::").pop());
        expect(after).toEqual(expect.arrayContaining(["fraud-detection-model-member-priya.raman", "fraud-detection-model-share-acme-ml/ml-leads"]));
        for (const old of renamed) expect(after).not.toContain(old);
    });
});

describe("refusals the preview makes from GitLab's memberships and the token's user", () => {
    const attempt = async (edit: (config: Record<string, any>) => void) => {
        const original = fs.readFileSync(stackFile(), "utf8");
        ws.editStack(STACK, edit);
        try {
            return await pulumi("preview");
        } finally {
            fs.writeFileSync(stackFile(), original);
        }
    };

    it("refuses an adopted production project whose named approvers GitLab would ignore, naming each key, and counts a share", async () => {
        const result = await attempt((c) => {
            c["ml-model-governance:repositories"].push({ existing: "acme-ml/models/legacy-ranker", approvalRules: [{ name: "Owners", approvalsRequired: 2, users: ["jonas.weber", "tech.writer", "mlops-bot"] }] });
        });
        expect(result.code).not.toBe(0);
        // jonas.weber is no member; tech.writer a direct Reporter; mlops-bot a Developer through the acme-ml/ml-platform share, so eligible.
        expect(result.output).toContain("GitLab does not match the ml-model-governance stack config (2 problems); nothing was registered");
        expect(result.output).toContain('ml-model-governance:repositories[1].approvalRules[0].users[0]: got "jonas.weber"; is named as an approver, but GitLab would ignore them');
        expect(result.output).toContain('ml-model-governance:repositories[1].approvalRules[0].users[1]: got "tech.writer"; is named as an approver, but GitLab would ignore them');
    });

    it("refuses automationUser as an approver in production, naming the key", async () => {
        const result = await attempt((c) => c["ml-model-governance:repositories"][0].approvalRules[0].users.push("ml-governance-bot"));
        expect(result.code).not.toBe(0);
        expect(result.output).toContain('ml-model-governance:repositories[0].approvalRules[0].users[4]: got "ml-governance-bot"; expected someone other than ml-model-governance:automationUser (ml-governance-bot) as an approver in a production stack');
    });

    it("reads a key without a namespace in the project's, as npm run check does", async () => {
        const original = fs.readFileSync(stackFile(), "utf8");
        fs.writeFileSync(stackFile(), original.replace(/^config:\n/m, "config:\n  promotionGate:\n    environment: production\n"));
        try {
            const result = await pulumi("preview");
            expect(result.code).not.toBe(0);
            expect(result.output).toContain("ml-model-governance:promotionGate: unknown key");
            const check = await ws.shell(`npm run --silent check -- ${STACK}`);
            expect(check.code).toBe(1);
            expect(check.output).toContain("ml-model-governance:promotionGate: unknown key");
        } finally {
            fs.writeFileSync(stackFile(), original);
        }
    });
});
