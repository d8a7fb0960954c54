import type { PolicyResource } from "@pulumi/policy";
import { bool, ident, list, num, UNKNOWN, type Maybe } from "./values";

/**
 * Which protected branches a ProjectApprovalRule applies to:
 * - `all`: `appliesToAllProtectedBranches: true`;
 * - `branches`: the listed `protectedBranchIds` (some may be unknown in preview);
 * - `none`: neither, which GitLab applies to every branch, protected or not;
 * - `unknown`: the scope itself cannot be known yet.
 */
export type RuleScope =
    | { readonly kind: "all" }
    | { readonly kind: "branches"; readonly ids: ReadonlySet<string>; readonly someUnknown: boolean }
    | { readonly kind: "none" }
    | { readonly kind: "unknown" };

export function ruleScope(rule: PolicyResource | { props: Record<string, any> }): RuleScope {
    const all = bool(rule.props, "appliesToAllProtectedBranches");
    if (all === true) return { kind: "all" };
    const ids = list(rule.props, "protectedBranchIds");
    if (all === UNKNOWN || ids === UNKNOWN) return { kind: "unknown" };
    if (ids === undefined || ids.length === 0) return { kind: "none" };
    const known = ids.filter((id) => typeof id === "string" || typeof id === "number").map(String);
    return { kind: "branches", ids: new Set(known), someUnknown: ids.some((id) => id === UNKNOWN) };
}

/** Whether the rule applies to protected branches at all: the rules check 1 judges. */
export function targetsProtectedBranches(scope: RuleScope): boolean {
    return scope.kind === "all" || scope.kind === "branches";
}

/** May the rule apply to the protection with this id? UNKNOWN ids are given the benefit of the doubt. */
export function mayCover(scope: RuleScope, protectionId: Maybe<string | undefined>): boolean {
    switch (scope.kind) {
        case "all":
        case "none":
        case "unknown":
            return true;
        case "branches":
            return scope.someUnknown || typeof protectionId !== "string" || scope.ids.has(protectionId);
    }
}

export function approvalsRequired(rule: PolicyResource): Maybe<number> {
    const value = num(rule.props, "approvalsRequired");
    return value === undefined ? 0 : value;
}

/** The `branchProtectionId` output of a BranchProtection. */
export function protectionId(protection: PolicyResource): Maybe<string | undefined> {
    return ident(protection.props, "branchProtectionId");
}
