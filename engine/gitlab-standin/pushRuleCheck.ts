// Push rules applied to commits made through the API. Files API commits go
// through Gitaly's UserCommitFiles, which runs the same pre-receive checks as
// `git push`; a rejection comes back as 400 with the check's message (GitLab
// strips the "GitLab:" prefix, lib/gitlab/git/pre_receive_error.rb).
// Messages are the EE checks' own (ee/lib/ee/gitlab/checks/*).
// Not applied: reject_unsigned_commits ("ignores commits that are
// authenticated and created by GitLab (either through the UI or API)",
// push_rules.md); the committer checks (commit_committer_check, _name_check,
// the committer side of author_email_regex), which run only
// `if !updated_from_web?` and pass anyway since the committer is the
// authenticated user; prevent_secrets and reject_non_dco_commits (not
// modelled); deny_delete_tag (no tags).
import { re2Matches } from "./re2";
import type { Project, StandinState } from "./state";

export interface CommitCheck {
    branch: string;
    message: string;
    authorEmail: string;
    /** Files the commit writes; `isNew` is true for files not on the branch before. */
    files: { path: string; isNew: boolean; size: number }[];
}

/** The first push-rule violation, or undefined. Only EE has push rules. */
export function pushRuleViolation(state: StandinState, project: Project, change: CommitCheck): string | undefined {
    const rule = project.push_rule;
    if (state.edition !== "ee" || rule === null) return undefined;

    // "Your default branch is always allowed."
    if (rule.branch_name_regex && change.branch !== project.default_branch && !re2Matches(rule.branch_name_regex, change.branch)) {
        return `Branch name does not follow the pattern '${rule.branch_name_regex}'`;
    }
    // Commit message rules use multiline mode (disable with (?-m)).
    if (rule.commit_message_regex && !re2Matches(rule.commit_message_regex, change.message, true)) {
        return `Commit message does not follow the pattern '${rule.commit_message_regex}'`;
    }
    if (rule.commit_message_negative_regex && re2Matches(rule.commit_message_negative_regex, change.message, true)) {
        return `Commit message contains the forbidden pattern '${rule.commit_message_negative_regex}'`;
    }
    // The committer's email is only checked `if !updated_from_web?`; API commits are "web" ones.
    if (rule.author_email_regex && !re2Matches(rule.author_email_regex, change.authorEmail)) {
        return `Author's email '${change.authorEmail}' does not follow the pattern '${rule.author_email_regex}'`;
    }
    // "Restrict commits by author (email) to existing GitLab users."
    if (rule.member_check && !state.users.some((u) => u.email.toLowerCase() === change.authorEmail.toLowerCase())) {
        return `Author '${change.authorEmail}' is not a member of team`;
    }
    for (const file of change.files) {
        // Only new files are checked against the file name rule ("Files that do not exist in the repository must not match").
        if (rule.file_name_regex && file.isNew && re2Matches(rule.file_name_regex, file.path)) {
            return `File name ${file.path} was prohibited by the pattern ${JSON.stringify(rule.file_name_regex)}.`;
        }
        // max_file_size is in MB; 0 allows any size.
        if (rule.max_file_size > 0 && file.size > rule.max_file_size * 1024 * 1024) {
            return `File ${JSON.stringify(file.path)} is larger than the allowed size of ${rule.max_file_size} MB`;
        }
    }
    return undefined;
}
