/**
 * Runs npm scripts at the same time and fails when any of them fails (after all have finished).
 * `npm test` uses it for the type-check and the lint: each is one process on one core, so side by side
 * they take the longer one's time instead of the sum (cold: tsc about 45 s, eslint about 35 s of CPU).
 *
 * Example: `node scripts/run-parallel.mjs typecheck lint` → exit 0 when both passed, else the first failure's code.
 */
import { spawn } from "node:child_process";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: node scripts/run-parallel.mjs SCRIPT...");
  process.exit(2);
}
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const codes = await Promise.all(
  names.map(
    (name) =>
      new Promise((done) => {
        const child = spawn(npm, ["run", name], { stdio: "inherit", shell: process.platform === "win32" });
        child.on("error", (e) => {
          console.error(`${name}: ${e.message}`);
          done(1);
        });
        child.on("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
      }),
  ),
);
const failed = names.filter((_, i) => codes[i] !== 0);
if (failed.length > 0) console.error(`failed: ${failed.join(", ")}`);
process.exit(codes.find((c) => c !== 0) ?? 0);
