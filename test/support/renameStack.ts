import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";
import { stackConfig, stacksIn } from "../../engine/workspace";
import { principalNames } from "../../src/governance/principals";

/** Old name → new name, for every user, group and adopted project the project's stacks name. */
export interface Renaming {
    readonly users: Map<string, string>;
    readonly groups: Map<string, string>;
    readonly projects: Map<string, string>;
}

/**
 * A team adopting the program replaces every example group and person with
 * its own: new names for every user, group (each path segment: `acme-ml`
 * becomes `northwind-ai`) and adopted project the stacks in `dir` name, as
 * the program reads them (Pulumi.yaml's shared config included).
 */
export function renamingOf(dir: string, stacks: readonly string[] = stacksIn(dir)): Renaming {
    const configs = stacks.map((s) => stackConfig(dir, s));
    const users = new Map<string, string>();
    const paths = new Set<string>();
    const projects = new Set<string>();
    for (const c of configs) {
        const names = principalNames(c);
        for (const u of [...names.users.map((n) => n.name), ...(c.automationUser === undefined ? [] : [c.automationUser])]) if (!users.has(u)) users.set(u, `person${users.size + 1}.renamed`);
        for (const g of [...names.groups, ...names.namespaces]) paths.add(g.name);
        for (const p of names.projects) projects.add(p.name);
    }
    const segments = new Map<string, string>();
    const renameSegment = (s: string, top: boolean) => {
        if (!segments.has(s)) segments.set(s, top ? `northwind-ai${segments.size === 0 ? "" : `-${segments.size}`}` : `unit-${segments.size + 1}`);
        return segments.get(s)!;
    };
    const renamePath = (p: string) => p.split("/").map((s, i) => renameSegment(s, i === 0)).join("/");
    const groups = new Map([...paths].map((p) => [p, renamePath(p)]));
    const renamedProjects = new Map([...projects].map((p) => [p, `${renamePath(p.slice(0, p.lastIndexOf("/")))}/${p.slice(p.lastIndexOf("/") + 1)}`]));
    return { users, groups, projects: renamedProjects };
}

function renameValues(node: unknown, r: Renaming): unknown {
    if (Array.isArray(node)) return node.map((n) => renameValues(n, r));
    if (node !== null && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, renameValues(v, r)]));
    if (typeof node === "string") return r.users.get(node) ?? r.groups.get(node) ?? r.projects.get(node) ?? node;
    return node;
}

/** Every string value in a config map. */
export function strings(node: unknown): string[] {
    if (Array.isArray(node)) return node.flatMap(strings);
    if (node !== null && typeof node === "object") return Object.values(node).flatMap(strings);
    return typeof node === "string" ? [node] : [];
}

/**
 * Renames every group and person in the stack files of `dir` and in its
 * Pulumi.yaml's config, comments and layout kept as a user's edit leaves them.
 */
export function renameProject(dir: string, stacks: readonly string[] = stacksIn(dir)): Renaming {
    const renaming = renamingOf(dir, stacks);
    for (const file of ["Pulumi.yaml", ...stacks.map((s) => `Pulumi.${s}.yaml`)].map((f) => path.join(dir, f))) {
        if (!fs.existsSync(file)) continue;
        const doc = parseDocument(fs.readFileSync(file, "utf8"));
        const config = (doc.toJS() as { config?: unknown }).config;
        if (config !== undefined) doc.set("config", renameValues(config, renaming));
        fs.writeFileSync(file, doc.toString());
    }
    return renaming;
}

/** The names a renaming replaced, top-level groups included. */
export function oldNamesOf(renaming: Renaming): string[] {
    const tops = [...new Set([...renaming.groups.keys()].map((g) => g.split("/")[0]))];
    return [...renaming.users.keys(), ...renaming.groups.keys(), ...renaming.projects.keys(), ...tops];
}
