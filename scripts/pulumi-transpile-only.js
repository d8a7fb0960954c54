// Preloaded by `pulumi` (Pulumi.yaml runtime.options.nodeargs) before its
// runner reads PULUMI_NODEJS_TRANSPILE_ONLY, so ts-node only transpiles.
// Type checking is `npm test`'s job (tsc --noEmit), which CI runs before any
// preview; PULUMI_NODEJS_TRANSPILE_ONLY=false turns Pulumi's own check back on.
// Measured in docs/startup-mode.md.
process.env.PULUMI_NODEJS_TRANSPILE_ONLY ??= "true";
