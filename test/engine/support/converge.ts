import type { PulumiResult } from "../../../engine/workspace";

/**
 * The Project inputs terraform-provider-gitlab sends only when it updates a
 * project (resource_gitlab_project.go: createProject leaves them out, and
 * updatePostCreateEditOptions sends them only for a fork). The `up` that
 * creates a project leaves GitLab's default for them in the state it reads back.
 */
export const UPDATE_ONLY_PROJECT_INPUTS = ["modelRegistryAccessLevel", "modelExperimentsAccessLevel"] as const;

interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly diffReasons?: readonly string[];
}

/** The steps a `preview --json` proposes, other than `same`, with the inputs each changes. */
export function proposedSteps(json: string): string[] {
    return ((JSON.parse(json) as { steps?: PreviewStep[] }).steps ?? [])
        .filter((s) => s.op !== "same")
        .map((s) => `${s.op} ${s.urn.split("::").pop()} ${[...(s.diffReasons ?? [])].sort().join(",")}`.trim())
        .sort();
}

/**
 * A stack's first deployment as a user makes it: `up`; then, where that `up`
 * created projects whose model registry levels are governed, the preview
 * proposes exactly one update per such Project, of those inputs alone, and a
 * second `up` applies it. Anything else pending fails the test.
 */
export async function firstDeployment(pulumi: (...args: string[]) => Promise<PulumiResult>): Promise<PulumiResult> {
    const first = await pulumi("up", "--yes");
    if (first.code !== 0) return first;
    const preview = await pulumi("preview", "--json");
    if (preview.code !== 0) return preview;
    const steps = proposedSteps(preview.stdout);
    if (steps.length === 0) return first;
    const expected = `${UPDATE_ONLY_PROJECT_INPUTS.slice().sort().join(",")}`;
    const unexpected = steps.filter((s) => !(s.startsWith("update ") && / \S+-project /.test(`${s} `) && s.endsWith(` ${expected}`)));
    if (unexpected.length > 0) return { ...preview, code: 1, output: `after the first up, the preview proposes more than the provider's pending model registry update:\n${unexpected.join("\n")}` };
    return pulumi("up", "--yes");
}
