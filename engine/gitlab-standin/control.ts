// Control endpoints under /__standin/, so another process (a benchmark, a CI
// script test) can drive a stand-in it did not start in-process. They are not
// GitLab endpoints and are not recorded in the request log.
import type { Reply } from "./context";
import type { FaultSpec } from "./faults";
import type { RateLimitSpec } from "./rateLimit";
import { isRecord } from "./params";

export interface Controllable {
    readonly requests: ReadonlyArray<unknown>;
    failNext(spec: FaultSpec): void;
    rateLimit(spec: RateLimitSpec | undefined): void;
    snapshot(): unknown;
    resetRequests(): void;
}

function faultFrom(body: unknown): FaultSpec {
    if (!isRecord(body)) throw new Error("body must be a JSON object");
    const { method, path, nth, status, message, times } = body;
    if (typeof status !== "number") throw new Error("status (number) is required");
    if (method !== undefined && typeof method !== "string") throw new Error("method must be a string");
    if (path !== undefined && typeof path !== "string") throw new Error("path must be a regular expression source string");
    if (nth !== undefined && typeof nth !== "number") throw new Error("nth must be a number");
    if (message !== undefined && typeof message !== "string") throw new Error("message must be a string");
    if (times !== undefined && typeof times !== "number") throw new Error("times must be a number");
    return { method, path: path === undefined ? undefined : new RegExp(path), nth, status, message, times };
}

export function handleControl(target: Controllable, method: string, path: string, raw: Buffer): Reply {
    const action = `${method} ${path.replace(/\/+$/, "")}`;
    switch (action) {
        case "GET /__standin/requests":
            return { status: 200, body: target.requests };
        case "GET /__standin/state":
            return { status: 200, body: target.snapshot() };
        case "POST /__standin/reset-requests":
            target.resetRequests();
            return { status: 204 };
        case "POST /__standin/fail-next":
            try {
                target.failNext(faultFrom(raw.length === 0 ? undefined : JSON.parse(raw.toString("utf8"))));
            } catch (e) {
                return { status: 400, body: { error: (e as Error).message } };
            }
            return { status: 204 };
        case "POST /__standin/rate-limit":
            try {
                const body: unknown = raw.length === 0 ? null : JSON.parse(raw.toString("utf8"));
                target.rateLimit(body === null ? undefined : (body as RateLimitSpec));
            } catch (e) {
                return { status: 400, body: { error: (e as Error).message } };
            }
            return { status: 204 };
        default:
            return { status: 404, body: { error: `no control endpoint ${action}` } };
    }
}
