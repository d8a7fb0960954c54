/** @type {import('jest').Config} */
module.exports = {
    testEnvironment: "node",
    roots: ["<rootDir>/test"],
    testMatch: ["**/*.test.ts"],
    // The engine suite runs the real CLI: `npm run test:engine` (jest.engine.config.js).
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/engine/"],
    // Type checking runs once, in `tsc --noEmit`; with isolatedModules in
    // tsconfig.json, ts-jest only transpiles, file by file.
    transform: { "^.+\\.ts$": "ts-jest" },
    testTimeout: 20000,
    // jest's default leaves a core idle on a 2-core runner; suites are independent.
    maxWorkers: "100%",
};
