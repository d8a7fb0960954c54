import type { CiFact, MergeRequestFact } from "./record";

interface MergeRequestJson {
    readonly iid: number;
    readonly web_url: string;
    readonly title: string;
    readonly state: string;
    readonly author?: { readonly username: string };
    readonly merged_by?: { readonly username: string } | null;
    readonly merge_commit_sha?: string | null;
    readonly squash_commit_sha?: string | null;
}

/**
 * The merge request that brought the config's commit, with who approved it,
 * from GitLab's REST API with a `read_api` token: `GET
 * /projects/:id/repository/commits/:sha/merge_requests` (doc/api/commits.md,
 * "List merge requests associated with a commit") and `GET
 * /projects/:id/merge_requests/:iid/approvals` (doc/api/merge_request_approvals.md,
 * `approved_by`). Marked absent, with the reason, outside CI, when GitLab
 * names no merged merge request for the commit, or when its API refuses
 * (a 401 from a token of another instance): the update is applied by then.
 */
export async function mergeRequestFact(env: NodeJS.ProcessEnv, fetchJson: (url: string, token: string) => Promise<unknown> = getJson): Promise<CiFact<MergeRequestFact>> {
    const { CI_API_V4_URL: api, CI_PROJECT_ID: project, CI_COMMIT_SHA: sha } = env;
    const token = env.EVIDENCE_TOKEN || env.GITLAB_TOKEN;
    if (!api || !project || !sha) return { absent: "CI_API_V4_URL, CI_PROJECT_ID or CI_COMMIT_SHA is not set: not run in GitLab CI" };
    if (!token) return { absent: "neither EVIDENCE_TOKEN nor GITLAB_TOKEN is set: no read_api token to ask GitLab" };
    const base = `${api}/projects/${encodeURIComponent(project)}`;
    try {
        return await lookUp(base, sha, token, fetchJson);
    } catch (err) {
        // The update has been applied by now: a record without its merge request beats no record.
        return { absent: `GitLab's API did not answer the merge request lookup: ${err instanceof Error ? err.message : String(err)}` };
    }
}

async function lookUp(base: string, sha: string, token: string, fetchJson: (url: string, token: string) => Promise<unknown>): Promise<CiFact<MergeRequestFact>> {
    const found = (await fetchJson(`${base}/repository/commits/${sha}/merge_requests`, token)) as MergeRequestJson[];
    // The one merged into this commit; a commit can also sit on open merge requests of other branches.
    const mr = found.find((m) => m.state === "merged" && (m.merge_commit_sha === sha || m.squash_commit_sha === sha)) ?? found.find((m) => m.state === "merged");
    if (mr === undefined) return { absent: `GitLab lists no merged merge request for commit ${sha}: it was pushed without one` };
    const approvals = (await fetchJson(`${base}/merge_requests/${mr.iid}/approvals`, token)) as { approved_by?: ReadonlyArray<{ user: { username: string } }> };
    return {
        iid: mr.iid,
        url: mr.web_url,
        title: mr.title,
        author: mr.author?.username ?? "",
        ...(mr.merged_by ? { mergedBy: mr.merged_by.username } : {}),
        approvedBy: (approvals.approved_by ?? []).map((a) => a.user.username),
    };
}

async function getJson(url: string, token: string): Promise<unknown> {
    const response = await fetch(url, { headers: { "PRIVATE-TOKEN": token } });
    if (!response.ok) throw new Error(`GET ${url.replace(/\?.*/, "")}: GitLab answered ${response.status} ${await response.text()}`);
    return response.json();
}
