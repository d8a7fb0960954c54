/** The positions of entries that repeat an earlier one: GitLab compares usernames and group paths without case. */
export function repeatedEntries(refs: readonly (string | number)[]): number[] {
    const seen = new Set<string>();
    return refs.flatMap((ref, k) => {
        const norm = String(ref).toLowerCase();
        if (seen.has(norm)) return [k];
        seen.add(norm);
        return [];
    });
}
