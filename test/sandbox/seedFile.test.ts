// The sandbox's seed file: written from the stack on the first run, the
// user's to edit afterwards, completed with names the stack newly uses, and
// refused with the key and the expected value when it is wrong.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Seed } from "../../engine/seed";
import { loadSeed, readSeedFile, SeedFileError } from "../../engine/sandbox/seedFile";

const derived: Seed = {
    edition: "ee",
    version: "18.2.1",
    automationUser: "bot",
    users: ["bot", "alice"],
    groups: { team: { bot: "owner" }, "team/leads": { "leads-member-1": "developer", "leads-member-2": "developer" } },
    projects: { "team/existing": { alice: "developer" } },
};

let dir: string;
let file: string;
beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-file-"));
    file = path.join(dir, "prod.seed.yaml");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the seed file", () => {
    it("is written from the stack on the first run, says what it is, and reads back as the same seed", () => {
        const first = loadSeed(file, "prod", derived);
        expect(first.seed).toEqual(derived);
        expect(first.note).toContain("wrote");
        const text = fs.readFileSync(file, "utf8");
        expect(text).toMatch(/^# The GitLab that `npm run sandbox -- prod` starts from: a local stand-in, not GitLab/);
        expect(text).not.toMatch(/^automationUser:/m);
        expect(readSeedFile(file, "bot")).toEqual(derived);
        expect(loadSeed(file, "prod", derived)).toEqual({ seed: derived });
    });

    it("keeps the user's memberships and comments, and gains what the stack newly names", () => {
        loadSeed(file, "prod", derived);
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/ {2}team\/leads:\n( {4}.*\n)+/, "  # only alice leads now\n  team/leads:\n    alice: maintainer\n"));
        const next: Seed = { ...derived, users: [...derived.users, "sofia"], groups: { ...derived.groups, "team/stewards": { "stewards-member-1": "developer" } } };
        const { seed, note } = loadSeed(file, "prod", next);
        expect(seed.groups["team/leads"]).toEqual({ alice: "maintainer" });
        expect(seed.users).toContain("sofia");
        expect(note).toContain("user sofia, group team/stewards");
        const text = fs.readFileSync(file, "utf8");
        expect(text).toContain("# only alice leads now");
        expect(readSeedFile(file, "bot").groups["team/stewards"]).toEqual({ "stewards-member-1": "developer" });
    });

    it("is refused naming every bad key, its value and what is expected", () => {
        fs.writeFileSync(file, ["users: ['@alice']", "groups:", "  team/leads:", "    alice: boss", "projects:", "  lonely: {}", "extra: 1", ""].join("\n"));
        let message = "";
        try {
            readSeedFile(file, "bot");
        } catch (e) {
            expect(e).toBeInstanceOf(SeedFileError);
            message = (e as Error).message;
        }
        expect(message).toContain("prod.seed.yaml: 4 problem(s)");
        expect(message).toContain('users[0]: got "@alice"; expected a GitLab username such as `alice` (no leading @)');
        expect(message).toMatch(/groups\["team\/leads"\]\["alice"\]: got "boss"; expected one of: .*"developer"/);
        expect(message).toContain('projects: got {"lonely":{}}; expected `namespace/project`, with at least one `/`, for key "lonely"');
        expect(message).toContain("extra: unknown key");
    });

    it("is refused, with its line, when it is not YAML", () => {
        fs.writeFileSync(file, "groups:\n  team: {\n");
        expect(() => readSeedFile(file, "bot")).toThrow(/prod\.seed\.yaml:\d+: /);
    });
});
