import type { GovernanceConfig, MergeRequestApprovals, PrincipalRef, Repository, Tier } from "../config";
import { PROVIDER_VERSION } from "../gitlab";

export interface ApprovalRuleSummary {
    readonly name: string;
    readonly approvalsRequired: number;
    readonly users: readonly string[];
    readonly groups: readonly string[];
}

/** What one repository's governance means, in words and names an auditor can read. */
export interface RepositorySummary {
    readonly key: string;
    readonly project: {
        readonly managed: "created by this program" | "adopted (existing project)";
        readonly path: string;
        readonly visibility?: string;
        readonly dataSafety?: { readonly protect: boolean; readonly retainOnDelete: boolean; readonly archiveOnDestroy: boolean };
    };
    readonly protectedBranch: {
        readonly branch: string;
        readonly pushAccessLevel: string;
        readonly mergeAccessLevel: string;
        readonly unprotectAccessLevel?: string;
        readonly allowForcePush: boolean;
        readonly codeOwnerApprovalRequired?: boolean;
    };
    readonly approvalRules: readonly ApprovalRuleSummary[];
    readonly mergeRequestApprovals: MergeRequestApprovals | "not available on GitLab Free";
}

export interface GovernanceSummary {
    readonly environment: string;
    readonly production: boolean;
    readonly tier: Tier;
    readonly providerVersion: string;
    readonly repositories: readonly RepositorySummary[];
}

export function describeUser(ref: PrincipalRef): string {
    return typeof ref === "number" ? `user id ${ref}` : ref;
}

export function describeGroup(ref: PrincipalRef): string {
    return typeof ref === "number" ? `group id ${ref}` : ref;
}

export function summarizeRepository(repo: Repository, tier: Tier): RepositorySummary {
    const { project, protectedBranch: pb } = repo;
    const premium = tier !== "free";
    return {
        key: repo.key,
        project:
            project.mode === "create"
                ? {
                      managed: "created by this program",
                      path: `${project.namespace ?? "(token user's namespace)"}/${project.path}`,
                      visibility: project.visibility,
                      dataSafety: project.dataSafety,
                  }
                : { managed: "adopted (existing project)", path: project.pathWithNamespace },
        protectedBranch: {
            branch: pb.branch ?? "(the project's default branch)",
            pushAccessLevel: pb.pushAccessLevel,
            mergeAccessLevel: pb.mergeAccessLevel,
            ...(premium ? { unprotectAccessLevel: pb.unprotectAccessLevel } : {}),
            allowForcePush: pb.allowForcePush,
            ...(premium ? { codeOwnerApprovalRequired: pb.codeOwnerApprovalRequired } : {}),
        },
        approvalRules: repo.approvalRules.map((rule) => ({
            name: rule.name,
            approvalsRequired: rule.approvalsRequired,
            users: rule.users.map(describeUser),
            groups: rule.groups.map(describeGroup),
        })),
        mergeRequestApprovals: premium ? repo.mergeRequestApprovals : "not available on GitLab Free",
    };
}

export function summarizeGovernance(config: GovernanceConfig): GovernanceSummary {
    return {
        environment: config.environment,
        production: config.production,
        tier: config.tier,
        providerVersion: PROVIDER_VERSION,
        repositories: config.repositories.map((repo) => summarizeRepository(repo, config.tier)),
    };
}
