// The read-back summary: what GitLab enforces per project, for a terminal
// or as Markdown (`--markdown`). Every rendering carries the sandbox label.
import type { EnforcedProject, EnforcedRule } from "./readBack";

export const LABEL = "Ran against a local GitLab stand-in on 127.0.0.1, not GitLab. What the stand-in does not model: docs/engine-tests.md and docs/gitlab-standin.md.";

const yesNo = (v: unknown) => (v === true ? "yes" : v === false ? "no" : String(v));
const list = (items: readonly string[]) => (items.length === 0 ? "no one" : items.join(", "));

const SETTING_NAMES: Record<string, string> = {
    merge_requests_author_approval: "author may approve",
    merge_requests_disable_committers_approval: "committers barred from approving",
    reset_approvals_on_push: "approvals reset on push",
    selective_code_owner_removals: "only code owners' approvals reset",
    disable_overriding_approvers_per_merge_request: "approvers fixed (no override per merge request)",
    require_reauthentication_to_approve: "re-authentication to approve",
};

function ruleLine(r: EnforcedRule): string {
    const from = [...r.users, ...r.groups];
    const scope = r.appliesToAll ? "all protected branches" : r.branches.length > 0 ? r.branches.join(", ") : "all branches";
    const who = r.type === "any_approver" ? "any eligible user" : list(from);
    return `${r.name} (${r.type}): ${r.approvalsRequired} approval(s) from ${who}; eligible: ${list(r.eligible)}; on ${scope}`;
}

interface Section {
    readonly title: string;
    readonly lines: string[];
    /** Shown verbatim (a file). */
    readonly block?: string;
}

function sections(p: EnforcedProject): Section[] {
    if (p.missing) return [{ title: "Not in GitLab", lines: ["the stack declares this project, but GitLab has no project at this path (not created yet, or destroyed)"] }];
    const out: Section[] = [];
    out.push({
        title: "Protected branches",
        lines:
            p.protectedBranches.length === 0
                ? [`none: ${p.defaultBranch ?? "the default branch"} is not protected`]
                : p.protectedBranches.flatMap((b) => [
                      `${b.name}: push ${list(b.push)}; merge ${list(b.merge)}${b.unprotect.length > 0 ? `; unprotect ${list(b.unprotect)}` : ""}`,
                      `${b.name}: force push ${yesNo(b.allowForcePush)}; code owner approval required ${yesNo(b.codeOwnerApprovalRequired)}`,
                  ]),
    });
    out.push({ title: "Approval rules", lines: p.approvalRules.length === 0 ? ["none"] : p.approvalRules.map(ruleLine) });
    if (p.approvalSettings) out.push({ title: "Merge request approval settings", lines: Object.entries(p.approvalSettings).map(([k, v]) => `${SETTING_NAMES[k] ?? k}: ${yesNo(v)}`) });
    out.push(p.codeOwners ? { title: `CODEOWNERS (${p.codeOwners.file})`, lines: [], block: p.codeOwners.content } : { title: "CODEOWNERS", lines: ["none"] });
    out.push({ title: "Push rules", lines: p.pushRule ? Object.entries(p.pushRule).map(([k, v]) => `${k}: ${yesNo(v)}`) : ["none"] });
    out.push({
        title: "Promotion gate (protected environments)",
        lines:
            p.environments.length === 0
                ? ["none"]
                : p.environments.flatMap((e) => [
                      `${e.name}: deployers ${list(e.deployers)}`,
                      `${e.name}: approvals ${e.approvals.length === 0 ? "none" : e.approvals.map((a) => `${a.who} (${a.required} required)`).join(", ")}`,
                  ]),
    });
    return out;
}

function heading(p: EnforcedProject): string {
    if (p.missing) return p.path;
    return `${p.path} (default branch ${p.defaultBranch ?? "none"}${p.archived ? ", archived" : ""})`;
}

export function renderText(stack: string, projects: readonly EnforcedProject[]): string {
    const out = [`What GitLab enforces for stack ${stack}, read back from the stand-in's REST API:`, ""];
    for (const p of projects) {
        out.push(heading(p));
        for (const s of sections(p)) {
            out.push(`  ${s.title}`);
            for (const l of s.lines) out.push(`    ${l}`);
            if (s.block !== undefined) for (const l of s.block.trimEnd().split("\n")) out.push(`    | ${l}`);
        }
        out.push("");
    }
    out.push(LABEL);
    return `${out.join("\n")}\n`;
}

export function renderMarkdown(stack: string, projects: readonly EnforcedProject[]): string {
    const out = [`# What GitLab enforces: stack \`${stack}\` (sandbox)`, "", `> ${LABEL}`, "", "Read back from the stand-in's REST API, not from the program's outputs.", ""];
    for (const p of projects) {
        out.push(`## \`${p.path}\``, "", heading(p) === p.path ? "" : `Default branch \`${p.defaultBranch ?? "none"}\`${p.archived ? ", archived" : ""}.`, "");
        for (const s of sections(p)) {
            out.push(`### ${s.title}`, "");
            for (const l of s.lines) out.push(`- ${l}`);
            if (s.block !== undefined) out.push("```", s.block.trimEnd(), "```");
            out.push("");
        }
    }
    return `${out.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}
