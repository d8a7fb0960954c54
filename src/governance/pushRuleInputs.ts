import type { PushRules } from "../config";
import { blockedFileNameRegex } from "../config/fileNameRule";
import type { ProjectPushRulesArgs } from "@pulumi/gitlab";

/**
 * Every setting, always: the provider keeps the previous value of a setting
 * that disappears from its inputs, so "not configured" is sent as GitLab's
 * "off" ("" for a regex, 0 for the size limit, false for a check).
 */
export function pushRuleInputs(rules: PushRules) {
    return {
        maxFileSize: rules.maxFileSizeMb,
        fileNameRegex: blockedFileNameRegex(rules),
        preventSecrets: rules.preventSecrets,
        memberCheck: rules.memberCheck,
        rejectUnsignedCommits: rules.rejectUnsignedCommits,
        rejectNonDcoCommits: rules.rejectNonDcoCommits,
        commitCommitterCheck: rules.commitCommitterCheck,
        commitCommitterNameCheck: rules.commitCommitterNameCheck,
        denyDeleteTag: rules.denyDeleteTag,
        commitMessageRegex: rules.commitMessageRegex ?? "",
        commitMessageNegativeRegex: rules.commitMessageNegativeRegex ?? "",
        branchNameRegex: rules.branchNameRegex ?? "",
        authorEmailRegex: rules.authorEmailRegex ?? "",
    } satisfies Required<Omit<ProjectPushRulesArgs, "project">>;
}
