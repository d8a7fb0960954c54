// Fault injection: "the nth matching request from now answers with this
// status, once". Used to test the program's handling of a GitLab that fails
// half-way (e.g. the POST after the provider already unprotected a branch).
import { STATUS_CODES } from "node:http";

export interface FaultSpec {
    method?: string;
    /** Tested against the request's raw path (percent-encoding as sent, no query). */
    path?: RegExp;
    /** 1-based; defaults to 1 (the next matching request). */
    nth?: number;
    status: number;
    message?: string;
    /** How many times the request it first answers is answered with it again (1 by default): a client that retries sees it on each retry. */
    times?: number;
}

interface PendingFault {
    spec: FaultSpec;
    seen: number;
    /** Answers still to give once due. */
    left: number;
    /** Once it has answered: the request body it answered, which its retries repeat. */
    body?: string;
}

export class Faults {
    #pending: PendingFault[] = [];

    add(spec: FaultSpec): void {
        const nth = spec.nth ?? 1;
        if (!Number.isInteger(nth) || nth < 1) throw new Error(`failNext: nth must be a positive integer, got ${spec.nth}`);
        if (!Number.isInteger(spec.status) || spec.status < 100 || spec.status > 599) throw new Error(`failNext: invalid status ${spec.status}`);
        if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1)) throw new Error(`failNext: times must be a positive integer, got ${spec.times}`);
        this.#pending.push({ spec: { ...spec, nth }, seen: 0, left: spec.times ?? 1 });
    }

    /**
     * Counts the request against every pending fault it matches and returns
     * the one that is due, removing it. If two come due on the same request,
     * the earlier registered fires and the other fires on its next match.
     */
    take(method: string, path: string, body = ""): { status: number; body?: unknown } | undefined {
        let due: PendingFault | undefined;
        for (const f of this.#pending) {
            if (f.spec.method !== undefined && f.spec.method.toUpperCase() !== method) continue;
            if (f.body !== undefined && f.body !== body) continue;
            if (f.spec.path !== undefined) {
                f.spec.path.lastIndex = 0; // a /g or /y regex keeps state between tests
                if (!f.spec.path.test(path)) continue;
            }
            f.seen++;
            if (!due && f.seen >= (f.spec.nth ?? 1)) due = f;
        }
        if (!due) return undefined;
        if (--due.left === 0) this.#pending.splice(this.#pending.indexOf(due), 1);
        // The rest of its answers go to the same request made again (a client's retries: same
        // method, path and body), not to another resource's request to the same endpoint.
        else {
            due.spec = { ...due.spec, method, path: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`), nth: due.seen + 1 };
            due.body = body;
        }
        const { status, message } = due.spec;
        return { status, body: status === 204 || status === 304 ? undefined : { message: message ?? `${status} ${STATUS_CODES[status] ?? "Error"}` } };
    }

    get pending(): number {
        return this.#pending.length;
    }

    clear(): void {
        this.#pending = [];
    }
}
