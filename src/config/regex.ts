import { RE2JS } from "re2js";
import { z } from "./zod";

/**
 * GitLab evaluates push-rule regexes with RE2: `(?i)` and `(?P<name>…)` work,
 * lookaround and backreferences do not. re2js is a port of RE2, so a pattern
 * is accepted here exactly when GitLab would accept it.
 */
export function re2Problem(pattern: string): string | undefined {
    try {
        compiled(pattern, 0);
        return undefined;
    } catch (e) {
        return (e as Error).message.replace(/^error parsing regexp: /, "");
    }
}

/**
 * Whether an RE2 pattern matches somewhere in `text`, as GitLab's push rules
 * test it: unanchored, and in multiline mode for commit messages.
 */
export function re2Finds(pattern: string, text: string, multiline = false): boolean {
    return compiled(pattern, multiline ? RE2JS.MULTILINE : 0).matcher(text).find();
}

// A fleet's repositories mostly share their defaults' few patterns: each is compiled once
// (a compiled RE2JS is immutable; matchers are made per use).
const COMPILED = new Map<string, RE2JS>();

function compiled(pattern: string, flags: number): RE2JS {
    const key = `${flags}\0${pattern}`;
    let re = COMPILED.get(key);
    if (re === undefined) COMPILED.set(key, (re = RE2JS.compile(pattern, flags)));
    return re;
}

/** A regex string checked now, so a typo fails `pulumi preview` instead of GitLab at `up`. */
export const re2Regex = z
    .string()
    .min(1, { error: "expected a non-empty regular expression" })
    .superRefine((pattern, ctx) => {
        const problem = re2Problem(pattern);
        if (problem) ctx.addIssue({ code: "custom", message: `expected a regular expression GitLab's RE2 engine accepts (${problem})` });
    });
