import type { GovernanceConfig } from "../config";
import { summarizeGovernance, type RepositorySummary } from "../governance/summary";
import { adherenceScore, controlAdherence } from "../evidence/controls";
import type { GovernanceChanges } from "../evidence/changes";
import { governanceDiagram } from "./mermaid";

const yesNo = (b: boolean | undefined): string => (b ? "yes" : "no");
const list = (items: readonly string[]): string => (items.length === 0 ? "—" : items.join(", "));
const cell = (text: string | number): string => String(text).replace(/\|/g, "\\|");

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string[] {
    return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

/**
 * The effective policy of a validated stack config as Markdown: who may
 * approve what, by name. Works offline; it reads nothing but the config.
 */
export function governanceReport(config: GovernanceConfig, stack: string, warnings: readonly string[] = [], changes?: GovernanceChanges): string {
    const summary = summarizeGovernance(config);
    const lines = [
        `# Model governance: stack \`${stack}\``,
        "",
        ...table(
            ["environment", "production", "GitLab", "provider", "automation user"],
            [[summary.environment, yesNo(summary.production), `${summary.edition.toUpperCase()}, ${summary.tier}, ${summary.selfManaged ? "self-managed" : "gitlab.com"}`, `pulumi-gitlab ${summary.providerVersion}`, summary.automationUser ?? "—"]],
        ),
    ];
    if (warnings.length > 0) {
        // What may not work for some merge requests, as `npm run check` and `pulumi preview` say it.
        lines.push("", "## Warnings", "", ...warnings.map((w) => `- ${w}`));
    }
    for (const repo of summary.repositories) lines.push("", ...repositorySection(repo, summary.automationUser, changes));
    return `${lines.join("\n")}\n`;
}

function repositorySection(repo: RepositorySummary, automationUser: string | undefined, changes: GovernanceChanges | undefined): string[] {
    const { project, protectedBranch: pb } = repo;
    const framework = repo.complianceFramework ? ` Compliance framework: **${repo.complianceFramework.name}** (of ${repo.complianceFramework.group}).` : "";
    const out = [`## ${repo.key}: \`${project.path}\``, "", `Project ${project.managed}${project.visibility ? `, ${project.visibility}` : ""}.${framework}`];
    // GitLab renders it in the merge request note and in Markdown files.
    out.push("", "```mermaid", governanceDiagram(repo, automationUser, changes), "```");
    if (project.dataSafety) {
        const ds = project.dataSafety;
        out.push(`Data safety: protect ${yesNo(ds.protect)}, retain on delete ${yesNo(ds.retainOnDelete)}, archive on destroy ${yesNo(ds.archiveOnDestroy)}.`);
    }
    const pushers = repo.codeOwners && automationUser ? `${pb.pushAccessLevel} (and ${automationUser}, to commit CODEOWNERS)` : pb.pushAccessLevel;
    out.push("", `### Protected branch \`${pb.branch}\``, "", ...table(["setting", "value"], [
        ["who may push", pushers],
        ["who may merge", pb.mergeAccessLevel],
        ...(pb.unprotectAccessLevel ? [["who may unprotect", pb.unprotectAccessLevel]] : []),
        ["force push allowed", yesNo(pb.allowForcePush)],
        ...(pb.codeOwnerApprovalRequired !== undefined ? [["code owner approval required", yesNo(pb.codeOwnerApprovalRequired)]] : []),
    ]));

    out.push("", "### Merge request approval rules", "");
    if (repo.approvalRules.length === 0 && !repo.anyApprover) out.push("None.");
    else {
        out.push(...table(["rule", "approvals required", "users", "groups"], [
            ...repo.approvalRules.map((r) => [r.name, r.approvalsRequired, list(r.users), list(r.groups)]),
            ...(repo.anyApprover ? [["any approver (project-wide)", repo.anyApprover.approvalsRequired, "any eligible member", "—"]] : []),
        ]));
    }

    const mr = repo.mergeRequestApprovals;
    out.push("", "### Merge request approval settings", "");
    if (mr === "not available on GitLab Free") out.push("Not available on GitLab Free.");
    else {
        out.push(...table(["setting", "value"], [
            ["author may approve own merge request", yesNo(mr.allowAuthorApproval)],
            ["committers may approve", yesNo(mr.allowCommitterApproval)],
            ["approvals reset on push", yesNo(mr.resetApprovalsOnPush)],
            ["approvers may be overridden per merge request", yesNo(mr.allowOverridingApproversPerMergeRequest)],
            ["re-authentication required to approve", yesNo(mr.requireReauthenticationToApprove)],
            ["selective code owner removals", yesNo(mr.selectiveCodeOwnerRemovals)],
        ]));
    }

    if (repo.codeOwners) {
        out.push("", `### Code owners (\`${repo.codeOwners.file}\`)`, "", ...table(["section", "approvals", "pattern", "owners"],
            repo.codeOwners.sections.flatMap((s) => s.rules.map((r) => [s.name, s.approvalsRequired, `\`${r.pattern}\``, list(r.owners)]))));
    }
    if (repo.pushRules) {
        // Every setting, "off" included: GitLab enforces exactly these, and nothing left over from earlier config.
        const value = (k: string, v: string | number | boolean) => (typeof v === "boolean" ? yesNo(v) : v === "" || (k === "maxFileSize" && v === 0) ? "off" : typeof v === "string" ? `\`${v}\`` : v);
        out.push("", "### Push rules", "", ...table(["rule", "value"], Object.entries(repo.pushRules).map(([k, v]) => [k === "maxFileSize" ? "maxFileSize (MB)" : k, value(k, v)])));
    }
    if (repo.promotionGate) {
        const gate = repo.promotionGate;
        const triggerer = gate.triggererMayApprove === undefined ? "as GitLab has it" : yesNo(gate.triggererMayApprove);
        out.push("", `### Promotion gate: environment \`${gate.environment}\``, "", ...table(["who may deploy", "approvals a deployment needs", "triggerer may approve", "deploy freezes ($CI_DEPLOY_FREEZE)"], [[list(gate.deployers), list(gate.approvals), triggerer, list(gate.freezePeriods)]]));
    }
    out.push("", "### Merge checks", "", ...mergeCheckRows(repo));
    out.push("", "### Model registry", "", ...modelRegistryRows(repo));
    out.push("", "### Protected release tags", "");
    if (repo.releaseTags.length === 0) out.push("None: GitLab lets anyone with the Developer role create any tag.");
    else out.push(...table(["tag pattern", "who may create it"], repo.releaseTags.map((t) => [`\`${t.pattern}\``, list(t.creators)])));
    if (repo.sharedGroups.length > 0) {
        out.push("", "### Groups the project is shared with", "", "GitLab ignores a group as code owner, deployer or environment approver unless the project is shared with it.", "", ...table(["group", "role"], repo.sharedGroups.map((g) => [g.group, g.access])));
    }
    const controls = controlAdherence(repo);
    const score = adherenceScore(controls);
    out.push("", `### GitLab compliance controls: ${score.passed} of ${score.total} pass`, "", ...table(["control", "status", "reason"], controls.map((c) => [`\`${c.control}\``, c.status, c.reason])));
    out.push(
        "",
        "### Approver memberships",
        "",
        repo.approverMemberships.length === 0
            ? "Not managed."
            : `Developer membership ensured for: ${list(repo.approverMemberships)}. Anyone among them who already has Developer or more through the project's group keeps that access and gets no membership of their own (GitLab refuses one below it).`,
        "",
        removalConsequence(repo),
    );
    return out;
}

/**
 * What removing the repository from the stack config would do, as the README's
 * "Removing things" describes it: refused while the project is protected; then
 * governance kept or deleted by `retainGovernanceOnDelete`, an adopted
 * project's memberships and shares always kept, the project by its `dataSafety`.
 */
export function removalConsequence(repo: RepositorySummary): string {
    const safety = repo.project.dataSafety;
    const adopted = safety === undefined;
    const projectDeleted = safety !== undefined && !safety.retainOnDelete && !safety.archiveOnDestroy;
    const governance = projectDeleted
        ? "its governance above goes with the project"
        : repo.retainGovernanceOnDelete
        ? "its governance above stays in force in GitLab, no longer managed"
        : adopted
          ? "its governance above is deleted from GitLab, except memberships and shares (an adopted project's are never removed)"
          : "its governance above is deleted from GitLab";
    const project = adopted
        ? "the project itself is never deleted (it is adopted)"
        : safety.retainOnDelete
          ? "the project stays in GitLab (`retainOnDelete`)"
          : safety.archiveOnDestroy
            ? "the project is archived, not deleted (`archiveOnDestroy`)"
            : "the project is deleted";
    const then = projectDeleted ? `${project}, and ${governance}.` : `${governance}; ${project}.`;
    return safety?.protect
        ? `Removing this repository from the stack config is refused while the project is protected (\`dataSafety.protect\`): \`pulumi preview\` and \`pulumi up\` fail and nothing changes. Once \`protect\` is off, ${then}`
        : `Removing this repository from the stack config: ${then}`;
}

/**
 * Who sees and changes the model registry and experiments, as sent. The
 * provider sends them only when it updates a project, so the `up` that creates
 * one leaves GitLab's default (`enabled`) until the next `up`.
 */
function modelRegistryRows(repo: RepositorySummary): string[] {
    const adopted = repo.project.dataSafety === undefined;
    const meaning: Readonly<Record<string, string>> = { disabled: "`disabled` (off)", private: "`private` (project members only)", enabled: "`enabled` (everyone with access to the project)" };
    const shown = (v: string | undefined) => (v === undefined ? (adopted ? "not governed (adopted project)" : "as GitLab has it") : meaning[v]);
    const rows = table(["feature", "access"], [
        ["model registry", shown(repo.modelRegistry?.registry)],
        ["model experiments", shown(repo.modelRegistry?.experiments)],
    ]);
    const open = [repo.modelRegistry?.registry, repo.modelRegistry?.experiments].some((v) => v !== undefined && v !== "disabled");
    return [
        ...rows,
        ...(open ? ["", "Developers and above can change and delete models and model versions; no package protection rule covers them."] : []),
        ...(repo.modelRegistry && !adopted ? ["", "terraform-provider-gitlab sets these when it updates the project, not when it creates it: the `up` that creates the project leaves GitLab's default (`enabled`), and the next `up` applies them."] : []),
    ];
}

/** Each merge check as sent, or as GitLab has it where this program does not manage it. */
function mergeCheckRows(repo: RepositorySummary): string[] {
    const shown = (v: boolean | undefined) => (v === undefined ? (repo.project.dataSafety === undefined ? "not governed (adopted project)" : "as GitLab has it") : yesNo(v));
    return table(["check", "value"], [
        ["pipeline must succeed", shown(repo.mergeChecks?.pipelineMustSucceed)],
        ["discussions must be resolved", shown(repo.mergeChecks?.discussionsMustBeResolved)],
    ]);
}
