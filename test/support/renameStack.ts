import { parseDocument } from "yaml";

/** Keys whose string values (or list items) name a user, a group or a project. */
const USER_KEYS = new Set(["users", "user", "ml-model-governance:automationUser"]);
const GROUP_KEYS = new Set(["groups", "group", "namespace"]);
const PROJECT_KEYS = new Set(["existing"]);

export interface Renamed {
    readonly text: string;
    /** Old name → new name, for every user and group the stack file names. */
    readonly users: ReadonlyMap<string, string>;
    readonly groups: ReadonlyMap<string, string>;
}

/**
 * A stack file with every person and group renamed, as a team adopting the
 * program would: each username becomes another, each group path gets another
 * top-level group (`acme-ml/models` → `northwind-ai/models-team`). Numeric ids
 * are left alone. For tests that must hold whatever names the stack uses.
 */
export function renameEveryone(text: string, topLevel = "northwind-ai"): Renamed {
    const users = new Map<string, string>();
    const groups = new Map<string, string>();
    const user = (name: string) => {
        const key = name.toLowerCase();
        if (!users.has(key)) users.set(key, `person-${users.size + 1}.${topLevel.split("-")[0]}`);
        return users.get(key)!;
    };
    const group = (path: string) => {
        const key = path.toLowerCase();
        if (!groups.has(key)) {
            const [, ...rest] = path.split("/");
            groups.set(key, [topLevel, ...rest.map((s) => `${s}-team`)].join("/"));
        }
        return groups.get(key)!;
    };
    const project = (path: string) => {
        const cut = path.lastIndexOf("/");
        return `${group(path.slice(0, cut))}/${path.slice(cut + 1)}`;
    };
    const walk = (node: unknown, key?: string): unknown => {
        if (Array.isArray(node)) return node.map((item) => walk(item, key));
        if (node !== null && typeof node === "object") return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, k)]));
        if (typeof node !== "string" || key === undefined) return node;
        if (USER_KEYS.has(key)) return user(node);
        if (GROUP_KEYS.has(key)) return group(node);
        if (PROJECT_KEYS.has(key)) return project(node);
        return node;
    };
    const doc = parseDocument(text);
    const config = (doc.toJS() as { config: Record<string, unknown> }).config;
    doc.set("config", walk(config));
    return { text: doc.toString(), users, groups };
}
