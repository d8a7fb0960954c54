// @ts-check
"use strict";
const { POOL } = require("../fleetConfig");

/**
 * A stand-in GitLab that knows everyone and everything a generated fleet
 * names (one stack's config, or several merged): the pool's users and groups,
 * the bot that owns acme-ml, and each adopted project with its named
 * approvers as Developers, as its team would be.
 * @param {{ repositories: Array<Record<string, any>> }} raw
 */
function fixturesFor(raw) {
    let id = 1000;
    const users = [...POOL.USERS, "ml-governance-bot"].map((username) => ({ id: id++, username, name: username, email: `${username}@acme.example` }));
    const bot = users[users.length - 1].id;
    const paths = new Set(["acme-ml", "acme-ml/models", "acme-ml/legacy", "acme-ml/research-models", ...POOL.GROUPS]);
    const groupIds = new Map(POOL.GROUP_IDS.map((gid, i) => [gid, `acme-ml/by-id-${i}`]));
    for (const p of groupIds.values()) paths.add(p);
    const groups = [...paths].sort().map((full_path) => {
        const group = { id: [...groupIds].find(([, p]) => p === full_path)?.[0] ?? id++, full_path, name: full_path.split("/").pop() };
        return full_path === "acme-ml" ? { ...group, members: [{ user_id: bot, access_level: 50 }] } : group;
    });
    const numericUsers = POOL.USER_IDS.map((uid, i) => ({ id: uid, username: `numeric-user-${i}`, name: `numeric-user-${i}`, email: `n${i}@acme.example` }));
    /** @param {string | number} ref */
    const userId = (ref) => (typeof ref === "number" ? ref : users.find((u) => u.username === ref)?.id);
    // An adopted project's team works in it: its named approvers are Developers there, or GitLab (and the program, in production) would ignore them.
    /** @param {Record<string, any>} r */
    const members = (r) => [...new Set((r.approvalRules ?? []).flatMap((/** @type {any} */ rule) => rule.users ?? []).map(userId).filter((/** @type {any} */ u) => u !== undefined))].map((user_id) => ({ user_id, access_level: 30 }));
    const adopted = raw.repositories.filter((r) => r.existing !== undefined).map((r) => ({ id: id++, path_with_namespace: r.existing, name: r.existing.split("/").pop(), default_branch: "main", members: members(r) }));
    return { edition: "ee", users: [...users, ...numericUsers], groups, projects: adopted, tokens: [{ token: "glpat-standin-api", user_id: bot, scopes: ["api"] }] };
}

module.exports = { fixturesFor };
