import type { KeyPath } from "./issues";
import type { Add, RepositoryView, StackFacts } from "./checks";
import { codeOwnersCommitMessages } from "./automationCommits";
import { blockedFileNameRegex } from "./fileNameRule";
import { gateGroupsAt, isOwnGroup, ownGateGroupMessage, projectNamespace } from "./groups";
import { refMatches } from "./refMatcher";
import { re2Finds } from "./regex";
import { repeatedEntries } from "./repeats";
import { neverMessage, reachability, stallMessage, type ApproverExclusions } from "../../policy/lib/approvalRules";

/** CODEOWNERS: every pattern owned, sections consistent and satisfiable, and the file committable. */
export function checkCodeOwners(repo: RepositoryView, add: Add, warn: Add, facts: StackFacts, exclusions: ApproverExclusions): void {
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
            if (section.optional || rule.users.length === 0) return;
            const distinct = new Set(rule.users.map((u) => u.toLowerCase())).size;
            // A section's count applies to each of its patterns' owners (GitLab: "[Section][N]").
            const reach = reachability(section.approvalsRequired ?? 1, distinct, rule.groups.length > 0, exclusions);
            if (reach.kind === "never") add([...rel, "rules", j, "users"], `the section ${neverMessage(reach)}`, rule.users);
            else if (reach.kind === "stalls") warn([...rel, "rules", j, "users"], `the section ${stallMessage(reach)}; changes to ${rule.pattern} wait for owners who cannot approve`, rule.users);
        });
    });

    const branch = repo.protectedBranch;
    if (facts.production && branch?.codeOwnerApprovalRequired === false) {
        add(["protectedBranch", "codeOwnerApprovalRequired"], "expected true (or unset) in a production stack that manages code owners: otherwise CODEOWNERS is advice, not a gate", false);
    }
    // The file is committed to the default branch; with nobody allowed to push, the commit fails at `up`.
    // Only a created project's default branch is known here: an adopted project's protection
    // may cover its default branch, so the safe answer is that it does.
    const named = branch?.branch;
    const protectsDefault = named === undefined || repo.existing !== undefined || refMatches(named, repo.defaultBranch ?? "main");
    if (protectsDefault && branch?.pushAccessLevel === "no one" && facts.automationUser === undefined) {
        add(["codeOwners"], "expected ml-model-governance:automationUser to be set: CODEOWNERS is committed to the protected default branch, where pushAccessLevel is \"no one\"; name the token's user so it alone may push");
    }
}

function checkOwners(rule: { users: readonly string[]; groups: readonly string[] }, rel: KeyPath, add: Add): void {
    if (rule.users.length === 0 && rule.groups.length === 0) add(rel, "names no owners; expected at least one entry in `users` or `groups`");
    for (const key of ["users", "groups"] as const) {
        for (const k of repeatedEntries(rule[key])) add([...rel, key, k], "expected each owner once; this one is listed twice", rule[key][k]);
    }
}

/** Promotion gate: someone may deploy, and every approval entry is one well-formed GitLab rule. */
export function checkPromotionGate(repo: RepositoryView, add: Add): void {
    const gate = repo.promotionGate;
    if (gate === undefined) return;
    const { deployers } = gate;
    // GitLab keeps a group in a protected environment only if the project is shared with it, and a
    // project cannot be shared with its own group or that group's ancestors.
    const namespace = projectNamespace(repo);
    for (const { ref, rel } of gateGroupsAt(gate)) {
        if (typeof ref === "string" && namespace !== undefined && isOwnGroup(ref, namespace)) add(rel, ownGateGroupMessage(namespace), ref);
    }
    if (repo.sharedGroupAccess === "reporter" && deployers.groups.length > 0) {
        add(["sharedGroupAccess"], "expected developer or maintainer: deployers must have at least the Developer role, or GitLab drops them from the protected environment", "reporter");
    }
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

/** Code owner groups count only if the project is shared with them at Developer or above (approving needs Developer). */
export function checkSharedGroupAccess(repo: RepositoryView, add: Add): void {
    const owners = repo.codeOwners;
    if (owners === undefined || repo.sharedGroupAccess !== "reporter") return;
    const namespace = projectNamespace(repo);
    const shared = [...owners.rules, ...owners.sections.flatMap((s) => s.rules)].flatMap((r) => r.groups).filter((g) => !isOwnGroup(g, namespace));
    if (shared.length > 0) add(["sharedGroupAccess"], `expected developer or maintainer: code owners need at least the Developer role to approve, and ${shared[0]} is shared with the project`, "reporter");
}

/**
 * The CODEOWNERS commits (create, update, and the provider's delete) go
 * through the project's push rules like any other; a config whose rules would
 * refuse them fails here instead of at `up`.
 */
export function checkPushRulesAdmitOwnCommits(repo: RepositoryView, add: Add, facts: StackFacts): void {
    const rules = repo.pushRules;
    const owners = repo.codeOwners;
    if (rules === undefined || owners === undefined) return;
    const at = (key: string): KeyPath => ["pushRules", key];
    const email = facts.automationUserEmail;
    if ((rules.rejectNonDcoCommits || rules.authorEmailRegex !== undefined) && (email === undefined || facts.automationUser === undefined)) {
        const why = rules.rejectNonDcoCommits ? "rejectNonDcoCommits needs a `Signed-off-by:` trailer" : "authorEmailRegex checks the author's e-mail";
        add(["codeOwners"], `expected ml-model-governance:automationUser and ml-model-governance:automationUserEmail to be set: the CODEOWNERS commits are authored by them, and ${why}`);
        return;
    }
    const messages = codeOwnersCommitMessages(rules, facts.automationUser, email);
    for (const [kind, message] of Object.entries(messages)) {
        const subject = JSON.stringify(message.split("\n")[0]);
        if (rules.commitMessageRegex !== undefined && !re2Finds(rules.commitMessageRegex, message, true)) {
            add(at("commitMessageRegex"), `expected a pattern that the ${kind} commit of CODEOWNERS (${subject}) matches: GitLab would reject that commit`, rules.commitMessageRegex);
        }
        if (rules.commitMessageNegativeRegex !== undefined && re2Finds(rules.commitMessageNegativeRegex, message, true)) {
            add(at("commitMessageNegativeRegex"), `expected a pattern that the ${kind} commit of CODEOWNERS (${subject}) does not match: GitLab would reject that commit`, rules.commitMessageNegativeRegex);
        }
    }
    const fileRule = blockedFileNameRegex(rules);
    if (fileRule !== "" && re2Finds(fileRule, owners.file)) {
        const key = rules.blockedFileNameRegex !== undefined && re2Finds(rules.blockedFileNameRegex, owners.file) ? "blockedFileNameRegex" : "blockedFileExtensions";
        add(at(key), `expected a rule that does not block ${owners.file}: GitLab would reject the commit of the managed CODEOWNERS file`, key === "blockedFileNameRegex" ? rules.blockedFileNameRegex : rules.blockedFileExtensions);
    }
    if (rules.authorEmailRegex !== undefined && email !== undefined && !re2Finds(rules.authorEmailRegex, email)) {
        add(at("authorEmailRegex"), `expected a pattern that automationUserEmail (${email}) matches: GitLab would reject the CODEOWNERS commits it authors`, rules.authorEmailRegex);
    }
}
