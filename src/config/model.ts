import type { ACCESS_LEVELS, TIERS, UNPROTECT_ACCESS_LEVELS, VISIBILITIES } from "./schema";

export type Tier = (typeof TIERS)[number];
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

export interface Repository {
    /** Stable id used in resource names and exports; renaming the project keeps it. */
    readonly key: string;
    readonly project: CreatedProject | AdoptedProject;
    readonly protectedBranch: ProtectedBranch;
    readonly approvalRules: readonly ApprovalRule[];
    readonly mergeRequestApprovals: MergeRequestApprovals;
}

/** The validated stack config: everything the program needs, nothing it has to re-check. */
export interface GovernanceConfig {
    readonly environment: string;
    readonly production: boolean;
    readonly tier: Tier;
    readonly repositories: readonly Repository[];
}
