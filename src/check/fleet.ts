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
    /** The compliance frameworks it defines (not those it refers to), by their identity in GitLab (group and name). */
    readonly defines: ReadonlyArray<{ readonly identity: string; readonly name: string; readonly group: string; readonly key: KeyPath }>;
}

export function stackFacts(stack: string, config: GovernanceConfig): StackFacts {
    return {
        stack,
        environment: config.environment,
        governs: config.repositories.map((repo) => ({ target: projectTarget(repo), key: repo.keyPath([repo.project.mode === "adopt" ? "existing" : "name"]) })),
        // A reference (`existing: true`) manages nothing: any number of stacks may refer to a framework one of them defines.
        defines: config.complianceFrameworks.filter((def) => def.kind === "managed").map((def) => ({ identity: frameworkIdentity(def), name: def.name, group: def.group, key: def.keyPath })),
    };
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
    const governed = new Map<string, { stack: string; key: KeyPath }>();
    for (const { stack, governs } of stacks) {
        for (const { target, key } of governs) {
            const first = governed.get(target);
            if (first === undefined) governed.set(target, { stack, key });
            else if (first.stack !== stack) {
                problems.push(`${where(stack, key)}: governs GitLab project ${target}, which ${where(first.stack, first.key)} governs too; expected each project in one stack, or every \`up\` of one undoes the other's`);
            }
        }
    }
    // GitLab refuses a second framework of the same name in a group ("Each framework name must be
    // unique within a group", doc/api/graphql/compliance_frameworks.md), whatever the environment.
    const frameworks = new Map<string, { stack: string; key: KeyPath }>();
    for (const { stack, defines } of stacks) {
        for (const def of defines) {
            const first = frameworks.get(def.identity);
            if (first === undefined) frameworks.set(def.identity, { stack, key: def.key });
            else if (first.stack !== stack) {
                problems.push(`${where(stack, def.key)}: defines compliance framework ${JSON.stringify(def.name)} in group ${def.group}, which ${where(first.stack, first.key)} defines too; expected each framework defined by one stack: GitLab refuses a second framework of one name in a group, and each stack's \`up\` would manage the other's`);
            }
        }
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

/** The project's root for `--all`: where Pulumi.yaml is. */
export function projectRoot(cwd: string): string {
    if (!fs.existsSync(path.join(cwd, "Pulumi.yaml"))) throw new Error(`${cwd} has no Pulumi.yaml: run npm run check -- --all in the project's directory`);
    return cwd;
}
