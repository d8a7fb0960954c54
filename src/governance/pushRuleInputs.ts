import type { PushRules } from "../config";
import type { ProjectPushRulesArgs } from "../gitlab";

/** One `fileNameRegex` from the blocked extensions and the free-form pattern, or undefined when neither is set. */
export function blockedFileNameRegex(rules: PushRules): string | undefined {
    const parts: string[] = [];
    if (rules.blockedFileExtensions.length > 0) parts.push(`\\.(${rules.blockedFileExtensions.join("|")})$`);
    if (rules.blockedFileNameRegex !== undefined) parts.push(rules.blockedFileNameRegex);
    if (parts.length <= 1) return parts[0];
    return parts.map((p) => `(${p})`).join("|");
}

export function pushRuleInputs(rules: PushRules): Omit<ProjectPushRulesArgs, "project"> {
    return {
        maxFileSize: rules.maxFileSizeMb,
        fileNameRegex: blockedFileNameRegex(rules),
        preventSecrets: rules.preventSecrets,
        memberCheck: rules.memberCheck,
        rejectUnsignedCommits: rules.rejectUnsignedCommits,
        denyDeleteTag: rules.denyDeleteTag,
        commitMessageRegex: rules.commitMessageRegex,
        commitMessageNegativeRegex: rules.commitMessageNegativeRegex,
        branchNameRegex: rules.branchNameRegex,
        authorEmailRegex: rules.authorEmailRegex,
    };
}
