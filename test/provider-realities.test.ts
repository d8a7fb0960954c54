import { GitLabLookupError } from "../src/governance/principals";
import { baseConfig } from "./support/configs";
import { byType, evaluate, gitlab, recorded } from "./support/harness";
import { fixtureConfig } from "./support/stackFile";
import { T } from "./support/tokens";

// What the real provider and GitLab refuse or silently drop, as the program now
// avoids it. Each case failed on the program before these were fixed.

describe("groups GitLab ignores unless the project is shared with them", () => {
    it("shares the project with every code-owner group (Developer) and promotion-gate group, before the file and the gate that name them", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const shares = byType(resources, T.shareGroup);
        const access = Object.fromEntries(shares.map((s) => [gitlab.groupPath(s.inputs.groupId as number), s.inputs.groupAccess]));
        expect(access).toEqual({
            "acme-ml/ml-leads": "developer", // code owner and environment approver: the higher role wins
            "acme-ml/data-stewards": "developer",
            "acme-ml/ml-platform": "developer",
            "acme-ml/release-managers": "developer", // deployers need Developer
        });
        const shareNames = shares.map((s) => s.name);
        const [file] = byType(resources, T.repositoryFile);
        expect(shareNames.every((n) => file.dependencies.some((urn) => urn.endsWith(`::${n}`)))).toBe(true);
        const [gate] = byType(resources, T.protectedEnvironment);
        const sharedIds = (n: string) => gate.dependencies.some((urn) => urn.endsWith(`::${n}`));
        expect(shares.filter((s) => ["acme-ml/ml-leads", "acme-ml/release-managers"].includes(gitlab.groupPath(s.inputs.groupId as number)!)).every((s) => sharedIds(s.name))).toBe(true);
    });

    it("refuses a promotion-gate group given by id that is the project's own group, once the lookup tells its path, before anything is registered", async () => {
        const config = baseConfig();
        const own = gitlab.groupId("acme-ml/models");
        config.repositories[0].promotionGate = { deployers: { groups: [own] }, approvals: [{ group: gitlab.groupId("acme-ml") }, { group: gitlab.groupId("acme-ml/risk") }] };
        const error = await evaluate(config).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        const paths = (error as GitLabLookupError).issues.map((i) => i.path.join("."));
        expect(paths).toEqual(["repositories.0.promotionGate.deployers.groups.0", "repositories.0.promotionGate.approvals.0.group"]);
        expect((error as Error).message).toContain(`ml-model-governance:repositories[0].promotionGate.deployers.groups[0]: got ${own}; is group acme-ml/models; expected a group other than the project's own group or its ancestors (acme-ml/models)`);
        expect(recorded.resources).toHaveLength(0);
    });

    it("shares an environment-approver-only group at Reporter, never the project's own group or its ancestors, and honours sharedGroupAccess", async () => {
        const config = baseConfig();
        config.repositories[0].promotionGate = { deployers: { accessLevel: "maintainer" }, approvals: [{ group: "acme-ml/risk" }] };
        config.repositories[0].codeOwners = { rules: [{ pattern: "*", groups: ["acme-ml", "acme-ml/models"] }] };
        config.automationUser = "ml-bot";
        const shares = (await evaluate(config)).resources.filter((r) => r.type === T.shareGroup);
        expect(shares.map((s) => [gitlab.groupPath(s.inputs.groupId as number), s.inputs.groupAccess])).toEqual([["acme-ml/risk", "reporter"]]);

        config.repositories[0].sharedGroupAccess = "maintainer";
        const raised = (await evaluate(config)).resources.filter((r) => r.type === T.shareGroup);
        expect(raised.map((s) => s.inputs.groupAccess)).toEqual(["maintainer"]);
    });
});

describe("removing a repository from a production config", () => {
    it("leaves every governance resource in GitLab (retainOnDelete), as it leaves the project", async () => {
        const { resources } = await evaluate(fixtureConfig("prod"), "prod");
        const governance = resources.filter((r) => r.custom && r.type !== T.project);
        expect(governance.length).toBeGreaterThan(10);
        expect(governance.filter((r) => !r.retainOnDelete).map((r) => r.name)).toEqual([]);
    });

    it("deletes them in dev, and either way follows retainGovernanceOnDelete when set", async () => {
        const dev = await evaluate(fixtureConfig("dev"), "dev");
        expect(dev.resources.filter((r) => r.custom && r.retainOnDelete).map((r) => r.name)).toEqual([]);
        const config = baseConfig();
        config.repositories[0].retainGovernanceOnDelete = true;
        const retained = await evaluate(config);
        expect(retained.resources.filter((r) => r.custom && r.type !== T.project).every((r) => r.retainOnDelete)).toBe(true);
    });
});

describe("approvers who already have access through a group", () => {
    it("get no membership (GitLab refuses one below the inherited role), but stay approvers", async () => {
        gitlab.inherited.set("acme-ml/models", [["marcus.chen", "maintainer"], ["elena.petrova", "reporter"]]);
        const { resources, fleet } = await evaluate(baseConfig());
        const members = byType(resources, T.membership).map((m) => m.inputs.userId);
        expect(members).toEqual([gitlab.userId("priya.raman"), gitlab.userId("elena.petrova")]); // a Reporter is raised to Developer
        expect(byType(resources, T.approvalRule)[0].inputs.userIds).toEqual(["priya.raman", "marcus.chen", "elena.petrova"].map((u) => gitlab.userId(u)));
        expect(fleet.components[0].eligibleThroughGroups).toEqual(["marcus.chen"]);
        expect(fleet.governance.repositories[0]).toMatchObject({ approverMemberships: ["priya.raman", "elena.petrova"], eligibleWithoutMembership: ["marcus.chen"] });
    });

    it("in an adopted project, judges by access through groups only, so the program's own memberships do not flap", async () => {
        const config = baseConfig();
        config.repositories = [{ existing: "acme-ml/models/legacy-ranker", addApproversAsMembers: true, approvalRules: [{ name: "Leads", approvalsRequired: 1, users: ["priya.raman", "marcus.chen", "elena.petrova"] }] }];
        const project = "acme-ml/models/legacy-ranker";
        // priya holds the Developer membership a previous run made; marcus is an Owner through the group, and a direct Developer too.
        gitlab.direct.set(project, [["priya.raman", "developer"], ["marcus.chen", "developer"]]);
        gitlab.inherited.set(project, [["marcus.chen", "owner"], ["priya.raman", "developer"]]);
        const { resources, invokes } = await evaluate(config);
        expect(byType(resources, T.membership).map((m) => m.inputs.userId)).toEqual([gitlab.userId("priya.raman"), gitlab.userId("elena.petrova")]);
        expect(invokes.filter((i) => i.token === T.getProjectMembership).map((i) => i.inputs.inherited).sort()).toEqual([false, true]);
    });
});

describe("access an adopted project already grants", () => {
    const adoptedWith = (extra: Record<string, unknown>) => {
        const config = baseConfig();
        config.automationUser = "ml-bot";
        config.repositories = [
            {
                existing: "acme-ml/models/legacy-ranker",
                addApproversAsMembers: true,
                approvalRules: [{ name: "Leads", approvalsRequired: 1, users: ["priya.raman", "marcus.chen", "elena.petrova"] }],
                codeOwners: { rules: [{ pattern: "*", groups: ["acme-ml/ml-platform", "acme-ml/leads", "acme-ml/risk"] }] },
                ...extra,
            },
        ];
        return config;
    };
    const project = "acme-ml/models/legacy-ranker";

    it("is adopted (imported) where it matches what the program would make, left alone where it is higher, and never removed", async () => {
        gitlab.shares.set(project, [["acme-ml/ml-platform", 30], ["acme-ml/leads", 40]]);
        gitlab.direct.set(project, [["priya.raman", "developer"], ["marcus.chen", "maintainer"]]);
        const { resources } = await evaluate(adoptedWith({}));
        const shares = byType(resources, T.shareGroup);
        expect(shares.map((s) => [gitlab.groupPath(s.inputs.groupId as number), s.importId])).toEqual([
            ["acme-ml/ml-platform", expect.stringMatching(/^\d+:\d+$/)],
            ["acme-ml/risk", ""],
        ]);
        const members = byType(resources, T.membership);
        expect(members.map((m) => [m.inputs.userId, m.importId !== ""])).toEqual([
            [gitlab.userId("priya.raman"), true],
            [gitlab.userId("elena.petrova"), false],
        ]);
        expect([...shares, ...members].every((r) => r.retainOnDelete)).toBe(true);
    });

    it("fails at preview where it is below what GitLab needs, naming the key: a second share or membership would be refused", async () => {
        gitlab.shares.set(project, [["acme-ml/ml-platform", 20]]);
        gitlab.direct.set(project, [["elena.petrova", "reporter"]]);
        const error = await evaluate(adoptedWith({})).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        const message = (error as Error).message;
        expect(message).toContain('ml-model-governance:repositories[0].approvalRules[0].users[2]: got "elena.petrova"; is already a direct member of acme-ml/models/legacy-ranker below Developer');
        expect(message).toContain('ml-model-governance:repositories[0].existing: got "acme-ml/models/legacy-ranker"; is already shared with acme-ml/ml-platform below developer');
    });

    it("names the key in the repository concerned, for a user given by name or numeric id, when their membership is below Developer", async () => {
        gitlab.direct.set(project, [["elena.petrova", "reporter"]]);
        const config = adoptedWith({});
        const elena = gitlab.userId("elena.petrova");
        // Another repository names the same people first: the message must still point into the adopted one.
        config.repositories.unshift({ name: "Churn Model", approvalRules: [{ name: "Leads", approvalsRequired: 1, users: ["elena.petrova", elena, "marcus.chen"] }] });
        config.repositories[1].approvalRules[0].users = ["priya.raman", "marcus.chen", elena];
        const error = await evaluate(config).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        expect((error as GitLabLookupError).issues.map((i) => i.path.join("."))).toEqual(["repositories.1.approvalRules.0.users.2"]);
        expect((error as Error).message).toContain(`ml-model-governance:repositories[1].approvalRules[0].users[2]: got ${elena}; is already a direct member of acme-ml/models/legacy-ranker below Developer`);

        config.repositories[1].approvalRules[0].users = ["priya.raman", "marcus.chen", "elena.petrova"];
        const byName = await evaluate(config).catch((e: unknown) => e);
        expect((byName as GitLabLookupError).issues.map((i) => i.path.join("."))).toEqual(["repositories.1.approvalRules.0.users.2"]);
    });
});

describe("an approver's spelling in config", () => {
    it("does not change the membership's identity: username, numeric id and case name the same resource, named after GitLab's username", async () => {
        const names = async (users: Array<string | number>) => {
            const config = baseConfig();
            config.repositories[0].approvalRules[0].users = users;
            return byType((await evaluate(config)).resources, T.membership).map((m) => m.name);
        };
        const byName = await names(["priya.raman", "marcus.chen", "elena.petrova"]);
        expect(await names([gitlab.userId("priya.raman"), "Marcus.Chen", "elena.petrova"])).toEqual(byName);
        expect(byName[0]).toBe("churn-model-member-priya.raman");
    });
});

describe("the GitLab edition", () => {
    it("on gitlab.com Free (EE without a license) protects the branch with allowedTo* access levels only", async () => {
        const config = baseConfig();
        config.tier = "free";
        config.repositories[0].approvalRules = [];
        const [protection] = byType((await evaluate(config)).resources, T.branchProtection);
        expect(protection.inputs).toEqual({ project: expect.any(String), branch: "main", allowedToPushes: [{ accessLevel: "no one" }], allowedToMerges: [{ accessLevel: "maintainer" }], allowForcePush: false });
    });

    it("is checked against GET /metadata at preview, naming the key to fix", async () => {
        gitlab.edition = "ce";
        const error = await evaluate(baseConfig()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        expect((error as Error).message).toContain('ml-model-governance:edition: got "ee"; expected "ce": GET /metadata says this GitLab');
    });
});

describe("adopting an empty repository", () => {
    it("fails at preview with the config key and what to do, before any resource", async () => {
        const config = baseConfig();
        gitlab.emptyProjects.add("acme-ml/models/empty-model");
        config.repositories = [{ existing: "acme-ml/models/empty-model", approvalRules: [{ name: "Leads", approvalsRequired: 1, groups: ["acme-ml/leads"] }] }];
        const error = await evaluate(config).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(GitLabLookupError);
        expect((error as Error).message).toContain('ml-model-governance:repositories[0].existing: got "acme-ml/models/empty-model"; is an empty repository with no default branch');
        const { recorded } = await import("./support/harness");
        expect(recorded.resources).toHaveLength(0);
    });
});
