// @ts-check
"use strict";
/**
 * Generated stack configs for the benchmark: a fleet of N model repositories
 * that looks like a real organisation's. A shared approver pool (40 users,
 * 8 groups) means many repositories name the same principals, which is what
 * the lookup de-duplication has to handle; some approvers are numeric ids (no
 * lookup), and every fifth repository is adopted (`existing`), so it costs a
 * project lookup instead of a Project resource.
 *
 * Optional features live in FEATURES, one entry each: a feature is used only
 * if the program's schema (src/config/schema.ts) has its key, so the generator
 * follows the schema as it grows. To add one, add an entry there.
 */

const FIRST = ["priya", "marcus", "elena", "nadia", "tomas", "aiko", "samir", "greta"];
const LAST = ["raman", "chen", "petrova", "okafor", "lindqvist"];
const USERS = LAST.flatMap((last) => FIRST.map((first) => `${first}.${last}`)); // 40
const GROUPS = ["ml-leads", "data-stewards", "security", "model-risk", "platform", "compliance", "research", "mlops"].map((g) => `acme-ml/${g}`);
const USER_IDS = [1042, 1043, 1044, 1045];
const GROUP_IDS = [4201, 4202];
const DOMAINS = ["Fraud Detection", "Churn Prediction", "Credit Risk", "Demand Forecast", "Recommender", "Anomaly Detection", "Intent Classifier", "Visual QC", "Price Elasticity", "Claims Triage", "Speech To Text"];

const user = (n) => USERS[n % USERS.length];
const group = (n) => GROUPS[n % GROUPS.length];
const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/**
 * Optional features. `scope` says which schema must know `key` (stack: the
 * top level, defaults: inheritable settings, repository: one entry);
 * `needs` lists features it cannot validate without.
 */
const FEATURES = [
    { key: "automationUser", scope: "stack", apply: (stack) => { stack.automationUser = "ml-governance-bot"; } },
    {
        key: "pushRules",
        scope: "defaults",
        apply: (defaults) => {
            defaults.pushRules = {
                maxFileSizeMb: 100,
                blockedFileExtensions: ["pkl", "h5", "parquet"],
                preventSecrets: true,
                // The program's own CODEOWNERS commits must pass it too (validation checks that).
                commitMessageRegex: "^((feat|fix|data|model|docs|chore)(\\([a-z0-9-]+\\))?: .+|(Add|Update|Remove) CODEOWNERS )",
            };
        },
    },
    { key: "anyApprover", scope: "repository", apply: (repo, i) => { if (i % 4 === 1) repo.anyApprover = { approvalsRequired: 1 }; } },
    {
        key: "codeOwners",
        scope: "repository",
        needs: ["automationUser"], // CODEOWNERS is committed to a branch nobody may push to
        apply: (repo, i) => {
            if (i % 2 !== 0) return;
            repo.codeOwners = {
                rules: [
                    { pattern: "/models/", users: [user(i), user(i + 5)] },
                    { pattern: "dvc.yaml", groups: [group(i + 2)] },
                ],
                sections: [{ name: "Data", approvalsRequired: 1, rules: [{ pattern: "/data/", groups: [group(i + 1)] }] }],
            };
        },
    },
    {
        key: "promotionGate",
        scope: "repository",
        apply: (repo, i) => {
            if (repo.existing !== undefined || i % 3 !== 1) return;
            repo.promotionGate = {
                environment: "production",
                deployers: { groups: [group(i + 4)] },
                approvals: [{ group: group(i + 5), approvalsRequired: 1 }, { user: user(i + 9) }],
            };
        },
    },
    {
        // Production requires protected release tags where there is a promotion gate (policy/lib/releaseRules.ts).
        key: "releaseTags",
        scope: "repository",
        needs: ["promotionGate"],
        apply: (repo, i) => {
            if (repo.promotionGate !== undefined) repo.releaseTags = [{ pattern: "model-v*", groups: [group(i + 6)] }];
        },
    },
    { key: "addApproversAsMembers", scope: "repository", apply: (repo, i) => { if (repo.existing !== undefined && i % 10 === 4) repo.addApproversAsMembers = true; } },
];

function repository(i) {
    const domain = DOMAINS[i % DOMAINS.length];
    const serial = i + 1;
    /** @type {Array<string | number>} */
    // Four, so two approvals stay reachable with the author and a committer out (policy/lib/approvalRules.ts).
    const leads = [user(3 * i), user(3 * i + 1), user(3 * i + 2), user(3 * i + 20)];
    if (i % 7 === 0) leads[2] = USER_IDS[i % USER_IDS.length];
    /** @type {Array<Record<string, unknown>>} */
    const approvalRules = [
        { name: "ML leads", approvalsRequired: 2, users: leads },
        { name: "Data stewards", approvalsRequired: 1, groups: [group(i)] },
    ];
    if (i % 3 === 0) {
        approvalRules.push({ name: "Model risk", approvalsRequired: 1, users: [user(i + 17)], groups: [i % 11 === 0 ? GROUP_IDS[i % GROUP_IDS.length] : group(i + 3)] });
    }
    if (i % 5 === 4) {
        return { existing: `acme-ml/legacy/${slug(domain)}-${serial}`, ...(i % 10 === 9 ? { protectedBranch: { branch: "main" } } : {}), approvalRules };
    }
    return {
        name: `${domain} Model ${serial}`,
        description: `${domain} model: training code, configs and DVC data pointers.`,
        topics: ["ml-model", slug(domain), "dvc"],
        ...(i % 4 === 3 ? { namespace: "acme-ml/research-models" } : {}),
        approvalRules,
    };
}

/**
 * The `ml-model-governance:` namespace (keys without the prefix) for a fleet
 * of `size` repositories. `schemaKeys` holds the keys the program's schemas
 * accept, per scope; features whose key is missing are skipped and reported.
 */
function fleetConfig(size, schemaKeys) {
    const stack = {
        environment: "prod",
        tier: "premium",
        defaults: {
            namespace: "acme-ml/models",
            visibility: "private",
            protectedBranch: { pushAccessLevel: "no one", mergeAccessLevel: "maintainer", unprotectAccessLevel: "maintainer", allowForcePush: false },
            mergeRequestApprovals: { allowAuthorApproval: false, allowCommitterApproval: false, resetApprovalsOnPush: true, requireReauthenticationToApprove: true },
            dataSafety: { protect: true, retainOnDelete: true, archiveOnDestroy: true },
        },
        repositories: Array.from({ length: size }, (_, i) => repository(i)),
    };
    const known = (f) => schemaKeys[f.scope].has(f.key);
    const used = FEATURES.filter((f) => known(f) && (f.needs ?? []).every((n) => FEATURES.some((g) => g.key === n && known(g))));
    for (const f of used) {
        if (f.scope === "stack") f.apply(stack, 0);
        else if (f.scope === "defaults") f.apply(stack.defaults, 0);
        else stack.repositories.forEach((repo, i) => f.apply(repo, i));
    }
    return { raw: stack, features: used.map((f) => f.key), skipped: FEATURES.filter((f) => !used.includes(f)).map((f) => f.key) };
}

/**
 * Every distinct principal a run may look up: usernames, user ids (for the
 * username that names a membership), group paths and adopted project paths,
 * found by key name anywhere in the config (names compared without case, as
 * GitLab does). Group ids are looked up only where the program needs their
 * path (promotion gates), which this fleet never gives by id. Counting
 * `defaults` as if every repository used them can only over-count, and
 * everything is drawn from the same pool anyway.
 */
function principalsOf(raw) {
    const sets = { users: new Set(), groups: new Set(), projects: new Set() };
    const kinds = { users: "users", user: "users", automationUser: "users", groups: "groups", group: "groups", namespace: "groups", existing: "projects" };
    const walk = (node, kind) => {
        if (typeof node === "string" && kind) sets[kind].add(node.toLowerCase());
        else if (typeof node === "number" && kind === "users") sets.users.add(`id:${node}`);
        else if (Array.isArray(node)) node.forEach((n) => walk(n, kind));
        else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) walk(v, Object.hasOwn(kinds, k) ? kinds[k] : undefined);
    };
    walk(raw, undefined);
    return { users: sets.users.size, groups: sets.groups.size, projects: sets.projects.size, total: sets.users.size + sets.groups.size + sets.projects.size };
}

/** Whether a repository names any user (approver, deployer, code owner), by key name. */
function namesUsers(repo) {
    return /"(users|user)":\s*(\[\s*["\d]|["\d])/.test(JSON.stringify(repo));
}

/**
 * The lookups a run of this config makes: one per distinct principal, the
 * edition (GET /metadata), the members of each namespace whose created
 * projects name users (who already has access there decides memberships and
 * eligibility), and two member lists per adopted project that names users.
 */
function expectedLookups(raw) {
    const repos = raw.repositories.map((r) => ({ ...raw.defaults, ...r }));
    const created = repos.filter((r) => r.existing === undefined && r.namespace !== undefined && (r.addApproversAsMembers !== false || namesUsers(r)));
    const namespaces = new Set(created.map((r) => String(r.namespace).toLowerCase()));
    const adopted = repos.filter((r) => r.existing !== undefined && namesUsers(r));
    return principalsOf(raw).total + 1 + namespaces.size + 2 * adopted.length;
}

module.exports = { fleetConfig, principalsOf, expectedLookups, FEATURES, POOL: { USERS, GROUPS, USER_IDS, GROUP_IDS } };
