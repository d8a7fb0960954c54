import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { ROOT } from "./support/stackFile";

type Job = Record<string, any>;
const ci = parse(fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8")) as Record<string, any>;
const docs = fs.readFileSync(path.join(ROOT, "docs/ci-pipeline.md"), "utf8");

const RESERVED = new Set(["workflow", "stages", "default", "variables", "include"]);
const jobNames = Object.keys(ci).filter((k) => !k.startsWith(".") && !RESERVED.has(k));

/** A job with its `extends` chain merged in as GitLab does: mappings deep-merged, everything else replaced. */
function job(name: string): Job {
    const own = ci[name] as Job;
    const bases = [own.extends ?? []].flat().map((base: string) => job(base));
    return [...bases, own].reduce((acc, next) => merge(acc, next), {} as Job);
}

function merge(a: Job, b: Job): Job {
    const out: Job = { ...a };
    for (const [k, v] of Object.entries(b)) {
        out[k] = isMapping(v) && isMapping(a[k]) ? merge(a[k], v) : v;
    }
    return out;
}

const isMapping = (v: unknown): v is Job => typeof v === "object" && v !== null && !Array.isArray(v);

/** before_script and script, nested anchors flattened, with the job's own variables (not the global ones) expanded. */
function commands(name: string): string[] {
    const j = job(name);
    const vars: Record<string, string> = j.variables ?? {};
    return [j.before_script ?? [], j.script ?? []]
        .flat(10)
        .map((line: string) => line.replace(/\$\{?(\w+)\}?/g, (whole, v: string) => (v in vars ? String(vars[v]) : whole)));
}

const has = (name: string, pattern: RegExp) => commands(name).some((c) => pattern.test(c));

/** Evaluates the `if:` expressions this file uses: `$A == "x"`, `$A != $B`, joined by `&&`. */
function holds(expression: string, env: Record<string, string>): boolean {
    return expression.split("&&").every((clause) => {
        const m = /^\s*\$(\w+)\s*(==|!=)\s*(?:"([^"]*)"|\$(\w+))\s*$/.exec(clause);
        if (m === null) throw new Error(`unsupported rule clause: ${clause}`);
        const left = env[m[1]] ?? "";
        const right = m[3] ?? env[m[4]] ?? "";
        return (left === right) === (m[2] === "==");
    });
}

/** How a job runs in a pipeline: undefined when it is not created. */
function when(name: string, env: Record<string, string>): string | undefined {
    const rule = (job(name).rules as Job[] | undefined)?.find((r) => r.if === undefined || holds(r.if, env));
    if (rule === undefined || rule.when === "never") return undefined;
    return rule.when ?? "on_success";
}

const PIPELINES = {
    mergeRequest: { CI_PIPELINE_SOURCE: "merge_request_event", CI_DEFAULT_BRANCH: "main", CI_MERGE_REQUEST_IID: "7" },
    defaultBranch: { CI_PIPELINE_SOURCE: "push", CI_DEFAULT_BRANCH: "main", CI_COMMIT_BRANCH: "main" },
    schedule: { CI_PIPELINE_SOURCE: "schedule", CI_DEFAULT_BRANCH: "main", CI_COMMIT_BRANCH: "main" },
    featureBranch: { CI_PIPELINE_SOURCE: "push", CI_DEFAULT_BRANCH: "main", CI_COMMIT_BRANCH: "feature/x" },
};

function plan(env: Record<string, string>): Record<string, string> {
    const runs = (ci.workflow.rules as Job[]).some((r) => holds(r.if, env));
    if (!runs) return {};
    return Object.fromEntries(jobNames.map((n) => [n, when(n, env)]).filter(([, w]) => w !== undefined));
}

describe(".gitlab-ci.yml", () => {
    it("has the stages in order", () => {
        expect(ci.stages).toEqual(["test", "preview", "deploy", "drift"]);
    });

    it("runs the right jobs for a merge request, the default branch and the nightly schedule", () => {
        expect(plan(PIPELINES.mergeRequest)).toEqual({ test: "on_success", "preview:dev": "on_success", "preview:prod": "on_success" });
        expect(plan(PIPELINES.defaultBranch)).toEqual({ test: "on_success", "up:dev": "on_success", "up:prod": "manual" });
        expect(plan(PIPELINES.schedule)).toEqual({ "drift:prod": "on_success" });
        expect(plan(PIPELINES.featureBranch)).toEqual({});
    });

    it("tests with npm ci and npm test", () => {
        const script = commands("test");
        expect(script.indexOf("npm ci --prefer-offline")).toBeGreaterThanOrEqual(0);
        expect(script.indexOf("npm test")).toBeGreaterThan(script.indexOf("npm ci --prefer-offline"));
    });

    it("uses Node 20 and installs the Pulumi CLI and the policy pack's dependencies before any pulumi command", () => {
        expect(ci.default.image).toMatch(/^node:20/);
        for (const name of ["preview:dev", "preview:prod", "up:dev", "up:prod", "drift:prod"]) {
            const script = commands(name);
            const install = script.findIndex((c) => /get\.pulumi\.com/.test(c));
            const login = script.indexOf('pulumi login "$PULUMI_BACKEND_URL"');
            expect({ name, install: install >= 0, login: login > install, packDeps: script.includes("npm ci --prefix policy --prefer-offline") }).toEqual({ name, install: true, login: true, packDeps: true });
            expect(script.findIndex((c) => /^pulumi (preview|up)/.test(c))).toBeGreaterThan(login);
        }
    });

    it.each([
        ["preview:dev", "dev", /--policy-pack-config policy\/config\/dev\.json/],
        ["preview:prod", "prod", null],
    ])("previews %s with --diff and the policy pack, after the tests, and posts it on the MR", (name, stack, packConfig) => {
        expect(job(name).needs).toEqual(["test"]);
        expect(commands(name)).toContain(`pulumi stack select "$PULUMI_ORG/${stack}"`);
        const preview = commands(name).find((c) => c.startsWith("pulumi preview"))!;
        expect(preview).toMatch(/--diff/);
        expect(preview).toMatch(/--policy-pack policy(\s|$)/);
        if (packConfig === null) expect(preview).not.toMatch(/--policy-pack-config/);
        else expect(preview).toMatch(packConfig);
        expect(preview).toMatch(/\| tee preview\.txt/);
        expect(has(name, /if \[ -n "\$\{GITLAB_MR_NOTE_TOKEN:-\}" \]/)).toBe(true);
        expect(has(name, /"\$CI_API_V4_URL\/projects\/\$CI_PROJECT_ID\/merge_requests\/\$CI_MERGE_REQUEST_IID\/notes"/)).toBe(true);
        // The preview's own exit status decides the job, after the note went out.
        expect(commands(name).at(-1)).toBe('exit "$status"');
    });

    it("updates dev automatically on the default branch, with the dev policy config", () => {
        expect(job("up:dev").environment).toEqual({ name: "dev" });
        expect(commands("up:dev")).toContain('pulumi stack select "$PULUMI_ORG/dev"');
        expect(commands("up:dev")).toContain("pulumi up --yes --diff --policy-pack policy --policy-pack-config policy/config/dev.json --non-interactive");
    });

    it("updates prod only by hand, after dev, in the production environment", () => {
        const prod = job("up:prod");
        expect(prod.environment).toEqual({ name: "production" });
        expect(prod.needs).toEqual(["up:dev"]);
        expect(prod.rules).toEqual([{ if: expect.stringContaining("$CI_DEFAULT_BRANCH"), when: "manual" }]);
        expect(commands("up:prod")).toContain('pulumi stack select "$PULUMI_ORG/prod"');
        expect(commands("up:prod")).toContain("pulumi up --yes --diff --policy-pack policy --non-interactive");
        expect(prod.resource_group).toBe(job("drift:prod").resource_group);
    });

    it("checks prod for drift nightly, failing on any change", () => {
        const drift = commands("drift:prod").find((c) => c.startsWith("pulumi preview"))!;
        for (const flag of ["--refresh", "--expect-no-changes", "--policy-pack policy", '-s "$PULUMI_ORG/prod"']) expect(drift).toContain(flag);
        expect(job("drift:prod").environment).toEqual({ name: "production", action: "verify" });
    });

    it("documents every variable the pipeline reads that GitLab does not define", () => {
        const text = fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8");
        const local = new Set(["STACK", "POLICY_PACK_CONFIG", "PATH", "HOME", "NPM_CONFIG_CACHE", "PULUMI_SKIP_UPDATE_CHECK"]);
        const used = new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]).filter((v) => !v.startsWith("CI_") && !local.has(v)));
        // Read from the environment by the Pulumi CLI or the GitLab provider, so never named in the YAML.
        for (const v of ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN", "GITLAB_BASE_URL"]) used.add(v);
        expect([...used].sort()).toEqual(["GITLAB_BASE_URL", "GITLAB_MR_NOTE_TOKEN", "GITLAB_PREVIEW_TOKEN", "GITLAB_TOKEN", "PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ORG", "PULUMI_VERSION"]);
        for (const v of used) expect(docs).toMatch(new RegExp(`\\|\\s*\`${v}\``));
    });
});
