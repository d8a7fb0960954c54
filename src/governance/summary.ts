import { frameworkOf } from "../config/complianceFrameworks";
import type { ApprovalRule, ComplianceFrameworkDefinition, GovernanceConfig, MergeChecks, MergeRequestApprovals, ModelRegistry, PrincipalRef, PromotionGate, Repository, Tier } from "../config";
import { PROVIDER_VERSION } from "./providerVersion";
import { groupsToShare } from "../config/sharing";
import { namedApprovers } from "./approvers";
import { pushRuleInputs } from "./pushRuleInputs";

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
        /** A created project's default branch; an adopted project's protected branch is its default branch. */
        readonly defaultBranch?: string;
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
    readonly anyApprover?: { readonly approvalsRequired: number };
    readonly mergeRequestApprovals: MergeRequestApprovals | "not available on GitLab Free";
    readonly codeOwners?: {
        readonly file: string;
        readonly sections: ReadonlyArray<{ readonly name: string; readonly approvalsRequired: number | "optional"; readonly rules: ReadonlyArray<{ readonly pattern: string; readonly owners: readonly string[] }> }>;
    };
    /** Every push-rule setting as sent to the provider, by its provider name ("" and 0 mean off). */
    readonly pushRules?: Readonly<Record<string, string | number | boolean>>;
    /** Groups the project is shared with so that GitLab honours them as code owners, deployers or approvers. */
    readonly sharedGroups: ReadonlyArray<{ readonly group: string; readonly access: string }>;
    /** Whether removing the repository from config leaves its governance in GitLab. */
    readonly retainGovernanceOnDelete: boolean;
    readonly promotionGate?: { readonly environment: string; readonly deployers: readonly string[]; readonly approvals: readonly string[]; readonly triggererMayApprove?: boolean; readonly freezePeriods: readonly string[] };
    /** Protected release-tag patterns and who may create matching tags: a role, users and groups. */
    readonly releaseTags: ReadonlyArray<{ readonly pattern: string; readonly creators: readonly string[] }>;
    /** The merge checks sent to GitLab; absent keys are left as GitLab has them. */
    readonly mergeChecks?: MergeChecks;
    /** The model registry's and experiments' access levels sent to GitLab; absent keys are left as GitLab has them. */
    readonly modelRegistry?: ModelRegistry;
    /** Users made Developer members so their approvals count; empty when turned off. */
    readonly approverMemberships: readonly string[];
    /** The compliance framework the project carries, by name and top-level group. */
    readonly complianceFramework?: { readonly name: string; readonly group: string };
}

export interface GovernanceSummary {
    readonly environment: string;
    readonly production: boolean;
    readonly tier: Tier;
    readonly edition: "ce" | "ee";
    readonly selfManaged: boolean;
    readonly automationUser?: string;
    readonly providerVersion: string;
    readonly repositories: readonly RepositorySummary[];
}

export function describeUser(ref: PrincipalRef): string {
    return typeof ref === "number" ? `user id ${ref}` : ref;
}

export function describeGroup(ref: PrincipalRef): string {
    return typeof ref === "number" ? `group id ${ref}` : ref;
}

export function summarizeApprovalRules(rules: readonly ApprovalRule[]): ApprovalRuleSummary[] {
    return rules.map((rule) => ({
        name: rule.name,
        approvalsRequired: rule.approvalsRequired,
        users: rule.users.map(describeUser),
        groups: rule.groups.map(describeGroup),
    }));
}

function summarizeGate(gate: PromotionGate): NonNullable<RepositorySummary["promotionGate"]> {
    const { deployers } = gate;
    return {
        environment: gate.environment,
        deployers: [
            ...(deployers.accessLevel === undefined ? [] : [`access level ${deployers.accessLevel}`]),
            ...deployers.users.map(describeUser),
            ...deployers.groups.map(describeGroup),
        ],
        approvals: gate.approvals.map((a) => {
            const n = a.approvalsRequired ?? 1;
            if (a.user !== undefined) return `approval by ${describeUser(a.user)}`;
            const from = a.group !== undefined ? `group ${describeGroup(a.group)}` : `access level ${a.accessLevel}`;
            return `${n} approval${n === 1 ? "" : "s"} from ${from}`;
        }),
        ...(gate.triggererMayApprove === undefined ? {} : { triggererMayApprove: gate.triggererMayApprove }),
        freezePeriods: gate.freezePeriods.map((p) => `from \`${p.start}\` to \`${p.end}\` (${p.timezone})`),
    };
}

export function summarizeRepository(repo: Repository, tier: Tier, automationUser?: string, frameworks: readonly ComplianceFrameworkDefinition[] = []): RepositorySummary {
    const framework = frameworkOf(repo, frameworks);
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
                      defaultBranch: project.defaultBranch,
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
        approvalRules: summarizeApprovalRules(repo.approvalRules),
        ...(repo.anyApprover ? { anyApprover: repo.anyApprover } : {}),
        mergeRequestApprovals: premium ? repo.mergeRequestApprovals : "not available on GitLab Free",
        ...(repo.codeOwners
            ? {
                  codeOwners: {
                      file: repo.codeOwners.file,
                      sections: [
                          ...(repo.codeOwners.rules.length > 0 ? [{ name: "(no section)", approvalsRequired: 1 as const, rules: repo.codeOwners.rules }] : []),
                          ...repo.codeOwners.sections.map((s) => ({ name: s.name, approvalsRequired: s.optional ? ("optional" as const) : (s.approvalsRequired ?? 1), rules: s.rules })),
                      ].map((s) => ({ ...s, rules: s.rules.map((r) => ({ pattern: r.pattern, owners: [...r.users, ...r.groups] })) })),
                  },
              }
            : {}),
        ...(repo.pushRules ? { pushRules: pushRuleInputs(repo.pushRules) } : {}),
        ...(repo.promotionGate ? { promotionGate: summarizeGate(repo.promotionGate) } : {}),
        ...(repo.mergeChecks ? { mergeChecks: repo.mergeChecks } : {}),
        ...(repo.modelRegistry ? { modelRegistry: repo.modelRegistry } : {}),
        releaseTags: repo.releaseTags.map((t) => ({
            pattern: t.pattern,
            creators: [...(t.createAccessLevel === "no one" ? [] : [`access level ${t.createAccessLevel}`]), ...t.users.map(describeUser), ...t.groups.map(describeGroup)],
        })),
        approverMemberships: repo.addApproversAsMembers ? namedApprovers(repo, automationUser).map(describeUser) : [],
        sharedGroups: groupsToShare(repo, (g) => (typeof g === "string" ? g : undefined)).map((s) => ({ group: describeGroup(s.group), access: s.access })),
        retainGovernanceOnDelete: repo.retainGovernanceOnDelete,
        ...(framework ? { complianceFramework: { name: framework.name, group: framework.group } } : {}),
    };
}

export function summarizeGovernance(config: GovernanceConfig): GovernanceSummary {
    return {
        environment: config.environment,
        production: config.production,
        tier: config.tier,
        edition: config.edition,
        selfManaged: config.selfManaged,
        ...(config.automationUser ? { automationUser: config.automationUser } : {}),
        providerVersion: PROVIDER_VERSION,
        repositories: config.repositories.map((repo) => summarizeRepository(repo, config.tier, config.automationUser, config.complianceFrameworks)),
    };
}
