import { GitLabStandin } from "../engine/gitlab-standin";
import { loadSchema } from "../engine/provider-double/schema";
import { ProviderDouble } from "../engine/provider-double/server";
import { UNKNOWN } from "../engine/provider-double/unknown";
import { acme, BOT_TOKEN } from "./standin/helpers";

// The provider double's own semantics, in process: what the real provider
// (Terraform's plan through the bridge) counts as a change, and the REST calls
// behind create and read. The engine suite runs it under the real CLI.

const urn = (type: string, name = "x") => `urn:pulumi:dev::ml-model-governance::ml-model-governance:index:ModelGovernance$${type}::${name}`;
const RULE = "gitlab:index/projectApprovalRule:ProjectApprovalRule";
const PUSH = "gitlab:index/projectPushRules:ProjectPushRules";
const PROTECTION = "gitlab:index/branchProtection:BranchProtection";

describe("the provider double's diff", () => {
    const double = new ProviderDouble(loadSchema());
    const keys = (r: ReturnType<ProviderDouble["diff"]>) => r.changes.map((c) => c.key);

    it("compares sets without order and treats an empty list like an unset one, as Terraform does", () => {
        expect(keys(double.diff(urn(RULE), { project: "1", userIds: [3, 2], groupIds: [] }, { project: "1", userIds: [2, 3] }))).toEqual([]);
        expect(keys(double.diff(urn(RULE), { project: "1", userIds: [2] }, { project: "1", userIds: [2, 3] }))).toEqual(["userIds[1]"]);
    });

    it("reports a set's change element by element, as the bridge's detailed diff does: one approver removed is one entry", () => {
        const diff = double.diff(urn(RULE), { project: "1", userIds: [11, 12, 13, 14] }, { project: "1", userIds: [11, 13, 14] });
        expect(diff.changes).toEqual([{ key: "userIds[1]", kind: 2 /* DELETE */ }]);
        // One approver swapped for another at the same place is one update there.
        expect(double.diff(urn(RULE), { project: "1", userIds: [11, 12] }, { project: "1", userIds: [11, 15] }).changes).toEqual([{ key: "userIds[1]", kind: 4 /* UPDATE */ }]);
        expect(keys(double.diff(urn(RULE), { project: "1", userIds: [] }, { project: "1", userIds: [5] }))).toEqual(["userIds"]);
    });

    it("keeps an Optional+Computed setting that disappears from the inputs: no diff, and the old value is what an update sends", () => {
        expect(keys(double.diff(urn(PUSH), { project: "1", maxFileSize: 10 }, { project: "1" }))).toEqual([]);
    });

    it("plans an absent Default-false or plain Optional input back to its default, so a drift away from it is a change", () => {
        expect(keys(double.diff(urn(RULE), { project: "1", appliesToAllProtectedBranches: true }, { project: "1" }))).toEqual(["appliesToAllProtectedBranches"]);
        expect(keys(double.diff(urn(RULE), { project: "1", appliesToAllProtectedBranches: false }, { project: "1" }))).toEqual([]);
        expect(keys(double.diff(urn(PROTECTION), { project: "1", branch: "main", codeOwnerApprovalRequired: true }, { project: "1", branch: "main" }))).toEqual(["codeOwnerApprovalRequired"]);
        expect(keys(double.diff(urn("gitlab:index/project:Project"), { name: "p", description: "by hand", archived: true }, { name: "p" })).sort()).toEqual(["archived", "description"]);
        expect(keys(double.diff(urn("gitlab:index/project:Project"), { name: "p", description: "", archived: false }, { name: "p" }))).toEqual([]);
    });

    it("replaces on a RequiresReplace input, and sees an unknown input as a change", () => {
        const moved = double.diff(urn(PROTECTION), { project: "1", branch: "main" }, { project: "1", branch: "trunk" });
        expect(moved).toMatchObject({ replace: true });
        expect(keys(double.diff(urn(RULE), { project: "1", protectedBranchIds: [5] }, { project: "1", protectedBranchIds: [UNKNOWN] }))).toEqual(["protectedBranchIds"]);
    });
});

describe("the provider double against the GitLab stand-in", () => {
    let standin: GitLabStandin;
    let double: ProviderDouble;
    beforeAll(async () => {
        standin = new GitLabStandin(acme());
        double = new ProviderDouble(loadSchema());
        await double.configure({ baseUrl: await standin.start(), token: BOT_TOKEN });
    });
    afterAll(() => standin.stop());

    it("takes over the protection GitLab put on a new project's default branch, as the provider does", async () => {
        const project = await double.create(urn("gitlab:index/project:Project"), { name: "Double", namespaceId: 101, initializeWithReadme: true, defaultBranch: "main" }, false);
        const before = standin.requests.length;
        const made = await double.create(urn(PROTECTION), { project: project.id, branch: "main", allowedToPushes: [{ accessLevel: "no one" }], allowedToMerges: [{ accessLevel: "maintainer" }] }, false);
        const p = `/api/v4/projects/${project.id}`;
        expect(standin.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
            "GET /api/v4/metadata 200", // EE or CE decides the inputs, as the provider's ModifyPlan does
            `GET ${p}/protected_branches/main 200`, // GitLab protected the new default branch
            `GET ${p} 200`, // it is the default branch, so the provider may take it over
            `DELETE ${p}/protected_branches/main 204`,
            `POST ${p}/protected_branches 201`,
        ]);
        expect(made.outputs).toMatchObject({ branch: "main", allowedToPushes: [{ accessLevel: "no one" }], branchProtectionId: expect.any(Number) });
    });

    it("does not re-add a maintainer role entry beside a user entry on update (GitLab stores 40 with the user entry)", async () => {
        const project = await double.create(urn("gitlab:index/project:Project"), { name: "Mixed", namespaceId: 101, initializeWithReadme: true, defaultBranch: "main" }, false);
        const wanted = { project: project.id, branch: "main", allowedToPushes: [{ accessLevel: "maintainer" }, { userId: 18 }], allowedToMerges: [{ accessLevel: "maintainer" }] };
        const made = await double.create(urn(PROTECTION), wanted, false);
        const pb = standin.state.project(Number(project.id))!.protected_branches.find((b) => b.name === "main")!;
        expect(pb.push_access_levels.map((l) => [l.access_level, l.user_id])).toEqual([[40, null], [40, 18]]);
        pb.push_access_levels = pb.push_access_levels.filter((l) => l.user_id !== null); // drift: the role entry removed by hand
        await double.update(urn(PROTECTION), made.id, made.outputs, wanted, false);
        expect(pb.push_access_levels.map((l) => [l.access_level, l.user_id])).toEqual([[40, 18]]);
    });

    it("creates a project without its model registry levels and sends them in the update the next plan shows, as the provider does", async () => {
        const PROJECT = urn("gitlab:index/project:Project");
        const inputs = { name: "Registry", namespaceId: 101, initializeWithReadme: true, defaultBranch: "main", modelRegistryAccessLevel: "private", modelExperimentsAccessLevel: "disabled" };
        const before = standin.requests.length;
        const made = await double.create(PROJECT, inputs, false);
        // Neither the POST nor the edit after it carries them (createProject; updatePostCreateEditOptions only for a fork).
        const writes = standin.requests.slice(before).filter((r) => r.method !== "GET");
        expect(writes.map((r) => `${r.method} ${r.path}`)).toContain("POST /api/v4/projects");
        expect(writes.map((r) => JSON.stringify(r.body ?? {})).join(" ")).not.toMatch(/model_(registry|experiments)_access_level/);
        expect(made.outputs).toMatchObject({ modelRegistryAccessLevel: "enabled", modelExperimentsAccessLevel: "enabled" });
        // The plan is made from the state the create read back: both levels differ.
        expect(double.diff(PROJECT, inputs, inputs, made.outputs).changes.map((c) => c.key).sort()).toEqual(["modelExperimentsAccessLevel", "modelRegistryAccessLevel"]);
        const updated = await double.update(PROJECT, made.id, made.outputs, inputs, false);
        expect(updated).toMatchObject({ modelRegistryAccessLevel: "private", modelExperimentsAccessLevel: "disabled" });
        expect(standin.state.project(Number(made.id))!.settings).toMatchObject({ model_registry_access_level: "private", model_experiments_access_level: "disabled" });
        expect(double.diff(PROJECT, inputs, inputs, updated).changes).toEqual([]);
    });

    it("is refused by GitLab for a level it does not know, before anything changes", async () => {
        const made = await double.create(urn("gitlab:index/project:Project"), { name: "Levels", namespaceId: 101, initializeWithReadme: true, defaultBranch: "main" }, false);
        await expect(double.update(urn("gitlab:index/project:Project"), made.id, made.outputs, { name: "Renamed", namespaceId: 101, modelRegistryAccessLevel: "public" }, false)).rejects.toThrow(/model_registry_access_level does not have a valid value/);
        expect(standin.state.project(Number(made.id))!.name).toBe("Levels");
    });

    it("fails Check like the provider on a conflicting approval rule, and reads back what GitLab kept", async () => {
        const failures = await double.check(urn(RULE), { project: "1", approvalsRequired: 1, appliesToAllProtectedBranches: false, protectedBranchIds: [7] });
        expect(failures.map((f) => f.reason)).toContain('Conflicting configuration arguments: "protected_branch_ids": conflicts with applies_to_all_protected_branches');
        const read = await double.read(urn(RULE), "501:999999", {}, {});
        expect(read).toBeUndefined(); // gone from GitLab: dropped from the state
    });
});
