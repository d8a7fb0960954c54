// @ts-check
// Posts a stack's preview on its merge request as one note, updated on every
// push rather than added again: the note carries a marker naming the stack,
// and the newest note with that marker is edited in place.
//
//   node scripts/ci/mr-note.js <stack> <exit status> <preview file>
//
// Uses GITLAB_MR_NOTE_TOKEN and GitLab CI's CI_API_V4_URL, CI_PROJECT_ID,
// CI_MERGE_REQUEST_IID and CI_JOB_URL. Without a token or outside a merge
// request it says so and does nothing. It never fails the job: the preview's
// own status does.
"use strict";
const fs = require("fs");

const LIMIT = 60000;

const marker = (stack) => `<!-- ml-model-governance preview: ${stack} -->`;

/** The note's Markdown: verdict, the preview (its end, when long) and a link to the job. */
function noteBody(stack, status, preview, jobUrl) {
    const text = preview.length > LIMIT ? `(output cut to its last ${LIMIT} characters; the job log has all of it)\n${preview.slice(-LIMIT)}` : preview;
    const verdict = status === "0" ? "passed" : `FAILED (exit ${status})`;
    return [
        marker(stack),
        `#### Stack \`${stack}\`: offline check and \`pulumi preview\` ${verdict}`,
        "",
        "<details><summary>Check, preview and policy pack output</summary>",
        "",
        "```text",
        text,
        "```",
        "</details>",
        "",
        jobUrl ? `[Job log](${jobUrl}) · updated on every push` : "Updated on every push",
    ].join("\n");
}

/** Create the stack's note, or update the newest one that carries its marker. */
async function upsert({ api, project, mr, token, stack, body, fetchImpl = fetch }) {
    const headers = { "PRIVATE-TOKEN": token, "Content-Type": "application/json" };
    const notes = `${api}/projects/${encodeURIComponent(project)}/merge_requests/${mr}/notes`;
    let existing;
    for (let page = 1; existing === undefined; page++) {
        const res = await fetchImpl(`${notes}?sort=desc&order_by=updated_at&per_page=100&page=${page}`, { headers });
        if (!res.ok) throw new Error(`GET notes: ${res.status}`);
        const batch = await res.json();
        existing = batch.find((n) => typeof n.body === "string" && n.body.startsWith(marker(stack)));
        if (batch.length < 100) break;
    }
    const res = await fetchImpl(existing ? `${notes}/${existing.id}` : notes, { method: existing ? "PUT" : "POST", headers, body: JSON.stringify({ body }) });
    if (!res.ok) throw new Error(`${existing ? "PUT" : "POST"} note: ${res.status}`);
    return existing ? "updated" : "created";
}

module.exports = { noteBody, upsert, marker };

if (require.main === module) {
    const [stack, status, file] = process.argv.slice(2);
    const env = process.env;
    if (!env.GITLAB_MR_NOTE_TOKEN || !env.CI_MERGE_REQUEST_IID) {
        console.log("GITLAB_MR_NOTE_TOKEN is not set or this is not a merge request pipeline: the preview is in this job log only.");
        process.exit(0);
    }
    const body = noteBody(stack, status, fs.readFileSync(file, "utf8"), env.CI_JOB_URL);
    upsert({ api: env.CI_API_V4_URL, project: env.CI_PROJECT_ID, mr: env.CI_MERGE_REQUEST_IID, token: env.GITLAB_MR_NOTE_TOKEN, stack, body }).then(
        (what) => console.log(`Preview of ${stack} ${what} on the merge request.`),
        (e) => console.log(`Could not post the preview on the merge request (${e.message}); it is in this job log.`),
    );
}
