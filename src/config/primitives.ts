import { z } from "./zod";

const SEGMENT = "[A-Za-z0-9_][A-Za-z0-9_.-]*";
const USERNAME = new RegExp(`^${SEGMENT}$`);
const FULL_PATH = new RegExp(`^${SEGMENT}(/${SEGMENT})*$`);
// GitLab refuses project paths that end in a special character or look like a feed or a repo URL.
const PROJECT_PATH = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const RESERVED_SUFFIX = /\.(git|atom)$/i;
// git check-ref-format, the parts that matter for branch names typed into YAML.
const BRANCH = /^(?!\/|.*\/$|.*\/\/|.*\.\.|.*@\{|.*\.lock$|.*\.$)[^\s~^:?\\[\x00-\x1f\x7f]+$/;

export const username = z.string().regex(USERNAME, { error: "expected a GitLab username such as `alice` (no leading @)" });
export const groupPath = z.string().regex(FULL_PATH, { error: "expected a group full path such as `ml-platform/reviewers`" });
export const projectPath = z
    .string()
    .regex(PROJECT_PATH, { error: "expected a project path of letters, digits, `_`, `-` and `.`, not starting or ending with `-` or `.`" })
    .refine((p) => !RESERVED_SUFFIX.test(p), { error: "expected a project path that does not end in `.git` or `.atom`" });
export const projectFullPath = z
    .string()
    .regex(FULL_PATH, { error: "expected a project full path such as `ml-platform/models/fraud-detection`" })
    .refine((p) => p.includes("/"), { error: "expected `namespace/project`, with at least one `/`" });
export const branchName = z.string().regex(BRANCH, { error: "expected a git branch name or wildcard such as `main` or `release/*`" });
/** A protected tag's name or wildcard: git's ref rules, `*` matching anything (ProtectedRef#matches?). */
export const tagPattern = z.string().regex(BRANCH, { error: "expected a git tag name or wildcard such as `v*` or `model-v*`" });

const USER_REF = { error: "expected a GitLab username (e.g. `alice`) or a positive numeric user id" };
const GROUP_REF = { error: "expected a group full path (e.g. `ml-platform/reviewers`) or a positive numeric group id" };
export const userRef = z.union([username, z.number().int(USER_REF).positive(USER_REF)], USER_REF);
export const groupRef = z.union([groupPath, z.number().int(GROUP_REF).positive(GROUP_REF)], GROUP_REF);
