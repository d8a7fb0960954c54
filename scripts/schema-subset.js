// @ts-check
// The parts of the pulumi-gitlab provider schema this program registers or
// invokes, without prose. `npm test` checks every registration against it, so
// it runs anywhere; the test also proves it equal to the full schema when
// ../shared/pulumi-gitlab/schema.json is present.
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
];
const FUNCTIONS = ["gitlab:index/getUser:getUser", "gitlab:index/getGroup:getGroup", "gitlab:index/getProject:getProject"];
const DEFAULT_SOURCE = path.resolve(__dirname, "../../shared/pulumi-gitlab/schema.json");
const TARGET = path.resolve(__dirname, "../schema/pulumi-gitlab.subset.json");

/** Drop prose and language hints; keep names, types, required lists and deprecations. */
function strip(node) {
    if (Array.isArray(node)) return node.map(strip);
    if (node === null || typeof node !== "object") return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
        // A property may itself be called `description`; prose is the string-valued one.
        if (key === "description" && typeof value === "string") continue;
        if (key === "language" && value && typeof value === "object" && !("type" in value) && !("$ref" in value)) continue;
        out[key] = key === "deprecationMessage" ? true : strip(value);
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

/** The subset of a full provider schema: our resources, invokes, and every type they reference. */
function subsetOf(schema) {
    const resources = {};
    for (const token of RESOURCES) {
        const r = schema.resources[token];
        if (!r) throw new Error(`schema has no resource ${token}`);
        resources[token] = strip({ inputProperties: r.inputProperties, requiredInputs: r.requiredInputs ?? [], properties: r.properties });
    }
    const functions = {};
    for (const token of FUNCTIONS) {
        const f = schema.functions[token];
        if (!f) throw new Error(`schema has no function ${token}`);
        functions[token] = strip({ inputs: f.inputs, outputs: f.outputs });
    }
    const types = {};
    const pending = [...refsIn({ resources, functions }, new Set())];
    while (pending.length > 0) {
        const token = pending.pop();
        if (types[token]) continue;
        types[token] = strip(schema.types[token]);
        pending.push(...refsIn(types[token], new Set()));
    }
    return { name: schema.name, version: "10.1.1", resources, functions, types: Object.fromEntries(Object.entries(types).sort()) };
}

module.exports = { subsetOf, RESOURCES, FUNCTIONS, DEFAULT_SOURCE, TARGET };

if (require.main === module) {
    const source = process.argv[2] ?? DEFAULT_SOURCE;
    const subset = subsetOf(JSON.parse(fs.readFileSync(source, "utf8")));
    fs.writeFileSync(TARGET, JSON.stringify(subset, null, 1) + "\n");
    console.log(`wrote ${path.relative(process.cwd(), TARGET)} from ${source}`);
}
