import type { GovernanceChanges } from "../evidence/changes";
import type { RepositorySummary } from "../governance/summary";

/**
 * One repository's path to production as a Mermaid flowchart, which GitLab
 * renders in merge request notes and Markdown files: who may push, the
 * approvals a merge needs and from whom, who may merge, and who may deploy
 * and approve a promotion. Given the changes of a deployment, the edges whose
 * settings changed are labelled and coloured: red when weakened, orange
 * otherwise.
 */

type Mark = "weakened" | "changed" | undefined;

interface Edge {
    readonly from: string;
    readonly to: string;
    readonly label?: string;
    readonly dotted?: boolean;
    readonly mark?: Mark;
}

const MAX_NAMES = 6;

/** Text inside a quoted Mermaid label: quotes as the entity Mermaid reads, line breaks as `<br/>`. */
export function mermaidText(text: string): string {
    return text.replace(/"/g, "#quot;").replace(/\r?\n/g, "<br/>");
}

const names = (items: readonly string[]): string => (items.length === 0 ? "nobody named" : items.length <= MAX_NAMES ? items.join(", ") : `${items.slice(0, MAX_NAMES).join(", ")} and ${items.length - MAX_NAMES} more`);

/** How the changes of one repository mark the edge of a setting (a prefix of the changed setting). */
function marker(repo: string, changes: GovernanceChanges | undefined): (...prefixes: string[]) => Mark {
    return (...prefixes) => {
        if (changes === undefined) return undefined;
        const hits = changes.settings.filter((c) => c.repository === repo && prefixes.some((p) => c.setting === p || c.setting.startsWith(`${p}.`) || c.setting.startsWith(`${p}[`)));
        const approvers = changes.approvers.some((a) => a.repository === repo && prefixes.includes(`approvalRules[${a.rule}]`));
        if (hits.some((c) => c.direction === "weakened")) return "weakened";
        return hits.length > 0 || approvers ? "changed" : undefined;
    };
}

export function governanceDiagram(repo: RepositorySummary, automationUser?: string, changes?: GovernanceChanges): string {
    const mark = marker(repo.key, changes);
    const pb = repo.protectedBranch;
    const mr = repo.mergeRequestApprovals;
    const nodes: string[] = [];
    const edges: Edge[] = [];
    const node = (id: string, open: string, label: string, close: string) => nodes.push(`    ${id}${open}"${mermaidText(label)}"${close}`);

    const authorRule = mr === "not available on GitLab Free" ? "approval settings: GitLab Free" : mr.allowAuthorApproval ? "the author may approve" : "the author may not approve";
    node("author", "([", "Author", "])");
    node("mr", "[", `Merge request<br/>${authorRule}`, "]");
    node("merge", "{", `Merge by ${pb.mergeAccessLevel}`, "}");
    node("branch", "[(", `${pb.branch} (protected)`, ")]");
    edges.push({ from: "author", to: "mr", label: "opens" });

    const gates: Array<{ id: string; label: string; edge: string; mark: Mark }> = repo.approvalRules.map((r, i) => ({
        id: `rule${i}`,
        label: `${r.name}<br/>${names([...r.users, ...r.groups])}`,
        edge: `${r.approvalsRequired} approval${r.approvalsRequired === 1 ? "" : "s"}`,
        mark: mark(`approvalRules[${r.name}]`),
    }));
    if (repo.anyApprover) gates.push({ id: "any", label: "Any eligible member", edge: `${repo.anyApprover.approvalsRequired} approval${repo.anyApprover.approvalsRequired === 1 ? "" : "s"}`, mark: mark("anyApprover") });
    if (repo.codeOwners && pb.codeOwnerApprovalRequired) {
        gates.push({ id: "owners", label: `Code owners<br/>${repo.codeOwners.file}`, edge: "code owner approval", mark: mark("codeOwners", "protectedBranch.codeOwnerApprovalRequired") });
    }
    for (const g of gates) {
        node(g.id, "[", g.label, "]");
        edges.push({ from: "mr", to: g.id, label: g.edge, mark: g.mark });
        edges.push({ from: g.id, to: "merge" });
    }
    if (gates.length === 0) edges.push({ from: "mr", to: "merge", label: "no approval required", mark: mark("approvalRules", "anyApprover") });
    edges.push({ from: "merge", to: "branch", mark: mark("protectedBranch.mergeAccessLevel") });

    const pushers = repo.codeOwners && automationUser ? `${pb.pushAccessLevel}, and ${automationUser} for CODEOWNERS` : pb.pushAccessLevel;
    node("push", "[", `Direct push: ${pushers}${pb.allowForcePush ? "<br/>force push allowed" : ""}`, "]");
    edges.push({ from: "push", to: "branch", label: "push", dotted: true, mark: mark("protectedBranch.pushAccessLevel", "protectedBranch.allowForcePush") });

    if (repo.promotionGate) {
        const gate = repo.promotionGate;
        node("env", "[/", `Environment ${gate.environment}`, "/]");
        edges.push({ from: "branch", to: "env", label: `deploy: ${names(gate.deployers)}`, mark: mark("promotionGate") });
        if (gate.approvals.length > 0) {
            node("gate", "[", gate.approvals.join("<br/>"), "]");
            edges.push({ from: "gate", to: "env", label: "approve deployment", mark: mark("promotionGate") });
        }
    }

    const lines = ["flowchart LR", ...nodes];
    const styles: string[] = [];
    edges.forEach((e, i) => {
        const label = [e.label, e.mark].filter((p) => p !== undefined).join(" · ");
        const arrow = e.dotted ? "-.->" : "-->";
        lines.push(`    ${e.from} ${arrow}${label ? `|"${mermaidText(label)}"|` : ""} ${e.to}`);
        if (e.mark) styles.push(`    linkStyle ${i} stroke:${e.mark === "weakened" ? "#d00" : "#e80"},stroke-width:3px`);
    });
    return [...lines, ...styles].join("\n");
}
