// The RE2 → JavaScript translation used for push rules.
import { compileRe2, Re2SyntaxError } from "../../engine/gitlab-standin";

describe("RE2 patterns", () => {
    it("is case-sensitive unless the pattern starts with (?i)", () => {
        expect(compileRe2("\\.pkl$").test("W.PKL")).toBe(false);
        expect(compileRe2("(?i)\\.pkl$").test("W.PKL")).toBe(true);
    });

    it("translates (?P<name>…) groups, \\A and \\z anchors and \\Q…\\E quoting", () => {
        expect(compileRe2("^(?P<ticket>JIRA-\\d+)").exec("JIRA-12 fix")?.groups?.ticket).toBe("JIRA-12");
        expect(compileRe2("\\Afix", true).test("chore\nfix")).toBe(false);
        expect(compileRe2("^fix", true).test("chore\nfix")).toBe(true);
        expect(compileRe2("done\\z").test("done\n")).toBe(false);
        expect(compileRe2("\\Qa.b*c\\E").test("a.b*c")).toBe(true);
        expect(compileRe2("\\Qa.b*c\\E").test("aXbbc")).toBe(false);
    });

    it("expands POSIX classes and Unicode classes", () => {
        expect(compileRe2("^[[:upper:]][[:digit:]]+$").test("A42")).toBe(true);
        expect(compileRe2("^[[:upper:]][[:digit:]]+$").test("a42")).toBe(false);
        expect(compileRe2("^\\pL+$").test("Ünïcödé")).toBe(true);
        expect(compileRe2("^\\p{Greek}+$").test("αβγ")).toBe(true);
    });

    it("keeps escapes RE2 allows but JavaScript's u-mode would not", () => {
        expect(compileRe2("ssh\\:\\/\\/\\pL").test("ssh://x")).toBe(true);
    });

    it("turns multiline off with (?-m) and dot-all on with (?s)", () => {
        expect(compileRe2("(?-m)^b", true).test("a\nb")).toBe(false);
        expect(compileRe2("(?s)a.b").test("a\nb")).toBe(true);
        expect(compileRe2("a.b").test("a\nb")).toBe(false);
    });

    it("rejects Perl features RE2 lacks", () => {
        expect(() => compileRe2("^(?!WIP)")).toThrow(Re2SyntaxError);
        expect(() => compileRe2("(?<=a)b")).toThrow("invalid perl operator: (?<=");
        expect(() => compileRe2("(a)\\1")).toThrow("invalid escape sequence: \\1");
        expect(() => compileRe2("[a-")).toThrow(Re2SyntaxError);
    });
});
