import { contractViolations, type Edition } from "./providerRules";
import { PROVIDER_VERSION } from "./providerVersion";
import { invokeViolations, registrationViolations, type ProviderSchema } from "./schemaConformance";

export { PROVIDER_VERSION };

export interface RegisteredCall {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
    readonly version: string;
}

export interface InvokedCall {
    readonly token: string;
    readonly inputs: Record<string, unknown>;
    readonly version: string;
}

/**
 * Everything the provider would refuse in a run's GitLab registrations and
 * invokes: names and types against the schema, the provider's contract, and
 * the version pin. One function, so the unit suite and `npm run check` apply
 * the same rules.
 */
export function conformanceViolations(resources: readonly RegisteredCall[], invokes: readonly InvokedCall[], edition: Edition, schema: ProviderSchema): string[] {
    const gitlab = resources.filter((r) => r.type.startsWith("gitlab:"));
    const pin = (what: string, version: string) => (version === PROVIDER_VERSION ? [] : [`${what}: expected provider version ${PROVIDER_VERSION}, got ${JSON.stringify(version)}`]);
    return [
        ...gitlab.flatMap((r) => registrationViolations(r.type, r.name, r.inputs, schema)),
        ...gitlab.flatMap((r) => contractViolations(r.type, r.inputs, { edition }).map((v) => `${r.name}: ${v}`)),
        ...gitlab.flatMap((r) => pin(r.name, r.version)),
        ...invokes.flatMap((i) => invokeViolations(i.token, i.inputs, schema)),
        ...invokes.flatMap((i) => contractViolations(i.token, i.inputs, { edition }).map((v) => `${i.token}: ${v}`)),
        ...invokes.flatMap((i) => pin(i.token, i.version)),
    ];
}
