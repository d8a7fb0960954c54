// A user replaces every group and person in the committed stack files (and
// Pulumi.yaml's shared config) with their own: the suite's checks of the
// committed stacks hold for any names.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStack } from "../src/check/offlineCheck";
import { readStackFile } from "../src/config/stackFile";
import { oldNamesOf, renameProject, strings } from "./support/renameStack";
import { COMMITTED_STACKS, ROOT } from "./support/stackFile";

describe("the committed stack files with every name replaced", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renamed-"));
    fs.cpSync(path.join(ROOT, "policy", "config"), path.join(dir, "policy", "config"), { recursive: true });
    for (const f of ["Pulumi.yaml", ...COMMITTED_STACKS.map((s) => `Pulumi.${s}.yaml`)]) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    const renaming = renameProject(dir, COMMITTED_STACKS);

    it.each(COMMITTED_STACKS)("Pulumi.%s.yaml still validates and passes the provider contract and every mandatory policy", async (stack) => {
        // Every name changed: none of the old ones is left in what the program reads.
        const values = strings(Object.values(readStackFile(path.join(dir, `Pulumi.${stack}.yaml`)).namespace));
        expect(renaming.users.size + renaming.groups.size).toBeGreaterThan(0);
        for (const old of oldNamesOf(renaming)) expect({ old, found: values.filter((v) => v === old || v.startsWith(`${old}/`)) }).toEqual({ old, found: [] });
        expect((await checkStack(dir, stack)).errors).toEqual([]);
    });
});
