import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

// The only place the pack is constructed: PolicyPack starts the analyzer
// server the Pulumi CLI talks to, so nothing else (tests included) imports this file.
new PolicyPack("gitlab-model-governance", {
    description: "Guards GitLab model repositories: enough approvals, no self-approval, no force push, code owners enforced, production projects protected.",
    displayName: "GitLab model repository governance",
    provider: "gitlab",
    tags: ["gitlab", "governance", "ml"],
    // Each policy sets its own level; this only covers a policy added without one.
    enforcementLevel: "mandatory",
    policies,
});
