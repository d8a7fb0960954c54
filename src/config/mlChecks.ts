import type { KeyPath } from "./issues";
import type { RepositoryView, StackFacts } from "./checks";

type Add = (rel: KeyPath, message: string, ...value: [unknown?]) => void;

/** CODEOWNERS: every pattern owned, sections consistent and satisfiable, and the file committable. */
export function checkCodeOwners(repo: RepositoryView, add: Add, facts: StackFacts, authorMayApprove: boolean): void {
    const owners = repo.codeOwners;
    if (owners === undefined) return;
    if (owners.rules.length === 0 && owners.sections.length === 0) {
        add(["codeOwners"], "expected at least one entry in `rules` or `sections`");
    }
    owners.rules.forEach((rule, j) => checkOwners(rule, ["codeOwners", "rules", j], add));

    const names = new Map<string, number>();
    owners.sections.forEach((section, s) => {
        const rel = ["codeOwners", "sections", s];
        const first = names.get(section.name.toLowerCase());
        // GitLab merges same-named sections, case-insensitively, which would silently combine their owners.
        if (first !== undefined) add([...rel, "name"], `expected a unique section name (compared ignoring case); sections[${first}] uses it`, section.name);
        else names.set(section.name.toLowerCase(), s);
        if (section.optional && section.approvalsRequired !== undefined) {
            add([...rel, "approvalsRequired"], "expected no count on an optional section: GitLab ignores approval counts in `^[optional]` sections", section.approvalsRequired);
        }
        section.rules.forEach((rule, j) => {
            checkOwners(rule, [...rel, "rules", j], add);
            const needed = section.approvalsRequired ?? 1;
            const eligible = new Set(rule.users.map((u) => u.toLowerCase())).size - (authorMayApprove ? 0 : 1);
            if (!section.optional && rule.groups.length === 0 && rule.users.length > 0 && needed > eligible) {
                add([...rel, "rules", j, "users"], `expected enough owners for the section's ${needed} approval(s): ${rule.users.length} user(s) and no group, and the MR author cannot approve their own change`, rule.users);
            }
        });
    });

    const branch = repo.protectedBranch;
    if (facts.production && branch?.codeOwnerApprovalRequired === false) {
        add(["protectedBranch", "codeOwnerApprovalRequired"], "expected true (or unset) in a production stack that manages code owners: otherwise CODEOWNERS is advice, not a gate", false);
    }
    // The file is committed to the default branch; with nobody allowed to push, the commit fails at `up`.
    const protectsDefault = branch?.branch === undefined || branch.branch === (repo.defaultBranch ?? "main");
    if (facts.tier !== "free" && protectsDefault && branch?.pushAccessLevel === "no one" && facts.automationUser === undefined) {
        add(["codeOwners"], "expected ml-model-governance:automationUser to be set: CODEOWNERS is committed to the protected default branch, where pushAccessLevel is \"no one\"; name the token's user so it alone may push");
    }
}

function checkOwners(rule: { users: readonly string[]; groups: readonly string[] }, rel: KeyPath, add: Add): void {
    if (rule.users.length === 0 && rule.groups.length === 0) add(rel, "names no owners; expected at least one entry in `users` or `groups`");
}

/** Promotion gate: someone may deploy, and every approval entry is one well-formed GitLab rule. */
export function checkPromotionGate(repo: RepositoryView, add: Add): void {
    const gate = repo.promotionGate;
    if (gate === undefined) return;
    const { deployers } = gate;
    if (deployers.accessLevel === undefined && deployers.users.length === 0 && deployers.groups.length === 0) {
        add(["promotionGate", "deployers"], "names no deployers; expected `accessLevel`, `users` or `groups`");
    }
    gate.approvals.forEach((approval, j) => {
        const rel = ["promotionGate", "approvals", j];
        const kinds = (["user", "group", "accessLevel"] as const).filter((k) => approval[k] !== undefined);
        if (kinds.length !== 1) {
            add(rel, `expected exactly one of \`user\`, \`group\` or \`accessLevel\`${kinds.length > 1 ? `, not ${kinds.join(" and ")}` : ""}`);
        } else if (kinds[0] === "user" && approval.approvalsRequired !== undefined) {
            add([...rel, "approvalsRequired"], "expected no count on a user entry: it is that one user's approval; use a group for \"N of these people\"", approval.approvalsRequired);
        }
    });
}
