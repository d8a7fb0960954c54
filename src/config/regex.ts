import { z } from "zod";

// GitLab evaluates push-rule regexes with RE2, which has no lookaround and no backreferences.
const RE2_UNSUPPORTED: ReadonlyArray<[RegExp, string]> = [
    [/\(\?<?[=!]/, "lookahead/lookbehind `(?=`, `(?!`, `(?<=`, `(?<!`"],
    [/\\[1-9]/, "backreferences such as `\\1`"],
    [/\\k</, "named backreferences `\\k<name>`"],
];

/** Why GitLab would refuse this regex, or undefined when it would accept it. */
export function re2Problem(pattern: string): string | undefined {
    try {
        new RegExp(pattern);
    } catch (e) {
        return (e as Error).message.replace(/^Invalid regular expression: /, "");
    }
    for (const [re, what] of RE2_UNSUPPORTED) {
        if (re.test(pattern)) return `GitLab's RE2 engine does not support ${what}`;
    }
    return undefined;
}

/** A regex string checked now, so a typo fails `pulumi preview` instead of the provider at `up`. */
export const re2Regex = z
    .string()
    .min(1, { error: "expected a non-empty regular expression" })
    .superRefine((pattern, ctx) => {
        const problem = re2Problem(pattern);
        if (problem) ctx.addIssue({ code: "custom", message: `expected a regular expression GitLab accepts (${problem})` });
    });
