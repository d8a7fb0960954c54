import { ConfigValidationError } from "../src/config";
import { evaluate, recorded } from "./support/harness";
import { baseConfig } from "./support/configs";

type Case = [title: string, mutate: (c: Record<string, any>) => void, expected: string[], stack?: string];

const repo0 = "ml-model-governance:repositories[0]";
const rule0 = `${repo0}.approvalRules[0]`;

const cases: Case[] = [
    ["unknown top-level key, with a hint", (c) => (c.repositoriez = []), ["ml-model-governance:repositoriez: unknown key (did you mean `repositories`?)"]],
    ["unknown repository key, with a hint", (c) => (c.repositories[0].aprovalRules = []), [`${repo0}.aprovalRules: unknown key (did you mean \`approvalRules\`?)`]],
    ["unknown rule key", (c) => (c.repositories[0].approvalRules[0].approvers = ["x"]), [`${rule0}.approvers: unknown key`]],
    ["unknown defaults key", (c) => (c.defaults.mergeRequestApproval = {}), ["ml-model-governance:defaults.mergeRequestApproval: unknown key (did you mean `mergeRequestApprovals`?)"]],
    ["identity key in defaults", (c) => (c.defaults.name = "x"), ["ml-model-governance:defaults.name: unknown key; expected one of: namespace"]],
    ["no repositories", (c) => (c.repositories = []), ["ml-model-governance:repositories: got []; expected at least one repository"]],
    ["repositories missing", (c) => delete c.repositories, ["ml-model-governance:repositories: missing; expected a list"]],
    ["repository not a mapping", (c) => (c.repositories[0] = "churn"), [`${repo0}: got "churn"; expected a mapping`]],
    ["approvalsRequired above 100", (c) => (c.repositories[0].approvalRules[0].approvalsRequired = 101), [`${rule0}.approvalsRequired: got 101; expected an integer from 0 to 100`]],
    ["approvalsRequired negative", (c) => (c.repositories[0].approvalRules[0].approvalsRequired = -1), [`${rule0}.approvalsRequired: got -1; expected an integer from 0 to 100`]],
    ["approvalsRequired fractional", (c) => (c.repositories[0].approvalRules[0].approvalsRequired = 1.5), [`${rule0}.approvalsRequired: got 1.5; expected an integer from 0 to 100`]],
    ["approvalsRequired as text", (c) => (c.repositories[0].approvalRules[0].approvalsRequired = "two"), [`${rule0}.approvalsRequired: got "two"; expected an integer from 0 to 100`]],
    ["approvalsRequired missing", (c) => delete c.repositories[0].approvalRules[0].approvalsRequired, [`${rule0}.approvalsRequired: missing; expected an integer from 0 to 100`]],
    // The author and one committer may both be among three named users: one approval is all that is sure.
    // Three named users and no group can never give four approvals, whatever GitLab's settings.
    ["more approvals than named users", (c) => (c.repositories[0].approvalRules[0].approvalsRequired = 4), [
        `${rule0}.approvalsRequired: got 4; requires 4 approvals but names only 3 users and no group, so no merge request could ever be approved; add users or a group`,
    ]],
    ["more approvals than named users, with author and committer approval allowed", (c) => {
        c.repositories[0].approvalRules[0].approvalsRequired = 4;
        c.repositories[0].mergeRequestApprovals = { allowAuthorApproval: true, allowCommitterApproval: true };
    }, [`${rule0}.approvalsRequired: got 4; requires 4 approvals but names only 3 users`]],
    ["a rule that requires nothing in production", (c) => {
        c.environment = "prod";
        c.repositories[0].approvalRules[0].approvalsRequired = 0;
    }, [`${rule0}.approvalsRequired: got 0; expected at least 1 in a production stack: a rule that requires no approval guards nothing`], "prod"],
    ["rule with no approvers", (c) => (c.repositories[0].approvalRules[0].users = []), [`${rule0}: names no approvers`]],
    ["duplicate approver", (c) => (c.repositories[0].approvalRules[0].users = ["priya.raman", "Priya.Raman", "x"]), [`${rule0}.users[1]: got "Priya.Raman"; expected each approver once`]],
    ["duplicate rule names", (c) => c.repositories[0].approvalRules.push({ name: "ml-leads", approvalsRequired: 1, groups: ["acme-ml/leads"] }), [`${repo0}.approvalRules[1].name: got "ml-leads"; expected a unique rule name`]],
    ["username with @", (c) => (c.repositories[0].approvalRules[0].users[0] = "@priya"), [`${rule0}.users[0]: got "@priya"; expected a GitLab username`]],
    ["user id not positive", (c) => (c.repositories[0].approvalRules[0].users[0] = 0), [`${rule0}.users[0]: got 0; expected a GitLab username (e.g. \`alice\`) or a positive numeric user id`]],
    ["group path with spaces", (c) => (c.repositories[0].approvalRules[0].groups = ["acme ml/leads"]), [`${rule0}.groups[0]: got "acme ml/leads"; expected a group full path`]],
    ["users not a list", (c) => (c.repositories[0].approvalRules[0].users = "priya.raman"), [`${rule0}.users: got "priya.raman"; expected a list`]],
    ["bad tier", (c) => (c.tier = "gold"), ['ml-model-governance:tier: got "gold"; expected one of: "free", "premium", "ultimate"']],
    ["bad visibility", (c) => (c.repositories[0].visibility = "secret"), [`${repo0}.visibility: got "secret"; expected one of: "private", "internal", "public"`]],
    ["bad access level", (c) => (c.repositories[0].protectedBranch = { pushAccessLevel: "nobody" }), [`${repo0}.protectedBranch.pushAccessLevel: got "nobody"; expected one of: "no one", "developer"`]],
    ["unprotect by no one", (c) => (c.repositories[0].protectedBranch = { unprotectAccessLevel: "no one" }), [`${repo0}.protectedBranch.unprotectAccessLevel: got "no one"`]],
    ["force push as text", (c) => (c.repositories[0].protectedBranch = { allowForcePush: "no" }), [`${repo0}.protectedBranch.allowForcePush: got "no"; expected true or false`]],
    ["bad branch name", (c) => (c.repositories[0].protectedBranch = { branch: "main..x" }), [`${repo0}.protectedBranch.branch: got "main..x"; expected a git branch name`]],
    ["selective code owner removals with reset on push", (c) => (c.repositories[0].mergeRequestApprovals = { selectiveCodeOwnerRemovals: true }), [`${repo0}.mergeRequestApprovals.selectiveCodeOwnerRemovals: got true; expected false while resetApprovalsOnPush is true`]],
    ["self-approval in production", (c) => {
        delete c.environment; // the stack name "prod" marks it production
        c.repositories[0].mergeRequestApprovals = { allowAuthorApproval: true };
    }, [`${repo0}.mergeRequestApprovals.allowAuthorApproval: got true; expected false in a production stack`], "prod"],
    ["neither name nor existing", (c) => delete c.repositories[0].name, [`${repo0}: expected either \`name\``]],
    ["existing with create-only keys", (c) => (c.repositories[0].existing = "acme-ml/models/churn"), [`${repo0}.name: cannot be combined with \`existing\``]],
    ["existing without a namespace", (c) => (c.repositories[0] = { existing: "churn" }), [`${repo0}.existing: got "churn"; expected \`namespace/project\``]],
    ["path ending in .git", (c) => (c.repositories[0].path = "churn.git"), [`${repo0}.path: got "churn.git"; expected a project path that does not end in \`.git\``]],
    ["name that yields no path", (c) => (c.repositories[0].name = "***"), [`${repo0}.name: got "***"; expected a name that yields a valid project path`]],
    ["duplicate repositories", (c) => c.repositories.push({ name: "Churn Model" }), ["ml-model-governance:repositories[1].name: got \"acme-ml/models/churn-model\"; expected each project once; repositories[0]"]],
    ["duplicate keys", (c) => c.repositories.push({ name: "Churn", path: "churn-2", key: "churn-model" }), ["ml-model-governance:repositories[1].key: got \"churn-model\"; expected a unique key"]],
    ["free tier with approval rules", (c) => (c.tier = "free"), [`${repo0}.approvalRules: merge request approval rules need GitLab Premium or Ultimate, but tier is "free"`]],
    ["free tier with code owner approval", (c) => {
        c.tier = "free";
        c.repositories[0].approvalRules = [];
        c.defaults.protectedBranch = { codeOwnerApprovalRequired: true };
    }, ['ml-model-governance:defaults.protectedBranch.codeOwnerApprovalRequired: code owner approval need GitLab Premium or Ultimate, but tier is "free"']],
    ["bad value inherited from defaults names defaults", (c) => (c.defaults.visibility = "open"), ['ml-model-governance:defaults.visibility: got "open"']],
    ["production as text", (c) => (c.production = "yes"), ['ml-model-governance:production: got "yes"; expected true or false']],
    ["a mistyped namespace", (c) => (c["ml-model-governence:defaults"] = { visibility: "public" }), ["ml-model-governence:defaults: unknown config namespace (did you mean `ml-model-governance:defaults`?)"]],
    ["a GitLab token in the stack config", (c) => (c["gitlab:token"] = "glpat-secret"), ["gitlab:token: expected no GitLab token in the stack file: the provider prefers it to GITLAB_TOKEN"]],
];

const owners = `${repo0}.codeOwners`;
const gate = `${repo0}.promotionGate`;
const withOwners = (c: Record<string, any>, codeOwners: unknown) => {
    c.automationUser = "ml-bot";
    c.repositories[0].codeOwners = codeOwners;
};
const withGate = (c: Record<string, any>, promotionGate: unknown) => (c.repositories[0].promotionGate = promotionGate);

const mlCases: Case[] = [
    ["code owner rule without owners", (c) => withOwners(c, { rules: [{ pattern: "/models/" }] }), [`${owners}.rules[0]: names no owners`]],
    ["code owners with nothing in them", (c) => withOwners(c, {}), [`${owners}: expected at least one entry in \`rules\` or \`sections\``]],
    ["code owner pattern with a space", (c) => withOwners(c, { rules: [{ pattern: "/my models/", groups: ["acme-ml/leads"] }] }), [`${owners}.rules[0].pattern: got "/my models/"; expected a CODEOWNERS pattern`]],
    ["code owner pattern that is a comment", (c) => withOwners(c, { rules: [{ pattern: "#models", groups: ["acme-ml/leads"] }] }), [`${owners}.rules[0].pattern: got "#models"`]],
    ["code owner given by numeric id", (c) => withOwners(c, { rules: [{ pattern: "*", users: [42] }] }), [`${owners}.rules[0].users[0]: got 42; expected a username or group path: CODEOWNERS names owners, so numeric ids cannot be used`]],
    ["code owner that is neither username nor group path", (c) => withOwners(c, { rules: [{ pattern: "*", groups: ["acme ml"] }] }), [`${owners}.rules[0].groups[0]: got "acme ml"; expected a group full path`]],
    ["unknown code owners key", (c) => withOwners(c, { rules: [{ pattern: "*", owners: ["x"] }] }), [`${owners}.rules[0].owners: unknown key`]],
    ["code owners file GitLab does not read", (c) => withOwners(c, { file: "OWNERS", rules: [{ pattern: "*", users: ["a"] }] }), [`${owners}.file: got "OWNERS"; expected one of: "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"`]],
    ["duplicate section names", (c) => withOwners(c, { sections: [{ name: "Data", rules: [{ pattern: "/data/", groups: ["g/a"] }] }, { name: "data", rules: [{ pattern: "dvc.yaml", groups: ["g/a"] }] }] }), [`${owners}.sections[1].name: got "data"; expected a unique section name`]],
    ["optional section with a count", (c) => withOwners(c, { sections: [{ name: "Docs", optional: true, approvalsRequired: 2, rules: [{ pattern: "*.md", groups: ["g/a"] }] }] }), [`${owners}.sections[0].approvalsRequired: got 2; expected no count on an optional section`]],
    ["section count above its named owners", (c) => withOwners(c, { sections: [{ name: "Training", approvalsRequired: 3, rules: [{ pattern: "/training/", users: ["a", "b"] }] }] }), [
        `${owners}.sections[0].rules[0].users: got ["a","b"]; the section requires 3 approvals but names only 2 users and no group, so no merge request could ever be approved`,
    ]],
    ["code owners with nobody allowed to push them", (c) => (c.repositories[0].codeOwners = { rules: [{ pattern: "*", groups: ["g/a"] }] }), [`${owners}: expected ml-model-governance:automationUser to be set`]],
    ["code owners with nobody allowed to push them, under a wildcard protection", (c) => {
        c.repositories[0].codeOwners = { rules: [{ pattern: "*", groups: ["g/a"] }] };
        c.repositories[0].protectedBranch = { branch: "m*n" };
    }, [`${owners}: expected ml-model-governance:automationUser to be set`]],
    ["code owners with nobody allowed to push them, in an adopted project whose default branch is named", (c) => {
        c.repositories[0] = { existing: "acme-ml/models/legacy", protectedBranch: { branch: "trunk" }, codeOwners: { rules: [{ pattern: "*", groups: ["g/a"] }] } };
    }, ["ml-model-governance:repositories[0].codeOwners: expected ml-model-governance:automationUser to be set"]],
    ["code owner listed twice, counted once", (c) => withOwners(c, { sections: [{ name: "Training", approvalsRequired: 3, rules: [{ pattern: "/training/", users: ["ana", "Ana", "bo"] }] }] }), [
        `${owners}.sections[0].rules[0].users[1]: got "Ana"; expected each owner once`,
        `${owners}.sections[0].rules[0].users: got ["ana","Ana","bo"]; the section requires 3 approvals but names only 2 users`,
    ]],
    ["code owner approval switched off in production", (c) => {
        c.environment = "prod";
        withOwners(c, { rules: [{ pattern: "*", groups: ["g/a"] }] });
        c.repositories[0].protectedBranch = { codeOwnerApprovalRequired: false };
    }, [`${repo0}.protectedBranch.codeOwnerApprovalRequired: got false; expected true (or unset) in a production stack that manages code owners`]],
    ["bad automationUser", (c) => (c.automationUser = "@bot"), ['ml-model-governance:automationUser: got "@bot"; expected a GitLab username']],
    ["push rule regex that does not compile", (c) => (c.repositories[0].pushRules = { blockedFileNameRegex: "\\.(pt|onnx$" }), [`${repo0}.pushRules.blockedFileNameRegex: got "\\\\.(pt|onnx$"; expected a regular expression GitLab's RE2 engine accepts (missing closing )`]],
    ["push rule regex with lookahead", (c) => (c.defaults.pushRules = { branchNameRegex: "^(?!wip/).*" }), ["ml-model-governance:defaults.pushRules.branchNameRegex: got \"^(?!wip/).*\"; expected a regular expression GitLab's RE2 engine accepts (invalid or unsupported Perl syntax: `(?!`)"]],
    ["blocked extension with a dot", (c) => (c.repositories[0].pushRules = { blockedFileExtensions: [".onnx"] }), [`${repo0}.pushRules.blockedFileExtensions[0]: got ".onnx"; expected a file extension without the dot`]],
    ["negative max file size", (c) => (c.repositories[0].pushRules = { maxFileSizeMb: -5 }), [`${repo0}.pushRules.maxFileSizeMb: got -5; expected a number at least 0`]],
    ["promotion gate without deployers", (c) => withGate(c, { deployers: {}, approvals: [{ group: "acme-ml/leads" }] }), [`${gate}.deployers: names no deployers`]],
    ["promotion gate without approvals", (c) => withGate(c, { deployers: { accessLevel: "maintainer" }, approvals: [] }), [`${gate}.approvals: got []; expected a list with at least 1 approval rule`]],
    ["promotion approval naming a user and a group", (c) => withGate(c, { deployers: { accessLevel: "maintainer" }, approvals: [{ user: "a", group: "g/b" }] }), [`${gate}.approvals[0]: expected exactly one of \`user\`, \`group\` or \`accessLevel\`, not user and group`]],
    ["promotion approval count on a user", (c) => withGate(c, { deployers: { accessLevel: "maintainer" }, approvals: [{ user: "a", approvalsRequired: 2 }] }), [`${gate}.approvals[0].approvalsRequired: got 2; expected no count on a user entry`]],
    ["promotion deployers by an access level GitLab does not offer", (c) => withGate(c, { deployers: { accessLevel: "owner" }, approvals: [{ group: "g/b" }] }), [`${gate}.deployers.accessLevel: got "owner"; expected one of: "developer", "maintainer"`]],
    ["free tier with push rules", (c) => {
        c.tier = "free";
        c.repositories[0].approvalRules = [];
        c.repositories[0].pushRules = { maxFileSizeMb: 10 };
    }, [`${repo0}.pushRules: push rules need GitLab Premium or Ultimate, but tier is "free"`, "Free this program manages the project and its protected branch"]],
    ["free tier with a promotion gate", (c) => {
        c.tier = "free";
        c.repositories[0].approvalRules = [];
        withGate(c, { deployers: { accessLevel: "maintainer" }, approvals: [{ group: "g/b" }] });
    }, [`${gate}: protected environments with deployment approvals need GitLab Premium or Ultimate, but tier is "free"`]],
    ["free tier with code owners", (c) => {
        c.tier = "free";
        c.repositories[0].approvalRules = [];
        withOwners(c, { rules: [{ pattern: "*", groups: ["g/a"] }] });
    }, [`${owners}: code owners need GitLab Premium or Ultimate, but tier is "free"`]],
    ["free tier with the any-approver rule", (c) => {
        c.tier = "free";
        c.repositories[0].approvalRules = [];
        c.repositories[0].anyApprover = { approvalsRequired: 1 };
    }, [`${repo0}.anyApprover: the any-approver rule need GitLab Premium or Ultimate`]],
];

const withRules = (c: Record<string, any>, pushRules: unknown, codeOwners: unknown = { rules: [{ pattern: "*", groups: ["acme-ml/leads"] }] }) => {
    withOwners(c, codeOwners);
    c.repositories[0].pushRules = pushRules;
};

/** What the real provider or GitLab would refuse or silently drop at `up` (issue: provider realities). */
const providerCases: Case[] = [
    ["admin-only unprotect on gitlab.com", (c) => (c.repositories[0].protectedBranch = { unprotectAccessLevel: "admin" }), [
        `${repo0}.protectedBranch.unprotectAccessLevel: got "admin"; expected developer or maintainer: GitLab refuses to create a protection that the token's user could not remove`,
    ]],
    ["admin-only unprotect on a self-managed instance without an admin token", (c) => {
        c.selfManaged = true;
        c.repositories[0].protectedBranch = { unprotectAccessLevel: "admin" };
    }, [`${repo0}.protectedBranch.unprotectAccessLevel: got "admin"`]],
    ["an admin token claimed on gitlab.com", (c) => (c.adminToken = true), ["ml-model-governance:adminToken: got true; expected false unless selfManaged is true"]],
    ["a paid tier on Community Edition", (c) => (c.edition = "ce"), ['ml-model-governance:tier: got "premium"; expected tier "free" with edition "ce"']],
    ["Community Edition with the default tier", (c) => {
        c.edition = "ce";
        delete c.tier;
    }, ['ml-model-governance:edition: got "ce"; expected tier "free" with edition "ce": Community Edition has no Premium or Ultimate features (tier defaults to "premium"; set it explicitly)']],
    ["a promotion approval count GitLab refuses", (c) => withGate(c, { deployers: { accessLevel: "maintainer" }, approvals: [{ group: "acme-ml/leads", approvalsRequired: 6 }] }), [`${gate}.approvals[0].approvalsRequired: got 6; expected a number at most 5`]],
    ["a promotion gate group that is the project's own group", (c) => withGate(c, { deployers: { groups: ["acme-ml"] }, approvals: [{ group: "acme-ml/models" }] }), [
        `${gate}.deployers.groups[0]: got "acme-ml"; expected a group other than the project's own group or its ancestors (acme-ml/models)`,
        `${gate}.approvals[0].group: got "acme-ml/models"; expected a group other than the project's own group`,
    ]],
    ["groups shared below the Developer role code owners need", (c) => {
        withOwners(c, { rules: [{ pattern: "*", groups: ["acme-ml/leads"] }] });
        c.repositories[0].sharedGroupAccess = "reporter";
    }, [`${repo0}.sharedGroupAccess: got "reporter"; expected developer or maintainer: code owners need at least the Developer role to approve`]],
    ["a commit message rule the CODEOWNERS commits do not match", (c) => withRules(c, { commitMessageRegex: "^(feat|fix): " }), [
        `${repo0}.pushRules.commitMessageRegex: got "^(feat|fix): "; expected a pattern that the create commit of CODEOWNERS ("Add CODEOWNERS from the ml-model-governance stack config") matches`,
        "the delete commit of CODEOWNERS",
    ]],
    ["a forbidden commit message pattern the CODEOWNERS commits contain", (c) => withRules(c, { commitMessageNegativeRegex: "(?i)codeowners" }), [`${repo0}.pushRules.commitMessageNegativeRegex: got "(?i)codeowners"; expected a pattern that the create commit of CODEOWNERS`]],
    ["a blocked file name rule that blocks the CODEOWNERS file", (c) => withRules(c, { blockedFileNameRegex: "^\\.gitlab/" }), [`${repo0}.pushRules.blockedFileNameRegex: got "^\\\\.gitlab/"; expected a rule that does not block .gitlab/CODEOWNERS`]],
    ["an author e-mail rule with no e-mail to author the commits", (c) => withRules(c, { authorEmailRegex: "@acme\\.example$" }), [`${owners}: expected ml-model-governance:automationUser and ml-model-governance:automationUserEmail to be set`, "authorEmailRegex"]],
    ["an author e-mail rule the bot's e-mail does not match", (c) => {
        withRules(c, { authorEmailRegex: "@acme\\.example$" });
        c.automationUserEmail = "bot@elsewhere.example";
    }, [`${repo0}.pushRules.authorEmailRegex: got "@acme\\\\.example$"; expected a pattern that automationUserEmail (bot@elsewhere.example) matches`]],
    ["a DCO rule with no e-mail for the sign-off", (c) => withRules(c, { rejectNonDcoCommits: true }), [`${owners}: expected ml-model-governance:automationUser and ml-model-governance:automationUserEmail to be set`, "Signed-off-by"]],
];

describe("config the provider or GitLab would refuse at up", () => {
    it.each(providerCases)("%s: names the key and registers nothing", async (_title, mutate, expected, stack = "dev") => {
        const config = baseConfig();
        mutate(config);
        const error = await evaluate(config, stack).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ConfigValidationError);
        for (const fragment of expected) expect((error as Error).message).toContain(fragment);
        expect(recorded.resources).toHaveLength(0);
        expect(recorded.invokes).toHaveLength(0);
    });

    it("accepts push rules that the CODEOWNERS commits pass, and signs them off under a DCO rule", async () => {
        const config = baseConfig();
        withRules(config, { commitMessageRegex: "^(Add|Update|Remove) ", commitMessageNegativeRegex: "(?i)wip", rejectNonDcoCommits: true, authorEmailRegex: "@acme\\.example$" });
        config.automationUserEmail = "ml-bot@acme.example";
        const { resources } = await evaluate(config);
        const [file] = resources.filter((r) => r.type === "gitlab:index/repositoryFile:RepositoryFile");
        expect(file.inputs).toMatchObject({
            createCommitMessage: "Add CODEOWNERS from the ml-model-governance stack config\n\nSigned-off-by: ml-bot <ml-bot@acme.example>",
            deleteCommitMessage: "Remove CODEOWNERS managed by ml-model-governance\n\nSigned-off-by: ml-bot <ml-bot@acme.example>",
            authorEmail: "ml-bot@acme.example",
            authorName: "ml-bot",
        });
        expect(file.inputs).not.toHaveProperty("commitMessage");
    });
});

describe("bad stack config", () => {
    it.each([...cases, ...mlCases])("%s: names the key and registers nothing", async (_title, mutate, expected, stack = "dev") => {
        const config = baseConfig();
        mutate(config);
        const error = await evaluate(config, stack).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConfigValidationError);
        const message = (error as Error).message;
        for (const fragment of expected) expect(message).toContain(fragment);
        // No remedy ever weakens the gate to nothing.
        expect(message).not.toMatch(/lower approvalsRequired|expected at most 0|approvalsRequired: 0/);
        expect(recorded.resources).toHaveLength(0);
        expect(recorded.invokes).toHaveLength(0);
    });

    it("reports every problem at once, across defaults and repositories", async () => {
        const config = baseConfig();
        config.tier = "gold";
        config.defaults.mergeRequestApprovals = { allowAuthorApproval: "no" };
        config.repositories[0].approvalRules[0].approvalsRequired = 500;
        config.repositories.push({ name: "Second", approvalRules: [{ name: "x", approvalsRequired: 4, users: ["a", "b"] }] });
        const error = (await evaluate(config).catch((e: unknown) => e)) as ConfigValidationError;
        expect(error.issues.map((i) => i.path.join("/"))).toEqual([
            "tier",
            "defaults/mergeRequestApprovals/allowAuthorApproval",
            `repositories/0/approvalRules/0/approvalsRequired`,
            `repositories/1/approvalRules/0/approvalsRequired`,
        ]);
        expect(error.message).toMatch(/^Invalid ml-model-governance stack config \(4 problems\); nothing was registered:/);
        expect(recorded.resources).toHaveLength(0);
    });
});
