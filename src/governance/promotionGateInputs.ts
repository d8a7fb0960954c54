import type { PromotionGate } from "../config";
import type { ProjectProtectedEnvironmentApprovalRule, ProjectProtectedEnvironmentArgs } from "../gitlab";
import type { PrincipalDirectory } from "./principals";

/** Who may deploy, and whose approvals a deployment needs, as GitLab's per-entry rules. */
export function promotionGateInputs(gate: PromotionGate, principals: PrincipalDirectory): Omit<ProjectProtectedEnvironmentArgs, "project"> {
    const { deployers } = gate;
    return {
        environment: gate.environment,
        deployAccessLevelsAttributes: [
            ...(deployers.accessLevel === undefined ? [] : [{ accessLevel: deployers.accessLevel }]),
            ...deployers.users.map((u) => ({ userId: principals.userId(u) })),
            ...deployers.groups.map((g) => ({ groupId: principals.groupId(g) })),
        ],
        approvalRules: gate.approvals.map((a): ProjectProtectedEnvironmentApprovalRule => {
            if (a.user !== undefined) return { userId: principals.userId(a.user) };
            const requiredApprovals = a.approvalsRequired ?? 1;
            return a.group !== undefined ? { groupId: principals.groupId(a.group), requiredApprovals } : { accessLevel: a.accessLevel, requiredApprovals };
        }),
    };
}
