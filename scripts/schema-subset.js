// @ts-check
// The parts of the pulumi-gitlab 10.1.1 provider schema this program uses, as a
// valid Pulumi package schema without upstream prose. Two things are made from
// it: the SDK in sdks/gitlab (`npm run sdk:generate`), and the schema checks of
// `npm test` (src/contract). The tests prove it equal to the full schema
// whenever ../shared/pulumi-gitlab/schema.json is present.
//
// Adding a resource or function: add its token below, then `npm run sdk:generate`.
//
//   node scripts/schema-subset.js [path/to/schema.json]   rewrites schema/pulumi-gitlab.subset.json
"use strict";
const fs = require("fs");
const path = require("path");

const RESOURCES = [
    "gitlab:index/project:Project",
    "gitlab:index/branchProtection:BranchProtection",
    "gitlab:index/projectApprovalRule:ProjectApprovalRule",
    "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals",
    "gitlab:index/repositoryFile:RepositoryFile",
    "gitlab:index/projectPushRules:ProjectPushRules",
    "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment",
    "gitlab:index/projectMembership:ProjectMembership",
    "gitlab:index/projectShareGroup:ProjectShareGroup",
    "gitlab:index/tagProtection:TagProtection",
    "gitlab:index/projectFreezePeriod:ProjectFreezePeriod",
    "gitlab:index/complianceFramework:ComplianceFramework",
    "gitlab:index/projectComplianceFrameworks:ProjectComplianceFrameworks",
];
const FUNCTIONS = [
    "gitlab:index/getUser:getUser",
    "gitlab:index/getGroup:getGroup",
    "gitlab:index/getProject:getProject",
    "gitlab:index/getProjectMembership:getProjectMembership",
    "gitlab:index/getGroupMembership:getGroupMembership",
    "gitlab:index/getMetadata:getMetadata",
    "gitlab:index/getComplianceFramework:getComplianceFramework",
    // The provider resource's own method (`Provider.terraformConfig()`), which its schema references.
    "pulumi:providers:gitlab/terraformConfig",
];
const VERSION = "10.1.1";
const DEFAULT_SOURCE = path.resolve(__dirname, "../../shared/pulumi-gitlab/schema.json");
const TARGET = path.resolve(__dirname, "../schema/pulumi-gitlab.subset.json");

/** Drop prose (string-valued `description`s); keep names, types, secrets, deprecations and replace-on-change markers. */
function strip(node) {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
        // A property may itself be called `description`; prose is the string-valued one.
        if (key === "description" && typeof value === "string") continue;
        out[key] = strip(value);
    }
    return out;
}

function refsIn(node, found) {
    if (Array.isArray(node)) node.forEach((n) => refsIn(n, found));
    else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
            if (key === "$ref" && typeof value === "string" && value.startsWith("#/types/")) found.add(value.slice("#/types/".length));
            else refsIn(value, found);
        }
    }
    return found;
}

function pick(table, tokens, kind) {
    return Object.fromEntries(
        tokens.map((token) => {
            if (!table[token]) throw new Error(`schema has no ${kind} ${token}`);
            return [token, strip(table[token])];
        }),
    );
}

/** The subset of a full provider schema: package metadata, provider, our resources and functions, and every type they reference. */
function subsetOf(schema) {
    const { readme: _readme, ...nodejs } = schema.language.nodejs;
    const subset = {
        name: schema.name,
        version: VERSION,
        license: schema.license,
        repository: schema.repository,
        meta: schema.meta,
        language: { nodejs },
        config: strip(schema.config),
        provider: strip(schema.provider),
        resources: pick(schema.resources, RESOURCES, "resource"),
        functions: pick(schema.functions, FUNCTIONS, "function"),
    };
    const types = {};
    const pending = [...refsIn(subset, new Set())];
    while (pending.length > 0) {
        const token = pending.pop();
        if (types[token]) continue;
        types[token] = strip(schema.types[token]);
        pending.push(...refsIn(types[token], new Set()));
    }
    return { ...subset, types: Object.fromEntries(Object.entries(types).sort()) };
}

module.exports = { subsetOf, RESOURCES, FUNCTIONS, VERSION, DEFAULT_SOURCE, TARGET };

if (require.main === module) {
    const source = process.argv[2] ?? DEFAULT_SOURCE;
    const subset = subsetOf(JSON.parse(fs.readFileSync(source, "utf8")));
    fs.writeFileSync(TARGET, JSON.stringify(subset, null, 1) + "\n");
    console.log(`wrote ${path.relative(process.cwd(), TARGET)} from ${source}`);
}
