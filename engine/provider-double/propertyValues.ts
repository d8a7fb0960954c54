import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { UNKNOWN } from "./unknown";

/**
 * The engine's wire encoding of property values (google.protobuf.Struct with
 * Pulumi's sentinels), turned into plain JS with UNKNOWN for unknown values, and
 * back. Secrets are unwrapped on the way in; `secret` names which top-level
 * properties to wrap on the way out.
 */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

export interface Decoded {
    readonly props: Props;
    /** Top-level properties that arrived as (or containing) secrets. */
    readonly secrets: ReadonlySet<string>;
}

function decodeValue(value: unknown, onSecret: () => void): unknown {
    if (value === UNKNOWN_SENTINEL) return UNKNOWN;
    if (Array.isArray(value)) return value.map((v) => decodeValue(v, onSecret));
    if (value !== null && typeof value === "object") {
        const obj = value as Record<string, unknown>;
        if (obj[SIG] === SECRET_SIG) {
            onSecret();
            return decodeValue(obj.value, onSecret);
        }
        return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, decodeValue(v, onSecret)]));
    }
    return value;
}

export function decode(struct: Struct | undefined): Decoded {
    const raw = (struct?.toJavaScript() ?? {}) as Record<string, unknown>;
    const secrets = new Set<string>();
    const props = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decodeValue(v, () => secrets.add(k))]));
    return { props, secrets };
}

function encodeValue(value: unknown): unknown {
    if (value === UNKNOWN) return UNKNOWN_SENTINEL;
    if (value === undefined) return null;
    if (Array.isArray(value)) return value.map(encodeValue);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, encodeValue(v)]));
    return value;
}

export function encode(props: Props, secret: Iterable<string> = []): Struct {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(props)) if (v !== undefined) out[k] = encodeValue(v);
    for (const k of secret) if (k in out && out[k] !== null) out[k] = { [SIG]: SECRET_SIG, value: out[k] };
    return Struct.fromJavaScript(out as Parameters<typeof Struct.fromJavaScript>[0]);
}
