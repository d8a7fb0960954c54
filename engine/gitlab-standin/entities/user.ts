// User representations, each with the keys of its docs example
// (https://docs.gitlab.com/api/users/): list items, a single user, the
// current user, and the shorter form the approval-rules docs show.
import { createHash } from "node:crypto";
import type { User } from "../state";

function avatarUrl(user: User): string {
    return `https://www.gravatar.com/avatar/${createHash("md5").update(user.email.trim().toLowerCase()).digest("hex")}?s=80&d=identicon`;
}

function webUrl(origin: string, user: User): string {
    return `${origin}/${user.username}`;
}

/** `GET /users` items (non-admin example). */
export function userBasic(origin: string, user: User) {
    return { id: user.id, username: user.username, name: user.name, state: user.state, locked: false, avatar_url: avatarUrl(user), web_url: webUrl(origin, user) };
}

/** Users inside approval rules and member records: the merge_request_approvals.md and members.md examples have no `locked`. */
export function userSummary(origin: string, user: User) {
    return { id: user.id, name: user.name, username: user.username, state: user.state, avatar_url: avatarUrl(user), web_url: webUrl(origin, user) };
}

/** `GET /users/:id` for a regular caller. */
export function userPublic(origin: string, user: User) {
    return {
        ...userBasic(origin, user),
        created_at: user.created_at,
        bio: "",
        bot: false,
        location: null,
        public_email: user.email,
        linkedin: "",
        twitter: "",
        discord: "",
        github: "",
        website_url: "",
        organization: "",
        job_title: "",
        pronouns: null,
        work_information: null,
        followers: 0,
        following: 0,
        local_time: null,
        is_followed: false,
    };
}

/** `GET /user`; admins additionally get `is_admin` and the admin-only fields. */
export function currentUserEntity(origin: string, user: User) {
    const { is_followed: _omit, ...pub } = userPublic(origin, user);
    void _omit;
    const entity: Record<string, unknown> = {
        ...pub,
        email: user.email,
        last_sign_in_at: user.created_at,
        confirmed_at: user.created_at,
        theme_id: 1,
        last_activity_on: user.created_at.slice(0, 10),
        color_scheme_id: 1,
        projects_limit: 100000,
        current_sign_in_at: user.created_at,
        identities: [],
        can_create_group: true,
        can_create_project: true,
        two_factor_enabled: false,
        external: false,
        private_profile: false,
        commit_email: user.email,
        preferred_language: "en",
    };
    if (user.admin) {
        Object.assign(entity, { is_admin: true, current_sign_in_ip: "127.0.0.1", last_sign_in_ip: "127.0.0.1", namespace_id: user.namespace_id, created_by: null, note: null });
    }
    return entity;
}
