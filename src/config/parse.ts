import type { z } from "./zod";
import { PRODUCTION_NAMES } from "../../policy/lib/stack";
import { checkComplianceFrameworks, complianceFrameworksOf, unusedReferenceWarnings } from "./complianceFrameworks";
import { checkRepository, type RepositoryKeys, type RepositoryView, type StackFacts } from "./checks";
import { ConfigValidationError, fromZod, renderIssue, valueAt, type ConfigIssue, type KeyPath } from "./issues";
import { foreignKeyIssues } from "./foreignKeys";
import { isPlainObject, mergeDefaults, originOf, type Layer } from "./merge";
import { resourceKey, slug } from "./names";
import type { GovernanceConfig, Repository, Tier } from "./model";
import { resolveMergeChecks, resolveModelRegistry, resolveReleaseTags, resolveTriggerer } from "./releaseSettings";
import { releaseTagSchema } from "./releaseSchema";
import { approvalRuleSchema, defaultsSchema, repositorySchema, stackSchema, type RawRepository } from "./schema";

export interface ParseContext {
    /** The Pulumi stack name; the environment defaults to it. */
    readonly stack: string;
    /** Every key of the stack's config, namespaces included, to catch a mistyped namespace or a stored token. */
    readonly allKeys?: readonly string[];
}

/**
 * Validate the whole `ml-model-governance:` namespace (keys without the prefix)
 * into the typed model. Throws one ConfigValidationError listing every problem;
 * it never returns a partial model, so nothing can be registered from bad input.
 */
export function parseGovernanceConfig(raw: Record<string, unknown>, ctx: ParseContext): GovernanceConfig {
    const issues: ConfigIssue[] = foreignKeyIssues(ctx.allKeys ?? []);
    const warnings: ConfigIssue[] = [];

    const top = stackSchema.safeParse(raw);
    if (!top.success) issues.push(...fromZod(top.error, raw, stackSchema));

    const defaultsRaw = checkDefaults(raw.defaults, ["defaults"], issues);

    // Each read on its own, so one bad top-level key does not change how the others are understood.
    // A bad value was reported above; the fallback only avoids a second, misleading report.
    const { shape } = stackSchema;
    const environment = shape.environment.safeParse(raw.environment).data ?? ctx.stack;
    const production = shape.production.safeParse(raw.production).data ?? PRODUCTION_NAMES.includes(environment.toLowerCase());
    const tier: Tier = shape.tier.safeParse(raw.tier).data ?? "premium";
    const edition = shape.edition.safeParse(raw.edition).data ?? "ee";
    const selfManaged = shape.selfManaged.safeParse(raw.selfManaged).data ?? false;
    const adminToken = shape.adminToken.safeParse(raw.adminToken).data ?? false;
    const automationUser = shape.automationUser.safeParse(raw.automationUser).data;
    const automationUserEmail = shape.automationUserEmail.safeParse(raw.automationUserEmail).data;
    const acknowledgedWeakenings = shape.acknowledgeWeakenings.safeParse(raw.acknowledgeWeakenings).data ?? [];
    const frameworks = complianceFrameworksOf(raw.complianceFrameworks);
    const facts = { tier, edition, production, selfManaged, adminToken, automationUser, automationUserEmail };
    // The environment's shared defaults (Pulumi.yaml), under the stack's own: every environment's
    // entry is checked, since one file serves them all.
    const shared = isPlainObject(raw.environmentDefaults) ? raw.environmentDefaults : {};
    for (const [env, value] of Object.entries(shared)) checkDefaults(value, ["environmentDefaults", env], issues);
    const names = Object.keys(shared);
    if (names.length > 0 && !names.includes(environment)) {
        issues.push({ path: ["environmentDefaults"], message: `has no entry for this stack's environment ${JSON.stringify(environment)} (it has ${names.map((n) => JSON.stringify(n)).join(", ")}); add one, \`{}\` if it shares nothing, so no stack silently misses its environment's defaults` });
    }
    const layers: Layer[] = [
        { prefix: ["defaults"], value: defaultsRaw },
        { prefix: ["environmentDefaults", environment], value: names.includes(environment) ? inheritableOf(shared[environment]) : {} },
    ];
    const inheritable = mergeDefaults(layers[1].value as Record<string, unknown>, defaultsRaw);
    issues.push(...checkInstance(facts, raw));
    const entries = Array.isArray(raw.repositories) ? raw.repositories : [];
    const parsed: Array<{ repo: RawRepository; keys: RepositoryKeys; index: number }> = [];
    entries.forEach((entry, index) => {
        if (!isPlainObject(entry)) return; // stackSchema has reported it
        const keys = repositoryKeys(index, entry, layers);
        const merged = mergeDefaults(inheritable, entry);
        const result = repositorySchema.safeParse(merged);
        const found = checkRepository(result.success ? result.data : salvage(merged), keys, facts);
        if (result.success) parsed.push({ repo: result.data, keys, index });
        else for (const issue of fromZod(result.error, merged, repositorySchema)) issues.push({ ...issue, path: keys.at(issue.path) });
        issues.push(...found.issues);
        warnings.push(...found.warnings);
    });

    const repositories = parsed.map(({ repo, keys }) => toRepository(repo, production, keys));
    issues.push(...checkUnique(parsed.map(({ keys, index }, i) => ({ repo: repositories[i], keys, index }))));
    issues.push(...checkComplianceFrameworks(frameworks, repositories, tier));
    warnings.push(...unusedReferenceWarnings(frameworks.valid, repositories));

    if (issues.length > 0) throw new ConfigValidationError(dedupe(issues));
    return { environment, production, tier, edition, selfManaged, adminToken, automationUser, automationUserEmail, repositories, complianceFrameworks: frameworks.valid, acknowledgedWeakenings, warnings: dedupe(warnings) };
}

/** What the GitLab instance can be: CE has no paid tier, and gitlab.com has no instance administrators for customers. */
function checkInstance(facts: StackFacts, raw: Record<string, unknown>): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    if (facts.edition === "ce" && facts.tier !== "free") {
        issues.push({
            path: [raw.tier === undefined ? "edition" : "tier"],
            value: raw.tier === undefined ? "ce" : facts.tier,
            message: `expected tier "free" with edition "ce": Community Edition has no Premium or Ultimate features (tier defaults to "premium"; set it explicitly)`,
        });
    }
    if (facts.adminToken && !facts.selfManaged) {
        issues.push({ path: ["adminToken"], value: true, message: "expected false unless selfManaged is true: on gitlab.com no customer token is an instance administrator" });
    }
    return issues;
}

/** What can be read of a repository that failed to parse, section by section and rule by rule. */
function salvage(merged: Record<string, unknown>): RepositoryView {
    const view: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(repositorySchema.shape)) {
        const result = (schema as z.ZodType).safeParse(merged[key]);
        if (result.success) view[key] = result.data;
    }
    if (Array.isArray(merged.approvalRules)) {
        view.approvalRules = merged.approvalRules.map((rule) => approvalRuleSchema.safeParse(rule).data);
    }
    // Entry by entry, so one malformed pattern leaves the others' checks running, at their own index.
    if (Array.isArray(merged.releaseTags)) view.releaseTags = merged.releaseTags.map((tag) => releaseTagSchema.safeParse(tag).data);
    return view as RepositoryView;
}

function repositoryKeys(index: number, entry: Record<string, unknown>, inherited: readonly Layer[]): RepositoryKeys {
    const layers = [{ prefix: ["repositories", index], value: entry }, ...inherited];
    return {
        at: (rel) => originOf(rel, layers),
        isSet: (rel) => layers.some((l) => valueAt(l.value, rel) !== undefined),
        isOwn: (rel) => valueAt(entry, rel) !== undefined,
    };
}

/** A `defaults` mapping checked against the inheritable settings; what it may pass on to repositories. */
function checkDefaults(value: unknown, at: KeyPath, issues: ConfigIssue[]): Record<string, unknown> {
    if (!isPlainObject(value)) return {}; // stackSchema has reported it
    const result = defaultsSchema.safeParse(value);
    if (!result.success) issues.push(...fromZod(result.error, value, defaultsSchema, at));
    return inheritableOf(value);
}

/** Unknown defaults keys are reported once where written; merging them would report them again per repository. */
function inheritableOf(value: unknown): Record<string, unknown> {
    return isPlainObject(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => k in defaultsSchema.shape)) : {};
}

function toRepository(repo: RawRepository, production: boolean, keys: RepositoryKeys): Repository {
    const { approvalRules, mergeRequestApprovals, anyApprover, codeOwners, pushRules, promotionGate } = repo;
    const protectedBranch = {
        ...repo.protectedBranch,
        codeOwnerApprovalRequired: repo.protectedBranch.codeOwnerApprovalRequired ?? (production && codeOwners !== undefined),
    };
    const features = {
        approvalRules,
        mergeRequestApprovals,
        anyApprover,
        codeOwners,
        // Every push rule is sent, as off when unset: an input removed from config keeps its old value in GitLab.
        pushRules: pushRules === undefined ? undefined : { ...pushRules, denyDeleteTag: pushRules.denyDeleteTag ?? production },
        // An adopted project has no Project resource to carry the triggerer setting: it is not governed, so not reported either.
        promotionGate: repo.existing === undefined ? resolveTriggerer(promotionGate, production) : promotionGate && { ...promotionGate, triggererMayApprove: undefined },
        mergeChecks: repo.existing === undefined ? resolveMergeChecks(repo.mergeChecks, production) : undefined,
        modelRegistry: repo.existing === undefined ? resolveModelRegistry(repo.modelRegistry, production) : undefined,
        releaseTags: resolveReleaseTags(repo.releaseTags),
        sharedGroupAccess: repo.sharedGroupAccess,
        retainGovernanceOnDelete: repo.retainGovernanceOnDelete ?? production,
        complianceFramework: repo.complianceFramework,
        keyPath: keys.at,
    };
    if (repo.existing !== undefined) {
        return {
            key: repo.key ?? resourceKey(repo.existing.split("/").pop() ?? repo.existing),
            project: { mode: "adopt", pathWithNamespace: repo.existing },
            protectedBranch,
            ...features,
            addApproversAsMembers: repo.addApproversAsMembers ?? false,
        };
    }
    const name = repo.name ?? "";
    const path = repo.path ?? slug(name);
    const defaultBranch = repo.defaultBranch ?? "main";
    return {
        key: repo.key ?? resourceKey(path),
        project: {
            mode: "create",
            name,
            path,
            namespace: repo.namespace,
            description: repo.description,
            visibility: repo.visibility,
            defaultBranch,
            topics: repo.topics,
            dataSafety: {
                protect: repo.dataSafety.protect ?? production,
                retainOnDelete: repo.dataSafety.retainOnDelete ?? production,
                archiveOnDestroy: repo.dataSafety.archiveOnDestroy,
            },
        },
        protectedBranch: { ...protectedBranch, branch: protectedBranch.branch ?? defaultBranch },
        ...features,
        addApproversAsMembers: repo.addApproversAsMembers ?? true,
    };
}

interface Placed {
    readonly repo: Repository;
    readonly keys: RepositoryKeys;
    /** Position in `repositories`, for messages that point at the other entry. */
    readonly index: number;
}

function checkUnique(placed: readonly Placed[]): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    const byKey = new Map<string, Placed>();
    const byTarget = new Map<string, Placed>();
    for (const entry of placed) {
        const { repo, keys } = entry;
        const target = projectTarget(repo);
        const sameTarget = byTarget.get(target);
        const sameKey = byKey.get(repo.key);
        if (sameTarget !== undefined) {
            const rel: KeyPath = repo.project.mode === "adopt" ? ["existing"] : keys.isOwn(["path"]) ? ["path"] : ["name"];
            issues.push({ path: keys.at(rel), value: target, message: `expected each project once; ${describe(sameTarget)} governs the same project` });
        } else if (sameKey !== undefined) {
            issues.push({ path: keys.at(["key"]), value: repo.key, message: `expected a unique key; ${describe(sameKey)} already uses it; set \`key\` on one of them` });
        }
        if (sameTarget === undefined) byTarget.set(target, entry);
        if (sameKey === undefined) byKey.set(repo.key, entry);
    }
    return issues;
}

/** The GitLab project a repository governs, as GitLab compares paths (without case); one stack, or one fleet, governs each once. */
export function projectTarget(repo: Repository): string {
    return (repo.project.mode === "adopt" ? repo.project.pathWithNamespace : `${repo.project.namespace ?? "(token user)"}/${repo.project.path}`).toLowerCase();
}

function describe(other: Placed): string {
    return `repositories[${other.index}] (key ${JSON.stringify(other.repo.key)})`;
}

function dedupe(issues: readonly ConfigIssue[]): ConfigIssue[] {
    const seen = new Set<string>();
    return issues.filter((issue) => {
        const line = renderIssue(issue);
        if (seen.has(line)) return false;
        seen.add(line);
        return true;
    });
}
