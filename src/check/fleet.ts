import * as fs from "fs";
import * as path from "path";
import { renderPath, type GovernanceConfig, type KeyPath } from "../config";
import { frameworkIdentity } from "../config/complianceFrameworks";
import { projectTarget } from "../config/parse";

/**
 * What `npm run check -- --all` needs of a stack to judge the fleet: its
 * environment, the GitLab projects it governs and the compliance frameworks it defines, by key. Plain data: each
 * stack's process reads it off the config it validated, so the fleet's own
 * process parses no stack file.
 */
export interface StackFacts {
    readonly stack: string;
    readonly environment: string;
    readonly governs: ReadonlyArray<{ readonly target: string; readonly key: KeyPath }>;
    /** Whether its environment is a production one (its frameworks are then retained on delete). */
    readonly production: boolean;
    /** The compliance frameworks it defines (not those it refers to), by their identity in GitLab (group and name). */
    readonly defines: readonly FrameworkFact[];
    /** The compliance frameworks it refers to (`existing: true`). */
    readonly refersTo: readonly FrameworkFact[];
}

interface FrameworkFact {
    readonly identity: string;
    readonly name: string;
    readonly group: string;
    readonly key: KeyPath;
}

export function stackFacts(stack: string, config: GovernanceConfig): StackFacts {
    return {
        stack,
        environment: config.environment,
        governs: config.repositories.map((repo) => ({ target: projectTarget(repo), key: repo.keyPath([repo.project.mode === "adopt" ? "existing" : "name"]) })),
        production: config.production,
        // A reference (`existing: true`) manages nothing: any number of stacks may refer to a framework one of them defines.
        defines: frameworkFacts(config, "managed"),
        refersTo: frameworkFacts(config, "existing"),
    };
}

function frameworkFacts(config: GovernanceConfig, kind: "managed" | "existing"): FrameworkFact[] {
    return config.complianceFrameworks.filter((def) => def.kind === kind).map((def) => ({ identity: frameworkIdentity(def), name: def.name, group: def.group, key: def.keyPath }));
}

/** Every `Pulumi.<stack>.yaml` beside Pulumi.yaml, by stack name, sorted. */
export function stacksIn(root: string): string[] {
    return fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

/**
 * The family a stack belongs to: its name up to the first `-` (`prod-vision`
 * and `prod-fraud` are `prod`'s). A family is one environment split by team.
 */
export function stackFamily(stack: string): string {
    return stack.split("/").pop()!.split("-")[0].toLowerCase();
}

const where = (stack: string, key: KeyPath) => `Pulumi.${stack}.yaml ${renderPath(key)}`;

/**
 * What no single stack can see: a GitLab project governed by two stacks (each
 * `up` would undo the other's), and a stack whose environment differs from
 * its family's (`prod-fraud` with `environment: dev` would get dev's rules).
 */
export function crossStackProblems(stacks: readonly StackFacts[]): string[] {
    const problems: string[] = [];
    for (const { stack, claim, first } of claimedAgain(stacks, (s) => s.governs.map((g) => ({ ...g, id: g.target })))) {
        problems.push(`${where(stack, claim.key)}: governs GitLab project ${claim.target}, which ${where(first.stack, first.key)} governs too; expected each project in one stack, or every \`up\` of one undoes the other's`);
    }
    // GitLab refuses a second framework of the same name in a group ("Each framework name must be
    // unique within a group", doc/api/graphql/compliance_frameworks.md), whatever the environment.
    for (const { stack, claim, first } of claimedAgain(stacks, (s) => s.defines.map((d) => ({ ...d, id: d.identity })))) {
        problems.push(`${where(stack, claim.key)}: defines compliance framework ${JSON.stringify(claim.name)} in group ${claim.group}, which ${where(first.stack, first.key)} defines too; expected each framework defined by one stack: GitLab refuses a second framework of one name in a group, and each stack's \`up\` would manage the other's`);
    }
    const families = new Map<string, StackFacts[]>();
    for (const entry of stacks) families.set(stackFamily(entry.stack), [...(families.get(stackFamily(entry.stack)) ?? []), entry]);
    for (const [family, members] of families) {
        const environments = new Map<string, string[]>();
        for (const { stack, environment } of members) environments.set(environment, [...(environments.get(environment) ?? []), stack]);
        if (environments.size < 2) continue;
        // The family's own stack (`prod` for `prod-*`) sets the environment; else most of its stacks do.
        const head = members.find((m) => m.stack.toLowerCase() === family)?.environment;
        const expected = head ?? [...environments].sort((a, b) => b[1].length - a[1].length)[0][0];
        const agreeing = environments.get(expected) ?? [];
        for (const [environment, names] of environments) {
            if (environment === expected) continue;
            for (const stack of names) {
                problems.push(`${where(stack, ["environment"])}: got ${JSON.stringify(environment)}; expected ${JSON.stringify(expected)} like the other stacks of family "${family}" (${agreeing.map((s) => `Pulumi.${s}.yaml`).join(", ")}): a stack named for one environment must not get another's rules (set ml-model-governance:environment)`);
            }
        }
    }
    return problems;
}

/**
 * Each claim (a project governed, a framework defined) on what another stack
 * claimed first, with that first claim: what two stacks would both manage.
 * A stack's repeated claims are its own validation's to report.
 */
function claimedAgain<C extends { readonly id: string; readonly key: KeyPath }>(stacks: readonly StackFacts[], claimsOf: (s: StackFacts) => readonly C[]) {
    const firsts = new Map<string, { stack: string; key: KeyPath }>();
    const again: Array<{ stack: string; claim: C; first: { stack: string; key: KeyPath } }> = [];
    for (const facts of stacks) {
        for (const claim of claimsOf(facts)) {
            const first = firsts.get(claim.id);
            if (first === undefined) firsts.set(claim.id, { stack: facts.stack, key: claim.key });
            else if (first.stack !== facts.stack) again.push({ stack: facts.stack, claim, first });
        }
    }
    return again;
}

/**
 * What may not hold across stacks, without being wrong: a production stack
 * labelling its projects with a framework that a non-production stack defines.
 * Only production retains a framework on delete (src/governance/fleet.ts), so
 * destroying that stack, or dropping the definition from it, deletes the
 * framework in GitLab and takes the label off the production projects too.
 */
export function crossStackWarnings(stacks: readonly StackFacts[]): string[] {
    const definedBy = new Map<string, { stack: string; key: KeyPath; production: boolean }>();
    for (const { stack, defines, production } of stacks) for (const def of defines) if (!definedBy.has(def.identity)) definedBy.set(def.identity, { stack, key: def.key, production });
    return stacks
        .filter((s) => s.production)
        .flatMap(({ stack, refersTo }) =>
            refersTo.flatMap((ref) => {
                const definer = definedBy.get(ref.identity);
                if (definer === undefined || definer.production) return [];
                return [
                    `${where(stack, ref.key)}: refers to compliance framework ${JSON.stringify(ref.name)} in group ${ref.group}, which non-production ${where(definer.stack, definer.key)} defines; destroying that stack, or removing the definition, deletes the framework in GitLab (only production stacks retain theirs) and unlabels this stack's projects; define it in a production stack instead`,
                ];
            }),
        );
}

/** The project's root for `--all`: where Pulumi.yaml is. */
export function projectRoot(cwd: string): string {
    if (!fs.existsSync(path.join(cwd, "Pulumi.yaml"))) throw new Error(`${cwd} has no Pulumi.yaml: run npm run check -- --all in the project's directory`);
    return cwd;
}
