// Project push rule, Premium/Ultimate (https://docs.gitlab.com/api/project_push_rules/).
// Source: ee/lib/api/project_push_rule.rb, ee/app/models/concerns/push_ruleable.rb.
import { created, noContent, ok, type Ctx, type Reply } from "../context";
import { notFound, paramError, unprocessable, validationError } from "../errors";
import { adminProject } from "../lookup";
import type { Params } from "../params";
import { re2Error } from "../re2";
import { route, type Route } from "../router";
import type { PushRule } from "../state";

const REGEXES = ["commit_message_regex", "commit_message_negative_regex", "branch_name_regex", "author_email_regex", "file_name_regex"] as const;
const BOOLEANS = [
    "deny_delete_tag",
    "member_check",
    "prevent_secrets",
    "commit_committer_check",
    "commit_committer_name_check",
    "reject_unsigned_commits",
    "reject_non_dco_commits",
] as const;
const ALL = [...REGEXES, ...BOOLEANS, "max_file_size"];

/** "Each regular expression is limited to 511 characters"; the negative commit message regex to 2047. */
function maxLength(key: (typeof REGEXES)[number]): number {
    return key === "commit_message_negative_regex" ? 2047 : 511;
}

function entity(rule: PushRule) {
    return {
        id: rule.id,
        project_id: rule.project_id,
        commit_message_regex: rule.commit_message_regex,
        commit_message_negative_regex: rule.commit_message_negative_regex,
        branch_name_regex: rule.branch_name_regex,
        deny_delete_tag: rule.deny_delete_tag,
        created_at: rule.created_at,
        member_check: rule.member_check,
        prevent_secrets: rule.prevent_secrets,
        author_email_regex: rule.author_email_regex,
        file_name_regex: rule.file_name_regex,
        max_file_size: rule.max_file_size,
        commit_committer_check: rule.commit_committer_check,
        commit_committer_name_check: rule.commit_committer_name_check,
        reject_unsigned_commits: rule.reject_unsigned_commits,
        reject_non_dco_commits: rule.reject_non_dco_commits,
    };
}

export function blankPushRule(id: number, projectId: number): PushRule {
    return {
        id,
        project_id: projectId,
        created_at: new Date().toISOString(),
        commit_message_regex: "",
        commit_message_negative_regex: "",
        branch_name_regex: "",
        author_email_regex: "",
        file_name_regex: "",
        max_file_size: 0,
        deny_delete_tag: false,
        member_check: false,
        prevent_secrets: false,
        commit_committer_check: false,
        commit_committer_name_check: false,
        reject_unsigned_commits: false,
        reject_non_dco_commits: false,
    };
}

/**
 * Applies the given attributes to a copy of `base`; `at_least_one_of` all of
 * them, regexes must be valid RE2 within the length limits, max_file_size >= 0
 * (validation errors are 400 `{"message":{"attr":[...]}}`).
 */
export function applyPushRuleParams(p: Params, base: PushRule): PushRule {
    if (!ALL.some((k) => p.has(k))) throw paramError(`${ALL.join(", ")} are missing, at least one parameter must be provided`);
    const next: PushRule = { ...base };
    for (const key of REGEXES) {
        // Empty string is "off": "To allow any …, leave empty."
        if (p.present(key)) next[key] = p.str(key) ?? "";
    }
    for (const key of BOOLEANS) next[key] = p.bool(key) ?? next[key];
    next.max_file_size = p.int("max_file_size") ?? next.max_file_size;

    const errors: Record<string, string[]> = {};
    for (const key of REGEXES) {
        const value = next[key];
        if (value.length > maxLength(key)) errors[key] = [`is too long (maximum is ${maxLength(key)} characters)`];
        else if (value) {
            const err = re2Error(value);
            if (err) errors[key] = [err];
        }
    }
    if (next.max_file_size < 0) errors.max_file_size = ["must be greater than or equal to 0"];
    if (Object.keys(errors).length > 0) throw validationError(errors);
    return next;
}

/** With no push rule, `present nil` renders `null`. */
function getRule(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    return ok(project.push_rule === null ? null : entity(project.push_rule));
}

function createRule(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    // `unprocessable_entity!('Project push rule exists')` (ee/lib/api/project_push_rule.rb, current copies; older ones
    // used `error!(…, 422)`, rendered under `error`): render_api_error! puts it under `message`.
    if (project.push_rule !== null) throw unprocessable("Project push rule exists");
    const rule = applyPushRuleParams(ctx.params, blankPushRule(0, project.id));
    rule.id = ctx.state.nextId("push_rule");
    project.push_rule = rule;
    return created(entity(rule));
}

function updateRule(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    if (project.push_rule === null) throw notFound("Push Rule");
    project.push_rule = applyPushRuleParams(ctx.params, project.push_rule);
    return ok(entity(project.push_rule));
}

function deleteRule(ctx: Ctx): Reply {
    const project = adminProject(ctx);
    if (project.push_rule === null) throw notFound("Push Rule");
    project.push_rule = null;
    return noContent();
}

export const pushRuleRoutes: Route[] = [
    route("GET", "/projects/:id/push_rule", getRule, { ee: true }),
    route("POST", "/projects/:id/push_rule", createRule, { ee: true }),
    route("PUT", "/projects/:id/push_rule", updateRule, { ee: true }),
    route("DELETE", "/projects/:id/push_rule", deleteRule, { ee: true }),
];
