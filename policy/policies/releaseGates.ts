import type { StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/config";
import { groupByProject } from "../lib/projectGroups";
import { programEnvironment } from "../lib/programEnvironment";
import { RELEASE_RULES, RELEASE_TAGS_WITH_GATE } from "../lib/releaseRules";
import { GITLAB } from "../lib/tokens";
import { currentStackName } from "../lib/stack";
import { bool, UNKNOWN } from "../lib/values";
import { isProductionStack, productionConfigSchema, type ProductionConfig } from "./productionProtect";

const configSchema = productionConfigSchema;

/**
 * Check 10. In production a model change reaches the protected branch only
 * through a passing pipeline (the evaluation jobs are the gate), and a
 * project with a protected environment (a promotion gate) does not let the
 * person who triggered a deployment approve it. Both are `gitlab.Project`
 * settings, so this judges the projects the stack manages; an unset triggerer
 * setting beside a gate is left to whoever edits the project in GitLab, so it
 * must be set explicitly. GitLab Free has neither protected environments nor
 * the setting (resource_gitlab_project.go: "Premium and Ultimate only").
 * Anything tagged may be deployed, so a gated project, created or adopted,
 * also protects at least one tag pattern.
 */
export const productionReleaseGates: StackValidationPolicy = {
    name: "production-release-gates",
    description: "In a production stack every Project sets onlyAllowMergeIfPipelineSucceeds: true; a project with a ProjectProtectedEnvironment has a TagProtection, and its Project sets allowPipelineTriggerApproveDeployment: false; push rules do not allow deleting tags (denyDeleteTag).",
    enforcementLevel: "mandatory",
    configSchema,
    validateStack: (args, reportViolation) => {
        const config = configOf<ProductionConfig>(configSchema, args);
        const program = programEnvironment(args.resources);
        if (!isProductionStack(config, currentStackName(), program)) return;
        const { groups, unplaced } = groupByProject(args.resources);
        // A protection whose project a preview cannot know yet may be this project's.
        const maybeTags = unplaced.some((r) => r.type === GITLAB.tagProtection);
        for (const { project, environments, tagProtections, label } of groups) {
            if (environments.length > 0 && tagProtections.length === 0 && !maybeTags) {
                reportViolation(`project ${label} has a promotion gate (ProjectProtectedEnvironment) but no TagProtection; ${RELEASE_TAGS_WITH_GATE}.`, (project ?? environments[0]).urn);
            }
            if (project === undefined) continue;
            const pipeline = RELEASE_RULES.pipelineMustSucceed;
            const succeeds = bool(project.props, pipeline.setting);
            if (succeeds !== pipeline.expected && succeeds !== UNKNOWN) {
                reportViolation(`project ${label} has ${pipeline.setting} ${describe(succeeds)}; expected ${pipeline.expected} in production: ${pipeline.why}.`, project.urn);
            }
            const triggerer = RELEASE_RULES.triggererMayApprove;
            const mayApprove = bool(project.props, triggerer.setting);
            const gated = environments.length > 0 && program?.tier !== "free";
            if (mayApprove !== UNKNOWN && mayApprove !== triggerer.expected && (mayApprove === true || gated)) {
                reportViolation(`project ${label} has ${triggerer.setting} ${describe(mayApprove)}${gated ? " beside its promotion gate" : ""}; expected ${triggerer.expected} in production: ${triggerer.why}.`, project.urn);
            }
        }
        const denyDelete = RELEASE_RULES.denyDeleteTag;
        for (const rules of args.resources.filter((r) => r.type === GITLAB.pushRules)) {
            const value = bool(rules.props, denyDelete.setting);
            if (value !== UNKNOWN && value !== undefined && value !== denyDelete.expected) {
                reportViolation(`${rules.name} has ${denyDelete.setting} ${describe(value)}; expected ${denyDelete.expected} in production: ${denyDelete.why}.`, rules.urn);
            }
        }
    },
};

function describe(value: boolean | undefined): string {
    return value === undefined ? "unset" : String(value);
}
