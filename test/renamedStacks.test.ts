// A user replaces every group and person in the committed stack files with
// their own: the suite's checks of the committed stacks hold for any names.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkStack } from "../src/check/offlineCheck";
import { readStackFile } from "../src/config/stackFile";
import { renameEveryone } from "./support/renameStack";
import { COMMITTED_STACKS, ROOT } from "./support/stackFile";

describe("the committed stack files with every name replaced", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "renamed-"));
    fs.cpSync(path.join(ROOT, "policy", "config"), path.join(dir, "policy", "config"), { recursive: true });

    it.each(COMMITTED_STACKS)("Pulumi.%s.yaml still validates and passes the provider contract and every mandatory policy", async (stack) => {
        const original = fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8");
        const renamed = renameEveryone(original);
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), renamed.text);
        // Every name changed: none of the old ones is left anywhere in the program's config.
        const texts = Object.values(readStackFile(path.join(dir, `Pulumi.${stack}.yaml`)).texts).join("\n").toLowerCase();
        expect(renamed.users.size + renamed.groups.size).toBeGreaterThan(0);
        for (const old of [...renamed.users.keys(), ...renamed.groups.keys()]) expect(texts).not.toMatch(new RegExp(`(^|[^\\w./-])${old.replace(/[.]/g, "\\.")}([^\\w./-]|$)`));
        expect((await checkStack(dir, stack)).errors).toEqual([]);
    });
});
