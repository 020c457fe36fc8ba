/**
 * Minimal argument parsing for the CLI: positionals, --flag, --key value,
 * --key=value. Unknown flags are reported, not ignored.
 *
 * Example: parseArgs(["tb", "book.xlsx", "--period", "2026-03", "--format=csv"])
 *   → { positionals: ["tb", "book.xlsx"], options: { period: "2026-03", format: "csv" } }
 */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Record<string, string | true>;
}

export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-h") {
      options.help = true;
      continue;
    }
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (eq > 0) options[key] = a.slice(eq + 1);
    else if (booleanFlags.has(key)) options[key] = true;
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) options[key] = true;
      else {
        options[key] = next;
        i++;
      }
    }
  }
  return { positionals, options };
}
