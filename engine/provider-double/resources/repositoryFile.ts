import { createHash } from "crypto";
import { RestClient, encodePath } from "../restClient";
import type { Props } from "../propertyValues";
import { orGone, type ResourceHandler, splitId } from "./handler";

// resource_gitlab_repository_file.go (SDKv2). Every create, update and delete is
// a commit, so the project's push rules apply to it.
const fileUrl = (project: string, file: string) => `projects/${encodePath(project)}/repository/files/${encodePath(file)}`;

function observed(file: any, encoding: unknown): Props {
    const text = encoding === "text";
    return {
        content: text ? Buffer.from(file.content, "base64").toString("utf8") : file.content,
        encoding: text ? "text" : file.encoding,
        filePath: file.file_path,
        branch: file.ref,
    };
}

function outputs(file: any, encoding: unknown): Props {
    return {
        ...observed(file, encoding),
        fileName: file.file_name,
        ref: file.ref,
        size: file.size,
        blobId: file.blob_id,
        commitId: file.commit_id,
        lastCommitId: file.last_commit_id,
        contentSha256: file.content_sha256 ?? createHash("sha256").update(Buffer.from(file.content, "base64")).digest("hex"),
    };
}

const author = (inputs: Props) => ({ author_email: inputs.authorEmail ?? "", author_name: inputs.authorName ?? "" });

async function readFile(api: RestClient, project: string, branch: string, file: string): Promise<any> {
    return api.get(`${fileUrl(project, file)}?ref=${encodeURIComponent(branch)}`);
}

export const repositoryFile: ResourceHandler = {
    defaults: {},
    sticky: ["executeFilemode"],
    replaceOn: [],
    sets: [],
    computed: ["fileName", "ref", "size", "blobId", "commitId", "lastCommitId", "contentSha256"],
    async create(inputs, { api }) {
        const project = String(inputs.project);
        const branch = String(inputs.branch);
        const file = String(inputs.filePath);
        const content = { branch, ...author(inputs), encoding: inputs.encoding, content: inputs.content };
        let existing: any;
        if (inputs.overwriteOnCreate === true) {
            try {
                existing = await readFile(api, project, branch, file);
            } catch (e) {
                if (!RestClient.is(e, 404)) throw e;
            }
        }
        if (existing) {
            await api.request("PUT", fileUrl(project, file), { ...content, commit_message: inputs.commitMessage ?? inputs.updateCommitMessage, last_commit_id: existing.last_commit_id });
        } else {
            await api.request("POST", fileUrl(project, file), { ...content, commit_message: inputs.commitMessage ?? inputs.createCommitMessage ?? "" });
        }
        return { id: `${project}:${branch}:${file}`, outputs: { ...inputs, ...outputs(await readFile(api, project, branch, file), inputs.encoding) } };
    },
    async read(id, state, { api }) {
        const [project, branch, file] = splitId(id, 3);
        return orGone(async () => {
            const found = await readFile(api, project, branch, file);
            return { outputs: { ...state, ...outputs(found, state.encoding) }, observed: observed(found, state.encoding) };
        });
    },
    async update(id, _state, news, { api }) {
        const [project, branch, file] = splitId(id, 3);
        const current = await readFile(api, project, branch, file);
        await api.request("PUT", fileUrl(project, file), {
            branch,
            ...author(news),
            encoding: news.encoding,
            content: news.content,
            commit_message: news.commitMessage ?? news.updateCommitMessage,
            last_commit_id: current.last_commit_id,
        });
        return { ...news, ...outputs(await readFile(api, project, branch, file), news.encoding) };
    },
    async delete(id, state, { api }) {
        const [project, branch, file] = splitId(id, 3);
        const current = await readFile(api, project, branch, file);
        await api.request("DELETE", fileUrl(project, file), {
            branch,
            ...author(state),
            commit_message: state.commitMessage !== undefined ? `[DELETE]: ${state.commitMessage}` : state.deleteCommitMessage,
            last_commit_id: current.last_commit_id,
        });
    },
};
