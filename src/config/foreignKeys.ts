import { distance } from "fastest-levenshtein";
import type { ConfigIssue } from "./issues";
import { NAMESPACE } from "./schema";

/**
 * Keys of a stack file outside this program's namespace that it must not
 * ignore: a typo of the namespace (`ml-model-governence:defaults` would
 * silently drop every default), and a GitLab token stored in the file.
 */
export function foreignKeyIssues(keys: readonly string[]): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    for (const key of keys) {
        const colon = key.indexOf(":");
        if (colon < 0) continue;
        const namespace = key.slice(0, colon);
        const rest = key.slice(colon + 1);
        if (namespace !== NAMESPACE && distance(namespace.toLowerCase(), NAMESPACE) <= 3) {
            issues.push({ path: [], key, message: `unknown config namespace (did you mean \`${NAMESPACE}:${rest}\`?); as written, this program would ignore it` });
        }
        if (key === "gitlab:token") {
            issues.push({
                path: [],
                key,
                message:
                    "expected no GitLab token in the stack file: the provider prefers it to GITLAB_TOKEN, so every preview, merge requests included, would act with it; run `pulumi config rm gitlab:token` and set GITLAB_TOKEN in the environment (a protected CI variable)",
            });
        }
    }
    return issues;
}
