/**
 * A CLI command declared once: its name, operand, one-line summary, its flags
 * with their types, its --help text and the function that runs it (which
 * reaches the app only through the command map, src/app/commands). The
 * command line is parsed against the command's own flags, the command list of
 * `closebook --help` is made from the summaries, and an unknown flag is a
 * usage error naming it.
 *
 * Example: { name: "trace", operand: "FILE", summary: "print the calculation trace…",
 *            flags: { run: "text" }, help: HELP.trace, run: (c) => traceCommand(c.file, c.options, c.out) }
 *   parseCommandLine(["trace", "b.xlsx", "--run", "RUN-1"], COMMANDS) → { command: trace, options: { run: "RUN-1" } }
 */
import { parseArgs } from "./args";
import { type CliDeps, type Options, UsageError } from "./cliSupport";
import type { Out } from "./output";

/** text: takes a value; switch: takes none; integer: a whole number; a list: one of these values */
export type FlagType = "text" | "switch" | "integer" | readonly [string, ...string[]];

export interface Invocation {
  /** the workbook file (positional after the command); "" for a command without operand */
  readonly file: string;
  /** positionals after FILE (import's DATA.csv, consolidate's packages) */
  readonly rest: readonly string[];
  readonly options: Options;
  readonly out: Out;
  readonly deps: CliDeps;
}

export interface CliCommand {
  readonly name: string;
  /** what follows the name: FILE (required) or nothing (preview) */
  readonly operand: "FILE" | "";
  /** one line in `closebook --help` */
  readonly summary: string;
  readonly flags: Readonly<Record<string, FlagType>>;
  /** the whole `closebook <name> --help` text */
  readonly help: string;
  run(call: Invocation): Promise<number>;
}

export interface CommandLine {
  readonly command?: CliCommand;
  /** the first positional, when it names no command */
  readonly unknown?: string;
  readonly positionals: string[];
  readonly options: Options;
}

/**
 * Finds the command (the first positional), then parses the whole line against
 * its own flags: a switch never takes the next word as its value.
 */
export function parseCommandLine(argv: readonly string[], commands: readonly CliCommand[]): CommandLine {
  const first = parseArgs(argv, new Set(commands.flatMap((c) => switches(c)).concat("help")));
  const name = first.positionals[0];
  const command = commands.find((c) => c.name === name);
  if (!command) return { ...first, ...(name && name !== "help" ? { unknown: name } : {}) };
  const { positionals, options } = parseArgs(argv, new Set([...switches(command), "help"]));
  return { command, positionals, options };
}

/** Usage errors of the flags given: a flag the command does not declare, an integer flag that is not a whole number. */
export function checkFlags(command: CliCommand, options: Options): void {
  for (const [key, value] of Object.entries(options)) {
    if (key === "help") continue;
    const type = command.flags[key];
    if (!type) throw new UsageError(`--${key} is not an option of closebook ${command.name}`);
    if (type === "integer" && value !== true && !Number.isInteger(Number(value)))
      throw new UsageError(`--${key} must be a whole number`);
    if (typeof type !== "string" && !type.includes(String(value)))
      throw new UsageError(`--${key} must be ${type.slice(0, -1).join(", ")} or ${type[type.length - 1]}`);
  }
}

function switches(c: CliCommand): string[] {
  return Object.entries(c.flags)
    .filter(([, t]) => t === "switch")
    .map(([k]) => k);
}

/** The command list of `closebook --help`: "  name FILE        summary", in declaration order. */
export function commandList(commands: readonly CliCommand[]): string {
  return commands
    .map((c) => {
      const head = c.operand ? `${c.name} ${c.operand}` : c.name;
      return `  ${head.padEnd(16)} ${c.summary}`;
    })
    .join("\n");
}
