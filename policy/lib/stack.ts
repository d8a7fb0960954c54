/**
 * The name of the stack under analysis. The Pulumi CLI starts a Node.js
 * policy pack with PULUMI_NODEJS_STACK (newer CLIs also PULUMI_STACK) set to
 * the stack name; it is the same variable `getStack()` of @pulumi/pulumi reads,
 * read directly so that an unset variable is `undefined`, not the SDK's
 * placeholder "stack". @pulumi/policy 1.21 itself hands policies only
 * `stackTags`, which hold no stack name and no user tags on a DIY backend.
 */
export function currentStackName(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const name = env.PULUMI_STACK || env.PULUMI_NODEJS_STACK;
    return name ? name : undefined;
}

/** The names that make a stack (the pack's default) or an environment (the program's) production. */
export const PRODUCTION_NAMES: readonly string[] = ["prod", "production"];

/**
 * Whether a stack name matches one of the patterns: compared without case,
 * `*` matches any run of characters, and an `org/project/stack` name is
 * compared by its last segment.
 */
export function matchesStack(stack: string, patterns: readonly string[]): boolean {
    const name = stack.split("/").pop() ?? stack;
    return patterns.some((pattern) => wildcardRegExp(pattern, "i").test(name));
}

/** A whole-string pattern in which each `*` stands for any run of characters and the rest is literal. */
export function wildcardRegExp(pattern: string, flags = ""): RegExp {
    const body = pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${body}$`, flags);
}
