// `npm run sandbox`'s arguments, and its refusal of a stack `npm run check`
// refuses: the check's own words, and nothing started (no engine needed).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { run as check } from "../../src/check/cli";
import { parseArgs, runSandbox } from "../../engine/sandbox/sandbox";
import { LABEL } from "../../engine/sandbox/summary";

const ROOT = path.join(__dirname, "..", "..");

describe("sandbox arguments", () => {
    it.each([
        [["prod"], { stack: "prod", command: "preview", markdown: false, reset: false }],
        [["prod", "up", "--markdown"], { stack: "prod", command: "up", markdown: true, reset: false }],
        [["--reset"], { stack: undefined, command: undefined, markdown: false, reset: true }],
        [["prod", "--reset"], { stack: "prod", command: undefined, markdown: false, reset: true }],
        [["dev", "report", "--reset"], { stack: "dev", command: "report", markdown: false, reset: true }],
    ])("%j", (argv, expected) => {
        expect(parseArgs(argv)).toEqual(expected);
    });

    it.each([
        [[], "which stack? (the <stack> of Pulumi.<stack>.yaml)"],
        [["prod", "apply"], "unknown command apply; expected one of preview, up, destroy, report"],
        [["prod", "up", "--yes"], "unknown option --yes"],
        [["prod", "up", "now"], "unexpected now"],
    ])("refuses %j", (argv, error) => {
        expect(parseArgs(argv)).toEqual({ error });
    });
});

describe("a stack that npm run check refuses", () => {
    it("stops the sandbox with the check's message and exit status, and creates nothing", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-refused-"));
        try {
            const doc = parseDocument(fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8"));
            doc.setIn(["config", "ml-model-governance:repositories", 0, "approvalRules", 0, "approvalsRequired"], 150);
            fs.writeFileSync(path.join(dir, "Pulumi.prod.yaml"), doc.toString());

            const checkOut: string[] = [];
            const checkCode = await check(["prod"], dir, (s) => checkOut.push(s), (s) => checkOut.push(s));
            expect(checkCode).toBe(1);
            expect(checkOut.join("")).toContain("repositories[0].approvalRules[0].approvalsRequired: got 150");

            const out: string[] = [];
            const err: string[] = [];
            const code = await runSandbox({ stack: "prod", command: "up", markdown: false, reset: false }, { projectDir: dir, out: (s) => out.push(s), err: (s) => err.push(s) });
            expect(code).toBe(checkCode);
            expect(err.join("")).toContain(checkOut.join(""));
            expect(err.join("")).toContain(`nothing was started. ${LABEL}`);
            expect(out).toEqual([]);
            expect(fs.existsSync(path.join(dir, ".sandbox"))).toBe(false);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
