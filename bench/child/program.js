// @ts-check
"use strict";
/**
 * One benchmark process for the real program: what index.ts runs, under
 * Pulumi's runtime mocks, until every registration has completed: stack
 * config → loadStackConfig (parseGovernanceConfig: parsing, validation) →
 * changeControl (the last deployment's outputs, read from the engine; none
 * here) → governFleet (lookups, ModelGovernance components, every GitLab
 * resource).
 *
 *   node bench/child/program.js <compiled src dir> <config map .json> [--capture <fixture.json>] [--expect <registrations>]
 *
 * --capture records every registration (type, name, inputs with ids resolved,
 * options) for bench/child/baseline.js to replay. Prints one JSON line.
 */
const startMs = performance.now(); // node's own start-up, before this line ran
const fs = require("fs");
const path = require("path");

const [srcDir, configFile, ...flags] = process.argv.slice(2);
const flag = (name) => (flags.includes(name) ? flags[flags.indexOf(name) + 1] : undefined);
const capturePath = flag("--capture");
const expected = flag("--expect") === undefined ? undefined : Number(flag("--expect"));
/** @type {Record<string, string>} Stack config as Pulumi hands it over: namespaced keys, JSON values. */
const configMap = JSON.parse(fs.readFileSync(configFile, "utf8"));

const pulumi = require("@pulumi/pulumi");
// waitForRPCs is what Pulumi's own runner awaits before exiting: every
// registration takes an RPC keep-alive the moment its resource is constructed.
const { waitForRPCs } = /** @type {any} */ (require("@pulumi/pulumi/runtime/settings")); // internal to the SDK, hence untyped

const { usage } = require("../lib/usage");
const sdkMs = performance.now();
const { loadStackConfig, renderIssue } = require(path.join(srcDir, "config"));
const { governFleet } = require(path.join(srcDir, "governance"));
const { changeControl } = require(path.join(srcDir, "governance", "changeControl"));
const loadMs = performance.now();

// The offline GitLab of `npm run check` (src/check), compiled with the program.
const { OfflineGitLab } = require(path.join(srcDir, "check", "offlineGitLab"));
const { approverMentions } = require(path.join(srcDir, "config", "approverMentions"));
const gitlab = new OfflineGitLab();
/** `invokes` counts GitLab lookups only: the engine's read of the stack's last outputs is not one. */
const counts = { resources: 0, custom: 0, invokes: 0 };
/** @type {object[]} */
const captured = [];
/** @type {Record<string, unknown> | undefined} Options of the registration the mock is about to see. */
let pendingOptions;
/** @type {string | undefined} */
let pendingComponent;

if (capturePath) {
    // The mock callbacks do not see resource options; the monitor reads them off
    // the request and calls the mock synchronously, so take them here (as
    // test/support/harness.ts does). Only in capture runs: timed runs stay unpatched.
    const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks");
    const register = MockMonitor.prototype.registerResource;
    MockMonitor.prototype.registerResource = function (req, cb) {
        pendingOptions = {
            protect: req.getProtect() === true,
            retainOnDelete: req.getRetainondelete() === true,
            deleteBeforeReplace: req.getDeletebeforereplace() === true,
            ignoreChanges: req.getIgnorechangesList(),
        };
        // The ModelGovernance component it belongs to (the last URN segment of its parent), for `baseline.js --components`.
        pendingComponent = req.getParent() ? req.getParent().split("::").pop() : undefined;
        return register.call(this, req, cb);
    };
}

const mocks = {
    newResource(args) {
        counts.resources++;
        if (args.custom) counts.custom++;
        if (capturePath && args.custom) captured.push({ type: args.type, name: args.name, inputs: args.inputs, options: pendingOptions, component: pendingComponent });
        return gitlab.create(args.type, args.name, args.inputs);
    },
    call(args) {
        if (args.token !== "pulumi:pulumi:readStackOutputs") counts.invokes++;
        return gitlab.lookup(args.token, args.inputs);
    },
};

/**
 * An adopted project's team already works in it: its named approvers are
 * Developers there through its groups, as in any real fleet, so GitLab counts
 * them and the program neither refuses them (production) nor makes them members.
 */
function teamsAreMembers(config) {
    for (const repo of config.repositories) {
        if (repo.project.mode !== "adopt") continue;
        const names = approverMentions(repo).map(({ ref }) => (typeof ref === "number" ? gitlab.usernameOf(ref) : ref));
        gitlab.inherited.set(repo.project.pathWithNamespace, names.map((n) => [n, "developer"]));
    }
}

async function main() {
    await pulumi.runtime.setMocks(mocks, "ml-model-governance", "prod", false, "organization");
    pulumi.runtime.setAllConfig(configMap);

    const evalStart = performance.now();
    const config = loadStackConfig();
    const configMs = performance.now() - evalStart; // parsing and validation alone
    teamsAreMembers(config);
    await changeControl(config);
    // Lookups first, then every resource is constructed; warnings go to the log, as index.ts sends them.
    await governFleet(config, { onWarnings: (warnings) => warnings.forEach((w) => pulumi.log.warn(renderIssue(w))) });
    await waitForRPCs();
    const evalMs = performance.now() - evalStart;

    if (expected !== undefined && counts.resources !== expected) {
        throw new Error(`expected ${expected} registrations, saw ${counts.resources}`);
    }
    if (capturePath) fs.writeFileSync(capturePath, JSON.stringify({ resources: captured }));
    const report = {
        startMs,
        sdkMs: sdkMs - startMs,
        loadMs: loadMs - sdkMs,
        evalMs,
        configMs,
        ...counts,
        ...usage(),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}

main().catch((err) => {
    // A ConfigValidationError lists every problem in its message; print it whole.
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
});
