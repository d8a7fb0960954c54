import { noForcePushOrDeveloperPush as policy } from "../../policy/policies";
import { UNKNOWN_VALUE, violationsOf } from "../../src/check/policyArgs";
import { protection, rule } from "./support/fixtures";

describe("no-force-push-or-developer-push", () => {
    it("passes the Premium form with no one pushing, and the Free form with maintainers pushing", async () => {
        const free = protection({ allowedToPushes: undefined, pushAccessLevel: "maintainer", mergeAccessLevel: "developer" });
        expect(await violationsOf(policy, [protection(), free])).toEqual([]);
    });

    it("flags force push", async () => {
        const found = await violationsOf(policy, [protection({ allowForcePush: true })]);
        expect(found).toEqual([expect.objectContaining({ level: "mandatory", message: expect.stringContaining('allowForcePush is true on branch "main"') })]);
    });

    it("flags developers pushing in the Free (CE) form", async () => {
        const found = await violationsOf(policy, [protection({ allowedToPushes: undefined, pushAccessLevel: "developer" })]);
        expect(found.map((v) => v.message)).toEqual([expect.stringContaining('pushAccessLevel is "developer"')]);
    });

    it("flags developers pushing in the Premium (EE) form, naming the entry", async () => {
        const found = await violationsOf(policy, [protection({ allowedToPushes: [{ userId: 7 }, { accessLevel: "developer" }] })]);
        expect(found.map((v) => v.message)).toEqual([expect.stringContaining('allowedToPushes[1].accessLevel is "developer"')]);
    });

    it("skips values unknown in preview, and other resource types", async () => {
        const unknown = protection({ branch: UNKNOWN_VALUE, allowForcePush: UNKNOWN_VALUE, allowedToPushes: [UNKNOWN_VALUE, { accessLevel: UNKNOWN_VALUE }] });
        expect(await violationsOf(policy, [unknown, rule("x", { allowForcePush: true })])).toEqual([]);
    });
});
