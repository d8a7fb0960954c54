// Saving a stand-in's GitLab to a file and loading it back, so a sandbox
// (`npm run sandbox`) keeps what its last run made, as a real GitLab would.
// The file is the state's own JSON (what snapshot() and /__standin/state
// show) plus the id sequences, so ids handed out later never repeat one.
import * as fs from "node:fs";
import * as path from "node:path";
import { StandinState, type ComplianceFramework, type Group, type License, type Project, type Token, type User } from "./state";

/** Bumped when the shape of the saved state changes; an older file is refused, not misread. */
export const SAVED_STATE_FORMAT = 1;

export interface SavedState {
    readonly format: number;
    readonly edition: StandinState["edition"];
    readonly version: string;
    readonly sequences: Record<string, number>;
    readonly users: User[];
    readonly groups: Group[];
    readonly projects: Project[];
    readonly tokens: Token[];
    /** Absent in files saved before compliance frameworks were modelled. */
    readonly license?: License;
    readonly compliance_frameworks?: ComplianceFramework[];
    readonly project_compliance_frameworks?: StandinState["project_compliance_frameworks"];
    readonly default_compliance_frameworks?: StandinState["default_compliance_frameworks"];
}

export function saveState(state: StandinState): SavedState {
    const { edition, version, users, groups, projects, tokens, license, compliance_frameworks, project_compliance_frameworks, default_compliance_frameworks } = JSON.parse(JSON.stringify(state)) as Omit<SavedState, "format" | "sequences">;
    return { format: SAVED_STATE_FORMAT, edition, version, sequences: state.sequences(), users, groups, projects, tokens, license, compliance_frameworks, project_compliance_frameworks, default_compliance_frameworks };
}

export function restoreState(saved: SavedState): StandinState {
    if (saved.format !== SAVED_STATE_FORMAT) throw new Error(`gitlab-standin: saved state has format ${String(saved.format)}, expected ${SAVED_STATE_FORMAT}`);
    const state = new StandinState(saved.edition, saved.version);
    state.users.push(...saved.users);
    state.groups.push(...saved.groups);
    state.projects.push(...saved.projects);
    state.tokens.push(...saved.tokens);
    if (saved.license !== undefined) state.license = saved.license;
    state.compliance_frameworks.push(...(saved.compliance_frameworks ?? []));
    state.project_compliance_frameworks.push(...(saved.project_compliance_frameworks ?? []));
    Object.assign(state.default_compliance_frameworks, saved.default_compliance_frameworks ?? {});
    for (const [kind, next] of Object.entries(saved.sequences)) state.reserveId(kind, next - 1);
    return state;
}

/** Written to a temporary file and renamed, so an interrupted run never leaves half a state. */
export function writeStateFile(file: string, state: StandinState): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial.${process.pid}`;
    fs.writeFileSync(partial, `${JSON.stringify(saveState(state))}\n`);
    fs.renameSync(partial, file);
}

export function readStateFile(file: string): StandinState {
    return restoreState(JSON.parse(fs.readFileSync(file, "utf8")) as SavedState);
}
