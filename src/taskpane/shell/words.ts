/**
 * The words an accountant reads in the pane, in one place: counts with their
 * plural, amounts with thousand separators and their currency, a calculation
 * trace as a sentence with account names, an issue's location as Excel shows
 * it (sheet, cell, row on the sheet) and its internal code kept for a details
 * line. Pure: strings in, strings out (amounts are kept as the decimal text
 * core wrote; no floats).
 *
 * Example: plural(1, "voucher") → "1 voucher"; plural(1234, "line") → "1,234 lines"
 *          grouped("-48253.66") → "-48,253.66"; money("730316.04", "EUR") → "EUR 730,316.04"
 *          readableFormula("48253.66 + -48253.66") → "48,253.66 − 48,253.66"
 *          traceSentence({ key: "1010 · EUR", formula: "round(730316.04 × 1.063021) − 780506.63 = 776341.29 − 780506.63", result: "-4165.34 USD" }, names)
 *            → "1010 Bank EUR · EUR: round(730,316.04 × 1.063021) − 780,506.63 = 776,341.29 − 780,506.63 → USD -4,165.34"
 *          excelLocation({ table: "tblJournal", row: 594, column: "Account" }) → "Journal!D595 (row 595 on the sheet, Account)"
 */
import type { IssueLocation } from "../../core/issues/issue";
import { tableByName } from "../../schema/tables";
import { resolveColumns } from "../../schema/defineTable";

/** "1 voucher", "2 vouchers", "1,234 ledger lines" (the core's count, under the pane's name) */
export { count as plural } from "../../core/text/count";

/** Thousand separators in a decimal text, sign and decimals kept: "-1234567.5" → "-1,234,567.5"; text that is not a number is returned as it is. */
export function grouped(decimal: string): string {
  const m = /^([-+]?)(\d+)(\.\d+)?$/.exec(decimal.trim());
  if (!m) return decimal;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/** "EUR 730,316.04"; the currency code first, as on a bank statement */
export function money(decimal: string, currency: string): string {
  return currency ? `${currency} ${grouped(decimal)}` : grouped(decimal);
}

const NUMBER = /(?<![\w.-])-?\d+(?:\.\d+)?(?![\w.-])/g;

/**
 * A formula with numbers filled in, as a person writes it: thousand separators, and a negative
 * number after + or − folded into the sign ("a + -b" → "a − b", "a − -b" → "a + b"). Numbers inside
 * words (account 1010 in "1010 · EUR" is left to the key) are grouped too; years in dates are not.
 */
export function readableFormula(formula: string): string {
  const signs = formula.replace(/([+−-])\s+-(?=\d)/g, (_, op: string) => (op === "+" ? "− " : "+ "));
  return signs.replace(NUMBER, (n, at: number, all: string) =>
    /\d{4}-\d\d-\d\d/.test(all.slice(Math.max(0, at - 8), at + n.length + 6)) ? n : grouped(n),
  );
}

const NOUNS =
  "voucher|ledger line|draft line|line|settlement|finding|accrual|accrual reversal|adjustment voucher|other adjustment|row|rule";
const ONE = new RegExp(`(^|[^\\d.,])1 (${NOUNS})s\\b`, "g");

/**
 * A step's summary from the app layer made readable: numbers grouped (readableFormula) and "1 vouchers"
 * said as "1 voucher". Example: "posted 1 vouchers (1200 lines) as RUN-000004" → "posted 1 voucher (1,200 lines) as RUN-000004"
 */
export function readableSummary(text: string): string {
  return readableFormula(text).replace(ONE, "$11 $2");
}

/** "1010 · EUR" → "1010 Bank EUR · EUR" when the key starts with a known account number */
export function namedKey(key: string, accountNames: ReadonlyMap<string, string>): string {
  const m = /^(\S+)(.*)$/.exec(key);
  const name = m ? accountNames.get(m[1]!) : undefined;
  return name ? `${m![1]} ${name}${m![2]}` : key;
}

/** "-4165.34 USD" → "USD -4,165.34"; any other result readable as a formula */
export function readableResult(result: string): string {
  const m = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(result.trim());
  return m ? money(m[1]!, m[2]!) : readableFormula(result);
}

export interface TraceLike {
  readonly key: string;
  readonly formula: string;
  readonly result: string;
}

/** One trace row as one sentence: "<account and name · what>: <formula> → <result>" */
export function traceSentence(t: TraceLike, accountNames: ReadonlyMap<string, string>): string {
  return `${namedKey(t.key, accountNames)}: ${readableFormula(t.formula)} → ${readableResult(t.result)}`;
}

/** The one label of a period, in every tab's "Period" list: "2026-11 · November 2026 (Open)" */
export function periodLabel(p: { readonly id: string; readonly name: string; readonly status: string }): string {
  return `${p.id} · ${p.name} (${p.status})`;
}

/** "A", …, "Z", "AA", … for a 1-based column number */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Where a table sits on its sheet: the sheet name, its header row, its headers (dimension columns included). */
export interface TableLayout {
  readonly sheet: string;
  readonly headers: readonly string[];
  /** the sheet row of the header (1 when the table starts at A1) */
  readonly headerRow?: number;
  /** the sheet column of the table's first column (1 = A) */
  readonly firstColumn?: number;
  /** only the first this many headers are known to sit where listed (columns after unknown dimension columns get no letter) */
  readonly known?: number;
}

/**
 * The layout the schema declares (header on row 1 from column A), with the workbook's dimension columns;
 * dimensions not given: the columns after the dimensions' place are named without a letter.
 */
export function declaredLayout(table: string, dimensions?: readonly string[]): TableLayout | undefined {
  const def = tableByName(table);
  if (!def) return undefined;
  const headers = resolveColumns(def, dimensions ?? []).map((c) => c.header);
  const after =
    def.dimensionsAfter && dimensions === undefined ? def.columns.findIndex((c) => c.key === def.dimensionsAfter) : -1;
  return { sheet: def.sheet, headers, ...(after >= 0 ? { known: after + 1 } : {}) };
}

/**
 * An issue's location as Excel shows it: "Journal!C595 (row 595 on the sheet, Account)" — data row N
 * sits on sheet row N + the header's row. Without a row: "sheet Journal, column Account"; an unknown
 * table keeps its name.
 */
export function excelLocation(
  at: IssueLocation | undefined,
  layout: TableLayout | undefined = at ? declaredLayout(at.table) : undefined,
): string {
  if (!at) return "";
  const voucher = at.voucher ? `, voucher ${at.voucher}` : "";
  if (!layout)
    return `${at.table}${at.row !== undefined ? ` row ${at.row}` : ""}${at.column ? `, ${at.column}` : ""}${voucher}`;
  const sheet = /^[A-Za-z_][\w.]*$/.test(layout.sheet) ? layout.sheet : `'${layout.sheet.replace(/'/g, "''")}'`;
  const c = at.column ? layout.headers.findIndex((h) => h.toLowerCase() === at.column!.toLowerCase()) : -1;
  if (at.row === undefined) return `sheet ${layout.sheet}${at.column ? `, column ${at.column}` : ""}${voucher}`;
  const row = at.row + (layout.headerRow ?? 1);
  if (c < 0 || c >= (layout.known ?? Infinity))
    return `sheet ${layout.sheet}, row ${row}${at.column ? `, ${at.column}` : ""}${voucher}`;
  return `${sheet}!${columnLetter(c + (layout.firstColumn ?? 1))}${row} (row ${row} on the sheet, ${layout.headers[c]}${voucher})`;
}

/** The details line under an issue: its internal code and the table row it names, for support. */
export function issueDetails(code: string, at: IssueLocation | undefined): string {
  return `Details: ${code}${at ? ` · ${at.table}${at.row !== undefined ? ` data row ${at.row}` : ""}` : ""}`;
}
