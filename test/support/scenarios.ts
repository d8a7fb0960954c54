import { baseConfig } from "./configs";
import { stackConfig } from "./stackFile";

/** Every configuration shape the suite evaluates, for checks that must hold for all of them. */
export function scenarios(): Array<{ title: string; stack: string; config: Record<string, unknown> }> {
    const adopted = baseConfig();
    adopted.repositories = [{ existing: "acme-ml/models/legacy-ranker", approvalRules: [{ name: "Owners", approvalsRequired: 1, groups: [42] }] }];
    const free = baseConfig();
    free.tier = "free";
    free.repositories[0].approvalRules = [];
    free.repositories[0].protectedBranch = { pushAccessLevel: "maintainer", mergeAccessLevel: "developer" };
    const fleet = baseConfig();
    fleet.repositories.push({ name: "Ranker", approvalRules: [{ name: "ML leads", approvalsRequired: 1, users: ["priya.raman", 7], groups: ["acme-ml/leads"] }] });
    return [
        { title: "Pulumi.prod.yaml", stack: "prod", config: stackConfig("prod") },
        { title: "Pulumi.dev.yaml", stack: "dev", config: stackConfig("dev") },
        { title: "an adopted project", stack: "dev", config: adopted },
        { title: "tier free", stack: "dev", config: free },
        { title: "a fleet of two", stack: "dev", config: fleet },
    ];
}
