/**
 * A lower-case, dash-separated form of a name for Pulumi resource names.
 * The config checks compare rule names in this form, so two rules never share a resource name.
 */
export function resourceKey(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}
