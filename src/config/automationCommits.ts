/**
 * The commits this program makes itself: the provider commits the managed
 * CODEOWNERS file on create and update, and removes it with a commit on delete.
 * GitLab applies the project's push rules to them, so validation checks every
 * one against the configured rules before anything is registered.
 */
export interface CommitMessages {
    readonly create: string;
    readonly update: string;
    readonly delete: string;
}

const SUBJECTS: CommitMessages = {
    create: "Add CODEOWNERS from the ml-model-governance stack config",
    update: "Update CODEOWNERS from the ml-model-governance stack config",
    delete: "Remove CODEOWNERS managed by ml-model-governance",
};

/** With a DCO push rule, each message carries automationUser's `Signed-off-by:` trailer (validation requires both to be set). */
export function codeOwnersCommitMessages(pushRules: { readonly rejectNonDcoCommits: boolean } | undefined, automationUser?: string, email?: string): CommitMessages {
    if (!pushRules?.rejectNonDcoCommits || automationUser === undefined || email === undefined) return SUBJECTS;
    const trailer = `\n\nSigned-off-by: ${automationUser} <${email}>`;
    return { create: SUBJECTS.create + trailer, update: SUBJECTS.update + trailer, delete: SUBJECTS.delete + trailer };
}
