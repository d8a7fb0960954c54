// Protected tags (lib/api/protected_tags.rb) and deploy freeze periods
// (lib/api/freeze_periods.rb, Ci::FreezePeriod) as the stand-in answers them.
import { ID, LEGACY, useStandin } from "./helpers";

const TAGS = `projects/${LEGACY}/protected_tags`;
const FREEZES = `projects/${LEGACY}/freeze_periods`;

describe("protected tags", () => {
    const { api } = useStandin();

    it("protects a wildcard for a group the project is shared with, besides the role, and answers it by name", async () => {
        // acme-ml/ml-platform is shared with legacy-ranker (Developer).
        const res = await api().post(TAGS, { name: "model-v*", create_access_level: 0, allowed_to_create: [{ group_id: ID.mlPlatform }] });
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ name: "model-v*", create_access_levels: [{ access_level: 0, access_level_description: "No one", group_id: null }, { group_id: ID.mlPlatform, access_level_description: "ML Platform" }] });
        const read = await api().get(`${TAGS}/${encodeURIComponent("model-v*")}`);
        expect(read.body).toEqual(res.body);
    });

    it("defaults create_access_level to Maintainers, but not when users or groups are named", async () => {
        expect((await api().post(TAGS, { name: "v*" })).body.create_access_levels).toMatchObject([{ access_level: 40, access_level_description: "Maintainers" }]);
        const named = await api().post(TAGS, { name: "rc-*", allowed_to_create: [{ user_id: ID.marcus }] });
        expect(named.body.create_access_levels).toHaveLength(1);
        expect(named.body.create_access_levels[0]).toMatchObject({ user_id: ID.marcus });
    });

    it("answers 422 for a taken name, a group it is not shared with and a user who is not a member, all at once", async () => {
        await api().post(TAGS, { name: "v*" });
        const res = await api().post(TAGS, { name: "v*", allowed_to_create: [{ group_id: ID.releaseManagers }, { user_id: ID.jonas }] });
        expect(res).toMatchObject({
            status: 422,
            body: { message: ["Name has already been taken", "Create access levels group does not have access to the project", "Create access levels user is not a member of the project"] },
        });
    });

    it("unprotects by name; an unknown name is 404", async () => {
        await api().post(TAGS, { name: "v*" });
        expect((await api().delete(`${TAGS}/${encodeURIComponent("v*")}`)).status).toBe(204);
        expect((await api().get(`${TAGS}/${encodeURIComponent("v*")}`)).status).toBe(404);
    });
});

describe("freeze periods", () => {
    const { api } = useStandin();

    it("creates, reads, updates and deletes a freeze, the time zone defaulting to UTC", async () => {
        const res = await api().post(FREEZES, { freeze_start: " 0 18 * * FRI ", freeze_end: "0 8 * * MON" });
        expect(res).toMatchObject({ status: 201, body: { freeze_start: "0 18 * * FRI", freeze_end: "0 8 * * MON", cron_timezone: "UTC" } });
        const one = `${FREEZES}/${res.body.id}`;
        expect((await api().put(one, { cron_timezone: "Europe/Berlin" })).body).toMatchObject({ freeze_start: "0 18 * * FRI", cron_timezone: "Europe/Berlin" });
        expect((await api().get(one)).body.cron_timezone).toBe("Europe/Berlin");
        expect((await api().delete(one)).status).toBe(204);
        expect((await api().get(one)).status).toBe(404);
    });

    it("answers 400 with the errors by attribute for a bad cron and an unknown zone", async () => {
        const res = await api().post(FREEZES, { freeze_start: "0 18 * *", freeze_end: "0 8 * * MON", cron_timezone: "Mars/Olympus" });
        expect(res).toMatchObject({ status: 400, body: { message: { freeze_start: [" is invalid syntax"], cron_timezone: [" is invalid syntax"] } } });
    });
});
