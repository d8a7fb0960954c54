import type { z } from "./zod";
import type { WeakeningAcknowledgement } from "./acknowledgements";
import type { ConfigIssue, KeyPath } from "./issues";
import type { codeOwnersSchema, promotionGateSchema, pushRulesSchema } from "./mlSchema";
import type { TAG_CREATE_ACCESS_LEVELS } from "./releaseSchema";
import type { ModelRegistryLevel } from "../../policy/lib/releaseRules";
import type { ACCESS_LEVELS, EDITIONS, SHARE_ACCESS_LEVELS, TIERS, UNPROTECT_ACCESS_LEVELS, VISIBILITIES } from "./schema";

export type { ModelRegistryLevel };
export type Tier = (typeof TIERS)[number];
export type Edition = (typeof EDITIONS)[number];
export type ShareAccessLevel = (typeof SHARE_ACCESS_LEVELS)[number];
export type Visibility = (typeof VISIBILITIES)[number];
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export type UnprotectAccessLevel = (typeof UNPROTECT_ACCESS_LEVELS)[number];

/** A username or full group path to look up, or a numeric id that needs no lookup. */
export type PrincipalRef = string | number;

export interface DataSafety {
    /** Pulumi `protect`: a destroy or replace of the project fails instead of running. */
    readonly protect: boolean;
    /** Pulumi `retainOnDelete`: removing the project from the program leaves it in GitLab. */
    readonly retainOnDelete: boolean;
    /** Provider `archiveOnDestroy`: a delete archives the project instead. */
    readonly archiveOnDestroy: boolean;
}

/** A project this program creates and owns. */
export interface CreatedProject {
    readonly mode: "create";
    readonly name: string;
    readonly path: string;
    readonly namespace?: string;
    readonly description?: string;
    readonly visibility: Visibility;
    readonly defaultBranch: string;
    readonly topics: readonly string[];
    readonly dataSafety: DataSafety;
}

/** A project that already exists and is only governed, never created or deleted. */
export interface AdoptedProject {
    readonly mode: "adopt";
    readonly pathWithNamespace: string;
}

export interface ProtectedBranch {
    /** Undefined only for an adopted project: then its current default branch is protected. */
    readonly branch?: string;
    readonly pushAccessLevel: AccessLevel;
    readonly mergeAccessLevel: AccessLevel;
    readonly unprotectAccessLevel: UnprotectAccessLevel;
    readonly allowForcePush: boolean;
    readonly codeOwnerApprovalRequired: boolean;
}

export interface ApprovalRule {
    readonly name: string;
    readonly approvalsRequired: number;
    readonly users: readonly PrincipalRef[];
    readonly groups: readonly PrincipalRef[];
}

export interface MergeRequestApprovals {
    readonly allowAuthorApproval: boolean;
    readonly allowCommitterApproval: boolean;
    readonly resetApprovalsOnPush: boolean;
    readonly allowOverridingApproversPerMergeRequest: boolean;
    readonly requireReauthenticationToApprove: boolean;
    readonly selectiveCodeOwnerRemovals: boolean;
}

/** Path patterns and their owners, rendered into a GitLab CODEOWNERS file. */
export type CodeOwners = Readonly<z.infer<typeof codeOwnersSchema>>;
export type CodeOwnerRule = CodeOwners["rules"][number];
export type CodeOwnerSection = CodeOwners["sections"][number];
/** Push rules, in config terms; `maxFileSizeMb` and the blocked files become provider inputs. */
export type PushRules = Readonly<Omit<z.infer<typeof pushRulesSchema>, "denyDeleteTag"> & { denyDeleteTag: boolean }>;
/** A protected deployment environment that gates model promotion. */
export type PromotionGate = Readonly<z.infer<typeof promotionGateSchema>>;
/** Exactly one of `user`, `group` or `accessLevel`, checked by the config validator. */
export type PromotionApproval = PromotionGate["approvals"][number];

export type TagCreateAccessLevel = (typeof TAG_CREATE_ACCESS_LEVELS)[number];

/** A protected release-tag pattern, its role resolved. */
export interface ReleaseTag {
    readonly pattern: string;
    readonly createAccessLevel: TagCreateAccessLevel;
    readonly users: readonly PrincipalRef[];
    readonly groups: readonly PrincipalRef[];
}

export interface MergeChecks {
    readonly pipelineMustSucceed?: boolean;
    readonly discussionsMustBeResolved?: boolean;
}

/** The model registry's and experiments' access levels, resolved; an unset one is not managed. */
export interface ModelRegistry {
    readonly registry?: ModelRegistryLevel;
    readonly experiments?: ModelRegistryLevel;
}

export interface Repository {
    /** Stable id used in resource names and exports; renaming the project keeps it. */
    readonly key: string;
    /** Where a key of this repository is written: under `repositories[i]`, or under `defaults` when inherited. */
    readonly keyPath: (rel: KeyPath) => KeyPath;
    readonly project: CreatedProject | AdoptedProject;
    readonly protectedBranch: ProtectedBranch;
    readonly approvalRules: readonly ApprovalRule[];
    readonly mergeRequestApprovals: MergeRequestApprovals;
    /** GitLab's one `any_approver` rule, managed explicitly when set. */
    readonly anyApprover?: { readonly approvalsRequired: number };
    readonly codeOwners?: CodeOwners;
    readonly pushRules?: PushRules;
    readonly promotionGate?: PromotionGate;
    /** GitLab's merge checks, resolved; undefined where neither config nor production asks for them. */
    readonly mergeChecks?: MergeChecks;
    /** Who may see and change the model registry and experiments; undefined where neither config nor production asks. */
    readonly modelRegistry?: ModelRegistry;
    /** Protected release-tag patterns, as `TagProtection` resources. */
    readonly releaseTags: readonly ReleaseTag[];
    /** Make every named approver a Developer member, so GitLab does not silently ignore them. */
    readonly addApproversAsMembers: boolean;
    /** The role for every group the project is shared with; undefined: the lowest each group needs. */
    readonly sharedGroupAccess?: ShareAccessLevel;
    /** Pulumi `retainOnDelete` on every governance resource: de-listing the repository leaves its governance in GitLab. */
    readonly retainGovernanceOnDelete: boolean;
    /** The name of the compliance framework the project carries (a `complianceFrameworks` entry of its top-level group). */
    readonly complianceFramework?: string;
}

/** A compliance framework a stack's repositories can carry: one it defines, or one that exists in GitLab already. */
export type ComplianceFrameworkDefinition = ManagedComplianceFramework | ExistingComplianceFramework;

interface ComplianceFrameworkEntry {
    readonly name: string;
    /** The top-level group that holds it. */
    readonly group: string;
    /** Where it is written: `complianceFrameworks[i]`. */
    readonly keyPath: KeyPath;
}

/** A framework the stack defines: a `ComplianceFramework` in a top-level group. */
export interface ManagedComplianceFramework extends ComplianceFrameworkEntry {
    readonly kind: "managed";
    readonly description: string;
    readonly color: string;
}

/** `existing: true`: a framework defined by another stack or in GitLab, looked up by name and never changed here. */
export interface ExistingComplianceFramework extends ComplianceFrameworkEntry {
    readonly kind: "existing";
}

/** The validated stack config: everything the program needs, nothing it has to re-check. */
export interface GovernanceConfig {
    readonly environment: string;
    readonly production: boolean;
    readonly tier: Tier;
    /** CE or EE decides which branch-protection inputs the provider accepts; the license tier decides the features. */
    readonly edition: Edition;
    /** A self-managed instance (not gitlab.com). */
    readonly selfManaged: boolean;
    /** The token belongs to an instance administrator (self-managed only). */
    readonly adminToken: boolean;
    /** The GitLab user behind the token, allowed to push the files this program manages. */
    readonly automationUser?: string;
    /** automationUser's e-mail, used as the author of the commits this program makes. */
    readonly automationUserEmail?: string;
    readonly repositories: readonly Repository[];
    /** Compliance frameworks the stack defines or refers to; repositories name them. */
    readonly complianceFrameworks: readonly ComplianceFrameworkDefinition[];
    /** Reviewed weakenings of production governance, each bound to its exact change. */
    readonly acknowledgedWeakenings: readonly WeakeningAcknowledgement[];
    /** What may not work for some merge requests, by key: shown, never refused. */
    readonly warnings: readonly ConfigIssue[];
}
