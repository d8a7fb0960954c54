import * as gitlab from "@pulumi/gitlab";
import * as pulumi from "@pulumi/pulumi";
import type { ManagedComplianceFramework } from "../config";
import { frameworkIdentity, frameworkResourceKey } from "../config/complianceFrameworks";
import { pinned } from "./providerVersion";

export interface ComplianceFrameworksArgs {
    /** Only the frameworks the stack defines: a reference (`existing: true`) is looked up, never a resource. */
    readonly definitions: readonly ManagedComplianceFramework[];
    /**
     * Pulumi `retainOnDelete`: on in production, since GitLab's destroy of a
     * framework unlabels every project that carries it, governed here or not.
     */
    readonly retainOnDelete: boolean;
}

/**
 * The compliance frameworks a stack defines, one `ComplianceFramework` per
 * top-level group and name. Creating one takes the Owner role on the
 * top-level group and GitLab Premium (doc/api/graphql/compliance_frameworks.md,
 * "Prerequisites").
 */
export class ComplianceFrameworks extends pulumi.ComponentResource {
    public static readonly __pulumiType = "ml-model-governance:index:ComplianceFrameworks";

    /** Every framework, in definition order. */
    readonly children: gitlab.ComplianceFramework[];
    readonly #byIdentity = new Map<string, gitlab.ComplianceFramework>();

    constructor(name: string, args: ComplianceFrameworksArgs, opts?: pulumi.ComponentResourceOptions) {
        super(ComplianceFrameworks.__pulumiType, name, {}, opts);
        this.children = args.definitions.map((def) => {
            const framework = new gitlab.ComplianceFramework(
                `${name}-${frameworkResourceKey(def)}`,
                // `default` is left false: a group's default framework is applied to every new project in it, which this program does not decide.
                { namespacePath: def.group, name: def.name, description: def.description, color: def.color, default: false },
                pinned({ parent: this, retainOnDelete: args.retainOnDelete }),
            );
            this.#byIdentity.set(frameworkIdentity(def), framework);
            return framework;
        });
        this.registerOutputs({});
    }

    /** The global id (`gid://gitlab/ComplianceManagement::Framework/N`) of a defined framework. */
    frameworkId(def: ManagedComplianceFramework): pulumi.Output<string> {
        const framework = this.#byIdentity.get(frameworkIdentity(def));
        if (framework === undefined) throw new Error(`compliance framework ${JSON.stringify(def.name)} of ${def.group} is not defined`);
        return framework.frameworkId;
    }
}
