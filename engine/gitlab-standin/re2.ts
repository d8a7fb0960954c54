// Push rules are RE2 patterns ("GitLab uses RE2 syntax for regular expressions
// in push rules", https://docs.gitlab.com/user/project/repository/push_rules/).
// Node has no RE2, so patterns are translated to JavaScript RegExp. The
// approximation (documented in docs/gitlab-standin.md):
//  - leading flag groups `(?i)`, `(?s)`, `(?m)`, `(?-m)` become RegExp flags;
//    flags in the middle of a pattern are not supported;
//  - `(?P<name>` becomes `(?<name>`; `\A` and `\z` become input anchors;
//  - `\Q…\E` quotes literally; POSIX classes `[[:alpha:]]` are expanded;
//    `\pL` / `\p{Greek}` switch on the `u` flag;
//  - Perl features RE2 lacks (lookaround, backreferences) are syntax errors,
//    as GitLab's untrusted-regexp validation rejects them;
//  - RE2's linear-time guarantee and its exact error texts are not reproduced.

export class Re2SyntaxError extends Error {}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
    alnum: "0-9A-Za-z",
    alpha: "A-Za-z",
    ascii: "\\x00-\\x7f",
    blank: "\\t ",
    cntrl: "\\x00-\\x1f\\x7f",
    digit: "0-9",
    graph: "!-~",
    lower: "a-z",
    print: " -~",
    punct: "!-/:-@\\[-`{-~",
    space: "\\t\\n\\v\\f\\r ",
    upper: "A-Z",
    word: "0-9A-Za-z_",
    xdigit: "0-9A-Fa-f",
};

function escapeLiteral(ch: string): string {
    // \xHH / \uHHHH are valid with and without the `u` flag, inside and outside classes.
    const code = ch.codePointAt(0) ?? 0;
    if (/[0-9A-Za-z_ ]/.test(ch)) return ch;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : code < 0x10000 ? `\\u${code.toString(16).padStart(4, "0")}` : ch;
}

/** RE2 names scripts bare (`\p{Greek}`); JavaScript wants `Script=Greek`. General categories (`L`, `Lu`) pass as they are. */
function unicodeClass(name: string): string {
    return /^[A-Z][a-z]?$/.test(name) || name === "Any" ? name : `Script=${name}`;
}

interface Translation {
    source: string;
    flags: { i: boolean; m: boolean; s: boolean; u: boolean };
}

function translate(pattern: string, multiline: boolean): Translation {
    const flags = { i: false, m: multiline, s: false, u: false };
    let rest = pattern;
    // Leading flag groups, e.g. `(?i)`, `(?-m)`, `(?is)`.
    for (let m = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(rest); m && (m[1] || m[2]); m = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(rest)) {
        for (const f of m[1]) {
            if (f === "U") throw new Re2SyntaxError("ungreedy flag (?U) is not supported by the stand-in");
            flags[f as "i" | "m" | "s"] = true;
        }
        for (const f of m[2] ?? "") {
            if (f === "U") continue;
            flags[f as "i" | "m" | "s"] = false;
        }
        rest = rest.slice(m[0].length);
    }

    let out = "";
    let inClass = false;
    for (let i = 0; i < rest.length; i++) {
        const c = rest[i];
        if (c === "\\") {
            const n = rest[i + 1];
            if (n === undefined) throw new Re2SyntaxError("trailing \\");
            if (n === "Q") {
                const end = rest.indexOf("\\E", i + 2);
                const literal = end === -1 ? rest.slice(i + 2) : rest.slice(i + 2, end);
                out += [...literal].map(escapeLiteral).join("");
                i = end === -1 ? rest.length : end + 1;
                continue;
            }
            if (!inClass && /[1-9]/.test(n)) throw new Re2SyntaxError(`invalid escape sequence: \\${n}`);
            if (!inClass && n === "A") {
                out += "(?<![\\s\\S])";
                i++;
                continue;
            }
            if (!inClass && n === "z") {
                out += "(?![\\s\\S])";
                i++;
                continue;
            }
            if (n === "p" || n === "P") {
                flags.u = true;
                const braced = rest[i + 2] === "{";
                if (braced) {
                    const end = rest.indexOf("}", i + 3);
                    if (end === -1) throw new Re2SyntaxError("invalid character class range");
                    out += `\\${n}{${unicodeClass(rest.slice(i + 3, end))}}`;
                    i = end;
                } else {
                    out += `\\${n}{${rest[i + 2] ?? ""}}`;
                    i += 2;
                }
                continue;
            }
            if (/[A-Za-z0-9]/.test(n)) out += `\\${n}`;
            else out += escapeLiteral(n);
            i++;
            continue;
        }
        if (inClass) {
            if (c === "[" && rest[i + 1] === ":") {
                const end = rest.indexOf(":]", i + 2);
                const name = end === -1 ? "" : rest.slice(i + 2, end);
                const expansion = POSIX_CLASSES[name];
                if (expansion === undefined) throw new Re2SyntaxError(`invalid character class range: [:${name}:]`);
                out += expansion;
                i = end + 1;
                continue;
            }
            if (c === "]") inClass = false;
            out += c;
            continue;
        }
        if (c === "[") {
            inClass = true;
            out += c;
            // A leading `]` or `^]` is literal in RE2.
            if (rest[i + 1] === "^") {
                out += "^";
                i++;
            }
            if (rest[i + 1] === "]") {
                out += "\\]";
                i++;
            }
            continue;
        }
        if (c === "(" && rest[i + 1] === "?") {
            const head = rest.slice(i, i + 4);
            if (head.startsWith("(?=") || head.startsWith("(?!") || head.startsWith("(?<=") || head.startsWith("(?<!")) {
                throw new Re2SyntaxError(`invalid perl operator: ${head.startsWith("(?<") ? head.slice(0, 4) : head.slice(0, 3)}`);
            }
            if (rest.startsWith("(?P<", i)) {
                out += "(?<";
                i += 3;
                continue;
            }
        }
        out += c;
    }
    if (inClass) throw new Re2SyntaxError(`missing closing ]: ${pattern}`);
    return { source: out, flags };
}

/**
 * Compile an RE2 pattern. `multiline` is GitLab's default for commit message
 * rules ("Uses multiline mode, which can be disabled by using (?-m)"); branch,
 * email and file name rules are single-line. Matching is case-sensitive unless
 * the pattern starts with `(?i)`.
 */
export function compileRe2(pattern: string, multiline = false): RegExp {
    const { source, flags } = translate(pattern, multiline);
    const flagString = (flags.i ? "i" : "") + (flags.m ? "m" : "") + (flags.s ? "s" : "") + (flags.u ? "u" : "");
    try {
        return new RegExp(source, flagString);
    } catch (e) {
        throw new Re2SyntaxError((e as Error).message.replace(/^Invalid regular expression: /, ""));
    }
}

/** The validation error GitLab's `untrusted_regexp` validator would add, if any. */
export function re2Error(pattern: string): string | undefined {
    try {
        compileRe2(pattern);
        return undefined;
    } catch (e) {
        return `not valid RE2 syntax: ${(e as Error).message}`;
    }
}

/** GitLab's push-rule matching: a blank pattern allows everything; otherwise an unanchored search. */
export function re2Matches(pattern: string, subject: string, multiline = false): boolean {
    return compileRe2(pattern, multiline).test(subject);
}
