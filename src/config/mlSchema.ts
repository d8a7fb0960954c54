import { z } from "./zod";
import { groupPath, groupRef, username, userRef } from "./primitives";
import { re2Regex } from "./regex";
import { freezePeriodSchema } from "./releaseSchema";

/** Where GitLab looks for a CODEOWNERS file, in its order of precedence. */
export const CODEOWNERS_FILES = ["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"] as const;
export const DEPLOY_ACCESS_LEVELS = ["developer", "maintainer"] as const;

// A CODEOWNERS path: no unescaped blanks, and not a comment or a section header.
const PATTERN = /^(?![#[]|\^\[)(?:\\.|[^\s\\])+$/;

// CODEOWNERS names its owners (`@alice`, `@acme-ml/leads`), so ids cannot be rendered.
const NAMES_ONLY = { error: "expected a username or group path: CODEOWNERS names owners, so numeric ids cannot be used" };

const ownerRule = z.strictObject({
    pattern: z.string().regex(PATTERN, {
        error: "expected a CODEOWNERS pattern such as `/models/`, `*.onnx` or `dvc.yaml`: no unescaped spaces (write `\\ `), not starting with `#`, `[` or `^[`",
    }),
    users: z.array(z.string(NAMES_ONLY).pipe(username)).default([]),
    groups: z.array(z.string(NAMES_ONLY).pipe(groupPath)).default([]),
});

const section = z.strictObject({
    name: z.string().trim().regex(/^[^[\]\r\n]+$/, { error: "expected a section name without `[`, `]` or line breaks" }),
    approvalsRequired: z.number().int().min(1).max(100).optional(),
    optional: z.boolean().default(false),
    rules: z.array(ownerRule).min(1, { error: "expected a list with at least 1 rule" }),
});

export const codeOwnersSchema = z.strictObject({
    file: z.enum(CODEOWNERS_FILES).default(".gitlab/CODEOWNERS"),
    rules: z.array(ownerRule).default([]),
    sections: z.array(section).default([]),
});

/**
 * Every push-rule setting has an explicit "off" value: the provider keeps the
 * previous value of a setting that disappears from its inputs, so a key removed
 * from config must still be sent, as off, for GitLab to stop enforcing it.
 */
export const pushRulesSchema = z.strictObject({
    /** 0: no limit beyond GitLab's own. */
    maxFileSizeMb: z.number().int().min(0).max(1_000_000).default(0),
    blockedFileExtensions: z.array(z.string().regex(/^[A-Za-z0-9_+-]+$/, { error: "expected a file extension without the dot, such as `onnx`" })).default([]),
    blockedFileNameRegex: re2Regex.optional(),
    preventSecrets: z.boolean().default(true),
    memberCheck: z.boolean().default(true),
    rejectUnsignedCommits: z.boolean().default(false),
    /** Unset: on in production (a deleted release tag could be created again on another commit), else off. */
    denyDeleteTag: z.boolean().optional(),
    commitCommitterCheck: z.boolean().default(false),
    commitCommitterNameCheck: z.boolean().default(false),
    rejectNonDcoCommits: z.boolean().default(false),
    commitMessageRegex: re2Regex.optional(),
    commitMessageNegativeRegex: re2Regex.optional(),
    branchNameRegex: re2Regex.optional(),
    authorEmailRegex: re2Regex.optional(),
});

const gateApproval = z.strictObject({
    user: userRef.optional(),
    group: groupRef.optional(),
    accessLevel: z.enum(DEPLOY_ACCESS_LEVELS).optional(),
    // GitLab's ProtectedEnvironments::ApprovalRule validates 1..5.
    approvalsRequired: z.number().int().min(1).max(5).optional(),
});

export const promotionGateSchema = z.strictObject({
    environment: z.string().trim().regex(/^[A-Za-z0-9_][A-Za-z0-9_./ -]*$/, { error: "expected an environment name such as `production`" }).default("production"),
    deployers: z.strictObject({
        accessLevel: z.enum(DEPLOY_ACCESS_LEVELS).optional(),
        users: z.array(userRef).default([]),
        groups: z.array(groupRef).default([]),
    }),
    approvals: z.array(gateApproval).min(1, { error: "expected a list with at least 1 approval rule" }),
    // Project.allowPipelineTriggerApproveDeployment; unset: false in production, not managed elsewhere.
    triggererMayApprove: z.boolean().optional(),
    freezePeriods: z.array(freezePeriodSchema).default([]),
});
