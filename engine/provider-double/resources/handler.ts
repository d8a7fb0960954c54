import type { Props } from "../propertyValues";
import { RestClient } from "../restClient";
import type { Edition } from "../validators";

export { levelName, levelValue } from "../accessLevels";

export interface DoubleContext {
    readonly api: RestClient;
    /** `GET /metadata`, once per process, as the provider caches it. */
    edition(): Promise<Edition>;
}

export interface ReadResult {
    /** The full state: inputs as GitLab has them, plus computed outputs. */
    readonly outputs: Props;
    /** The input properties as GitLab has them (drift shows as a difference from the program's inputs). */
    readonly observed: Props;
}

/**
 * One resource type, done the way terraform-provider-gitlab does it: the same
 * REST calls in the same order, each handler citing the provider file and the
 * copy it follows (the versions are tabulated in docs/engine-tests.md).
 */
export interface ResourceHandler {
    /** Optional+Computed inputs (PF UseStateForUnknown, SDKv2 Computed): absent from the new inputs means "keep what the state has", never a diff. */
    readonly sticky: readonly string[];
    /**
     * What an absent input means where it is not sticky: a schema `Default`, or
     * SDKv2's zero value for a plain Optional attribute. Such an input is planned
     * back to this value, so a drift away from it is a diff, as in Terraform.
     */
    readonly defaults: Readonly<Props>;
    /** Inputs the provider replaces the resource for (PF RequiresReplace), besides the schema's willReplaceOnChanges. */
    readonly replaceOn: readonly string[];
    /** Inputs the provider does not always apply as given (its create skips them): diffed from the state it read back, not from the old inputs. */
    readonly diffFromState?: readonly string[];
    /** TF Set attributes: compared without order. */
    readonly sets: readonly string[];
    /** Output-only properties: unknown in a preview of a create. */
    readonly computed: readonly string[];
    create(inputs: Props, ctx: DoubleContext): Promise<{ id: string; outputs: Props }>;
    /** Undefined when the object is gone from GitLab: the engine then drops it from the state. */
    read(id: string, state: Props, ctx: DoubleContext): Promise<ReadResult | undefined>;
    update(id: string, state: Props, news: Props, ctx: DoubleContext): Promise<Props>;
    delete(id: string, state: Props, ctx: DoubleContext): Promise<void>;
}

/** A read as the provider makes it: a 404 means the object is gone from GitLab (dropped from the state), anything else fails. */
export async function orGone<T>(read: () => Promise<T>): Promise<T | undefined> {
    try {
        return await read();
    } catch (e) {
        if (RestClient.is(e, 404)) return undefined;
        throw e;
    }
}

/** The project part of a `<project>:<rest>` id. */
export function splitId(id: string, parts: number): string[] {
    const out = id.split(":");
    return parts === 2 ? [out[0], out.slice(1).join(":")] : [out[0], out[1], out.slice(2).join(":")];
}

/** Only the properties that are set, for bodies that send "known and non-null" values. */
export function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
    return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
