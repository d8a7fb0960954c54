import * as fs from "fs";
import * as path from "path";
import { groupByProject } from "../../policy/lib/projectGroups";
import { GITLAB, policies } from "../../policy/policies";
import { evaluate, gitlab, type Registration } from "../support/harness";
import { ROOT, fixtureConfig } from "../support/stackFile";
import { asStack, runPack, stackArgs, type PackConfig, type Violation } from "../../src/check/policyArgs";
import type { Created } from "../../src/check/mockRun";
import { toPolicyResources, urnOf, type Phase } from "../../src/check/policyResources";

interface ProgramRun {
    readonly registrations: Registration[];
    readonly created: ReadonlyMap<string, Created>;
}

/** Run the program under the harness's mocks, keeping what the fake GitLab returned for each resource. */
async function runProgram(config: Record<string, unknown>, stack: string): Promise<ProgramRun> {
    const create = jest.spyOn(gitlab, "create");
    try {
        const { resources } = await evaluate(config, stack);
        const created = new Map(create.mock.calls.map(([, name], i) => [name, create.mock.results[i].value as Created]));
        return { registrations: [...resources], created };
    } finally {
        create.mockRestore();
    }
}

function analyze(run: ProgramRun, stack: string, phase: Phase, packConfig?: PackConfig): Promise<Violation[]> {
    const resources = toPolicyResources(run.registrations, run.created, stack, phase);
    return asStack(stack, () => runPack(policies, resources, packConfig));
}

const policyNames = (found: readonly Violation[]) => [...new Set(found.map((v) => v.policy))].sort();
const DEV_POLICY_CONFIG = JSON.parse(fs.readFileSync(path.join(ROOT, "policy/config/dev.json"), "utf8")) as PackConfig;
const PHASES: Phase[] = ["preview", "up"];

const NS = "ml-model-governance";
type Config = Record<string, any>;
function prodWith(change: (defaults: Config, repository: Config) => void): Config {
    const config = structuredClone(fixtureConfig("prod")) as Config;
    change(config[`${NS}:defaults`], config[`${NS}:repositories`][0]);
    return config;
}

describe("the prod fixture under the policy pack", () => {
    it.each(PHASES)("passes every policy (%s)", async (phase) => {
        const found = await analyze(await runProgram(fixtureConfig("prod"), "prod"), "prod", phase);
        expect(found).toEqual([]);
    });

    // Guards the pass above against being vacuous: the checks did see the project and its children.
    it.each(PHASES)("hands the stack policies one project with its protection, rules and settings attached (%s)", async (phase) => {
        const run = await runProgram(fixtureConfig("prod"), "prod");
        const resources = toPolicyResources(run.registrations, run.created, "prod", phase);
        const urns = new Set(resources.map((r) => r.urn));
        for (const r of resources) if (r.parent !== undefined) expect(urns).toContain(r.parent);

        const { groups, unplaced } = groupByProject(stackArgs(resources).resources);
        expect(unplaced).toEqual([]);
        expect(groups.map((g) => ({ project: g.project?.type, protections: g.protections.length, rules: g.rules.length, mrApprovals: g.mrApprovals.length }))).toEqual([
            { project: GITLAB.project, protections: 1, rules: 2, mrApprovals: 1 },
        ]);
    });
});

describe("the dev fixture under the policy pack", () => {
    it.each(PHASES)("has no mandatory violation with policy/config/dev.json, and one advisory (%s)", async (phase) => {
        const found = await analyze(await runProgram(fixtureConfig("dev"), "dev"), "dev", phase, DEV_POLICY_CONFIG);
        expect(found.filter((v) => v.level === "mandatory")).toEqual([]);
        expect(found.map((v) => [v.policy, v.level])).toEqual([["reset-approvals-on-push", "advisory"]]);
    });

    it("needs that config: with the pack's production-grade defaults dev's single approval is flagged", async () => {
        const found = await analyze(await runProgram(fixtureConfig("dev"), "dev"), "dev", "up");
        expect(policyNames(found.filter((v) => v.level === "mandatory"))).toEqual(["min-approvals-on-protected-branches", "reset-approvals-on-push"]);
    });
});

describe("a weakened prod config", () => {
    const weakenings: Array<[string, (defaults: Config, repository: Config) => void, string[]]> = [
        ["one approval per rule", (_, repo) => (repo.approvalRules[0].approvalsRequired = 1), ["min-approvals-on-protected-branches"]],
        ["force push allowed", (d) => (d.protectedBranch.allowForcePush = true), ["no-force-push-or-developer-push"]],
        ["developers push directly", (d) => (d.protectedBranch.pushAccessLevel = "developer"), ["no-force-push-or-developer-push"]],
        ["project not protected", (d) => (d.dataSafety.protect = false), ["production-projects-protected"]],
        ["committers approve", (d) => (d.mergeRequestApprovals.allowCommitterApproval = true), ["no-author-or-committer-approval"]],
        ["approvals survive pushes", (d) => (d.mergeRequestApprovals.resetApprovalsOnPush = false), ["reset-approvals-on-push"]],
        ["approvers overridable per MR", (d) => (d.mergeRequestApprovals.allowOverridingApproversPerMergeRequest = true), ["no-approver-override-per-merge-request"]],
    ];

    describe.each(PHASES)("(%s)", (phase) => {
        it.each(weakenings)("%s is flagged by the right policy", async (_, weaken, expected) => {
            const found = await analyze(await runProgram(prodWith(weaken), "prod"), "prod", phase);
            expect(policyNames(found)).toEqual(expected);
            expect(found.every((v) => v.level === "mandatory")).toBe(true);
        });
    });

    it("with every weakening at once, is flagged by all of those policies", async () => {
        const config = prodWith((d, repo) => weakenings.forEach(([, weaken]) => weaken(d, repo)));
        const found = await analyze(await runProgram(config, "prod"), "prod", "up");
        expect(policyNames(found)).toEqual([...new Set(weakenings.flatMap(([, , expected]) => expected))].sort());
    });
});

describe("prod registrations weakened where the config validator would refuse", () => {
    type Edit = (registrations: Registration[]) => Registration[];
    const ofType = (type: string) => (r: Registration) => r.type === type;
    const edits: Array<[string, Edit, string[]]> = [
        [
            "author approval switched on",
            (rs) => rs.map((r) => (ofType(GITLAB.mrApprovals)(r) ? { ...r, inputs: { ...r.inputs, mergeRequestsAuthorApproval: true } } : r)),
            ["no-author-or-committer-approval"],
        ],
        [
            "code owner approval switched off beside a managed CODEOWNERS",
            (rs) => rs.map((r) => (ofType(GITLAB.branchProtection)(r) ? { ...r, inputs: { ...r.inputs, codeOwnerApprovalRequired: false } } : r)),
            ["code-owner-approval-with-codeowners"],
        ],
        ["approval rules removed", (rs) => rs.filter((r) => !ofType(GITLAB.approvalRule)(r)), ["default-branch-governed"]],
        ["branch protection removed", (rs) => rs.filter((r) => !ofType(GITLAB.branchProtection)(r)), ["code-owner-approval-with-codeowners", "default-branch-governed"]],
        ["a second protection on the default branch", (rs) => [...rs, { ...rs.find(ofType(GITLAB.branchProtection))!, name: "second-protection" }], ["default-branch-governed"]],
    ];

    describe.each(PHASES)("(%s)", (phase) => {
        it.each(edits)("%s is flagged by the right policy", async (_, edit, expected) => {
            const run = await runProgram(fixtureConfig("prod"), "prod");
            const edited = edit(run.registrations);
            // An added registration reuses its original's provider state.
            const created = new Map(run.created);
            for (const r of edited) if (!created.has(r.name)) created.set(r.name, run.created.get(run.registrations.find((o) => o.type === r.type)!.name)!);
            expect(urnOf(edited[0], "prod")).toMatch(/^urn:pulumi:prod::ml-model-governance::/);
            expect(policyNames(await analyze({ registrations: edited, created }, "prod", phase))).toEqual(expected);
        });
    });
});
