import type { Props } from "./propertyValues";
import { encodePath, type RestClient } from "./restClient";
import { levelName } from "./accessLevels";
import { toState, type Framework } from "./resources/complianceFramework";

// The data sources the program reads, as terraform-provider-gitlab's
// (plugin framework) data sources call them.
type Invoke = (args: Props, api: RestClient) => Promise<Props>;

function user(u: any): Props {
    return {
        id: String(u.id),
        userId: u.id,
        username: u.username,
        name: u.name,
        email: u.email ?? "",
        publicEmail: u.public_email ?? "",
        state: u.state,
        isAdmin: u.is_admin ?? false,
        isBot: u.bot ?? false,
        avatarUrl: u.avatar_url ?? "",
        websiteUrl: u.website_url ?? "",
        namespaceId: u.namespace_id ?? 0,
    };
}

function member(m: any): Props {
    return { id: m.id, username: m.username, name: m.name, state: m.state, accessLevel: levelName(m.access_level), expiresAt: m.expires_at ?? "", webUrl: m.web_url ?? "", avatarUrl: m.avatar_url ?? "" };
}

/** Every page of a list, the way the data sources page through members. */
async function all(api: RestClient, path: string): Promise<any[]> {
    const out: any[] = [];
    for (let page = 1; ; page++) {
        const sep = path.includes("?") ? "&" : "?";
        const items = await api.get<any[]>(`${path}${sep}per_page=100&page=${page}`);
        out.push(...items);
        if (items.length < 100) return out;
    }
}

export const INVOKES: Readonly<Record<string, Invoke>> = {
    "gitlab:index/getUser:getUser": async (args, api) => {
        if (args.userId !== undefined) return user(await api.get(`users/${args.userId}`));
        const username = String(args.username).toLowerCase();
        const found = await api.get<any[]>(`users?username=${encodeURIComponent(username)}`);
        // sdk/data_source_gitlab_user.go (18.x copy, VijetaPriya47/Gitlab-Terraform-Provider@1b894b95): none is an error, several the first.
        if (found.length === 0) throw new Error(`couldn't find a user matching: ${username}`);
        return user(found[0]);
    },
    "gitlab:index/getGroup:getGroup": async (args, api) => {
        const lookup = args.groupId ?? args.fullPath;
        let g: any;
        try {
            g = await api.get(`groups/${encodePath(String(lookup))}?with_projects=false`);
        } catch (e) {
            throw new Error(`Unable to get group ${lookup}: ${(e as Error).message}`);
        }
        return { id: String(g.id), groupId: g.id, fullPath: g.full_path, fullName: g.full_name ?? g.name, name: g.name, path: g.path, webUrl: g.web_url, parentId: g.parent_id ?? 0, visibilityLevel: g.visibility };
    },
    "gitlab:index/getProject:getProject": async (args, api) => {
        let p: any;
        try {
            p = await api.get(`projects/${encodePath(String(args.id ?? args.pathWithNamespace))}`);
        } catch (e) {
            throw new Error(`Unable to read project: ${(e as Error).message}`);
        }
        return {
            id: String(p.id),
            name: p.name,
            path: p.path,
            pathWithNamespace: p.path_with_namespace,
            defaultBranch: p.default_branch ?? "",
            emptyRepo: p.empty_repo ?? false,
            archived: p.archived ?? false,
            webUrl: p.web_url,
            namespaceId: p.namespace?.id ?? 0,
            visibilityLevel: p.visibility,
            sharedWithGroups: (p.shared_with_groups ?? []).map((g: any) => ({
                groupId: g.group_id,
                groupName: g.group_name,
                groupFullPath: g.group_full_path,
                groupAccessLevel: g.group_access_level,
                groupAccessLevelName: levelName(g.group_access_level),
            })),
        };
    },
    "gitlab:index/getProjectMembership:getProjectMembership": async (args, api) => {
        const project = String(args.project);
        const ids = Array.isArray(args.userIds) ? args.userIds.map((id) => `user_ids[]=${id}`).join("&") : "";
        const members = await all(api, `projects/${encodePath(project)}/members${args.inherited === true ? "/all" : ""}${ids ? `?${ids}` : ""}`);
        return { id: project, project, inherited: args.inherited === true, userIds: args.userIds ?? [], members: members.map(member) };
    },
    "gitlab:index/getGroupMembership:getGroupMembership": async (args, api) => {
        const group = String(args.groupId ?? args.fullPath);
        const members = await all(api, `groups/${encodePath(group)}/members${args.inherited === true ? "/all" : ""}`);
        return { id: group, fullPath: args.fullPath ?? "", groupId: args.groupId ?? 0, inherited: args.inherited === true, members: members.map(member) };
    },
    "gitlab:index/getMetadata:getMetadata": async (_args, api) => {
        const m = await api.get("metadata");
        return { id: "1", version: m.version, revision: m.revision, enterprise: m.enterprise === true, kas: { enabled: false, externalUrl: "", version: "" } };
    },
    // internal/provider/datasource_gitlab_compliance_framework.go, Read (VijetaPriya47/Gitlab-Terraform-Provider
    // @3f3a7dca, the 19.x copy): one GraphQL query with both values written in by fmt.Sprintf("%s"),
    // unescaped; GitLab's name search, first 10 nodes, then the first node whose name is exactly
    // `name`. A null namespace (unknown, or not readable) decodes to no nodes. The errors are
    // summary and detail of a diagnostic; the detail prints types.String values, which quote
    // themselves (basetypes.StringValue.String: fmt.Sprintf("%q")).
    "gitlab:index/getComplianceFramework:getComplianceFramework": async (args, api) => {
        const namespacePath = String(args.namespacePath);
        const name = String(args.name);
        let body: { data?: { namespace?: { fullPath: string; complianceFrameworks?: { nodes?: Framework[] } | null } | null } | null };
        try {
            body = await api.graphql(
                `query { namespace(fullPath: "${namespacePath}") { fullPath, complianceFrameworks(search: "${name}", first: 10) { nodes { id, name, description, color, default, pipelineConfigurationFullPath } } } }`,
            );
        } catch (e) {
            throw new Error(`GitLab API error occured: Unable to read compliance framework details: ${(e as Error).message}`);
        }
        const nodes = body.data?.namespace?.complianceFrameworks?.nodes ?? [];
        const quoted = (s: string) => JSON.stringify(s);
        if (nodes.length === 0) throw new Error(`Compliance Framework not found: Unable to find Compliance Framework: ${quoted(name)} in namespace: ${quoted(namespacePath)}`);
        const match = nodes.find((n) => n.name === name);
        if (match === undefined) throw new Error(`Compliance Framework match not found: Unable to find exact Compliance Framework match: ${quoted(name)} in namespace: ${quoted(namespacePath)}`);
        return { id: `${namespacePath}:${match.id}`, ...toState(match, namespacePath) };
    },
};
