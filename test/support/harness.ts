import { ConfigValidationError } from "../../src/config";
import { OfflineGitLab } from "../../src/check/offlineGitLab";
import { recorded, runUnderMocks, type MockRun, type Registration } from "../../src/check/mockRun";

export { promiseOf, recorded, toConfigMap, type Invocation, type Registration } from "../../src/check/mockRun";

export const gitlab = new OfflineGitLab();
// A test that changes what the offline GitLab answers changes it for itself only.
beforeEach(() => gitlab.reset());

export type Evaluation = MockRun;

/** Run the program on a config, as `pulumi preview` would, under runtime mocks. */
export function evaluate(config: Record<string, unknown>, stack = "dev"): Promise<Evaluation> {
    return runUnderMocks(config, stack, gitlab);
}

export function byType(resources: readonly Registration[], token: string): Registration[] {
    return resources.filter((r) => r.type === token);
}

/** The message of a config the program refuses before registering anything. */
export async function refusal(config: Record<string, unknown>, stack: string): Promise<string> {
    const error = await evaluate(config, stack).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(recorded.resources).toHaveLength(0);
    return (error as Error).message;
}
