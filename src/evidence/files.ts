import { createHash } from "crypto";
import type { EvidenceRecord } from "./record";

export const JSON_FILE = "evidence.json";
export const CSV_FILE = "evidence.csv";
/** `sha256sum` format, so an auditor checks it with `sha256sum -c SHA256SUMS`. */
export const MANIFEST_FILE = "SHA256SUMS";

const CSV_HEADER = ["stack", "environment", "recorded_at", "commit_sha", "pipeline_id", "repository", "project_url", "compliance_framework", "control", "status", "reason"] as const;

/** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const factText = (fact: string | { readonly absent: string } | { readonly id: string }): string => (typeof fact === "string" ? fact : "id" in fact ? fact.id : "");

/** One row per repository and control. */
export function evidenceCsv(record: EvidenceRecord): string {
    const rows = record.repositories.flatMap((repo) =>
        repo.controls.map((c) => [record.stack, record.environment, record.recordedAt, factText(record.provenance.commitSha), factText(record.provenance.pipeline), repo.key, repo.url, repo.complianceFramework?.name ?? "", c.control, c.status, c.reason]),
    );
    return [CSV_HEADER, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function sha256(content: string): string {
    return createHash("sha256").update(content, "utf8").digest("hex");
}

/** The record's files by name, the manifest of the others last. */
export function evidenceFiles(record: EvidenceRecord): Record<string, string> {
    const files: Record<string, string> = { [JSON_FILE]: `${JSON.stringify(record, null, 2)}\n`, [CSV_FILE]: evidenceCsv(record) };
    const manifest = Object.entries(files).map(([name, content]) => `${sha256(content)}  ${name}\n`).join("");
    return { ...files, [MANIFEST_FILE]: manifest };
}
