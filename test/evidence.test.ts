import * as http from "http";
import type { AddressInfo } from "net";
import { parseGovernanceConfig } from "../src/config";
import { governanceChanges, type SummaryJson } from "../src/evidence/changes";
import { adherenceScore, CONTROL_IDS, controlAdherence } from "../src/evidence/controls";
import { evidenceCsv, evidenceFiles, sha256 } from "../src/evidence/files";
import { mergeRequestFact } from "../src/evidence/mergeRequest";
import { evidenceRecord, MissingOutputsError, provenanceFromEnv, type StackOutputs } from "../src/evidence/record";
import { evidenceSchemaErrors } from "../src/evidence/validate";
import { judgeWeakenings } from "../src/evidence/weakening";
import { summarizeGovernance, type RepositorySummary } from "../src/governance/summary";
import { fixtureNamespace } from "./support/stackFile";

/** The frozen prod fixture's summary, as the program exports it (JSON, no undefined). */
function prodSummary(edit: (config: Record<string, any>) => void = () => undefined): RepositorySummary[] {
    const raw = fixtureNamespace("prod");
    edit(raw);
    return JSON.parse(JSON.stringify(summarizeGovernance(parseGovernanceConfig(raw, { stack: "prod" })).repositories)) as RepositorySummary[];
}
const rules = (c: Record<string, any>) => c.repositories[0].approvalRules as Array<Record<string, any>>;
const diff = (edit: (c: Record<string, any>) => void) => governanceChanges(prodSummary() as unknown as SummaryJson[], prodSummary(edit) as unknown as SummaryJson[]);

describe("control adherence, by GitLab's control identifiers", () => {
    it("passes every control for the prod fixture, each with its reason", () => {
        const results = controlAdherence(prodSummary()[0]);
        expect(results.map((r) => r.control)).toEqual([...CONTROL_IDS]);
        expect(results.filter((r) => r.status === "fail")).toEqual([]);
        expect(results.find((r) => r.control === "minimum_approvals_required_2")!.reason).toBe("the approval rules require 3 approvals in all");
        expect(adherenceScore(results)).toEqual({ passed: 8, total: 8 });
    });

    it("fails each control whose setting is off, saying which key", () => {
        const [repo] = prodSummary((c) => {
            c.production = false; // production refuses most of these at validation already
            c.defaults.mergeRequestApprovals = { allowAuthorApproval: true, allowCommitterApproval: true, resetApprovalsOnPush: false };
            c.defaults.protectedBranch = { allowForcePush: true, codeOwnerApprovalRequired: false };
            delete c.defaults.pushRules;
            c.repositories[0].approvalRules = [{ name: "One", approvalsRequired: 1, users: ["priya.raman"] }];
            delete c.repositories[0].codeOwners;
            c.repositories[0].defaultBranch = "main";
            c.repositories[0].protectedBranch = { branch: "release" };
        });
        const failed = Object.fromEntries(controlAdherence(repo).filter((r) => r.status === "fail").map((r) => [r.control, r.reason]));
        expect(failed).toEqual({
            merge_request_prevent_author_approval: expect.stringContaining("allowAuthorApproval is on"),
            merge_request_prevent_committers_approval: expect.stringContaining("allowCommitterApproval is on"),
            minimum_approvals_required_2: "the approval rules require 1 approval in all; GitLab's control asks for at least 2",
            reset_approvals_on_push: expect.stringContaining("resetApprovalsOnPush is off"),
            code_owner_approval_required: expect.stringContaining("no codeOwners"),
            force_push_disabled: expect.stringContaining("allowForcePush is on"),
            require_signed_commits: "no push rules are governed",
            default_branch_protected: "the protected branch `release` is not the default branch `main`",
        });
    });

    it("counts the approval settings as not governed on GitLab Free", () => {
        const [repo] = prodSummary((c) => {
            c.tier = "free";
            delete c.defaults.pushRules;
            delete c.repositories[0].codeOwners;
            delete c.repositories[0].promotionGate;
            // Free names no one who may create a protected tag: a role only.
            c.repositories[0].releaseTags = [{ pattern: "model-v*", createAccessLevel: "maintainer" }];
            delete c.defaults.protectedBranch.codeOwnerApprovalRequired;
            delete c.defaults.protectedBranch.unprotectAccessLevel;
            delete c.defaults.mergeRequestApprovals;
            c.repositories[0].approvalRules = [];
        });
        const author = controlAdherence(repo).find((r) => r.control === "merge_request_prevent_author_approval")!;
        expect(author).toEqual({ control: "merge_request_prevent_author_approval", status: "fail", reason: expect.stringContaining("not available on GitLab Free") });
    });
});

describe("the difference between two summaries", () => {
    it("names exactly the approvers added and removed, by name, and nothing else", () => {
        expect(diff((c) => (rules(c)[0].users = ["priya.raman", "jonas.weber", "elena.petrova", "nadia.okafor"]))).toEqual({
            repositoriesAdded: [],
            repositoriesRemoved: [],
            approvers: [{ repository: "fraud-detection-model", rule: "ML leads", added: ["jonas.weber"], removed: ["marcus.chen"] }],
            settings: [],
        });
    });

    it("judges weakened and strengthened settings", () => {
        const { settings } = diff((c) => {
            c.production = false; // production refuses author approval and code owners off at validation already
            rules(c)[0].approvalsRequired = 1;
            rules(c).splice(1, 1);
            c.defaults.protectedBranch.codeOwnerApprovalRequired = false;
            c.defaults.mergeRequestApprovals.allowAuthorApproval = true;
            c.defaults.mergeRequestApprovals.resetApprovalsOnPush = true;
            c.defaults.protectedBranch.mergeAccessLevel = "no one";
            c.defaults.pushRules.rejectUnsignedCommits = false;
            c.repositories[0].anyApprover = { approvalsRequired: 1 };
        });
        expect(settings.map((s) => `${s.setting} ${JSON.stringify(s.from)}→${JSON.stringify(s.to)} ${s.direction}`)).toEqual([
            "approvalRules[ML leads].approvalsRequired 2→1 weakened",
            "approvalRules[Data stewards] 1→null weakened",
            "anyApprover.approvalsRequired null→1 strengthened",
            "protectedBranch.mergeAccessLevel \"maintainer\"→\"no one\" strengthened",
            "protectedBranch.codeOwnerApprovalRequired true→false weakened",
            "mergeRequestApprovals.allowAuthorApproval false→true weakened",
            "pushRules.rejectUnsignedCommits true→false weakened",
            // On in production unless set (a deleted release tag could be re-created elsewhere).
            "pushRules.denyDeleteTag true→false weakened",
            // Production's defaults, no longer managed outside it: GitLab keeps them, so changed, not weakened.
            'mergeChecks {"pipelineMustSucceed":true,"discussionsMustBeResolved":true}→null changed',
            'modelRegistry {"registry":"private","experiments":"private"}→null changed',
            "promotionGate.triggererMayApprove false→null changed",
            // Follows `production` (off outside it); a key the diff has no rule for is shown as changed.
            "retainGovernanceOnDelete true→false changed",
        ]);
    });

    it("judges the release guards: merge checks off, the triggerer allowed to approve, release tags or the gate removed", () => {
        const before = [{ key: "a", mergeChecks: { pipelineMustSucceed: true, discussionsMustBeResolved: true }, promotionGate: { environment: "production", triggererMayApprove: false }, releaseTags: [{ pattern: "model-v*" }] }];
        const after = [{ key: "a", mergeChecks: { pipelineMustSucceed: true, discussionsMustBeResolved: false }, promotionGate: { environment: "production", triggererMayApprove: true }, releaseTags: [] }];
        expect(governanceChanges(before, after).settings.map((c) => `${c.setting} ${c.direction}`)).toEqual([
            "mergeChecks.discussionsMustBeResolved weakened",
            "promotionGate.triggererMayApprove weakened",
            "releaseTags weakened",
        ]);
        const gateRemoved = [{ key: "a", mergeChecks: before[0].mergeChecks, releaseTags: before[0].releaseTags }];
        expect(governanceChanges(before, gateRemoved).settings.map((c) => `${c.setting} ${c.direction}`)).toEqual(["promotionGate weakened"]);
    });

    it("judges the model registry: private to enabled and disabled to either weaken it, the reverse strengthens it, and no longer managed is a change", () => {
        const at = (registry?: string, experiments?: string) => [{ key: "a", modelRegistry: { ...(registry ? { registry } : {}), ...(experiments ? { experiments } : {}) } }];
        const judged = (before: ReturnType<typeof at>, after: ReturnType<typeof at>) => governanceChanges(before, after).settings.map((c) => `${c.setting} ${JSON.stringify(c.from)}→${JSON.stringify(c.to)} ${c.direction}`);
        expect(judged(at("private", "disabled"), at("enabled", "private"))).toEqual(['modelRegistry.registry "private"→"enabled" weakened', 'modelRegistry.experiments "disabled"→"private" weakened']);
        expect(judged(at("disabled", "disabled"), at("enabled", "enabled"))).toEqual(['modelRegistry.registry "disabled"→"enabled" weakened', 'modelRegistry.experiments "disabled"→"enabled" weakened']);
        expect(judged(at("enabled", "private"), at("private", "disabled"))).toEqual(['modelRegistry.registry "enabled"→"private" strengthened', 'modelRegistry.experiments "private"→"disabled" strengthened']);
        expect(judged(at("private", "private"), at(undefined, "private"))).toEqual(['modelRegistry.registry "private"→null changed']);
    });

    it("judges who may promote and who may tag: fewer promotion approvals or more deployers or tag creators are weaker, the reverse stronger", () => {
        const gate = (approvals: string[], deployers: string[]) => ({ environment: "production", approvals, deployers, freezePeriods: [] });
        const tags = (...entries: Array<[string, string[]]>) => entries.map(([pattern, creators]) => ({ pattern, creators }));
        const judge = (before: Record<string, unknown>, after: Record<string, unknown>) =>
            governanceChanges([{ key: "a", ...before }], [{ key: "a", ...after }]).settings.map((c) => `${c.setting} ${c.direction}`);

        const leads = "2 approvals from group acme-ml/leads";
        expect(judge({ promotionGate: gate([leads, "approval by user cto"], []) }, { promotionGate: gate([leads], []) })).toEqual(["promotionGate.approvals weakened"]);
        expect(judge({ promotionGate: gate(["approval by user cto"], []) }, { promotionGate: gate([leads], []) })).toEqual(["promotionGate.approvals strengthened"]);
        expect(judge({ promotionGate: gate([leads], ["group acme-ml/deployers"]) }, { promotionGate: gate([leads], ["group acme-ml/deployers", "user intern"]) })).toEqual(["promotionGate.deployers weakened"]);
        expect(judge({ promotionGate: gate([leads], ["access level maintainer"]) }, { promotionGate: gate([leads], ["access level developer"]) })).toEqual(["promotionGate.deployers weakened"]);

        const managers = "group acme-ml/release-managers";
        expect(judge({ releaseTags: tags(["model-v*", [managers]]) }, { releaseTags: tags(["model-v*", [managers, "access level developer"]]) })).toEqual(["releaseTags weakened"]);
        expect(judge({ releaseTags: tags(["model-v*", [managers, "user release-bot"]]) }, { releaseTags: tags(["model-v*", [managers]]) })).toEqual(["releaseTags strengthened"]);
        expect(judge({ releaseTags: tags(["model-v*", [managers]]) }, { releaseTags: tags(["model-v*", [managers]], ["v*", ["access level maintainer"]]) })).toEqual(["releaseTags strengthened"]);
        expect(judge({ releaseTags: tags(["model-v*", [managers]], ["v*", [managers]]) }, { releaseTags: tags(["model-v*", [managers]]) })).toEqual(["releaseTags weakened"]);
        // One creator swapped for another: neither clearly.
        expect(judge({ releaseTags: tags(["model-v*", ["user a"]]) }, { releaseTags: tags(["model-v*", ["user b"]]) })).toEqual(["releaseTags changed"]);
    });

    it("judges a compliance framework removed as a weakening, and one changed as a change", () => {
        const soc2 = { name: "SOC 2", group: "acme-ml" };
        const labelled = (c: Record<string, any>) => {
            c.complianceFrameworks = [{ ...soc2, description: "Reviewed changes", color: "#1f75cb" }, { name: "Internal", group: "acme-ml", description: "Internal models", color: "#aaaaaa" }];
            c.repositories[0].complianceFramework = "SOC 2";
        };
        const before = prodSummary(labelled) as unknown as SummaryJson[];
        const removed = governanceChanges(before, prodSummary((c) => {
            labelled(c);
            delete c.repositories[0].complianceFramework;
        }) as unknown as SummaryJson[]);
        expect(removed.settings).toEqual([{ repository: "fraud-detection-model", setting: "complianceFramework", from: soc2, to: null, direction: "weakened" }]);
        expect(judgeWeakenings(removed, [], true).refusals[0].message).toContain("complianceFramework goes from {\"name\":\"SOC 2\",\"group\":\"acme-ml\"} to null, which weakens production governance");
        const changed = governanceChanges(before, prodSummary((c) => {
            labelled(c);
            c.repositories[0].complianceFramework = "Internal";
        }) as unknown as SummaryJson[]);
        expect(changed.settings).toEqual([{ repository: "fraud-detection-model", setting: "complianceFramework", from: soc2, to: { name: "Internal", group: "acme-ml" }, direction: "changed" }]);
        const added = governanceChanges(prodSummary() as unknown as SummaryJson[], before);
        expect(added.settings.map((c) => `${c.setting} ${c.direction}`)).toEqual(["complianceFramework changed"]);
    });

    it("shows a change to a section it does not know as a whole value, so later sections slot in", () => {
        const before = [{ key: "a", releaseTags: [{ pattern: "v*" }] }];
        const after = [{ key: "a", releaseTags: [{ pattern: "release-*" }] }];
        expect(governanceChanges(before, after).settings).toEqual([{ repository: "a", setting: "releaseTags", from: [{ pattern: "v*" }], to: [{ pattern: "release-*" }], direction: "changed" }]);
        expect(governanceChanges(before, [{ key: "b" }])).toMatchObject({ repositoriesAdded: ["b"], repositoriesRemoved: ["a"] });
    });
});

describe("the weakening acknowledgement", () => {
    const changes = diff((c) => (rules(c)[0].approvalsRequired = 1));
    const ack = { repository: "fraud-detection-model", setting: "approvalRules[ML leads].approvalsRequired", from: 2, to: 1, reason: "reviewed by the CISO, ticket SEC-12" };

    it("refuses a production weakening without one, naming the setting, both values and the key to add", () => {
        const verdict = judgeWeakenings(changes, [], true);
        expect(verdict.refusals).toEqual([
            {
                path: ["acknowledgeWeakenings"],
                message: expect.stringMatching(/^repository fraud-detection-model: approvalRules\[ML leads\]\.approvalsRequired goes from 2 to 1, which weakens production governance; after review, add \{ repository: fraud-detection-model, setting: "approvalRules\[ML leads\]\.approvalsRequired", from: 2, to: 1, reason: /),
            },
        ]);
    });

    it("refuses nothing outside production", () => {
        expect(judgeWeakenings(changes, [], false).refusals).toEqual([]);
    });

    it("accepts exactly the acknowledged change, and no other value of the same setting", () => {
        expect(judgeWeakenings(changes, [ack], true)).toEqual({ refusals: [], acknowledged: [ack], stale: [] });
        const other = judgeWeakenings(changes, [{ ...ack, to: 0 }], true);
        expect(other.refusals).toHaveLength(1);
        expect(other.stale).toEqual([{ path: ["acknowledgeWeakenings", 0], message: expect.stringContaining("matches no weakening of this run") }]);
    });

    it("reports an acknowledgement once its change is applied, so it cannot stay on unnoticed", () => {
        const applied = governanceChanges(prodSummary((c) => (rules(c)[0].approvalsRequired = 1)) as unknown as SummaryJson[], prodSummary((c) => (rules(c)[0].approvalsRequired = 1)) as unknown as SummaryJson[]);
        expect(judgeWeakenings(applied, [ack], true).stale).toHaveLength(1);
    });

    it("acknowledges a whole section removed, a promotion gate or the push rules, by its value before", () => {
        const gate = { environment: "production", deployers: ["acme-ml/release-managers"] };
        const removed = governanceChanges([{ key: "a", promotionGate: gate, pushRules: { denyDeleteTag: true } } as SummaryJson], [{ key: "a" } as SummaryJson]);
        expect(removed.settings.map((c) => `${c.setting} ${c.direction}`)).toEqual(["pushRules weakened", "promotionGate weakened"]);
        const acks = [
            { repository: "a", setting: "promotionGate", from: gate, to: null, reason: "model retired, reviewed by the model risk board" },
            { repository: "a", setting: "pushRules", from: { denyDeleteTag: true }, to: null, reason: "model retired, reviewed by the model risk board" },
        ];
        const raw = fixtureNamespace("prod");
        // The stack config accepts them as written, and they match exactly those removals.
        expect(parseGovernanceConfig({ ...raw, acknowledgeWeakenings: acks }, { stack: "prod" }).acknowledgedWeakenings).toHaveLength(2);
        expect(judgeWeakenings(removed, acks, true).refusals).toEqual([]);
    });

    it("is validated with the stack config, naming the key", () => {
        const raw = fixtureNamespace("prod");
        expect(() => parseGovernanceConfig({ ...raw, acknowledgeWeakenings: [{ ...ack, reason: "ok" }] }, { stack: "prod" })).toThrow(/ml-model-governance:acknowledgeWeakenings\[0\]\.reason: .*at least 10 characters/);
    });
});

describe("the evidence record", () => {
    const outputs = (): StackOutputs => ({
        governance: { environment: "prod", production: true, providerVersion: "10.1.1", repositories: prodSummary().map((r) => ({ ...r, url: "https://gitlab.example.com/acme-ml/models/fraud-detection-model" })) },
        changeControl: { previousDeployment: true, changes: diff((c) => (rules(c)[0].users = ["priya.raman", "jonas.weber"])), acknowledgedWeakenings: [] },
    });
    const local = provenanceFromEnv({}, { absent: "not run in GitLab CI" });
    const record = () => evidenceRecord({ stack: "prod", outputs: outputs(), provenance: local, recordedAt: new Date("2026-12-05T18:00:00Z"), programVersion: "0.1.0", pulumiCliVersion: "v3.274.1" });

    it("shows each repository's compliance framework, in the JSON and the CSV", () => {
        const framed = evidenceRecord({
            ...{ stack: "prod", provenance: local, recordedAt: new Date("2026-12-05T18:00:00Z"), programVersion: "0.1.0", pulumiCliVersion: "v3.274.1" },
            outputs: { ...outputs(), governance: { ...outputs().governance!, repositories: outputs().governance!.repositories.map((r) => ({ ...r, complianceFramework: { name: "SOC 2, CC8.1", group: "acme-ml" } })) } },
        });
        expect(evidenceSchemaErrors(framed)).toEqual([]);
        expect(framed.repositories[0].complianceFramework).toEqual({ name: "SOC 2, CC8.1", group: "acme-ml" });
        expect(record().repositories[0].complianceFramework).toBeNull();
        expect(evidenceCsv(framed).split("\r\n")[1]).toContain(',https://gitlab.example.com/acme-ml/models/fraud-detection-model,"SOC 2, CC8.1",merge_request_prevent_author_approval,');
        expect(evidenceSchemaErrors({ ...framed, repositories: [{ ...framed.repositories[0], complianceFramework: { name: "" } }] })).not.toEqual([]);
    });

    it("is valid against the committed schema, and a broken one is not", () => {
        expect(evidenceSchemaErrors(record())).toEqual([]);
        expect(evidenceSchemaErrors({ ...record(), repositories: [{ ...record().repositories[0], controls: [{ control: "made_up", status: "pass", reason: "x" }] }] })).toEqual([expect.stringContaining("/repositories/0/controls/0/control")]);
        expect(evidenceSchemaErrors({ ...record(), provenance: { ...local, commitSha: "" } })).not.toEqual([]);
    });

    it("marks every CI fact absent locally, and takes them from GitLab CI's variables", () => {
        expect(local.commitSha).toEqual({ absent: "CI_COMMIT_SHA is not set: not run in GitLab CI" });
        const ci = provenanceFromEnv({ CI_COMMIT_SHA: "0123abcd", CI_PIPELINE_ID: "42", CI_PIPELINE_URL: "https://gitlab.example.com/p/-/pipelines/42", CI_JOB_ID: "7", CI_JOB_URL: "https://gitlab.example.com/p/-/jobs/7" }, { absent: "x" });
        expect(ci).toMatchObject({ commitSha: "0123abcd", pipeline: { id: "42" }, job: { id: "7" } });
    });

    it("refuses a stack without this program's outputs", () => {
        expect(() => evidenceRecord({ stack: "prod", outputs: {}, provenance: local, recordedAt: new Date(), programVersion: "0", pulumiCliVersion: "v3" })).toThrow(MissingOutputsError);
    });

    it("writes a CSV row per repository and control, quoting as RFC 4180 does, and a sha256sum manifest of both files", () => {
        const csv = evidenceCsv(record()).split("\r\n");
        expect(csv).toHaveLength(1 + CONTROL_IDS.length + 1); // header, rows, final line break
        expect(csv[0]).toBe("stack,environment,recorded_at,commit_sha,pipeline_id,repository,project_url,compliance_framework,control,status,reason");
        expect(csv[1]).toBe("prod,prod,2026-12-05T18:00:00.000Z,,,fraud-detection-model,https://gitlab.example.com/acme-ml/models/fraud-detection-model,,merge_request_prevent_author_approval,pass,authors may not approve their own merge requests");
        expect(csv.find((l) => l.includes("code_owner_approval_required"))).toMatch(/,pass,\.gitlab\/CODEOWNERS is governed and the protected branch requires code owner approval$/);
        const files = evidenceFiles(record());
        expect(files.SHA256SUMS).toBe(`${sha256(files["evidence.json"])}  evidence.json\n${sha256(files["evidence.csv"])}  evidence.csv\n`);
    });
});

describe("the merge request behind the commit", () => {
    let server: http.Server;
    let api: string;
    const seen: string[] = [];
    beforeAll(async () => {
        server = http.createServer((req, res) => {
            seen.push(`${req.headers["private-token"]} ${req.url}`);
            const body = req.url!.endsWith("/merge_requests")
                ? [
                      { iid: 3, state: "opened", web_url: "u3", title: "other" },
                      { iid: 9, state: "merged", web_url: "https://gitlab.example.com/p/-/merge_requests/9", title: "Add jonas.weber", author: { username: "priya.raman" }, merged_by: { username: "elena.petrova" }, merge_commit_sha: "abc123" },
                  ]
                : { approved_by: [{ user: { username: "nadia.okafor" } }, { user: { username: "elena.petrova" } }] };
            res.setHeader("content-type", "application/json");
            res.end(JSON.stringify(body));
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
    });
    afterAll(() => new Promise((r) => server.close(r)));

    it("is read with GitLab's commit and approvals endpoints", async () => {
        const env = { CI_API_V4_URL: api, CI_PROJECT_ID: "acme/infra", CI_COMMIT_SHA: "abc123", GITLAB_TOKEN: "glpat-read" };
        expect(await mergeRequestFact(env)).toEqual({ iid: 9, url: "https://gitlab.example.com/p/-/merge_requests/9", title: "Add jonas.weber", author: "priya.raman", mergedBy: "elena.petrova", approvedBy: ["nadia.okafor", "elena.petrova"] });
        expect(seen).toEqual(["glpat-read /api/v4/projects/acme%2Finfra/repository/commits/abc123/merge_requests", "glpat-read /api/v4/projects/acme%2Finfra/merge_requests/9/approvals"]);
    });

    it("is marked absent, with GitLab's answer, when the API refuses: the update is applied by then", async () => {
        const env = { CI_API_V4_URL: api, CI_PROJECT_ID: "1", CI_COMMIT_SHA: "abc", GITLAB_TOKEN: "glpat-other-instance" };
        const refused = async () => {
            throw new Error("GET https://gitlab.example.com/api/v4/projects/1/repository/commits/abc/merge_requests: GitLab answered 401");
        };
        expect(await mergeRequestFact(env, refused)).toEqual({ absent: expect.stringContaining("GitLab answered 401") });
    });

    it("is marked absent outside CI and without a token", async () => {
        expect(await mergeRequestFact({})).toEqual({ absent: expect.stringContaining("not run in GitLab CI") });
        expect(await mergeRequestFact({ CI_API_V4_URL: api, CI_PROJECT_ID: "1", CI_COMMIT_SHA: "abc" })).toEqual({ absent: expect.stringContaining("no read_api token") });
    });
});

describe("comparing with the stack outputs", () => {
    it("ignores the order of object keys, which the outputs do not keep", () => {
        const [repo] = prodSummary();
        const reordered = JSON.parse(JSON.stringify(repo, (_, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v)));
        expect(governanceChanges([reordered], [repo as unknown as SummaryJson]).settings).toEqual([]);
    });
});
