import type { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { groupByProject } from "../lib/projectGroups";
import { GITLAB } from "../lib/tokens";
import { bool, field, UNKNOWN } from "../lib/values";

const configSchema: PolicyConfigSchema = {
    properties: {
        codeownersPaths: {
            type: "array",
            items: { type: "string" },
            default: ["CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"],
            description: "Where GitLab reads a CODEOWNERS file, relative to the repository root.",
        },
    },
};

interface Config {
    codeownersPaths: string[];
}

/**
 * Check 5. A managed CODEOWNERS file only routes reviews; GitLab enforces it
 * only on a protected branch with code owner approval required. The file is
 * matched to protections of its own `branch`. A protection whose branch or
 * setting is unknown in preview counts as compliant: the check fires only when
 * no protection of the project can be the one that requires code owners.
 */
export const codeOwnerApprovalWithCodeowners: StackValidationPolicy = {
    name: "code-owner-approval-with-codeowners",
    description: "A project whose CODEOWNERS file the stack manages protects that file's branch with codeOwnerApprovalRequired: true.",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, reportViolation) => {
        const { codeownersPaths } = configOf<Config>(configSchema, args);
        const { groups, unplaced } = groupByProject(args.resources);
        // A protection whose project is unknown yet may be this project's.
        const unplacedProtections = unplaced.filter((r) => r.type === GITLAB.branchProtection);
        for (const group of groups) {
            const files = group.files.filter((f) => {
                const path = field(f.props, "filePath");
                return typeof path === "string" && codeownersPaths.includes(path);
            });
            for (const file of files) {
                const branch = field(file.props, "branch");
                const candidates = [...group.protections, ...unplacedProtections].filter((p) => sameBranch(field(p.props, "branch"), branch));
                if (candidates.some(mayRequireCodeOwners)) continue;

                const where = typeof branch === "string" ? `branch "${branch}"` : "its branch";
                const offenders = group.protections.filter((p) => field(p.props, "branch") === branch);
                const message =
                    candidates.length === 0
                        ? `${field(file.props, "filePath")} is managed on ${where} of project ${group.label}, but no BranchProtection protects that branch; protect it with codeOwnerApprovalRequired: true.`
                        : `${field(file.props, "filePath")} is managed on ${where} of project ${group.label}, but its BranchProtection does not set codeOwnerApprovalRequired: true, so code owners are asked but not required.`;
                const at: PolicyResource[] = offenders.length > 0 ? offenders : [file];
                at.forEach((r) => reportViolation(message, r.urn));
            }
        }
    },
};

function mayRequireCodeOwners(protection: PolicyResource): boolean {
    const required = bool(protection.props, "codeOwnerApprovalRequired");
    return required === true || required === UNKNOWN;
}

function sameBranch(a: unknown, b: unknown): boolean {
    return a === UNKNOWN || b === UNKNOWN || a === b;
}
