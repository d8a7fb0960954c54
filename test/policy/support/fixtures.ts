import { GITLAB } from "../../../policy/policies";
import { urnOf, type FakeResource } from "../../../src/check/policyArgs";

/** The component our program parents each repository's resources under. */
export const COMPONENT_TYPE = "ml-model-governance:index:ModelGovernance";
export const component = (name = "fraud"): FakeResource => ({ type: COMPONENT_TYPE, name, props: {} });
export const componentUrn = (name = "fraud") => urnOf(COMPONENT_TYPE, name);

export const PROJECT_ID = "101";
export const PROTECTION_ID = 501;

type Props = Record<string, unknown>;
type Extra = Partial<Omit<FakeResource, "type" | "props">>;

/** A governed project as `pulumi up` leaves it: its outputs known. */
export function project(props: Props = {}, extra: Extra = {}): FakeResource {
    return {
        type: GITLAB.project,
        name: "fraud-project",
        parent: componentUrn(),
        protect: true,
        props: { name: "Fraud", path: "fraud", defaultBranch: "main", id: PROJECT_ID, pathWithNamespace: "acme-ml/models/fraud", ...props },
        ...extra,
    };
}

export function protection(props: Props = {}, extra: Extra = {}): FakeResource {
    return {
        type: GITLAB.branchProtection,
        name: "fraud-protected-branch",
        parent: componentUrn(),
        props: {
            project: PROJECT_ID,
            branch: "main",
            branchProtectionId: PROTECTION_ID,
            allowForcePush: false,
            allowedToPushes: [{ accessLevel: "no one" }],
            allowedToMerges: [{ accessLevel: "maintainer" }],
            codeOwnerApprovalRequired: true,
            ...props,
        },
        ...extra,
    };
}

export function rule(name: string, props: Props = {}, extra: Extra = {}): FakeResource {
    return {
        type: GITLAB.approvalRule,
        name: `fraud-rule-${name.toLowerCase().replace(/\W+/g, "-")}`,
        parent: componentUrn(),
        props: { project: PROJECT_ID, name, ruleType: "regular", approvalsRequired: 2, protectedBranchIds: [PROTECTION_ID], groupIds: [7], ...props },
        ...extra,
    };
}

export function mrApprovals(props: Props = {}, extra: Extra = {}): FakeResource {
    return {
        type: GITLAB.mrApprovals,
        name: "fraud-mr-approvals",
        parent: componentUrn(),
        props: {
            project: PROJECT_ID,
            mergeRequestsAuthorApproval: false,
            mergeRequestsDisableCommittersApproval: true,
            resetApprovalsOnPush: true,
            disableOverridingApproversPerMergeRequest: true,
            ...props,
        },
        ...extra,
    };
}

export function repositoryFile(filePath: string, props: Props = {}, extra: Extra = {}): FakeResource {
    return {
        type: GITLAB.repositoryFile,
        name: `fraud-file-${filePath.toLowerCase().replace(/\W+/g, "-")}`,
        parent: componentUrn(),
        props: { project: PROJECT_ID, branch: "main", filePath, content: "* @acme-ml/leads\n", encoding: "text", ...props },
        ...extra,
    };
}

/** One fully governed repository, the shape our program registers. */
export function governedRepository(): FakeResource[] {
    return [component(), project(), protection(), rule("ML leads"), rule("Data stewards", { approvalsRequired: 1 }), mrApprovals()];
}
