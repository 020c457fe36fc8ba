/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.(t|j)sx?$|^.+\\.mjs$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", tsx: true },
          transform: { react: { runtime: "automatic" } },
          target: "es2022",
        },
      },
    ],
  },
  transformIgnorePatterns: ["/node_modules/(?!(rettime|@open-draft/deferred-promise|until-async)/)"],
  testTimeout: 60000,
  // jest's default is one worker fewer than the cores: on a 2-core machine one worker, half the machine idle
  maxWorkers: "100%",
  // the demo fixtures' source hash, once per run (test/support/demoFixture.ts builds each demo once per version)
  globalSetup: "<rootDir>/test/support/globalSetup.ts",
  reporters: ["default", "<rootDir>/test/support/summaryReporter.js"],
};
