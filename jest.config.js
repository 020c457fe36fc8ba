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
  // "A worker process has failed to exit gracefully": no open handle (--detectOpenHandles finds none); a worker
  // ends holding a heap of up to 1.2 GB and freeing it takes the process longer than jest's 500 ms under load
  // (a child with an 800 MB heap took 0.8 s to exit at load 28, 6 s at 2 GB). A leak still shows after 5 s.
  workerGracefulExitTimeout: 5000,
  // the demo fixtures' source hash, once per run (test/support/demoFixture.ts builds each demo once per version)
  globalSetup: "<rootDir>/test/support/globalSetup.ts",
  reporters: ["default", "<rootDir>/test/support/summaryReporter.js"],
};
