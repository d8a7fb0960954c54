/** A small valid stack config to vary in tests; a fresh copy each call. */
export function baseConfig(): Record<string, any> {
    return {
        environment: "dev",
        tier: "premium",
        defaults: { namespace: "acme-ml/models" },
        repositories: [
            {
                name: "Churn Model",
                approvalRules: [{ name: "ML leads", approvalsRequired: 1, users: ["priya.raman", "marcus.chen", "elena.petrova"] }],
            },
        ],
    };
}
