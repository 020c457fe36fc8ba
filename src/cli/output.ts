/**
 * How the CLI prints issues: errors and warnings one per line with their
 * location, then a count. Returns the exit code the issues imply.
 *
 * Example: "error   tblJournal row 4, Account: Account 9999 does not exist ... [UNKNOWN_ACCOUNT]"
 */
import { formatIssue, type Issue } from "../core/issues/issue";

export interface Out {
  log(text: string): void;
  error(text: string): void;
}

export const consoleOut: Out = {
  log: (t) => process.stdout.write(`${t}\n`),
  error: (t) => process.stderr.write(`${t}\n`),
};

export function printIssues(out: Out, issues: readonly Issue[], limit = 200): number {
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  const infos = issues.filter((i) => i.severity === "info");
  const shown = [...errors, ...warnings, ...infos].slice(0, limit);
  for (const i of shown) out.error(formatIssue(i));
  if (issues.length > shown.length) out.error(`… and ${issues.length - shown.length} more`);
  if (errors.length || warnings.length) out.error(`${errors.length} error(s), ${warnings.length} warning(s)`);
  return errors.length ? 1 : 0;
}
