import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as services from "@pulumi/pulumi/proto/provider_grpc_pb";
import { INVOKES } from "./invokes";
import { decode, encode, type Props } from "./propertyValues";
import { RestClient } from "./restClient";
import { RESOURCES } from "./resources";
import type { DoubleContext, ResourceHandler } from "./resources/handler";
import { invokeInputProblems, resourceInputProblems, type ProviderSchema } from "./schema";
import { containsUnknown, UNKNOWN } from "./unknown";
import { validate, type Edition } from "./validators";

export const PROVIDER_VERSION = "10.1.1";

/** The type token from a URN: `urn:pulumi:stack::project::parent$type::name`. */
function typeOf(urn: string): string {
    const types = urn.split("::")[2] ?? "";
    return types.split("$").pop() ?? "";
}

const { Kind } = provproto.PropertyDiff;

/** Equal as the provider's plan sees it: nested attributes the inputs leave out are computed, so not compared. */
function matches(wanted: unknown, have: unknown, unordered: boolean): boolean {
    if (Array.isArray(wanted)) {
        if (!Array.isArray(have) || have.length !== wanted.length) return false;
        if (!unordered) return wanted.every((w, i) => matches(w, have[i], false));
        const left = [...have];
        return wanted.every((w) => {
            const i = left.findIndex((h) => matches(w, h, true));
            if (i < 0) return false;
            left.splice(i, 1);
            return true;
        });
    }
    if (wanted !== null && typeof wanted === "object") {
        if (have === null || typeof have !== "object") return false;
        return Object.entries(wanted).every(([k, v]) => v === undefined || matches(v, (have as Record<string, unknown>)[k], false));
    }
    return wanted === have;
}

/** Equal both ways: neither side has what the other lacks. */
const same = (a: unknown, b: unknown, unordered: boolean) => matches(a, b, unordered) && matches(b, a, unordered);

/** Terraform treats an empty list or set like an unset one: neither differs from the other. */
const isEmpty = (value: unknown) => value === undefined || (Array.isArray(value) && value.length === 0);

interface PropertyChange {
    readonly key: string;
    readonly kind: number;
}

const isScalarList = (v: unknown): v is Array<string | number | boolean> => Array.isArray(v) && v.every((e) => ["string", "number", "boolean"].includes(typeof e));

/**
 * A set's change element by element, as the bridge's detailed diff reports it
 * (pulumi-terraform-bridge pkg/tfbridge/detailed_diff.go, makeSetDiff: an
 * element gone is a DELETE at its old index, a new one an ADD at its index in
 * the new inputs; the rest is unchanged whatever its position). "Accurate
 * previews", which use it, became the bridge's default for every SDKv2
 * provider in pulumi-terraform-bridge PR #2987 (2025-04-09); which bridge
 * pulumi-gitlab 10.1.1 was built with could not be read here. Removing one
 * approver is then one change in `pulumi preview --diff`, not a shifted list.
 */
function setElementChanges(key: string, had: ReadonlyArray<string | number | boolean>, wanted: ReadonlyArray<string | number | boolean>, replace: boolean): PropertyChange[] {
    const text = (v: unknown) => JSON.stringify(v);
    const before = new Set(had.map(text));
    const after = new Set(wanted.map(text));
    // buildChangesIndexMap: an element removed and another added at the same index are one update there.
    const byIndex = new Map<number, { gone?: true; added?: true }>();
    had.forEach((v, i) => after.has(text(v)) || byIndex.set(i, { ...byIndex.get(i), gone: true }));
    wanted.forEach((v, i) => before.has(text(v)) || byIndex.set(i, { ...byIndex.get(i), added: true }));
    return [...byIndex].map(([i, { gone, added }]) => ({
        key: `${key}[${i}]`,
        kind: gone && added ? (replace ? Kind.UPDATE_REPLACE : Kind.UPDATE) : gone ? (replace ? Kind.DELETE_REPLACE : Kind.DELETE) : replace ? Kind.ADD_REPLACE : Kind.ADD,
    }));
}

/**
 * A pulumi-gitlab provider plugin of our own, for tests only: it serves the
 * real schema, checks every input against it and against the validations of
 * terraform-provider-gitlab's own source (validators.ts), plans as Terraform
 * does, and performs each resource's REST calls against GitLab's API (a
 * stand-in, in the tests) in the order the real provider does. It shares no
 * code with the program: a wrong belief of the program must not pass here.
 */
export class ProviderDouble {
    private api?: RestClient;
    private editionPromise?: Promise<Edition>;

    constructor(readonly schema: ProviderSchema) {}

    private context(): DoubleContext {
        const api = this.api;
        if (api === undefined) throw new Error("the provider is not configured");
        return {
            api,
            edition: () => (this.editionPromise ??= api.get("metadata").then((m: any) => (m.enterprise === true || String(m.version).includes("-ee") ? "ee" : "ce"))),
        };
    }

    private handler(urn: string): [string, ResourceHandler] {
        const type = typeOf(urn);
        const handler = RESOURCES[type];
        if (handler === undefined) throw new Error(`the provider double does not implement ${type}`);
        return [type, handler];
    }

    private replaces(type: string, handler: ResourceHandler): Set<string> {
        const specs = this.schema.resources[type]?.inputProperties ?? {};
        return new Set([...handler.replaceOn, ...Object.entries(specs).filter(([, s]) => (s as { willReplaceOnChanges?: boolean }).willReplaceOnChanges).map(([k]) => k)]);
    }


    async configure(args: Props): Promise<void> {
        const env = process.env;
        const baseUrl = String(args.baseUrl ?? env.GITLAB_BASE_URL ?? "https://gitlab.com/api/v4/");
        const token = String(args.token ?? env.GITLAB_TOKEN ?? "");
        this.api = new RestClient(baseUrl, token);
        const early = args.earlyAuthCheck ?? (env.GITLAB_EARLY_AUTH_CHECK === undefined ? true : env.GITLAB_EARLY_AUTH_CHECK === "true");
        if (early === true || early === "true") await this.api.get("user");
    }

    async check(urn: string, news: Props): Promise<Array<{ property: string; reason: string }>> {
        const [type] = this.handler(urn);
        const schemaProblems = resourceInputProblems(type, news, this.schema);
        // Only the branch protection's ModifyPlan asks GitLab for its edition.
        const edition = type === "gitlab:index/branchProtection:BranchProtection" ? await this.context().edition() : "ee";
        return [...schemaProblems, ...validate(type, news, edition)].map((reason) => ({ property: "", reason }));
    }

    /**
     * The bridge plans from the prior state, which the provider's read wrote after the
     * create or update; the double compares with the old inputs, which are that state
     * wherever the provider applied its input as given. Inputs a handler names in
     * `diffFromState` are not always applied (the create skips them): those compare
     * with the state, as Terraform's plan does.
     */
    diff(urn: string, oldInputs: Props, news: Props, olds: Props = oldInputs): { changes: PropertyChange[]; replace: boolean } {
        const [type, handler] = this.handler(urn);
        const replaces = this.replaces(type, handler);
        const changes: PropertyChange[] = [];
        for (const key of new Set([...Object.keys(oldInputs), ...Object.keys(news)])) {
            if (news[key] === undefined && handler.sticky.includes(key)) continue;
            const wanted = news[key] ?? handler.defaults[key];
            const had = (handler.diffFromState?.includes(key) && olds[key] !== undefined ? olds[key] : oldInputs[key]) ?? handler.defaults[key];
            if (isEmpty(wanted) && isEmpty(had)) continue;
            if (!containsUnknown(wanted) && wanted !== undefined && had !== undefined && same(wanted, had, handler.sets.includes(key))) continue;
            if (wanted === undefined && had === undefined) continue;
            const replace = replaces.has(key);
            // An empty set is an absent one to the bridge (isPresent): only two non-empty sets diff by element.
            if (handler.sets.includes(key) && isScalarList(wanted) && isScalarList(had) && !isEmpty(wanted) && !isEmpty(had)) {
                changes.push(...setElementChanges(key, had, wanted, replace));
                continue;
            }
            const kind = had === undefined ? (replace ? Kind.ADD_REPLACE : Kind.ADD) : wanted === undefined ? (replace ? Kind.DELETE_REPLACE : Kind.DELETE) : replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
            changes.push({ key, kind });
        }
        return { changes, replace: changes.some((c) => [Kind.ADD_REPLACE, Kind.DELETE_REPLACE, Kind.UPDATE_REPLACE].includes(c.kind as 1 | 3 | 5)) };
    }

    /** Sticky inputs the new inputs leave out keep the state's value, as UseStateForUnknown plans them; defaulted ones take their default. */
    private planned(handler: ResourceHandler, state: Props, news: Props): Props {
        const out = { ...handler.defaults, ...Object.fromEntries(Object.entries(news).filter(([, v]) => v !== undefined)) };
        for (const key of handler.sticky) if (out[key] === undefined && state[key] !== undefined) out[key] = state[key];
        return out;
    }

    async create(urn: string, inputs: Props, preview: boolean): Promise<{ id: string; outputs: Props; type: string }> {
        const [type, handler] = this.handler(urn);
        if (preview) {
            return { id: "", outputs: { ...inputs, ...Object.fromEntries(handler.computed.map((k) => [k, UNKNOWN])) }, type };
        }
        const created = await handler.create(inputs, this.context());
        return { ...created, type };
    }

    async read(urn: string, id: string, state: Props, oldInputs: Props): Promise<{ outputs: Props; inputs: Props } | undefined> {
        const [, handler] = this.handler(urn);
        const found = await handler.read(id, state, this.context());
        if (found === undefined) return undefined;
        const inputs: Props = { ...oldInputs };
        for (const [key, value] of Object.entries(found.observed)) {
            if (value === undefined) continue;
            if (!(key in oldInputs) && (handler.sticky.includes(key) || isEmpty(value) || (key in handler.defaults && same(value, handler.defaults[key], false)))) continue;
            const old = oldInputs[key];
            // Keep the program's order when the set is the same, so a refresh alone shows no diff.
            inputs[key] = old !== undefined && same(value, old, handler.sets.includes(key)) ? old : value;
        }
        return { outputs: found.outputs, inputs };
    }

    async update(urn: string, id: string, state: Props, news: Props, preview: boolean): Promise<Props> {
        const [, handler] = this.handler(urn);
        const planned = this.planned(handler, state, news);
        if (preview) return { ...state, ...planned };
        return handler.update(id, state, planned, this.context());
    }

    async delete(urn: string, id: string, state: Props): Promise<void> {
        const [, handler] = this.handler(urn);
        await handler.delete(id, state, this.context());
    }

    async invoke(token: string, args: Props): Promise<Props> {
        const problems = [...invokeInputProblems(token, args, this.schema), ...validate(token, args, "ee")];
        if (problems.length > 0) throw new Error(`invalid arguments for ${token}: ${problems.join("; ")}`);
        const fn = INVOKES[token];
        if (fn === undefined) throw new Error(`the provider double does not implement ${token}`);
        if (this.api === undefined) throw new Error("the provider is not configured");
        return fn(args, this.api);
    }

    /** Outputs to send as secrets: the schema's sensitive properties, and whatever arrived secret. */
    secretsFor(type: string, inputSecrets: Iterable<string>): string[] {
        const props = this.schema.resources[type]?.properties ?? {};
        return [...Object.entries(props).filter(([, s]) => (s as { secret?: boolean }).secret).map(([k]) => k), ...inputSecrets];
    }
}

type Callback<T> = (error: grpc.ServiceError | null, value?: T) => void;

function fail<T>(callback: Callback<T>, error: unknown, code = grpc.status.UNKNOWN): void {
    const message = error instanceof Error ? error.message : String(error);
    callback({ code, details: message, message, name: "Error", metadata: new grpc.Metadata() });
}

function unimplemented<T>(_call: unknown, callback: Callback<T>): void {
    fail(callback, "not implemented by the provider double", grpc.status.UNIMPLEMENTED);
}

/** The gRPC service: decode, call the double, encode. */
export function service(double: ProviderDouble): grpc.UntypedServiceImplementation {
    const run =
        <Req, Res>(body: (request: Req) => Promise<Res>) =>
        (call: { request: Req }, callback: Callback<Res>) => {
            body(call.request).then(
                (value) => callback(null, value),
                (error) => fail(callback, error),
            );
        };
    const empty = run(async () => new emptyproto.Empty());

    return {
        handshake: run(async () => {
            const res = new provproto.ProviderHandshakeResponse();
            res.setAcceptSecrets(true);
            res.setAcceptResources(false);
            res.setAcceptOutputs(false);
            return res;
        }),
        parameterize: unimplemented,
        getSchema: run(async () => {
            const res = new provproto.GetSchemaResponse();
            res.setSchema(JSON.stringify({ ...double.schema, name: "gitlab", version: PROVIDER_VERSION }));
            return res;
        }),
        checkConfig: run(async (req: provproto.CheckRequest) => {
            const res = new provproto.CheckResponse();
            res.setInputs(req.getNews());
            return res;
        }),
        diffConfig: unimplemented,
        configure: run(async (req: provproto.ConfigureRequest) => {
            await double.configure(decode(req.getArgs()).props);
            const res = new provproto.ConfigureResponse();
            res.setAcceptsecrets(true);
            res.setSupportspreview(true);
            res.setAcceptresources(false);
            res.setAcceptoutputs(false);
            return res;
        }),
        invoke: run(async (req: provproto.InvokeRequest) => {
            const res = new provproto.InvokeResponse();
            res.setReturn(encode(await double.invoke(req.getTok(), decode(req.getArgs()).props)));
            return res;
        }),
        streamInvoke: unimplemented,
        call: unimplemented,
        check: run(async (req: provproto.CheckRequest) => {
            const failures = await double.check(req.getUrn(), decode(req.getNews()).props);
            const res = new provproto.CheckResponse();
            res.setInputs(req.getNews());
            res.setFailuresList(
                failures.map((f) => {
                    const failure = new provproto.CheckFailure();
                    failure.setProperty(f.property);
                    failure.setReason(f.reason);
                    return failure;
                }),
            );
            return res;
        }),
        diff: run(async (req: provproto.DiffRequest) => {
            const oldInputs = req.hasOldInputs() ? decode(req.getOldInputs()).props : decode(req.getOlds()).props;
            const { changes, replace } = double.diff(req.getUrn(), oldInputs, decode(req.getNews()).props, decode(req.getOlds()).props);
            const res = new provproto.DiffResponse();
            res.setChanges(changes.length > 0 ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
            // `diffs` names top-level properties; the detailed diff may name set elements (`userIds[1]`).
            res.setDiffsList([...new Set(changes.map((c) => c.key.split("[")[0]))]);
            res.setHasdetaileddiff(true);
            const detailed = res.getDetaileddiffMap();
            for (const c of changes) {
                const d = new provproto.PropertyDiff();
                d.setKind(c.kind as provproto.PropertyDiff.Kind);
                d.setInputdiff(true);
                detailed.set(c.key, d);
            }
            if (replace) res.setReplacesList(changes.filter((c) => c.kind === Kind.ADD_REPLACE || c.kind === Kind.DELETE_REPLACE || c.kind === Kind.UPDATE_REPLACE).map((c) => c.key));
            return res;
        }),
        create: run(async (req: provproto.CreateRequest) => {
            const { props, secrets } = decode(req.getProperties());
            const created = await double.create(req.getUrn(), props, req.getPreview());
            const res = new provproto.CreateResponse();
            res.setId(created.id);
            res.setProperties(encode(created.outputs, double.secretsFor(created.type, secrets)));
            return res;
        }),
        read: run(async (req: provproto.ReadRequest) => {
            const state = decode(req.getProperties());
            const found = await double.read(req.getUrn(), req.getId(), state.props, decode(req.getInputs()).props);
            const res = new provproto.ReadResponse();
            if (found === undefined) return res; // gone: an empty id drops it from the state
            res.setId(req.getId());
            res.setProperties(encode(found.outputs, double.secretsFor(typeOf(req.getUrn()), state.secrets)));
            res.setInputs(encode(found.inputs));
            return res;
        }),
        update: run(async (req: provproto.UpdateRequest) => {
            const olds = decode(req.getOlds());
            const news = decode(req.getNews());
            const outputs = await double.update(req.getUrn(), req.getId(), olds.props, news.props, req.getPreview());
            const res = new provproto.UpdateResponse();
            res.setProperties(encode(outputs, double.secretsFor(typeOf(req.getUrn()), [...olds.secrets, ...news.secrets])));
            return res;
        }),
        delete: run(async (req: provproto.DeleteRequest) => {
            await double.delete(req.getUrn(), req.getId(), decode(req.getProperties()).props);
            return new emptyproto.Empty();
        }),
        construct: unimplemented,
        cancel: empty,
        getPluginInfo: run(async () => {
            const info = new plugproto.PluginInfo();
            info.setVersion(PROVIDER_VERSION);
            return info;
        }),
        attach: empty,
        getMapping: unimplemented,
        getMappings: unimplemented,
    };
}

/** Serve on a free port of 127.0.0.1 and return it. */
export function serve(double: ProviderDouble): Promise<number> {
    const server = new grpc.Server();
    server.addService(services.ResourceProviderService, service(double));
    return new Promise((resolve, reject) => {
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
    });
}
