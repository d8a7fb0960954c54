import { GITLAB } from "../../policy/policies";
import type { Created, Registration } from "./mockRun";
import { UNKNOWN_VALUE, type FakeResource } from "./policyArgs";

/**
 * `up`: after an update, every id and output is known.
 * `preview`: a first preview, where nothing exists yet: ids and output-only
 * properties are unknown, and so is every input that came from them (a
 * child's `project`, an approval rule's `protectedBranchIds`).
 */
export type Phase = "up" | "preview";

const PROGRAM = "ml-model-governance";

/**
 * The program's registrations as the policy SDK would hand them to the pack:
 * resource policies see the inputs, stack policies the outputs (the inputs
 * as applied, the fake provider's computed state, and `id`, which a bridged
 * provider reports among its outputs), with the
 * parent links and `protect` the engine passes along.
 */
export function toPolicyResources(registrations: readonly Registration[], created: ReadonlyMap<string, Created>, stack: string, phase: Phase): FakeResource[] {
    const projectIds = new Set<string>();
    const protectionIds = new Set<number>();
    for (const r of registrations) {
        const made = created.get(r.name);
        if (made === undefined) continue;
        if (r.type === GITLAB.project) projectIds.add(made.id);
        if (r.type === GITLAB.branchProtection && typeof made.state.branchProtectionId === "number") protectionIds.add(made.state.branchProtectionId);
    }
    const unknowable = (value: unknown) => (typeof value === "string" && projectIds.has(value)) || (typeof value === "number" && protectionIds.has(value));
    const inPhase = (value: unknown): unknown => (phase === "preview" ? blank(value, unknowable) : value);

    return registrations.map((r) => {
        const made = created.get(r.name);
        const inputs = inPhase(r.inputs) as Record<string, unknown>;
        const outputs = made === undefined ? undefined : phase === "up" ? { ...made.state, ...inputs, id: made.id } : previewOutputs(inputs, made.state);
        return {
            type: r.type,
            name: r.name,
            urn: urnOf(r, stack),
            props: inputs,
            outputs,
            protect: r.protect,
            parent: r.parent === "" ? undefined : r.parent,
        };
    });
}

/** Computed outputs of a resource a preview would create are unknown; its inputs are as given. */
function previewOutputs(inputs: Record<string, unknown>, state: Record<string, unknown>): Record<string, unknown> {
    const outputs: Record<string, unknown> = { ...inputs, id: UNKNOWN_VALUE };
    for (const key of Object.keys(state)) if (!(key in inputs)) outputs[key] = UNKNOWN_VALUE;
    return outputs;
}

function blank(value: unknown, unknowable: (v: unknown) => boolean): unknown {
    if (unknowable(value)) return UNKNOWN_VALUE;
    if (Array.isArray(value)) return value.map((v) => blank(v, unknowable));
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blank(v, unknowable)]));
    return value;
}

/** The URN the engine gives a registration: a child's type is qualified by its parent's. */
export function urnOf(r: Registration, stack: string): string {
    const qualified = r.parent === "" ? r.type : `${r.parent.split("::")[2]}$${r.type}`;
    return `urn:pulumi:${stack}::${PROGRAM}::${qualified}::${r.name}`;
}
