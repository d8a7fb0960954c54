import type { PushRules } from "./model";

/**
 * GitLab's one `file_name_regex` for the blocked extensions and the free-form
 * pattern, or "" (off) when neither is set. Extensions match in any case
 * (`model.ONNX` is as much a model as `model.onnx`); GitLab's RE2 matching is
 * case-sensitive unless the pattern says `(?i)`.
 */
export function blockedFileNameRegex(rules: Pick<PushRules, "blockedFileExtensions" | "blockedFileNameRegex">): string {
    const parts: string[] = [];
    if (rules.blockedFileExtensions.length > 0) parts.push(`(?i)\\.(${rules.blockedFileExtensions.join("|")})$`);
    if (rules.blockedFileNameRegex !== undefined) parts.push(rules.blockedFileNameRegex);
    if (parts.length <= 1) return parts[0] ?? "";
    return parts.map((p) => `(${p})`).join("|");
}
