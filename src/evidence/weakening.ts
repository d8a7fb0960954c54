import type { ConfigIssue } from "../config";
import type { WeakeningAcknowledgement } from "../config/acknowledgements";
import { canonicalJson, weakenings, type GovernanceChanges, type SettingChange } from "./changes";

export interface WeakeningVerdict {
    /** Weakenings of production governance that no acknowledgement matches: the run stops on them. */
    readonly refusals: readonly ConfigIssue[];
    /** The acknowledgements that matched a weakening of this run, for the evidence. */
    readonly acknowledged: readonly WeakeningAcknowledgement[];
    /** Acknowledgements that match nothing: already applied, or never right. Shown on every run until removed. */
    readonly stale: readonly ConfigIssue[];
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

export function matches(ack: WeakeningAcknowledgement, change: SettingChange): boolean {
    return ack.repository === change.repository && ack.setting === change.setting && same(ack.from, change.from) && same(ack.to, change.to);
}

/** The YAML a reviewer adds to acknowledge exactly this change. */
function acknowledgementText(change: SettingChange): string {
    return `{ repository: ${change.repository}, setting: ${JSON.stringify(change.setting)}, from: ${JSON.stringify(change.from)}, to: ${JSON.stringify(change.to)}, reason: "<why, and who reviewed it>" }`;
}

/**
 * Judge a run's weakenings. In production each needs an acknowledgement
 * bound to its exact before and after values; outside production nothing is
 * refused. An acknowledgement that matches no weakening of this run is
 * reported, wherever it is, so none stays on unnoticed after its change.
 */
export function judgeWeakenings(changes: GovernanceChanges | undefined, acknowledgements: readonly WeakeningAcknowledgement[], production: boolean): WeakeningVerdict {
    const weakened = changes ? weakenings(changes) : [];
    const used = new Set<number>();
    const refusals: ConfigIssue[] = [];
    for (const change of weakened) {
        const i = acknowledgements.findIndex((a) => matches(a, change));
        if (i >= 0) used.add(i);
        else if (production) {
            refusals.push({
                path: ["acknowledgeWeakenings"],
                message: `repository ${change.repository}: ${change.setting} goes from ${JSON.stringify(change.from)} to ${JSON.stringify(change.to)}, which weakens production governance; after review, add ${acknowledgementText(change)} to ml-model-governance:acknowledgeWeakenings, or undo the change`,
            });
        }
    }
    const stale = acknowledgements.flatMap((ack, i): ConfigIssue[] =>
        used.has(i)
            ? []
            : [{ path: ["acknowledgeWeakenings", i], message: `matches no weakening of this run (${ack.repository} ${ack.setting} ${JSON.stringify(ack.from)} → ${JSON.stringify(ack.to)}): it was applied already or never matched; remove it` }],
    );
    return { refusals, acknowledged: acknowledgements.filter((_, i) => used.has(i)), stale };
}
