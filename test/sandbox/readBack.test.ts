// The sandbox's read-back: what GitLab enforces, from the REST API with the
// read-only token, rendered for a terminal and as Markdown. Against the
// stand-in with a project set up as GitLab would hold it.
import { GitLabStandin } from "../../engine/gitlab-standin";
import { readProject } from "../../engine/sandbox/readBack";
import { LABEL, renderMarkdown, renderText } from "../../engine/sandbox/summary";
import { BOT_TOKEN, Client, ID, READ_TOKEN, acme } from "../standin/helpers";

const PATH = "acme-ml/models/governed";
const CODEOWNERS = "[Models][2]\n/models/ @acme-ml/ml-leads\n";

let standin: GitLabStandin;
let baseUrl: string;
beforeAll(async () => {
    standin = new GitLabStandin(
        acme((f) =>
            f.projects!.push({
                id: 700,
                path_with_namespace: PATH,
                name: "Governed",
                members: [{ user_id: ID.priya, access_level: 30 }],
                shared_with_groups: [{ group_full_path: "acme-ml/release-managers", group_access: 30 }],
                protected_branches: [{ name: "main", allowed_to_push: [{ user_id: ID.bot }], merge_access_level: 40, unprotect_access_level: 40, code_owner_approval_required: true }],
                approval_rules: [{ name: "ML leads", approvals_required: 1, user_ids: [ID.priya], group_ids: [ID.dataStewards], protected_branches: ["main"] }],
                approval_settings: { merge_requests_author_approval: false, reset_approvals_on_push: true },
                push_rule: { max_file_size: 10, prevent_secrets: true },
                files: { "README.md": "# Governed\n", ".gitlab/CODEOWNERS": CODEOWNERS },
            }),
        ),
    );
    baseUrl = await standin.start();
    const gate = await new Client(baseUrl, BOT_TOKEN).post("projects/700/protected_environments", {
        name: "production",
        deploy_access_levels: [{ group_id: ID.releaseManagers }],
        approval_rules: [{ user_id: ID.priya, required_approvals: 1 }],
    });
    expect(gate.status).toBe(201);
});
afterAll(() => standin?.stop());

describe("reading back a governed project", () => {
    it("reports its protection, rules with their eligible approvers, settings, CODEOWNERS, push rule and gate", async () => {
        const p = await readProject(baseUrl, READ_TOKEN, PATH, "ee");
        expect(p.protectedBranches).toEqual([{ name: "main", push: ["@ml-governance-bot"], merge: ["Maintainers"], unprotect: ["Maintainers"], allowForcePush: false, codeOwnerApprovalRequired: true }]);
        const nadia = standin.state.user(ID.nadia)!.username;
        expect(p.approvalRules).toEqual([{ name: "ML leads", type: "regular", approvalsRequired: 1, users: ["@priya.raman"], groups: ["@acme-ml/data-stewards"], eligible: expect.arrayContaining(["@priya.raman", `@${nadia}`]), branches: ["main"], appliesToAll: false }]);
        expect(p.approvalSettings).toMatchObject({ merge_requests_author_approval: false, reset_approvals_on_push: true });
        expect(p.codeOwners).toEqual({ file: ".gitlab/CODEOWNERS", content: CODEOWNERS });
        expect(p.pushRule).toMatchObject({ max_file_size: 10, prevent_secrets: true });
        expect(p.environments).toEqual([{ name: "production", deployers: ["@acme-ml/release-managers"], approvals: [{ who: "@priya.raman", required: 1 }] }]);
        // Only reads, and only with the read-only token.
        expect(standin.requests.filter((r) => r.method !== "GET" && !r.path.includes("protected_environments"))).toEqual([]);
    });

    it("says so when the project is not in GitLab", async () => {
        expect(await readProject(baseUrl, READ_TOKEN, "acme-ml/models/never-made", "ee")).toMatchObject({ path: "acme-ml/models/never-made", missing: true });
    });

    it("renders for a terminal and as Markdown, each with the sandbox label", async () => {
        const projects = [await readProject(baseUrl, READ_TOKEN, PATH, "ee"), await readProject(baseUrl, READ_TOKEN, "acme-ml/models/never-made", "ee")];
        const text = renderText("prod", projects);
        expect(text).toContain(`${PATH} (default branch main)`);
        expect(text).toMatch(/ML leads \(regular\): 1 approval\(s\) from @priya\.raman, @acme-ml\/data-stewards; eligible: .*@priya\.raman/);
        expect(text).toContain("main: push @ml-governance-bot; merge Maintainers; unprotect Maintainers");
        expect(text).toContain("production: deployers @acme-ml/release-managers");
        expect(text).toContain("production: approvals @priya.raman (1 required)");
        expect(text).toContain("    | /models/ @acme-ml/ml-leads");
        expect(text).toContain("GitLab has no project at this path");
        expect(text.trimEnd().endsWith(LABEL)).toBe(true);
        const md = renderMarkdown("prod", projects);
        expect(md).toContain(`## \`${PATH}\``);
        expect(md).toContain("```\n[Models][2]\n/models/ @acme-ml/ml-leads\n```");
        expect(md).toContain(`> ${LABEL}`);
        expect(md).not.toMatch(/\n{3,}/);
    });
});
