// Request bodies and query strings into one parameter bag, the way Rack and
// Grape build `params`: JSON bodies as they are, form/query strings with Rack's
// nested-key syntax (`allowed_to_push[][access_level]=30`, `user_ids[]=1`).
import { paramError } from "./errors";
import { isRecord, type RawParams } from "./params";

/** Rack's `a[b][]` key syntax → ["a", "b", ""]. */
function keyParts(key: string): string[] {
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(key);
    if (!m) return [key];
    return [m[1], ...[...m[2].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1])];
}

function assign(target: Record<string, unknown>, parts: string[], value: string): void {
    const [head, ...rest] = parts;
    if (rest.length === 0) {
        target[head] = value;
        return;
    }
    if (rest[0] === "") {
        const list = Array.isArray(target[head]) ? (target[head] as unknown[]) : (target[head] = []);
        const after = rest.slice(1);
        if (after.length === 0) {
            list.push(value);
            return;
        }
        // Rack: keep filling the last hash until it already has this key.
        const last = list[list.length - 1];
        if (isRecord(last) && !(after[0] in last)) assign(last, after, value);
        else {
            const fresh: Record<string, unknown> = {};
            list.push(fresh);
            assign(fresh, after, value);
        }
        return;
    }
    const child = isRecord(target[head]) ? (target[head] as Record<string, unknown>) : (target[head] = {});
    assign(child as Record<string, unknown>, rest, value);
}

export function parseForm(text: string): RawParams {
    const out: RawParams = {};
    for (const [key, value] of new URLSearchParams(text)) assign(out, keyParts(key), value);
    return out;
}

/** The request body as parameters; an unparsable JSON body is a 400 as in Grape. */
export function parseBody(raw: Buffer, contentType: string | undefined): RawParams | undefined {
    if (raw.length === 0) return undefined;
    const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
    const text = raw.toString("utf8");
    if (type === "application/json" || (type === "" && /^\s*[{[]/.test(text))) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch {
            // Grape's InvalidMessageBody problem text.
            throw paramError("message body does not match declared format");
        }
        if (!isRecord(parsed)) throw paramError("message body does not match declared format");
        return parsed;
    }
    if (type === "application/x-www-form-urlencoded" || type === "") return parseForm(text);
    return undefined;
}
