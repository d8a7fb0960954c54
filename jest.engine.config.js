/** @type {import('jest').Config} */
// `npm run test:engine`: the real Pulumi CLI (engine/build.sh) against the
// GitLab API stand-in and the provider double. Each file gets its own
// workspace, PULUMI_HOME and backend, so files run side by side.
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test/engine"],
    testMatch: ["**/*.engine.test.ts"],
    transform: { "^.+\\.ts$": "ts-jest" },
    testTimeout: 10 * 60 * 1000,
    maxWorkers: 2,
};
