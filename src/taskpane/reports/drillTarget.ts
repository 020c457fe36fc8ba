/**
 * Which figure a selected report cell is, read from the sheet as the app
 * writes it: the account from the column headed "Account" (the trial balance)
 * or from the label "    4000 Product sales" (the statements); the figure from
 * the nearest heading above the selected column (Opening, Debit, Credit,
 * Closing; Period, Year to date, Same period last year; a balance sheet's date);
 * the range from the title or subtitle ("… 2026-03-01 to 2026-03-31",
 * "Period … · year to date from … · same period last year … to …", "As of …").
 * Columns between "Name" and the amounts of a trial balance split by
 * dimension become a dimension filter. Columns are found by heading, never
 * by position, so a report gaining a column (Variance %) still reads.
 *
 * Example: head ["Co — Trial balance 2026-03-01 to 2026-03-31 (USD)"], [], ["Account", "Name", "Opening", "Debit", …];
 *   selected row ["1000", "Cash", 500, 50, 120, 430], column 3
 *   → { account: "1000", from: "2026-03-01", to: "2026-03-31", figure: "debit", heading: "Debit", value: 50 }
 */
import type { DrillFigure } from "../../core/drilldown/ledgerLines";
import { textOf } from "../../core/text/textOf";

export interface SelectedReportCell {
  readonly sheet: string;
  /** "'Trial balance'!D7", when the host gives it */
  readonly address?: string;
  /** 0-based sheet row and column */
  readonly row: number;
  readonly column: number;
  /** the sheet's first rows (through the selected row) */
  readonly head: readonly (readonly unknown[])[];
  /** the selected row */
  readonly values: readonly unknown[];
}

export interface DrillTarget {
  readonly account: string;
  readonly from: string;
  readonly to: string;
  readonly figure: DrillFigure;
  /** "Department=SALES" for a trial balance split by dimension */
  readonly dimension?: string;
  /** the selected column's heading ("Debit", "Period", "2026-12-31") */
  readonly heading: string;
  /** the selected cell's number, when it holds one */
  readonly value?: number;
}

const ISO = /\d{4}-\d{2}-\d{2}/;
const text = (v: unknown): string => textOf(v).trim();

/** Excel 1900-system serial → ISO date (a heading Excel turned into a date). */
function serialDate(v: unknown): string | undefined {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 1) return undefined;
  return new Date(Date.UTC(1899, 11, 30) + Math.floor(v) * 86_400_000).toISOString().slice(0, 10);
}

export function drillTarget(cell: SelectedReportCell): DrillTarget | { readonly problem: string } {
  const above = cell.head.slice(0, cell.row);
  const col = cell.column;
  // the heading row of the selected column: the nearest row above with text (or a date) in that column
  let headRow: readonly unknown[] | undefined;
  for (let r = above.length - 1; r >= 0 && !headRow; r--) {
    const v = above[r]![col];
    if ((typeof v === "string" && v.trim() !== "") || serialDate(v) !== undefined) headRow = above[r];
  }
  // the trial balance: a heading row with "Account"
  const tbHead = [...above].reverse().find((r) => r.some((v) => text(v).toLowerCase() === "account"));
  if (tbHead) headRow = tbHead;
  const heading = headRow ? (serialDate(headRow[col]) ?? text(headRow[col])) : "";
  const texts = above.flatMap((r) => r.filter((v): v is string => typeof v === "string"));
  const value = typeof cell.values[col] === "number" ? cell.values[col] : undefined;
  let account: string;
  let dimension: string | undefined;
  if (tbHead) {
    const heads = tbHead.map((v) => text(v).toLowerCase());
    account = text(cell.values[heads.indexOf("account")]);
    const name = heads.indexOf("name");
    const firstAmount = heads.findIndex((h) => ["currency", "balance (currency)", "opening"].includes(h));
    if (name >= 0 && firstAmount > name + 1)
      dimension = tbHead
        .slice(name + 1, firstAmount)
        .map((d, i) => `${text(d)}=${text(cell.values[name + 1 + i])}`)
        .join(";");
  } else {
    account = /^\s*(\d[\w.-]*)\s/.exec(text(cell.values[0]) + " ")?.[1] ?? "";
  }
  if (account === "" || !/\d/.test(account) || account.toLowerCase() === "total")
    return { problem: "The selected row is not an account's row: select a figure on an account's line." };

  const h = heading.toLowerCase();
  const base = { account, heading, ...(value !== undefined ? { value } : {}), ...(dimension ? { dimension } : {}) };
  const tbRange = texts.map((t) => /(\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/.exec(t)).find(Boolean);
  const tbFigures: Record<string, DrillFigure> = {
    opening: "opening",
    debit: "debit",
    credit: "credit",
    closing: "closing",
  };
  if (tbHead) {
    if (!tbRange) return { problem: "The sheet's title names no date range (… 2026-03-01 to 2026-03-31)." };
    const figure = tbFigures[h] ?? (h === "balance (currency)" ? "closing" : "movement");
    return { ...base, from: tbRange[1]!, to: tbRange[2]!, figure };
  }
  const find = (re: RegExp) => texts.map((t) => re.exec(t)).find(Boolean);
  if (h === "period") {
    const m = find(/Period (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/);
    if (m) return { ...base, from: m[1]!, to: m[2]!, figure: "movement" };
  }
  if (h === "year to date") {
    const start = find(/year to date from (\d{4}-\d{2}-\d{2})/);
    const end = find(/Period \d{4}-\d{2}-\d{2} to (\d{4}-\d{2}-\d{2})/);
    if (start && end) return { ...base, from: start[1]!, to: end[1]!, figure: "movement" };
  }
  if (h === "same period last year") {
    const m = find(/same period last year (\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})/);
    if (m) return { ...base, from: m[1]!, to: m[2]!, figure: "movement" };
  }
  if (ISO.test(h) && h.length === 10) return { ...base, from: h, to: h, figure: "closing" };
  if (h.startsWith("variance"))
    return { problem: "A variance is the difference of two figures: select the period's or last year's figure." };
  return { problem: "Select a figure (a number under a column heading) on a trial balance or statement sheet." };
}
