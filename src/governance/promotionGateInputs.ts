import type * as pulumi from "@pulumi/pulumi";
import type { PrincipalRef, PromotionGate } from "../config";
import type { ProjectProtectedEnvironmentApprovalRule, ProjectProtectedEnvironmentArgs } from "../gitlab";
import type { PrincipalDirectory } from "./principals";

/**
 * Who may deploy, and whose approvals a deployment needs, as GitLab's per-entry
 * rules. `userId` resolves a named user (by default through the directory; the
 * component passes its members' ids, so the gate is created after them).
 */
export function promotionGateInputs(
    gate: PromotionGate,
    principals: PrincipalDirectory,
    userId: (user: PrincipalRef) => pulumi.Input<number> = (u) => principals.userId(u),
): Omit<ProjectProtectedEnvironmentArgs, "project"> {
    const { deployers } = gate;
    return {
        environment: gate.environment,
        deployAccessLevelsAttributes: [
            ...(deployers.accessLevel === undefined ? [] : [{ accessLevel: deployers.accessLevel }]),
            ...deployers.users.map((u) => ({ userId: userId(u) })),
            ...deployers.groups.map((g) => ({ groupId: principals.groupId(g) })),
        ],
        approvalRules: gate.approvals.map((a): ProjectProtectedEnvironmentApprovalRule => {
            if (a.user !== undefined) return { userId: userId(a.user) };
            const requiredApprovals = a.approvalsRequired ?? 1;
            return a.group !== undefined ? { groupId: principals.groupId(a.group), requiredApprovals } : { accessLevel: a.accessLevel, requiredApprovals };
        }),
    };
}
