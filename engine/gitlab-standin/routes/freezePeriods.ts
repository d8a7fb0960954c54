// Deploy freeze periods (https://docs.gitlab.com/api/freeze_periods/), after
// lib/api/freeze_periods.rb (read_freeze_period for GET, create/update/
// destroy_freeze_period: Developer and above read, Maintainer writes) and
// app/models/ci/freeze_period.rb (freeze_start and freeze_end: `cron: true,
// presence: true`, stripped; cron_timezone: a known zone, `presence: true`).
// A failed validation is `render_validation_error!`: 400 with the errors by attribute.
import { canAdminProject, canReadCode } from "../access";
import { created, noContent, ok, type Ctx, type Reply } from "../context";
import { forbidden, notFound, validationError } from "../errors";
import { findProject } from "../lookup";
import { paginate } from "../pagination";
import { route, type Route } from "../router";
import type { FreezePeriod, Project } from "../state";

// Five fields as Fugit reads them for GitLab's CronValidator: numbers, ranges, steps, lists, names.
const FIELD = String.raw`(?:\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:\/\d+)?`;
const CRON = new RegExp(String.raw`^${FIELD}(?:,${FIELD})*(?:\s+${FIELD}(?:,${FIELD})*){4}$`);

function validTimezone(zone: string): boolean {
    try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

function check(period: FreezePeriod): void {
    const errors: Record<string, string[]> = {};
    for (const key of ["freeze_start", "freeze_end"] as const) {
        if (period[key] === "") errors[key] = ["can't be blank"];
        else if (!CRON.test(period[key])) errors[key] = [" is invalid syntax"];
    }
    if (!validTimezone(period.cron_timezone)) errors.cron_timezone = [" is invalid syntax"];
    if (Object.keys(errors).length > 0) throw validationError(errors);
}

function readable(ctx: Ctx): Project {
    const project = findProject(ctx);
    if (!canReadCode(ctx.state, project, ctx.user)) throw forbidden();
    return project;
}

function writable(ctx: Ctx): Project {
    const project = findProject(ctx);
    if (!canAdminProject(ctx.state, project, ctx.user)) throw forbidden();
    return project;
}

function find(project: Project, id: string): FreezePeriod {
    const period = project.freeze_periods.find((p) => String(p.id) === id);
    if (!period) throw notFound("Freeze Period");
    return period;
}

function createPeriod(ctx: Ctx): Reply {
    const project = writable(ctx);
    const p = ctx.params;
    const now = new Date().toISOString();
    const period: FreezePeriod = {
        id: 0,
        freeze_start: p.requiredStr("freeze_start").trim(),
        freeze_end: p.requiredStr("freeze_end").trim(),
        cron_timezone: p.str("cron_timezone") ?? "UTC",
        created_at: now,
        updated_at: now,
    };
    check(period);
    period.id = ctx.state.nextId("freeze_period");
    project.freeze_periods.push(period);
    return created(period);
}

function updatePeriod(ctx: Ctx): Reply {
    const period = find(writable(ctx), ctx.path.freeze_period_id);
    const p = ctx.params;
    const next = { ...period, freeze_start: p.str("freeze_start")?.trim() ?? period.freeze_start, freeze_end: p.str("freeze_end")?.trim() ?? period.freeze_end, cron_timezone: p.str("cron_timezone") ?? period.cron_timezone };
    check(next);
    Object.assign(period, next, { updated_at: new Date().toISOString() });
    return ok(period);
}

function deletePeriod(ctx: Ctx): Reply {
    const project = writable(ctx);
    const period = find(project, ctx.path.freeze_period_id);
    project.freeze_periods.splice(project.freeze_periods.indexOf(period), 1);
    return noContent();
}

export const freezePeriodRoutes: Route[] = [
    route("GET", "/projects/:id/freeze_periods", (ctx) => paginate(ctx, readable(ctx).freeze_periods, (p) => p)),
    route("GET", "/projects/:id/freeze_periods/:freeze_period_id", (ctx) => ok(find(readable(ctx), ctx.path.freeze_period_id))),
    route("POST", "/projects/:id/freeze_periods", createPeriod),
    route("PUT", "/projects/:id/freeze_periods/:freeze_period_id", updatePeriod),
    route("DELETE", "/projects/:id/freeze_periods/:freeze_period_id", deletePeriod),
];
