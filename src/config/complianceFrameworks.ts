import { z } from "./zod";
import { renderKey, suggest, type ConfigIssue, type KeyPath } from "./issues";
import type { ComplianceFrameworkDefinition, ExistingComplianceFramework, Repository, Tier } from "./model";
import { resourceKey } from "./names";

// GitLab keeps compliance frameworks on top-level groups only, and applies one
// to a project only if the project is in that group's hierarchy
// (ComplianceManagement::Frameworks::CreateService uses the namespace's
// root_ancestor; UpdateProjectService#project_is_in_root_or_csp_namespace skips
// any other framework without an error; gitlab-ee ee/app/services/
// compliance_management/frameworks/{create,update_project}_service.rb).
const TOP_LEVEL_GROUP = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
// terraform-provider-gitlab resource_gitlab_compliance_framework.go, `color`'s RegexMatches validator.
const COLOR = /^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/;

// The provider writes name and description into its GraphQL documents with
// fmt.Sprintf("%s"), unescaped (resource_gitlab_compliance_framework.go,
// Create and update): a `"`, `\` or line break would break the document.
const GRAPHQL_SAFE = { error: "expected no `\"`, `\\` or line break: the provider writes it into a GraphQL string without escaping it" };
const graphqlSafe = (s: string) => !/["\\\r\n]/.test(s);

const frameworkName = z.string().trim().min(1).max(255).refine(graphqlSafe, GRAPHQL_SAFE);
const topLevelGroup = z.string().regex(TOP_LEVEL_GROUP, { error: "expected the full path of a top-level group such as `acme-ml` (no `/`): GitLab keeps compliance frameworks on top-level groups" });
// Refused on a reference: the framework's owner (another stack, or whoever made it in GitLab) decides them.
const managedElsewhere = (key: string) =>
    z.never({ error: `expected no ${key} with \`existing: true\`: a framework's description and color belong to whoever manages it (the stack that defines it, or GitLab's UI); remove it, or set \`existing: false\` to define the framework here` }).optional();

const OR_EXISTING = " (or `existing: true` for a framework defined elsewhere)";

/** A framework this stack creates and manages. */
const definedFrameworkSchema = z.strictObject({
    name: frameworkName,
    group: topLevelGroup,
    existing: z.literal(false).optional(),
    description: z
        .string({ error: `expected a description: GitLab requires one${OR_EXISTING}` })
        .trim()
        .min(1, { error: "expected a description: GitLab requires one" })
        .max(255)
        .refine(graphqlSafe, GRAPHQL_SAFE),
    color: z.string({ error: `expected a hex color such as \`#1f75cb\`${OR_EXISTING}` }).regex(COLOR, { error: "expected a hex color such as `#1f75cb`" }),
});

/**
 * A framework that exists in GitLab already, defined by another stack or in GitLab's UI:
 * looked up by name, never created, changed or deleted here. The provider's data
 * source writes the name into its GraphQL query unescaped too
 * (datasource_gitlab_compliance_framework.go, Read), hence the same characters.
 */
const referencedFrameworkSchema = z.strictObject({
    name: frameworkName,
    group: topLevelGroup,
    existing: z.literal(true),
    description: managedElsewhere("description"),
    color: managedElsewhere("color"),
});

export const complianceFrameworkSchema = z.discriminatedUnion("existing", [definedFrameworkSchema, referencedFrameworkSchema], {
    // Only a bad `existing` gets this; an entry that is no mapping keeps the usual message.
    error: (iss) => (iss.code === "invalid_union" ? "expected `existing` to be true (a framework that exists in GitLab, defined elsewhere) or false/absent (a framework this stack defines)" : undefined),
});

/** The stack's framework entries, one by one: a malformed entry (reported by the stack schema) still counts as defining its name. */
export interface FrameworkEntries {
    readonly valid: readonly ComplianceFrameworkDefinition[];
    /** Names of entries that failed to parse, so a repository naming one is not reported a second time. */
    readonly malformedNames: ReadonlySet<string>;
}

export function complianceFrameworksOf(raw: unknown): FrameworkEntries {
    const valid: ComplianceFrameworkDefinition[] = [];
    const malformedNames = new Set<string>();
    (Array.isArray(raw) ? raw : []).forEach((entry, i) => {
        const parsed = complianceFrameworkSchema.safeParse(entry);
        if (parsed.success) valid.push(toDefinition(parsed.data, ["complianceFrameworks", i]));
        else if (typeof (entry as { name?: unknown } | null)?.name === "string") malformedNames.add(String((entry as { name: string }).name).trim());
    });
    return { valid, malformedNames };
}

function toDefinition(entry: z.infer<typeof complianceFrameworkSchema>, keyPath: KeyPath): ComplianceFrameworkDefinition {
    const { name, group } = entry;
    return entry.existing === true ? { kind: "existing", name, group, keyPath } : { kind: "managed", name, group, description: entry.description, color: entry.color, keyPath };
}

/** The references (`existing: true`) some repository names: only these are looked up. */
export function referencesInUse(definitions: readonly ComplianceFrameworkDefinition[], repositories: readonly Repository[]): ExistingComplianceFramework[] {
    const used = new Set(repositories.map((repo) => frameworkOf(repo, definitions)));
    return definitions.filter((def): def is ExistingComplianceFramework => def.kind === "existing" && used.has(def));
}

/**
 * A reference no repository names does nothing: it is not even looked up. Said, not
 * refused, since a stack may list a framework before its first repository carries it.
 */
export function unusedReferenceWarnings(definitions: readonly ComplianceFrameworkDefinition[], repositories: readonly Repository[]): ConfigIssue[] {
    const used = new Set<ComplianceFrameworkDefinition>(referencesInUse(definitions, repositories));
    return definitions
        .filter((def) => def.kind === "existing" && !used.has(def))
        .map((def) => ({
            path: [...def.keyPath, "name"],
            value: def.name,
            message: `no repository of ${def.group} names this framework in \`complianceFramework\`, so it is neither looked up nor applied; name it on a repository, or remove the entry`,
        }));
}

/** The top-level group a repository's project lives in; undefined for a project created in the token user's namespace. */
export function topLevelGroupOf(repo: Repository): string | undefined {
    const full = repo.project.mode === "adopt" ? repo.project.pathWithNamespace.split("/").slice(0, -1).join("/") : repo.project.namespace;
    return full?.split("/")[0];
}

const FRAMEWORK_TIER = "compliance frameworks need GitLab Premium or Ultimate, but tier is \"free\"; remove this key or set ml-model-governance:tier";

/**
 * The stack's framework definitions, each once per top-level group, and every
 * repository's `complianceFramework` naming one of them in its own top-level group.
 */
export function checkComplianceFrameworks({ valid: definitions, malformedNames }: FrameworkEntries, repositories: readonly Repository[], tier: Tier): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    if (tier === "free" && (definitions.length > 0 || malformedNames.size > 0)) issues.push({ path: ["complianceFrameworks"], message: FRAMEWORK_TIER });
    const seen = new Map<string, ComplianceFrameworkDefinition>();
    for (const def of definitions) {
        const id = frameworkIdentity(def);
        const first = seen.get(id);
        // GitLab: "Each framework name must be unique within a group" (doc/api/graphql/compliance_frameworks.md).
        // A definition and a reference to it in one stack would be one framework twice, whichever kind comes first.
        if (first !== undefined) issues.push({ path: [...def.keyPath, "name"], value: def.name, message: `expected each framework once per top-level group; ${describeEntry(first)} in ${def.group} already` });
        else seen.set(id, def);
    }
    // Distinct frameworks whose resource names would be one (`SOC 2` and `soc-2`): the preview would fail on a duplicate URN.
    const byResourceName = new Map<string, ComplianceFrameworkDefinition>();
    // Only a definition's name is part of a resource name: a reference creates nothing.
    for (const def of seen.values()) {
        if (def.kind !== "managed") continue;
        const key = frameworkResourceKey(def);
        const first = byResourceName.get(key);
        if (first !== undefined) issues.push({ path: [...def.keyPath, "name"], value: def.name, message: `expected a name that differs from ${renderKey(first.keyPath)} (${JSON.stringify(first.name)} in ${first.group}) in more than case, spaces and punctuation: both would be the resource ${key}` });
        else byResourceName.set(key, def);
    }
    for (const repo of repositories) {
        const name = repo.complianceFramework;
        if (name === undefined) continue;
        const at = repo.keyPath(["complianceFramework"]);
        if (tier === "free") {
            issues.push({ path: at, value: name, message: FRAMEWORK_TIER });
            continue;
        }
        if (malformedNames.has(name)) continue; // its entry is reported already
        const group = topLevelGroupOf(repo);
        const named = definitions.filter((d) => d.name === name);
        if (named.length === 0) {
            // Every name the stack lists, a malformed entry's too: a near miss is most often a typo of one of them.
            const listed = [...new Set([...definitions.map((d) => d.name), ...malformedNames])];
            const near = suggest(name, listed);
            issues.push({
                path: at,
                value: name,
                message: `expected the name of a framework in ml-model-governance:complianceFrameworks (${listed.length > 0 ? `it lists ${listed.map((n) => JSON.stringify(n)).join(", ")}` : "it lists none"})${near === undefined ? "" : `; did you mean ${JSON.stringify(near)}?`}; a framework defined elsewhere needs an entry with \`existing: true\``,
            });
        } else if (group === undefined) {
            issues.push({ path: at, value: name, message: "expected a project in a group: compliance frameworks belong to top-level groups, and this project is created in the token user's own namespace (set `namespace`)" });
        } else if (!named.some((d) => d.group.toLowerCase() === group.toLowerCase())) {
            issues.push({
                path: at,
                value: name,
                message: `expected a framework of this project's top-level group ${group}; ${named.map((d) => `${describeEntry(d)} in ${d.group}`).join(", ")}, and GitLab applies a framework only to projects of its own top-level group`,
            });
        }
    }
    return issues;
}

/** The framework's part of its resource name: unique per stack (checkComplianceFrameworks refuses a clash). */
export function frameworkResourceKey(def: Pick<ComplianceFrameworkDefinition, "group" | "name">): string {
    return `${resourceKey(def.group)}-${resourceKey(def.name)}`;
}

/** A framework as GitLab tells them apart: by name within its top-level group (paths compared without case). */
export function frameworkIdentity(def: Pick<ComplianceFrameworkDefinition, "group" | "name">): string {
    return `${def.group.toLowerCase()}\u0000${def.name}`;
}

/** The definition a repository's `complianceFramework` resolves to, once validated. */
export function frameworkOf(repo: Repository, definitions: readonly ComplianceFrameworkDefinition[]): ComplianceFrameworkDefinition | undefined {
    const group = topLevelGroupOf(repo)?.toLowerCase();
    return repo.complianceFramework === undefined ? undefined : definitions.find((d) => d.name === repo.complianceFramework && d.group.toLowerCase() === group);
}

/** `complianceFrameworks[0] defines it` or `complianceFrameworks[0] refers to it`. */
function describeEntry(def: ComplianceFrameworkDefinition): string {
    return `${renderKey(def.keyPath)} ${def.kind === "managed" ? "defines" : "refers to"} it`;
}
