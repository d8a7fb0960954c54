import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { ROOT } from "./support/stackFile";

// The Pulumi CLI and GitLab parse YAML strictly: a duplicate key or an unquoted
// `: ` inside a value is an error there, not a quirk. Every YAML file the
// repository tracks is held to that here; the engine suite also loads
// Pulumi.yaml, the stack files and PulumiPolicy.yaml with the real CLI.
const files = execFileSync("git", ["ls-files", "*.yaml", "*.yml"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);

describe("every YAML file of the repository", () => {
    it("includes the project, stack, policy pack and pipeline files", () => {
        expect(files).toEqual(expect.arrayContaining(["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "policy/PulumiPolicy.yaml", ".gitlab-ci.yml"]));
    });

    it.each(files)("%s parses strictly: no syntax error, no duplicate key", (file) => {
        const docs = parseAllDocuments(fs.readFileSync(path.join(ROOT, file), "utf8"), { uniqueKeys: true, strict: true });
        const errors = (Array.isArray(docs) ? docs : [docs]).flatMap((d) => d.errors.map((e) => `${file}: ${e.message.split("\n")[0]}`));
        expect(errors).toEqual([]);
    });

    it("the strict reading refuses the line that once broke Pulumi.yaml", () => {
        const [doc] = parseAllDocuments("description: Governs ML model repositories on GitLab: protected default branch\n", { uniqueKeys: true, strict: true }) as ReturnType<typeof parseAllDocuments> & unknown[];
        expect((doc as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    });
});
