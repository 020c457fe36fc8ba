/** Entry point of the `closebook` command (bundled to dist-cli/closebook.js). */
import { installSha256 } from "../core/crypto/hashing";
import { runCli } from "./commands";
import { nodeSha256 } from "./nodeSha256";
import { consoleOut } from "./output";

installSha256(nodeSha256); // the seal and audit chain hash with node:crypto (the core's reference is pure TS)

// a reader that stops early (`closebook tb … | head`) is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

runCli(process.argv.slice(2), consoleOut).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`closebook: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    // for a bug report: CLOSEBOOK_DEBUG=1 adds where it failed (users see the one line above)
    if (process.env.CLOSEBOOK_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 3;
  },
);
