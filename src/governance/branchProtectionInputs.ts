import type * as pulumi from "@pulumi/pulumi";
import type { Edition, ProtectedBranch, Tier } from "../config";
import type { BranchProtectionArgs } from "@pulumi/gitlab";

type AccessInputs = Omit<BranchProtectionArgs, "project" | "branch">;

/**
 * Who may push, merge and unprotect, in the form the instance accepts. The
 * provider decides by edition, not license: on CE it takes
 * `pushAccessLevel`/`mergeAccessLevel`; on every EE build (gitlab.com and an
 * unlicensed EE included) it refuses those and takes `allowedTo*` entries.
 * Unprotect restrictions, code owner approval and per-user push entries
 * (`pushUserIds`) are Premium features on top of that.
 */
export function branchProtectionInputs(branch: ProtectedBranch, edition: Edition, tier: Tier, pushUserIds: readonly pulumi.Input<number>[] = []): AccessInputs {
    if (edition === "ce") {
        return { pushAccessLevel: branch.pushAccessLevel, mergeAccessLevel: branch.mergeAccessLevel, allowForcePush: branch.allowForcePush };
    }
    const access = {
        allowedToPushes: [{ accessLevel: branch.pushAccessLevel }],
        allowedToMerges: [{ accessLevel: branch.mergeAccessLevel }],
        allowForcePush: branch.allowForcePush,
    };
    if (tier === "free") return access;
    return {
        ...access,
        allowedToPushes: [...access.allowedToPushes, ...pushUserIds.map((userId) => ({ userId }))],
        allowedToUnprotects: [{ accessLevel: branch.unprotectAccessLevel }],
        codeOwnerApprovalRequired: branch.codeOwnerApprovalRequired,
    };
}
