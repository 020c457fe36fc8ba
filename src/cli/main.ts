/** Entry point of the `closebook` command (bundled to dist-cli/closebook.js). */
import { runCli } from "./commands";
import { consoleOut } from "./output";

runCli(process.argv.slice(2), consoleOut).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`closebook: unexpected failure: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
