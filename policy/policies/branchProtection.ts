import type { ResourceValidationPolicy } from "@pulumi/policy";
import { GITLAB } from "../lib/tokens";
import { bool, field, list } from "../lib/values";

/**
 * Check 4. `pushAccessLevel` is the Free (CE) form and `allowedToPushes` the
 * Premium/Ultimate form; both are read, so the check holds on either tier.
 * GitLab's "developer" level means Developers and Maintainers.
 */
export const noForcePushOrDeveloperPush: ResourceValidationPolicy = {
    name: "no-force-push-or-developer-push",
    description: "BranchProtection must not allow force push, and must not let developers push directly (pushAccessLevel or allowedToPushes[].accessLevel `developer`).",
    enforcementLevel: "mandatory",
    validateResource: (args, reportViolation) => {
        if (args.type !== GITLAB.branchProtection) return;
        const branch = describeBranch(field(args.props, "branch"));
        if (bool(args.props, "allowForcePush") === true) {
            reportViolation(`allowForcePush is true on ${branch}: a force push rewrites reviewed history. Set it to false.`);
        }
        if (field(args.props, "pushAccessLevel") === "developer") {
            reportViolation(`pushAccessLevel is "developer" on ${branch}: developers could push around review. Use "no one" and merge through merge requests.`);
        }
        const pushes = list(args.props, "allowedToPushes");
        if (Array.isArray(pushes)) {
            pushes.forEach((entry, i) => {
                if (typeof entry === "object" && entry !== null && field(entry as Record<string, any>, "accessLevel") === "developer") {
                    reportViolation(`allowedToPushes[${i}].accessLevel is "developer" on ${branch}: developers could push around review. Use "no one" and merge through merge requests.`);
                }
            });
        }
    },
};

function describeBranch(branch: unknown): string {
    return typeof branch === "string" ? `branch "${branch}"` : "the protected branch";
}
