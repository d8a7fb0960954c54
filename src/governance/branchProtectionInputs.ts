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
 *
 * The push users are the token's own user, which administers the project and
 * so holds Maintainer there: a `developer` or `maintainer` push level already
 * lets it push, and its entry is added only where the level shuts it out. Never
 * beside `maintainer`: GitLab stores a user entry with access_level 40, and on
 * update the provider skips any role entry whose level name an existing entry
 * has (populateBranchPermissionOptionsDataForPush), so a `maintainer` entry
 * lost to drift or a change of level would never come back.
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
        allowedToPushes: [...access.allowedToPushes, ...(shutsOutMaintainers(branch.pushAccessLevel) ? pushUserIds.map((userId) => ({ userId })) : [])],
        allowedToUnprotects: [{ accessLevel: branch.unprotectAccessLevel }],
        codeOwnerApprovalRequired: branch.codeOwnerApprovalRequired,
    };
}

/** A push level a Maintainer does not pass: nobody, or instance administrators only. */
const shutsOutMaintainers = (level: ProtectedBranch["pushAccessLevel"]) => level === "no one" || level === "admin";
