import * as pulumi from "@pulumi/pulumi";
import { GitLabLookupError } from "../src/governance/principals";
import { byType, evaluate, gitlab, promiseOf, recorded, toConfigMap } from "./support/harness";
import { baseConfig } from "./support/configs";
import { fixtureConfig } from "./support/stackFile";
import { T } from "./support/tokens";

describe("adopting an existing project", () => {
    it("creates no Project, looks it up once, and protects its current default branch", async () => {
        const config = baseConfig();
        config.repositories = [{ existing: "acme-ml/models/legacy-ranker", approvalRules: [{ name: "Owners", approvalsRequired: 1, groups: [42] }] }];
        const { resources, invokes, fleet } = await evaluate(config);

        expect(byType(resources, T.project)).toHaveLength(0);
        expect(invokes.filter((i) => i.token === T.getProject)).toEqual([{ token: T.getProject, inputs: { pathWithNamespace: "acme-ml/models/legacy-ranker" }, version: "10.1.1" }]);
        const projectId = await promiseOf(fleet.components[0].projectId);
        const [protection] = byType(resources, T.branchProtection);
        expect(protection.inputs).toMatchObject({ project: projectId, branch: "trunk" });
        const [rule] = byType(resources, T.approvalRule);
        expect(rule.inputs).toMatchObject({ project: projectId, groupIds: [42], userIds: [] });
        expect(await promiseOf(fleet.projectUrl)).toBe("https://gitlab.example.com/acme-ml/models/legacy-ranker");
        expect(fleet.components[0].project).toBeUndefined();
    });

    it("protects the branch named in protectedBranch.branch instead, when set", async () => {
        const config = baseConfig();
        config.repositories = [{ existing: "acme-ml/models/legacy-ranker", protectedBranch: { branch: "release/*" }, approvalRules: [{ name: "Owners", approvalsRequired: 0, users: [5] }] }];
        const { resources } = await evaluate(config);
        expect(byType(resources, T.branchProtection)[0].inputs.branch).toBe("release/*");
    });
});

describe("GitLab lookups", () => {
    it("looks each distinct user and group path up once per run, plus the edition and the namespaces' members", async () => {
        const config = baseConfig();
        config.defaults.approvalRules = [{ name: "Leads", approvalsRequired: 1, users: ["priya.raman", "Marcus.Chen", 77], groups: ["acme-ml/leads", 9] }];
        config.repositories = [
            { name: "A" },
            { name: "B", namespace: "acme-ml/leads" },
            { name: "C", approvalRules: [{ name: "Leads", approvalsRequired: 1, users: ["marcus.chen", "priya.raman", 77] }] },
        ];
        const { invokes, fleet, resources } = await evaluate(config);

        const asked = invokes.map((i) => `${i.token.split(":").pop()} ${Object.values(i.inputs).join()}`).sort();
        expect(asked).toEqual([
            "getGroup acme-ml/leads",
            "getGroup acme-ml/models",
            // Who already has access through the namespace decides which memberships GitLab would refuse.
            "getGroupMembership acme-ml/leads,true",
            "getGroupMembership acme-ml/models,true",
            "getMetadata ",
            // A user given by id, for the username that names its membership.
            "getUser 77",
            "getUser Marcus.Chen",
            "getUser priya.raman",
        ]);
        expect(fleet.principals.lookupCount).toBe(asked.length);
        const [a] = byType(resources, T.approvalRule).filter((r) => r.name === "a-rule-leads");
        // In GitLab id order, whatever the config's: editing the list changes only what was edited.
        const ids = [gitlab.userId("priya.raman"), gitlab.userId("marcus.chen"), 77].sort((x, y) => x - y);
        expect(a.inputs).toMatchObject({ userIds: ids, groupIds: [9, gitlab.groupId("acme-ml/leads")].sort((x, y) => x - y) });
    });
});

describe("a username GitLab does not know", () => {
    it("fails the run in the lookups, naming the key that holds it, before any resource is registered", async () => {
        const config = baseConfig();
        config.repositories[0].approvalRules[0].users = ["priya.raman", "ghost.user", "elena.petrova"];
        gitlab.missingUsers.add("ghost.user");
        const error = await evaluate(config).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        expect((error as Error).message).toContain('ml-model-governance:repositories[0].approvalRules[0].users[1]: got "ghost.user"; GitLab has no user "ghost.user" that the token can see');
        expect(recorded.invokes.map((i) => i.token)).toContain(T.getUser);
        expect(recorded.resources).toHaveLength(0);
    });
});

describe("tier free", () => {
    it("on Community Edition uses the CE access-level inputs and registers no approval resources", async () => {
        const config = baseConfig();
        config.tier = "free";
        config.edition = "ce";
        gitlab.edition = "ce";
        config.repositories[0].approvalRules = [];
        config.repositories[0].protectedBranch = { pushAccessLevel: "maintainer", mergeAccessLevel: "developer" };
        const { resources } = await evaluate(config);
        expect(byType(resources, T.branchProtection)[0].inputs).toEqual({
            project: expect.any(String),
            branch: "main",
            pushAccessLevel: "maintainer",
            mergeAccessLevel: "developer",
            allowForcePush: false,
        });
        expect(byType(resources, T.mrApprovals)).toHaveLength(0);
        expect(byType(resources, T.approvalRule)).toHaveLength(0);
    });
});

describe("resource identity", () => {
    it("keeps resource names when a project is renamed under a stable key, so a rename is an update", async () => {
        const before = baseConfig();
        before.repositories[0].key = "churn";
        const after = baseConfig();
        after.repositories[0] = { ...after.repositories[0], key: "churn", name: "Customer Churn Model", path: "customer-churn" };
        const names = (rs: readonly { type: string; name: string }[]) => rs.map((r) => `${r.type} ${r.name}`).sort();
        const first = await evaluate(before);
        const second = await evaluate(after);
        expect(names(second.resources)).toEqual(names(first.resources));
        expect(byType(second.resources, T.project)[0].inputs).toMatchObject({ name: "Customer Churn Model", path: "customer-churn" });
    });
});

describe("index.ts", () => {
    it("exports projectUrl, a per-repository map and the governance summary from the stack config", async () => {
        const { fleet } = await evaluate(fixtureConfig("prod"), "prod"); // sets mocks and config
        pulumi.runtime.setAllConfig(toConfigMap(fixtureConfig("prod")));
        // Nothing else in this file loads index.ts; Pulumi calls its exported function, as here.
        const program: Record<string, any> = await (require("../index") as () => Promise<Record<string, any>>)();
        expect(await promiseOf(program.projectUrl)).toBe(await promiseOf(fleet.projectUrl));
        expect(Object.keys(program.repositories)).toEqual(["fraud-detection-model"]);
        expect(program.governance.repositories[0].protectedBranch).toMatchObject({ branch: "main", allowForcePush: false, codeOwnerApprovalRequired: true });
    });
});
