// engine/seed.ts: a stand-in seeded from a stack has everything the stack
// names, whatever the names are. Checked on every stack file of the project
// and of test/fixtures/stacks, against the GitLab API as the program asks it.
import * as fs from "fs";
import * as path from "path";
import { GitLabStandin, loadFixtures } from "../../engine/gitlab-standin";
import { API_TOKEN, applySeed, completeSeed, READ_TOKEN, ROLES, seedFixtures, seedOf, type Seed } from "../../engine/seed";
import { stackConfig, stacksIn } from "../../engine/workspace";
import type { GovernanceConfig } from "../../src/config";
import { principalNames } from "../../src/governance/principals";
import { namedApprovers } from "../../src/governance/approvers";
import { Client } from "../standin/helpers";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE_STACKS = path.join(ROOT, "test", "fixtures", "stacks");

/** Every stack file the project holds (whatever its names), and the fixture stacks, validated. */
function allStacks(): Array<[string, GovernanceConfig]> {
    const committed = stacksIn(ROOT).map((s): [string, GovernanceConfig] => [`Pulumi.${s}.yaml`, stackConfig(ROOT, s)]);
    const tmp = fs.mkdtempSync(path.join(require("os").tmpdir(), "seed-stacks-"));
    const fixtures = fs.readdirSync(FIXTURE_STACKS).map((f): [string, GovernanceConfig] => {
        const stack = path.basename(f, ".yaml");
        fs.copyFileSync(path.join(FIXTURE_STACKS, f), path.join(tmp, `Pulumi.${stack}.yaml`));
        return [`test/fixtures/stacks/${f}`, stackConfig(tmp, stack)];
    });
    fs.rmSync(tmp, { recursive: true, force: true });
    return [...committed, ...fixtures];
}

describe.each(allStacks())("a stand-in seeded from %s", (_file, config) => {
    const seed = seedOf([config]);
    let standin: GitLabStandin;
    let api: Client;
    beforeAll(async () => {
        standin = new GitLabStandin(seedFixtures(seed));
        api = new Client(await standin.start(), API_TOKEN);
    });
    afterAll(() => standin?.stop());

    it("answers every lookup the program makes for the stack's names", async () => {
        const names = principalNames(config);
        expect(names.users.length + names.groups.length + names.projects.length).toBeGreaterThan(0);
        for (const { name } of names.users) expect((await api.get("users", { query: { username: name } })).body.map((u: { username: string }) => u.username)).toEqual([name]);
        for (const { name } of [...names.groups, ...names.namespaces]) expect((await api.get(`groups/${encodeURIComponent(name)}`)).body.full_path).toBe(name);
        for (const { name } of names.projects) {
            const project = (await api.get(`projects/${encodeURIComponent(name)}`)).body;
            expect({ name, branch: project.default_branch }).toEqual({ name, branch: "main" });
            expect((await api.get(`projects/${project.id}/repository/files/README.md`, { query: { ref: "main" } })).status).toBe(200);
        }
        expect((await api.get("metadata")).body.enterprise).toBe(config.edition === "ee");
    });

    it("gives the tokens to the automation user, who owns every top-level group", async () => {
        const bot = config.automationUser ?? "governance-bot";
        expect((await api.get("user")).body.username).toBe(bot);
        expect((await api.as(READ_TOKEN).get("user")).body.username).toBe(bot);
        const tops = standin.state.groups.filter((g) => g.parent_id === null);
        // A stack that names no group (projects in the token user's own namespace) seeds none.
        const names = principalNames(config);
        expect(tops.length > 0).toBe(names.groups.length + names.namespaces.length + names.projects.length > 0);
        for (const g of tops) expect(g.members).toContainEqual(expect.objectContaining({ user_id: standin.state.user(bot)!.id, access_level: ROLES.owner }));
    });

    it("gives every group the stack names more direct members than any of its approval counts", () => {
        const largest = Math.max(
            1,
            ...config.repositories.flatMap((r) => [...r.approvalRules.map((a) => a.approvalsRequired), ...(r.codeOwners?.sections.map((s) => s.approvalsRequired ?? 1) ?? []), ...(r.promotionGate?.approvals.map((a) => a.approvalsRequired ?? 1) ?? [])]),
        );
        for (const { name, at } of principalNames(config).groups) {
            const group = standin.state.group(name)!;
            if (group.parent_id === null || at[at.length - 1] === "namespace") continue;
            expect({ name, members: group.members.filter((m) => m.access_level >= ROLES.developer).length > largest }).toEqual({ name, members: true });
        }
    });

    it("makes the named approvers of an adopted project that adds none members of it already", () => {
        for (const repo of config.repositories) {
            if (repo.project.mode !== "adopt" || repo.addApproversAsMembers) continue;
            const members = standin.state.project(repo.project.pathWithNamespace)!.members.map((m) => standin.state.user(m.user_id)!.username);
            for (const ref of namedApprovers(repo, config.automationUser)) if (typeof ref === "string") expect(members).toContain(ref);
        }
    });
});

describe("an adopted project that does not add its approvers as members", () => {
    it("has them as Developers already, as a real team's project would, so GitLab counts them", () => {
        const dir = fs.mkdtempSync(path.join(require("os").tmpdir(), "seed-adopt-"));
        try {
            fs.writeFileSync(
                path.join(dir, "Pulumi.team.yaml"),
                ["config:", "  ml-model-governance:repositories:", "    - existing: lab/models/ranker", "      approvalRules:", "        - name: Leads", "          approvalsRequired: 1", "          users: [ada.l, grace.h, alan.t]", ""].join("\n"),
            );
            const config = stackConfig(dir, "team");
            expect(config.repositories[0].addApproversAsMembers).toBe(false);
            const state = loadFixtures(seedFixtures(seedOf([config])));
            const members = state.project("lab/models/ranker")!.members.map((m) => [state.user(m.user_id)!.username, m.access_level]);
            expect(members).toEqual([["ada.l", ROLES.developer], ["grace.h", ROLES.developer], ["alan.t", ROLES.developer]]);
            expect(state.group("lab")!.members.map((m) => state.user(m.user_id)!.username)).toEqual(["governance-bot"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("seedOf over several stacks", () => {
    it("seeds one GitLab for all of them, and refuses stacks that disagree on the edition", () => {
        const stacks = allStacks().map(([, c]) => c);
        const seed = seedOf(stacks);
        const state = loadFixtures(seedFixtures(seed));
        for (const c of stacks) for (const { name } of principalNames(c).users) expect(state.user(name)).toBeDefined();
        const ce = { ...stacks[0], edition: "ce" as const };
        expect(() => seedOf([stacks[0], ce])).toThrow(/disagree on the edition/);
    });
});

describe("a seed applied to a GitLab that already holds one", () => {
    const base: Seed = {
        edition: "ee",
        version: "18.2.1",
        automationUser: "bot",
        users: ["alice"],
        groups: { team: { bot: "owner" }, "team/leads": { "leads-member-1": "developer", "leads-member-2": "developer" } },
        projects: { "team/existing": { alice: "developer" } },
    };

    it("adds what is new, sets group members to the seed's, raises project members, and keeps everything else", () => {
        const state = loadFixtures(seedFixtures(base));
        const made = state.project("team/existing")!;
        made.approval_rules.push({ id: 99, name: "kept", rule_type: "regular", report_type: null, approvals_required: 1, user_ids: [], group_ids: [], protected_branch_ids: [], applies_to_all_protected_branches: false });
        const next: Seed = {
            ...base,
            users: ["alice", "sofia"],
            groups: { ...base.groups, "team/leads": { alice: "maintainer" }, "other/deep/group": {} },
            projects: { "team/existing": { alice: "maintainer" }, "other/adopted": {} },
        };
        applySeed(state, next);
        expect(state.user("sofia")).toBeDefined();
        expect(state.group("team/leads")!.members.map((m) => [state.user(m.user_id)!.username, m.access_level])).toEqual([["alice", ROLES.maintainer]]);
        expect(state.group("other/deep")).toBeDefined();
        expect(state.project("other/adopted")!.default_branch).toBe("main");
        expect(state.project("team/existing")!.members).toContainEqual(expect.objectContaining({ user_id: state.user("alice")!.id, access_level: ROLES.maintainer }));
        expect(state.project("team/existing")!.approval_rules.map((r) => r.name)).toEqual(["kept"]);
        // Idempotent: a second application changes nothing.
        const before = JSON.stringify(state);
        applySeed(state, next);
        expect(JSON.stringify(state)).toBe(before);
    });

    it("completes an edited seed with the names the stack newly uses, keeping the edits", () => {
        const edited: Seed = { ...base, groups: { ...base.groups, "team/leads": { alice: "developer" } } };
        const derived: Seed = { ...base, users: ["alice", "sofia"], groups: { ...base.groups, "team/new": { "new-member-1": "developer" } } };
        const { seed, added } = completeSeed(edited, derived);
        expect(added).toEqual(["user sofia", "group team/new"]);
        expect(seed.groups["team/leads"]).toEqual({ alice: "developer" });
        expect(seed.groups["team/new"]).toEqual({ "new-member-1": "developer" });
        expect(completeSeed(seed, derived).added).toEqual([]);
    });
});
