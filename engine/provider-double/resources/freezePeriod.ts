import { encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_project_freeze_period.go (SDKv2, schema v1; the copy read is
// on xanzy/go-gitlab, older than 19.x, and the CHANGELOG at v19.1.0 names no
// change to it): project ForceNew; freeze_start and freeze_end Required;
// cron_timezone Optional with Default "UTC". Create POSTs all three, update
// PUTs the changed ones, read sets all three from GitLab; the id is
// `<project>:<freeze period id>`.
function observed(period: any, project: string): Props {
    return { project, freezeStart: period.freeze_start, freezeEnd: period.freeze_end, cronTimezone: period.cron_timezone };
}

export const freezePeriod: ResourceHandler = {
    sticky: [],
    defaults: { cronTimezone: "UTC" },
    replaceOn: ["project"],
    sets: [],
    computed: [],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        const created = await api.request("POST", `projects/${encodePath(project)}/freeze_periods`, {
            freeze_start: inputs.freezeStart,
            freeze_end: inputs.freezeEnd,
            cron_timezone: inputs.cronTimezone ?? "UTC",
        });
        const read = await api.get(`projects/${encodePath(project)}/freeze_periods/${created.id}`);
        return { id: `${project}:${created.id}`, outputs: { ...inputs, ...observed(read, project) } };
    },
    async read(id, state, { api }) {
        const [project, periodId] = splitId(id, 2);
        return orGone(async () => {
            const seen = observed(await api.get(`projects/${encodePath(project)}/freeze_periods/${periodId}`), project);
            return { outputs: { ...state, ...seen }, observed: seen };
        });
    },
    async update(id, state, news, { api }) {
        const [project, periodId] = splitId(id, 2);
        const changed = (k: string, api: string) => (news[k] !== state[k] ? { [api]: news[k] ?? (k === "cronTimezone" ? "UTC" : undefined) } : {});
        await api.request("PUT", `projects/${encodePath(project)}/freeze_periods/${periodId}`, {
            ...changed("freezeStart", "freeze_start"),
            ...changed("freezeEnd", "freeze_end"),
            ...changed("cronTimezone", "cron_timezone"),
        });
        return { ...news, ...observed(await api.get(`projects/${encodePath(project)}/freeze_periods/${periodId}`), project) };
    },
    async delete(id, _state, { api }) {
        const [project, periodId] = splitId(id, 2);
        try {
            await api.request("DELETE", `projects/${encodePath(project)}/freeze_periods/${periodId}`);
        } catch (e) {
            throw new Error(`failed to delete pipeline schedule ${JSON.stringify(id)}: ${(e as Error).message}`);
        }
    },
};
