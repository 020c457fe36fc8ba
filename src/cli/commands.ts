/**
 * The CLI's entry: finds the command in the declarations (commandTable.ts),
 * parses the line against its flags, prints --help, and runs it. A command
 * opens the workbook with the xlsx adapter, reaches the app through the
 * command map (src/app/commands), prints, and saves atomically only when
 * something changed and there were no errors. A refusal a write throws
 * (another user's write lock, rows moved) is printed as its issue, exit 1.
 *
 * Example: runCli(["tb", "demo.xlsx", "--period", "2026-03"], consoleOut) → 0
 */
import { isCommandRefused } from "../app/commands";
import { systemClock } from "../ports/clock";
import { type CliDeps, fileRefusal, releaseLocks, UsageError } from "./cliSupport";
import { COMMANDS } from "./commandTable";
import { checkFlags, commandList, parseCommandLine } from "./declare";
import { mainHelp } from "./help";
import { printIssues, type Out } from "./output";

export type { CliDeps } from "./cliSupport";

export const MAIN_HELP = mainHelp(commandList(COMMANDS));

export async function runCli(
  argv: readonly string[],
  out: Out,
  deps: CliDeps = { clock: systemClock },
): Promise<number> {
  const { command, unknown, positionals, options } = parseCommandLine(argv, COMMANDS);
  if (unknown) {
    out.error(`Unknown command "${unknown}".\n\n${MAIN_HELP}`);
    return 2;
  }
  if (!command) {
    out.log(MAIN_HELP);
    return positionals[0] === "help" || options.help ? 0 : 2;
  }
  if (options.help) {
    out.log(command.help);
    return 0;
  }
  const [, file = "", ...rest] = positionals;
  try {
    checkFlags(command, options);
    if (command.operand === "FILE" && !file) throw new UsageError("FILE is missing");
    return await command.run({
      file,
      rest: command.operand === "FILE" ? rest : positionals.slice(1),
      options,
      out,
      deps,
    });
  } catch (e) {
    if (e instanceof UsageError) {
      out.error(`${e.message}\n\n${command.help}`);
      return 2;
    }
    if (isCommandRefused(e)) {
      printIssues(out, e.issues);
      out.error("Nothing was written.");
      return 1;
    }
    const refused = fileRefusal(e);
    if (refused) {
      out.error(refused);
      return 1;
    }
    throw e;
  } finally {
    await releaseLocks();
  }
}
