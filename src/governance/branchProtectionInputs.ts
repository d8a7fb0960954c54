import type * as pulumi from "@pulumi/pulumi";
import type { ProtectedBranch, Tier } from "../config";
import type { BranchProtectionArgs } from "../gitlab";

type AccessInputs = Omit<BranchProtectionArgs, "project" | "branch">;

/**
 * Who may push, merge and unprotect, in the form the tier accepts: Free (CE)
 * takes `pushAccessLevel`/`mergeAccessLevel`; Premium and Ultimate reject those
 * ("use allowed_to_push") and take `allowedTo*` entries instead, where
 * `pushUserIds` (Premium/Ultimate only) may push besides the access level.
 */
export function branchProtectionInputs(branch: ProtectedBranch, tier: Tier, pushUserIds: readonly pulumi.Input<number>[] = []): AccessInputs {
    if (tier === "free") {
        return {
            pushAccessLevel: branch.pushAccessLevel,
            mergeAccessLevel: branch.mergeAccessLevel,
            allowForcePush: branch.allowForcePush,
        };
    }
    return {
        allowedToPushes: [{ accessLevel: branch.pushAccessLevel }, ...pushUserIds.map((userId) => ({ userId }))],
        allowedToMerges: [{ accessLevel: branch.mergeAccessLevel }],
        allowedToUnprotects: [{ accessLevel: branch.unprotectAccessLevel }],
        allowForcePush: branch.allowForcePush,
        codeOwnerApprovalRequired: branch.codeOwnerApprovalRequired,
    };
}
