import type { Props } from "../propertyValues";
import { splitId, type ResourceHandler } from "./handler";

// resource_gitlab_compliance_framework.go (plugin framework; read at the
// VijetaPriya47/Gitlab-Terraform-Provider fork @454744ef, the 19.x copy the
// other handlers follow). Every call is one GraphQL document with the values
// written into it by fmt.Sprintf("%s"), unescaped; the id is
// `<namespace_path>:<framework gid>`, split at the first `:` (utils.ParseTwoPartID).

const FIELDS = "id, name, description, color, default, pipelineConfigurationFullPath";

export interface Framework {
    id: string;
    name: string;
    description: string;
    color: string;
    default: boolean;
    pipelineConfigurationFullPath: string | null;
}

interface GraphQLBody<T> {
    data?: T | null;
    errors?: Array<{ message: string }>;
}

/** complianceFrameworkToStateModel: pipeline_configuration_full_path only when not empty (the data source's Read sets its state the same way). */
export function toState(framework: Framework, namespacePath: string): Props {
    return {
        frameworkId: framework.id,
        namespacePath,
        name: framework.name,
        description: framework.description,
        color: framework.color,
        default: framework.default === true,
        ...(framework.pipelineConfigurationFullPath ? { pipelineConfigurationFullPath: framework.pipelineConfigurationFullPath } : {}),
    };
}

/** "Error %d Message: %s\n" per top-level error, then per payload error, as Create and update collect them. */
function graphqlErrors(body: GraphQLBody<unknown>, payloadErrors: readonly string[] | undefined): string {
    const top = (body.errors ?? []).map((e, i) => `Error ${i} Message: ${e.message}\n`);
    const payload = (payloadErrors ?? []).map((e, i) => `Error ${i} Message: ${e}\n`);
    return [...top, ...payload].join("");
}

const params = (inputs: Props) => {
    const pipeline = typeof inputs.pipelineConfigurationFullPath === "string" ? inputs.pipelineConfigurationFullPath : "";
    return `params: { name: "${String(inputs.name)}", description: "${String(inputs.description)}", color: "${String(inputs.color)}", default: ${inputs.default === true}, pipelineConfigurationFullPath: "${pipeline}" }`;
};

async function update(id: string, inputs: Props, api: Parameters<ResourceHandler["create"]>[1]["api"]): Promise<Props> {
    const [namespacePath, frameworkId] = splitId(id, 2);
    const body = await api.graphql<GraphQLBody<{ updateComplianceFramework: { complianceFramework: Framework | null; errors: string[] } | null }>>(
        `mutation { updateComplianceFramework(input: { ${params(inputs)}, id: "${frameworkId}" }) { complianceFramework { ${FIELDS} } errors } }`,
    );
    const payload = body.data?.updateComplianceFramework;
    const errors = graphqlErrors(body, payload?.errors);
    if (errors !== "") throw new Error(`GitLab GraphQL error occurred: ${errors}`);
    return { ...inputs, ...toState(payload!.complianceFramework!, namespacePath) };
}

export const complianceFramework: ResourceHandler = {
    // `default` is Optional+Computed with Default false.
    defaults: { default: false },
    sticky: [],
    // namespace_path: RequiresReplace.
    replaceOn: ["namespacePath"],
    sets: [],
    computed: ["frameworkId"],
    async create(inputs, { api }) {
        const namespacePath = String(inputs.namespacePath);
        const body = await api.graphql<GraphQLBody<{ createComplianceFramework: { framework: Framework | null; errors: string[] } | null }>>(
            `mutation { createComplianceFramework(input: { ${params(inputs)}, namespacePath: "${namespacePath}" }) { framework { ${FIELDS} } errors } }`,
        );
        const payload = body.data?.createComplianceFramework;
        const errors = graphqlErrors(body, payload?.errors);
        if (errors !== "") throw new Error(`GitLab GraphQL error occurred: ${errors}`);
        const framework = payload!.framework!;
        return { id: `${namespacePath}:${framework.id}`, outputs: { ...inputs, ...toState(framework, namespacePath) } };
    },
    async read(id, state, { api }) {
        const [namespacePath, frameworkId] = splitId(id, 2);
        // A GraphQL answer is never a 404, so Read's Is404 branch does not fire: a framework gone
        // from GitLab is no node, and Read fails instead of dropping it from the state.
        const body = await api.graphql<GraphQLBody<{ namespace: { fullPath: string; complianceFrameworks: { nodes: Framework[] } } | null }>>(
            `query { namespace(fullPath: "${namespacePath}") { fullPath, complianceFrameworks(id: "${frameworkId}") { nodes { ${FIELDS} } } } }`,
        );
        const nodes = body.data?.namespace?.complianceFrameworks.nodes ?? [];
        if (nodes.length !== 1) throw new Error(`Compliance Framework not found: Unable to find Compliance Framework: ${frameworkId} in namespace: ${namespacePath}`);
        // The state's namespace_path is the namespace's fullPath as GitLab answers it ("" without a namespace).
        const seen = toState(nodes[0], body.data?.namespace?.fullPath ?? "");
        const { frameworkId: _computed, ...observed } = seen;
        return { outputs: { ...state, ...seen }, observed };
    },
    async update(id, _state, news, { api }) {
        return update(id, news, api);
    },
    async delete(id, state, { api }) {
        const [, frameworkId] = splitId(id, 2);
        // The default framework cannot be deleted: it is unset first.
        if (state.default === true) await update(id, { ...state, default: false }, api);
        // The answer is not read: errors in it are ignored.
        await api.graphql(`mutation { destroyComplianceFramework(input: { id: "${frameworkId}" }) { errors } }`);
    },
};
