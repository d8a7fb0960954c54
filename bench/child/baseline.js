// @ts-check
"use strict";
/**
 * The floor the Pulumi SDK sets: a minimal process that imports @pulumi/pulumi
 * and registers exactly the resources the program registered (captured by
 * bench/child/program.js --capture: same types, names, inputs with ids already
 * resolved, same options) straight through the classes of @pulumi/gitlab.
 * No config parsing, validation, lookups or component.
 *
 *   node bench/child/baseline.js <compiled src dir> <fixture.json> [--components] [--wire] [--window]
 *
 *   --wire        pass `project` and `protectedBranchIds` as the Outputs of the
 *                 replayed Project and BranchProtection, as the program must
 *                 (the ids are unknown until those are created). The bench's
 *                 baseline uses it; without it, the ids are literals no real
 *                 program could pass (shown by `--explain`).
 *   --components  a step towards the program, to attribute the gap: parent each
 *                 resource under a ModelGovernance component per repository.
 *   --window      register as the program does: one repository's resources at
 *                 a time, at most REPOSITORIES_IN_FLIGHT repositories waiting
 *                 for their registrations, promise traces off (the program's
 *                 own src/governance/registrationWindow.ts). The floor for the
 *                 program's strategy, so program/baseline is our code's cost.
 *
 * Prints one JSON line, in the same shape as program.js.
 */
const startMs = performance.now();
const fs = require("fs");
const path = require("path");

const [srcDir, fixtureFile, ...flags] = process.argv.slice(2);
const COMPONENTS = flags.includes("--components");
const WIRE = flags.includes("--wire");
const WINDOW = flags.includes("--window");
/** @type {{ resources: Array<{ type: string, name: string, inputs: Record<string, any>, options: Record<string, unknown>, component?: string }> }} */
const fixture = JSON.parse(fs.readFileSync(fixtureFile, "utf8"));

const pulumi = require("@pulumi/pulumi");
const { waitForRPCs } = /** @type {any} */ (require("@pulumi/pulumi/runtime/settings")); // internal to the SDK, hence untyped

const { usage } = require("../lib/usage");
const sdkMs = performance.now();
const sdk = require("@pulumi/gitlab");
const loadMs = performance.now();

// Type token → SDK class, from the SDK's own exports, so a resource added to
// the generated SDK is replayed without touching the benchmark.
const classes = new Map();
for (const value of Object.values(sdk)) {
    if (typeof value === "function" && typeof value.__pulumiType === "string") classes.set(value.__pulumiType, value);
}

// The offline GitLab of `npm run check` (src/check), compiled with the program.
const { OfflineGitLab } = require(path.join(srcDir, "check", "offlineGitLab"));
const gitlab = new OfflineGitLab();
const counts = { resources: 0, custom: 0, invokes: 0 };
const mocks = {
    newResource(args) {
        counts.resources++;
        if (args.custom) counts.custom++;
        return gitlab.create(args.type, args.name, args.inputs);
    },
    call(args) {
        counts.invokes++;
        return gitlab.lookup(args.token, args.inputs);
    },
};

/** Per repository (component name): its component, and the replayed Project and BranchProtection. */
const repos = new Map();
function repo(name) {
    let r = repos.get(name);
    if (r === undefined) {
        r = { component: COMPONENTS ? new pulumi.ComponentResource("ml-model-governance:index:ModelGovernance", name, {}) : undefined, project: undefined, protection: undefined };
        repos.set(name, r);
    }
    return r;
}

/** @param {{ type: string, name: string, inputs: Record<string, any>, options: Record<string, unknown>, component?: string }} registration */
function replay({ type, name, inputs, options, component }) {
    const Resource = classes.get(type);
    if (Resource === undefined) throw new Error(`no class in @pulumi/gitlab for ${type}`);
    const r = component === undefined ? undefined : repo(component);
    const args = { ...inputs };
    if (WIRE && r?.project && "project" in args) args.project = r.project.id;
    if (WIRE && r?.protection && Array.isArray(args.protectedBranchIds)) args.protectedBranchIds = [r.protection.branchProtectionId];
    const resource = new Resource(name, args, r?.component ? { ...options, parent: r.component } : options);
    if (r && type === "gitlab:index/project:Project") r.project = resource;
    if (r && type === "gitlab:index/branchProtection:BranchProtection") r.protection = resource;
    return resource;
}

async function main() {
    await pulumi.runtime.setMocks(mocks, "ml-model-governance", "prod", false);

    const evalStart = performance.now();
    // Fixture order is the program's registration order: a Project and a
    // BranchProtection come before the resources that take their ids.
    if (WINDOW) {
        const { inWindow, registered, REPOSITORIES_IN_FLIGHT, withoutPromiseTraces } = require(path.join(srcDir, "governance", "registrationWindow"));
        /** @type {Map<string, typeof fixture.resources>} */
        const byRepository = new Map();
        for (const registration of fixture.resources) {
            const key = registration.component ?? "";
            let group = byRepository.get(key);
            if (group === undefined) byRepository.set(key, (group = []));
            group.push(registration);
        }
        await withoutPromiseTraces(() =>
            inWindow([...byRepository.values()], REPOSITORIES_IN_FLIGHT, (registrations) => registered(registrations.map(replay))),
        );
    } else {
        for (const registration of fixture.resources) replay(registration);
    }
    for (const r of repos.values()) r.component?.registerOutputs({});
    await waitForRPCs();
    const evalMs = performance.now() - evalStart;

    if (counts.custom !== fixture.resources.length) {
        throw new Error(`expected ${fixture.resources.length} resource registrations, saw ${counts.custom}`);
    }
    const report = { startMs, sdkMs: sdkMs - startMs, loadMs: loadMs - sdkMs, evalMs, ...counts, ...usage() };
    process.stdout.write(`${JSON.stringify(report)}\n`, () => process.exit(0));
}

main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
});
