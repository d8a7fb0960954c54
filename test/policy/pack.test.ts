import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import * as exported from "../../policy/policies";
import { policies } from "../../policy/policies";

const POLICY_DIR = path.resolve(__dirname, "../../policy");
const read = (file: string) => fs.readFileSync(path.join(POLICY_DIR, file), "utf8");

/** Every .ts file of the pack, its node_modules aside. */
function packSources(dir = POLICY_DIR): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" ? [] : packSources(full);
        return e.name.endsWith(".ts") ? [full] : [];
    });
}

describe("the policy pack", () => {
    it("stands alone: no file of it imports anything outside policy/ but packages (pulumi policy publish uploads only policy/)", () => {
        const escapes = packSources().flatMap((file) =>
            [...fs.readFileSync(file, "utf8").matchAll(/(?:\bfrom|\bimport|\brequire\(|\bimport\()\s*["'](\.[^"']*)["']/g)]
                .map((m) => ({ file: path.relative(POLICY_DIR, file), target: path.relative(POLICY_DIR, path.resolve(path.dirname(file), m[1])) }))
                .filter((i) => i.target.startsWith("..")),
        );
        expect(packSources().length).toBeGreaterThan(10);
        expect(escapes).toEqual([]);
    });

    it("lists every exported policy once, each with a unique kebab-case name and a description", () => {
        const exportedPolicies = Object.values(exported).filter((v): v is (typeof policies)[number] => typeof v === "object" && v !== null && "name" in v && ("validateResource" in v || "validateStack" in v));
        expect(new Set(policies)).toEqual(new Set(exportedPolicies));
        const names = policies.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        for (const p of policies) {
            expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
            expect(p.description.length).toBeGreaterThan(20);
        }
    });

    it("makes the production checks mandatory by default", () => {
        const levels = Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]));
        expect(levels).toMatchObject({
            "production-projects-protected": "mandatory",
            "no-author-or-committer-approval": "mandatory",
            "no-force-push-or-developer-push": "mandatory",
        });
        expect(policies.every((p) => p.enforcementLevel !== undefined)).toBe(true);
    });

    it("gives every config property a default, except those that fall back to what the program declares (production, requireApprovalRule)", () => {
        for (const p of policies) {
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) {
                if (key === "production" || key === "requireApprovalRule") continue;
                expect({ policy: p.name, key, hasDefault: schema.default !== undefined }).toEqual({ policy: p.name, key, hasDefault: true });
            }
        }
    });

    it("ships a dev config that names only real policies and real properties", () => {
        const config = JSON.parse(read("config/dev.json")) as Record<string, unknown>;
        for (const [name, entry] of Object.entries(config)) {
            const policy = policies.find((p) => p.name === name);
            expect(policy?.name).toBe(name);
            if (typeof entry === "object" && entry !== null) {
                const known = ["enforcementLevel", ...Object.keys(policy?.configSchema?.properties ?? {})];
                for (const key of Object.keys(entry)) expect(known).toContain(key);
            } else {
                expect(["advisory", "mandatory", "remediate", "disabled"]).toContain(entry);
            }
        }
    });

    it("is a Node.js pack whose index.ts alone constructs the PolicyPack", () => {
        expect(parse(read("PulumiPolicy.yaml"))).toMatchObject({ runtime: "nodejs", description: expect.any(String) });
        const pkg = JSON.parse(read("package.json"));
        expect(pkg.dependencies).toMatchObject({ "@pulumi/policy": "^1.21.0", "@pulumi/pulumi": "^3.270.0" });
        expect(pkg.devDependencies).toHaveProperty("typescript");
        expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
        const constructing = ["index.ts", "policies.ts", ...fs.readdirSync(path.join(POLICY_DIR, "policies")).map((f) => `policies/${f}`), ...fs.readdirSync(path.join(POLICY_DIR, "lib")).map((f) => `lib/${f}`)].filter((f) =>
            read(f).includes("new PolicyPack("),
        );
        expect(constructing).toEqual(["index.ts"]);
    });
});
