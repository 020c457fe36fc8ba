/**
 * Issues: problems found in data, reported as data, never thrown. Each names
 * where it is, so the task pane can select the cell and the CLI can print it.
 *
 * Example: { code: "UNKNOWN_ACCOUNT", severity: "error",
 *            message: "Account 9999 does not exist in the chart of accounts.",
 *            at: { table: "tblJournal", row: 4, column: "Account" } }
 *   prints as  "error tblJournal row 4, Account: Account 9999 does not exist ..."
 */
import { ISSUE_CODES, type IssueCode, type IssueCodeInfo } from "./codes";

export type { IssueCode } from "./codes";
export type Severity = "error" | "warning" | "info";

export interface IssueLocation {
  readonly table: string;
  /** 1-based data row within the table (header excluded) */
  readonly row?: number;
  readonly column?: string;
  readonly voucher?: string;
}

export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly message: string;
  readonly at?: IssueLocation;
}

/** An issue; its severity defaults to the code's (`ISSUE_CODES`). */
export function issue(
  code: IssueCode,
  message: string,
  at?: IssueLocation,
  // (a code from outside the union, e.g. read back from JSON, is an error)
  severity: Severity = (ISSUE_CODES[code] as IssueCodeInfo | undefined)?.severity ?? "error",
): Issue {
  return at ? { code, severity, message, at } : { code, severity, message };
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

export function formatLocation(at: IssueLocation | undefined): string {
  if (!at) return "";
  const parts = [at.table];
  if (at.row !== undefined) parts.push(`row ${at.row}`);
  const where = parts.join(" ");
  const col = at.column ? `, ${at.column}` : "";
  const voucher = at.voucher ? ` (voucher ${at.voucher})` : "";
  return `${where}${col}${voucher}`;
}

export function formatIssue(i: Issue): string {
  const loc = formatLocation(i.at);
  return `${i.severity.padEnd(7)} ${loc ? `${loc}: ` : ""}${i.message} [${i.code}]`;
}
