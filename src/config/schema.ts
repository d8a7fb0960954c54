import { z } from "./zod";
import { branchName, groupPath, groupRef, projectFullPath, projectPath, username, userRef } from "./primitives";
import { codeOwnersSchema, promotionGateSchema, pushRulesSchema } from "./mlSchema";
import { acknowledgementSchema } from "./acknowledgements";
import { mergeChecksSchema, modelRegistrySchema, releaseTagSchema } from "./releaseSchema";
import { complianceFrameworkSchema } from "./complianceFrameworks";

/** The stack config namespace: keys are written `ml-model-governance:<key>`. */
export const NAMESPACE = "ml-model-governance";

export const TIERS = ["free", "premium", "ultimate"] as const;
/** The GitLab build: `ee` for gitlab.com and every Enterprise Edition install, licensed or not; `ce` for Community Edition. */
export const EDITIONS = ["ee", "ce"] as const;
/** Roles a project may be shared with a group at, for the groups GitLab only honours when shared. */
export const SHARE_ACCESS_LEVELS = ["reporter", "developer", "maintainer"] as const;
export const VISIBILITIES = ["private", "internal", "public"] as const;
/** GitLab's protected-branch access levels, spelled as the provider expects them. */
export const ACCESS_LEVELS = ["no one", "developer", "maintainer", "admin"] as const;
export const UNPROTECT_ACCESS_LEVELS = ["developer", "maintainer", "admin"] as const;

const APPROVAL_COUNT = { error: "expected an integer from 0 to 100" };

export const approvalRuleSchema = z.strictObject({
    name: z.string().trim().max(255).regex(/[A-Za-z0-9]/, { error: "expected a rule name with at least one letter or digit" }),
    approvalsRequired: z.number(APPROVAL_COUNT).int(APPROVAL_COUNT).min(0, APPROVAL_COUNT).max(100, APPROVAL_COUNT),
    users: z.array(userRef).default([]),
    groups: z.array(groupRef).default([]),
});

const protectedBranch = z.strictObject({
    branch: branchName.optional(),
    pushAccessLevel: z.enum(ACCESS_LEVELS).default("no one"),
    mergeAccessLevel: z.enum(ACCESS_LEVELS).default("maintainer"),
    unprotectAccessLevel: z.enum(UNPROTECT_ACCESS_LEVELS).default("maintainer"),
    allowForcePush: z.boolean().default(false),
    // Undefined: on in production when code owners are configured, off otherwise.
    codeOwnerApprovalRequired: z.boolean().optional(),
});

const mergeRequestApprovals = z.strictObject({
    allowAuthorApproval: z.boolean().default(false),
    allowCommitterApproval: z.boolean().default(false),
    resetApprovalsOnPush: z.boolean().default(true),
    allowOverridingApproversPerMergeRequest: z.boolean().default(false),
    requireReauthenticationToApprove: z.boolean().default(false),
    selectiveCodeOwnerRemovals: z.boolean().default(false),
});

const dataSafety = z.strictObject({
    protect: z.boolean().optional(),
    retainOnDelete: z.boolean().optional(),
    archiveOnDestroy: z.boolean().default(true),
});

/** Settings a repository may inherit from `defaults`. */
const inheritable = {
    namespace: groupPath.optional(),
    visibility: z.enum(VISIBILITIES).default("private"),
    defaultBranch: branchName.optional(),
    topics: z.array(z.string().trim().min(1)).default([]),
    dataSafety: dataSafety.prefault({}),
    protectedBranch: protectedBranch.prefault({}),
    approvalRules: z.array(approvalRuleSchema).default([]),
    mergeRequestApprovals: mergeRequestApprovals.prefault({}),
    anyApprover: z.strictObject({ approvalsRequired: z.number(APPROVAL_COUNT).int(APPROVAL_COUNT).min(0, APPROVAL_COUNT).max(100, APPROVAL_COUNT) }).optional(),
    codeOwners: codeOwnersSchema.optional(),
    pushRules: pushRulesSchema.optional(),
    promotionGate: promotionGateSchema.optional(),
    mergeChecks: mergeChecksSchema.optional(),
    modelRegistry: modelRegistrySchema.optional(),
    releaseTags: z.array(releaseTagSchema).optional(),
    // Undefined: on for projects this program creates, off for adopted ones.
    addApproversAsMembers: z.boolean().optional(),
    // Undefined: the lowest role each shared group needs (developer for code owners and deployers, reporter for approvers).
    sharedGroupAccess: z.enum(SHARE_ACCESS_LEVELS).optional(),
    // Undefined: on in production, so removing a repository from config never weakens it in GitLab.
    retainGovernanceOnDelete: z.boolean().optional(),
    /** The name of an entry of `complianceFrameworks`, attached to the project as its one framework. */
    complianceFramework: z.string().trim().min(1).optional(),
};

/** One repository, after `defaults` has been merged into it. */
export const repositorySchema = z.strictObject({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "expected a stable lower-case id of letters, digits and `-`" }).optional(),
    existing: projectFullPath.optional(),
    name: z.string().trim().min(1).max(255).optional(),
    path: projectPath.optional(),
    description: z.string().max(2000).optional(),
    ...inheritable,
});

/** `defaults`: only the inheritable settings; identity keys belong to each repository. */
export const defaultsSchema = z.strictObject(inheritable);

const looseObject = z.record(z.string(), z.unknown(), { error: "expected a mapping of keys to values" });

/** The namespace as a whole. Repositories are checked one by one after merging. */
export const stackSchema = z.strictObject({
    environment: z.string().trim().min(1).optional(),
    production: z.boolean().optional(),
    tier: z.enum(TIERS).default("premium"),
    edition: z.enum(EDITIONS).default("ee"),
    selfManaged: z.boolean().default(false),
    adminToken: z.boolean().default(false),
    automationUser: username.optional(),
    automationUserEmail: z.email({ error: "expected the e-mail address of automationUser, such as `ml-governance-bot@example.com`" }).optional(),
    defaults: looseObject.default({}),
    /**
     * Defaults shared by every stack of an environment, by environment name: set once in
     * Pulumi.yaml's project config, under each stack's own `defaults`.
     */
    environmentDefaults: z.record(z.string(), looseObject, { error: "expected a mapping of environment names to defaults" }).default({}),
    repositories: z.array(looseObject).min(1, { error: "expected at least one repository" }),
    /** Compliance frameworks this stack defines, each in a top-level group; repositories name them in `complianceFramework`. */
    complianceFrameworks: z.array(complianceFrameworkSchema).default([]),
    /** Reviewed weakenings of production governance, each bound to its exact change (src/evidence/weakening.ts). */
    acknowledgeWeakenings: z.array(acknowledgementSchema).default([]),
});

export type RawRepository = z.infer<typeof repositorySchema>;
export type RawApprovalRule = z.infer<typeof approvalRuleSchema>;
export type RawStack = z.infer<typeof stackSchema>;
