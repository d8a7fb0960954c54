import type * as gitlab from "@pulumi/gitlab";
import type * as pulumi from "@pulumi/pulumi";
import type { PrincipalRef, PromotionGate } from "../config";

type Id = (ref: PrincipalRef) => pulumi.Input<number>;

/**
 * Who may deploy, and whose approvals a deployment needs, as GitLab's per-entry
 * rules. `userId` and `groupId` resolve a named user or group; the component
 * passes the ids of its memberships and shares, so the gate is created after them.
 */
export function promotionGateInputs(gate: PromotionGate, userId: Id, groupId: Id): Omit<gitlab.ProjectProtectedEnvironmentArgs, "project"> {
    const { deployers } = gate;
    return {
        environment: gate.environment,
        deployAccessLevelsAttributes: [
            ...(deployers.accessLevel === undefined ? [] : [{ accessLevel: deployers.accessLevel }]),
            ...deployers.users.map((u) => ({ userId: userId(u) })),
            ...deployers.groups.map((g) => ({ groupId: groupId(g) })),
        ],
        approvalRules: gate.approvals.map((a): gitlab.types.input.ProjectProtectedEnvironmentApprovalRule => {
            if (a.user !== undefined) return { userId: userId(a.user) };
            const requiredApprovals = a.approvalsRequired ?? 1;
            return a.group !== undefined ? { groupId: groupId(a.group), requiredApprovals } : { accessLevel: a.accessLevel, requiredApprovals };
        }),
    };
}
