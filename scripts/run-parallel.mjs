/**
 * Runs npm scripts at the same time and fails when any of them fails (after all have finished).
 * `npm test` uses it for the type-check, the lint and Prettier's check: each is one process on one core, so side
 * by side on two cores they take about the longest one's time instead of the sum. Cold CPU seconds (measured on a
 * busy machine, load ~15-20): tsc 49; eslint 94 with the type-checked rules on src/ (33 without; 115 with them on
 * test/ too); prettier 36. Warm (caches in node_modules/.cache/closebook, nothing changed): eslint 3, prettier 4;
 * one changed src/ file costs eslint a type-checked program again, about 19.
 *
 * Example: `node scripts/run-parallel.mjs typecheck lint format:check` → exit 0 when all passed, else the first
 * failure's code.
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
