// GitLab's authenticated API rate limit ("throttle_authenticated_api"), per
// user and fixed window, as an administrator sets it in Admin > Settings >
// Network > User and IP rate limits. A throttled request is answered 429 with
// Rack::Attack's plain-text body and the documented response headers
// (doc/administration/settings/user_and_ip_rate_limits.md, "Response headers":
// RateLimit-Name, -Limit, -Observed, -Remaining, -Reset (Unix time), -ResetTime
// (HTTP date), Retry-After (seconds)). Off unless configured.
import type { Reply } from "./context";

export interface RateLimitSpec {
    /** Requests each user may make per period. */
    requests: number;
    periodSeconds: number;
}

interface Window {
    start: number;
    observed: number;
}

export class RateLimiter {
    #spec: RateLimitSpec | undefined;
    readonly #windows = new Map<number, Window>();

    /** Sets the limit (undefined: off) and starts every user's window afresh. */
    configure(spec: RateLimitSpec | undefined): void {
        if (spec !== undefined && !(Number.isInteger(spec.requests) && spec.requests > 0 && spec.periodSeconds > 0)) {
            throw new Error(`rate limit: requests must be a positive integer and periodSeconds positive, got ${JSON.stringify(spec)}`);
        }
        this.#spec = spec;
        this.#windows.clear();
    }

    /** Counts a request of this user; the 429 to answer when it is over the limit. */
    check(userId: number, now = Date.now()): Reply | undefined {
        const spec = this.#spec;
        if (spec === undefined) return undefined;
        const periodMs = spec.periodSeconds * 1000;
        let window = this.#windows.get(userId);
        if (window === undefined || now - window.start >= periodMs) {
            window = { start: now, observed: 0 };
            this.#windows.set(userId, window);
        }
        window.observed++;
        if (window.observed <= spec.requests) return undefined;
        const reset = new Date(window.start + periodMs);
        return {
            status: 429,
            body: "Retry later\n",
            headers: {
                "RateLimit-Name": "throttle_authenticated_api",
                "RateLimit-Limit": String(Math.round((spec.requests * 60) / spec.periodSeconds)),
                "RateLimit-Observed": String(window.observed),
                "RateLimit-Remaining": "0",
                "RateLimit-Reset": String(Math.ceil(reset.getTime() / 1000)),
                "RateLimit-ResetTime": reset.toUTCString(),
                "Retry-After": String(Math.max(1, Math.ceil((reset.getTime() - now) / 1000))),
            },
        };
    }
}
