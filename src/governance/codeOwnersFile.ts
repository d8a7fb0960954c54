import type { CodeOwnerRule, CodeOwners } from "../config";

const HEADER = [
    "# Managed by ml-model-governance (Pulumi). Edit the stack config, not this file:",
    "# a change made here is overwritten by the next `pulumi up`.",
];

/**
 * The CODEOWNERS text for a config, in GitLab's syntax: `[Section][N]`,
 * `^[Optional]`, `@user` and `@group/subgroup`. Config order is kept because
 * in CODEOWNERS the last matching pattern wins; nothing else varies, so the
 * same config always gives the same bytes and previews show no diff.
 */
export function renderCodeOwners(owners: CodeOwners): string {
    const lines = [...HEADER];
    if (owners.rules.length > 0) lines.push("", ...owners.rules.map(ruleLine));
    for (const section of owners.sections) {
        const count = section.approvalsRequired === undefined ? "" : `[${section.approvalsRequired}]`;
        lines.push("", `${section.optional ? "^" : ""}[${section.name}]${count}`, ...section.rules.map(ruleLine));
    }
    return `${lines.join("\n")}\n`;
}

function ruleLine(rule: CodeOwnerRule): string {
    return [rule.pattern, ...rule.users.map((u) => `@${u}`), ...rule.groups.map((g) => `@${g}`)].join(" ");
}
