import * as fs from "fs";
import * as path from "path";
import { conformanceViolations } from "../contract/conformance";
import { subsetSchema } from "../contract/schemaConformance";
import { policies } from "../../policy/policies";
import { parseGovernanceConfig, renderIssue, type GovernanceConfig } from "../config";
import { readStackFile } from "../config/stackFile";
import { runUnderMocks } from "./mockRun";
import { OfflineGitLab } from "./offlineGitLab";
import { asStack, runPack, type PackConfig, type Violation } from "./policyArgs";
import { toPolicyResources, type Phase } from "./policyResources";
import { packConfigPath } from "./packConfig";
import { productionDisagreements } from "./productionAgreement";

export interface CheckResult {
    /** The validated config, as the program reads it. */
    readonly config: GovernanceConfig;
    /** What would fail `pulumi preview` or `pulumi up`: provider contract and mandatory policies. */
    readonly errors: readonly string[];
    /** What the program would warn of at preview (by key): printed, not failing. */
    readonly warnings: readonly string[];
    /** Advisory policy violations: printed, not failing. */
    readonly advisories: readonly string[];
}

/**
 * Everything `pulumi preview --policy-pack policy` would say about a stack,
 * offline: the config is validated by the program's own code (throwing its
 * named-key errors), the program runs under mocks, every registration is held
 * to the provider's schema and contract, and the very policies of the pack
 * judge the result, in a first preview and after `up`.
 */
export async function checkStack(root: string, stack: string): Promise<CheckResult> {
    const file = readStackFile(path.join(root, `Pulumi.${stack}.yaml`));
    const config = parseGovernanceConfig(file.namespace, { stack, allKeys: file.allKeys });
    const gitlab = new OfflineGitLab();
    gitlab.edition = config.edition;
    // Offline, GitLab's memberships are unknown: eligibility is said to be checked at preview, not guessed.
    const run = await runUnderMocks(file.texts, stack, gitlab, { membershipsKnown: false });

    const errors = conformanceViolations(run.resources, run.invokes, config.edition, subsetSchema());

    const packFile = packConfigPath(root, stack);
    const packConfig = packFile === undefined ? {} : (JSON.parse(fs.readFileSync(packFile, "utf8")) as PackConfig);
    errors.push(...productionDisagreements(config.production, stack, policies, packConfig, path.join("policy", "config", `${stack}.json`)));
    const found: Violation[] = [];
    for (const phase of ["preview", "up"] as Phase[]) {
        const resources = toPolicyResources(run.resources, run.created, stack, phase);
        found.push(...(await asStack(stack, () => runPack(policies, resources, packConfig))));
    }
    const unique = (lines: string[]) => [...new Set(lines)];
    return {
        config,
        errors: unique([...errors, ...once(found.filter((v) => v.level === "mandatory"))]),
        warnings: unique(run.fleet.warnings.map(renderIssue)),
        advisories: once(found.filter((v) => v.level === "advisory")),
    };
}

/**
 * One line per policy and resource: the same finding in the preview and the
 * `up` phase is said once, in the `up` words (they name the project by its
 * full path, known only once it exists).
 */
function once(violations: readonly Violation[]): string[] {
    const lines = new Map<string, string>();
    for (const v of violations) {
        const line = `[${v.policy}] ${v.message}`;
        lines.set(v.urn === undefined ? line : `${v.policy} ${v.urn}`, line);
    }
    return [...new Set(lines.values())];
}
