// The HTTP server: request log, fault injection, routing, authentication,
// rendering. Everything GitLab-specific lives in routes/ and the model.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticate, checkScope, tokenFrom } from "./auth";
import { parseBody, parseForm } from "./body";
import type { Reply } from "./context";
import { handleControl } from "./control";
import { ApiError, noRoute, unauthorized } from "./errors";
import { Faults, type FaultSpec } from "./faults";
import { RateLimiter, type RateLimitSpec } from "./rateLimit";
import { loadFixtures, type Fixtures } from "./fixtures";
import { handleGraphQL } from "./graphql";
import { Params, type RawParams } from "./params";
import { matchRoute } from "./router";
import { routes } from "./routes";
import { StandinState, type Token, type User } from "./state";

const API_PREFIX = "/api/v4";
/** GitLab's GraphQL endpoint (a POST), beside the REST API. */
const GRAPHQL_PATH = "/api/graphql";

export interface RecordedRequest {
    method: string;
    /** The raw path as sent (percent-encoding kept), without the query string. */
    path: string;
    /** The raw query string, without `?`. */
    query: string;
    status: number;
    /** The parsed body (JSON or form), if any. */
    body?: unknown;
    /** No modelled endpoint matched: a call nobody modelled (answered with GitLab's catch-all 404). */
    unmodelled?: boolean;
    /** Answered by `failNext`. */
    faulted?: boolean;
    /** Answered 429 by the rate limit. */
    throttled?: boolean;
}

export class GitLabStandin {
    /** The typed, mutable model; change it to simulate edits made outside the program. */
    readonly state: StandinState;
    readonly #log: RecordedRequest[] = [];
    readonly #faults = new Faults();
    readonly #limiter = new RateLimiter();
    #server: Server | undefined;
    #origin = "http://127.0.0.1";

    /** From fixtures, or from a state already loaded (a sandbox's saved GitLab: persist.ts). */
    constructor(from: Fixtures | StandinState) {
        this.state = from instanceof StandinState ? from : loadFixtures(from);
    }

    /** Every API request, in arrival order (control endpoints excluded). */
    get requests(): ReadonlyArray<RecordedRequest> {
        return this.#log;
    }

    /** `http://127.0.0.1:PORT/api/v4/` once started. */
    get baseUrl(): string {
        return `${this.#origin}${API_PREFIX}/`;
    }

    /** Listens on 127.0.0.1 (port 0: any free port); resolves to the base URL ending in /api/v4/. */
    async start(port = 0): Promise<string> {
        if (this.#server) throw new Error("gitlab-standin: already started");
        const server = createServer((req, res) => void this.#handle(req, res));
        await new Promise<void>((resolve, reject) => {
            server.once("error", reject);
            server.listen(port, "127.0.0.1", () => {
                server.off("error", reject);
                resolve();
            });
        });
        this.#server = server;
        this.#origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        return this.baseUrl;
    }

    async stop(): Promise<void> {
        const server = this.#server;
        if (!server) return;
        this.#server = undefined;
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    /** The nth matching request from now (1-based, default 1) answers `status` with `{"message": …}`, once. */
    failNext(spec: FaultSpec): void {
        this.#faults.add(spec);
    }

    /** GitLab's authenticated API rate limit, per user: `requests` per `periodSeconds`; undefined turns it off. */
    rateLimit(spec: RateLimitSpec | undefined): void {
        this.#limiter.configure(spec);
    }

    resetRequests(): void {
        this.#log.length = 0;
    }

    /** The whole state as plain JSON, for assertions and for /__standin/state. */
    snapshot(): unknown {
        return JSON.parse(JSON.stringify(this.state));
    }

    async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const raw = Buffer.concat(chunks);
        const target = req.url ?? "/";
        const q = target.indexOf("?");
        const path = q < 0 ? target : target.slice(0, q);
        const query = q < 0 ? "" : target.slice(q + 1);
        const method = (req.method ?? "GET").toUpperCase();

        if (path.startsWith("/__standin/")) {
            send(res, handleControl(this, method, path, raw));
            return;
        }

        const entry: RecordedRequest = { method, path, query, status: 0 };
        this.#log.push(entry);
        let reply: Reply;
        try {
            const fault = this.#faults.take(method, path, raw.toString("utf8"));
            if (fault) {
                entry.faulted = true;
                if (raw.length > 0) entry.body = tryParse(raw, req.headers["content-type"]);
                reply = fault;
            } else {
                reply = this.#dispatch(req, entry, raw, path, query, target);
            }
        } catch (e) {
            if (e instanceof ApiError) reply = { status: e.status, body: e.body };
            else {
                console.error("gitlab-standin: internal error on", method, target, e);
                reply = { status: 500, body: { message: "500 Internal Server Error" } };
            }
        }
        entry.status = reply.status;
        send(res, reply);
    }

    #dispatch(req: IncomingMessage, entry: RecordedRequest, raw: Buffer, path: string, query: string, target: string): Reply {
        const method = entry.method;
        const body = parseBody(raw, req.headers["content-type"]);
        if (body !== undefined) entry.body = body;
        else if (raw.length > 0) entry.body = raw.toString("utf8");

        const graphql = path === GRAPHQL_PATH && method === "POST";
        const segments = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length).split("/").filter(Boolean) : undefined;
        const match = segments === undefined ? undefined : matchRoute(routes, method, segments);
        if (!match && !graphql) {
            entry.unmodelled = true;
            throw noRoute();
        }
        // An EE-only API does not exist on CE: GitLab's catch-all answers.
        if (match?.route.ee && this.state.edition === "ce") throw noRoute();

        const url = new URL(target, this.#origin);
        const tokenValue = tokenFrom(req.headers, url.searchParams);
        let token: Token | null = null;
        let user: User | null = null;
        if (tokenValue !== undefined) ({ token, user } = authenticate(this.state, tokenValue));
        else if (!graphql && !match?.route.anonymous) throw unauthorized();
        // GraphQL checks the scope per operation (a read_api token may query).
        if (token && !graphql) checkScope(token, method);
        const throttled = user === null ? undefined : this.#limiter.check(user.id);
        if (throttled !== undefined) {
            entry.throttled = true;
            return throttled;
        }

        if (graphql || match === undefined) return handleGraphQL(this.state, user, token, body);
        const params: RawParams = { ...parseForm(query), ...(body ?? {}) };
        return match.route.handler({ state: this.state, user, token, params: new Params(params), path: match.path, origin: this.#origin, url });
    }
}

function tryParse(raw: Buffer, contentType: string | undefined): unknown {
    try {
        return parseBody(raw, contentType) ?? raw.toString("utf8");
    } catch {
        return raw.toString("utf8");
    }
}

function send(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { ...reply.headers };
    if (typeof reply.body === "string") {
        // Plain text, as Rack::Attack answers a throttled request.
        res.writeHead(reply.status, { ...headers, "content-type": "text/plain" });
        res.end(reply.body);
    } else if (reply.body !== undefined && reply.status !== 204) {
        headers["content-type"] = "application/json";
        res.writeHead(reply.status, headers);
        res.end(JSON.stringify(reply.body));
    } else {
        res.writeHead(reply.status, headers);
        res.end();
    }
}
