/**
 * A lower-case, dash-separated form of a name for Pulumi resource names.
 * The config checks compare rule names in this form, so two rules never share a resource name.
 */
export function resourceKey(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** GitLab's own rule for a path typed as a display name: lower-case, dashes for anything else. */
export function slug(name: string): string {
    return name
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9_.-]+/g, "-")
        .replace(/-{2,}/g, "-")
        .replace(/^[-._]+|[-._]+$/g, "");
}
