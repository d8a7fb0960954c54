import { wildcardRegExp } from "../../policy/lib/stack";

/**
 * Whether a protected-branch name or wildcard covers a branch, as GitLab
 * decides it (Gitlab::RefMatcher, lib/gitlab/ref_matcher.rb): an exact match,
 * or each `*` standing for any run of characters, `/` included, with the rest
 * compared literally and case-sensitively.
 */
export function refMatches(pattern: string, ref: string): boolean {
    if (pattern === "") return false;
    return pattern === ref || (pattern.includes("*") && wildcardRegExp(pattern).test(ref));
}
