import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { fullSchemaSubset, subsetSchema, type PropertySpec } from "./support/providerSchema";
import { ROOT } from "./support/stackFile";

// Reads src/gitlab as source text, so every declared name is checked, used or not.
const schema = fullSchemaSubset() ?? subsetSchema();
const dir = path.join(ROOT, "src/gitlab");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => ts.createSourceFile(f, fs.readFileSync(path.join(dir, f), "utf8"), ts.ScriptTarget.ES2022, true));

interface Member { name: string; optional: boolean; type: string }
const interfaces = new Map<string, Member[]>();
const classes: Array<{ name: string; token: string; argsType: string; outputs: string[] }> = [];

for (const file of files) {
    ts.forEachChild(file, (node) => {
        if (ts.isInterfaceDeclaration(node)) {
            interfaces.set(
                node.name.text,
                node.members.filter(ts.isPropertySignature).map((m) => ({ name: m.name.getText(file), optional: m.questionToken !== undefined, type: m.type?.getText(file) ?? "" })),
            );
        }
        if (ts.isClassDeclaration(node) && node.name) {
            const token = node.members.filter(ts.isPropertyDeclaration).find((m) => m.name.getText(file) === "__pulumiType")?.initializer;
            const ctor = node.members.find(ts.isConstructorDeclaration);
            classes.push({
                name: node.name.text,
                token: token && ts.isStringLiteral(token) ? token.text : "",
                argsType: ctor?.parameters[1]?.type?.getText(file) ?? "",
                outputs: node.members.filter(ts.isPropertyDeclaration).filter((m) => m.modifiers?.some((x) => x.kind === ts.SyntaxKind.DeclareKeyword)).map((m) => m.name.getText(file)),
            });
        }
    });
}

/** The JSON type a TypeScript input type stands for, by its text. */
function jsonType(tsType: string): string {
    if (/\[\]>?$/.test(tsType)) return "array";
    if (/\bnumber\b/.test(tsType)) return "integer|number";
    if (/\bboolean\b/.test(tsType)) return "boolean";
    if (/\bstring\b|RuleType|Level/.test(tsType)) return "string";
    return "object";
}

function schemaType(spec: PropertySpec): string {
    return spec.$ref ? "object" : spec.type === "integer" || spec.type === "number" ? "integer|number" : (spec.type ?? "object");
}

function memberViolations(owner: string, members: Member[], properties: Record<string, PropertySpec>, required: readonly string[]): string[] {
    const out: string[] = [];
    for (const m of members) {
        const spec = properties[m.name];
        if (!spec) out.push(`${owner}.${m.name} is not in the schema`);
        else if (jsonType(m.type) !== schemaType(spec)) out.push(`${owner}.${m.name}: ${m.type} does not fit schema type ${schemaType(spec)}`);
        else if (m.optional === required.includes(m.name)) out.push(`${owner}.${m.name} is ${m.optional ? "optional" : "required"} but the schema says otherwise`);
    }
    for (const name of required) if (!members.some((m) => m.name === name)) out.push(`${owner} lacks required ${name}`);
    return out;
}

describe("src/gitlab binding mirrors the provider schema", () => {
    it("declares a class for each resource we use", () => {
        expect(classes.map((c) => c.token).sort()).toEqual([
            "gitlab:index/branchProtection:BranchProtection",
            "gitlab:index/project:Project",
            "gitlab:index/projectApprovalRule:ProjectApprovalRule",
            "gitlab:index/projectLevelMrApprovals:ProjectLevelMrApprovals",
            "gitlab:index/projectMembership:ProjectMembership",
            "gitlab:index/projectProtectedEnvironment:ProjectProtectedEnvironment",
            "gitlab:index/projectPushRules:ProjectPushRules",
            "gitlab:index/repositoryFile:RepositoryFile",
        ]);
    });

    it.each(classes.map((c) => [c.name, c] as const))("%s: token, class name, args and outputs match the schema", (_name, cls) => {
        const resource = schema.resources[cls.token];
        expect(resource).toBeDefined();
        expect(cls.token.split(":").pop()).toBe(cls.name);
        expect(cls.argsType.replace(/\s*\|\s*undefined$/, "")).toBe(`${cls.name}Args`);
        const args = interfaces.get(`${cls.name}Args`) ?? [];
        expect(memberViolations(`${cls.name}Args`, args, resource.inputProperties, resource.requiredInputs ?? [])).toEqual([]);
        expect(cls.outputs.filter((o) => !(o in resource.properties))).toEqual([]);
    });

    it.each([...interfaces.keys()].filter((n) => /^Get\w+(Args|Result)$/.test(n)))("%s matches the invoke's schema", (name) => {
        const [, fn, kind] = /^Get(\w+?)(Args|Result)$/.exec(name) ?? [];
        const token = `gitlab:index/get${fn}:get${fn}`;
        const spec = schema.functions[token];
        expect(spec).toBeDefined();
        const side = kind === "Args" ? spec.inputs : spec.outputs;
        const members = interfaces.get(name) ?? [];
        const required = kind === "Args" ? (side?.required ?? []) : members.filter((m) => !m.optional).map((m) => m.name);
        expect(memberViolations(name, members, side?.properties ?? {}, required)).toEqual([]);
    });

    it.each([...interfaces.keys()].filter((n) => !/(Args|Result)$/.test(n)))("%s matches its schema type", (name) => {
        const type = schema.types[`gitlab:index/${name}:${name}`];
        expect(type).toBeDefined();
        expect(memberViolations(name, interfaces.get(name) ?? [], type.properties ?? {}, type.required ?? [])).toEqual([]);
    });
});
