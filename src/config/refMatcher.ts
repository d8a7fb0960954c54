/**
 * Whether a protected-branch name or wildcard covers a branch, as GitLab
 * decides it (Gitlab::RefMatcher, lib/gitlab/ref_matcher.rb): an exact match,
 * or each `*` standing for any run of characters, `/` included, with the rest
 * compared literally and case-sensitively.
 */
export function refMatches(pattern: string, ref: string): boolean {
    if (pattern === "") return false;
    if (pattern === ref) return true;
    if (!pattern.includes("*")) return false;
    const body = pattern
        .split("*")
        .map((segment) => segment.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
        .join(".*?");
    return new RegExp(`^${body}$`, "s").test(ref);
}
