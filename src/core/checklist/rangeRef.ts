/**
 * A reconciliation's supporting balance read from a sheet range: the reference parsed
 * ("Bank!B2:B40", "'Bank EUR'!$B$2:$B$40", a single cell "Bank!B7") and the sum of the range's
 * numeric cells. Empty cells are skipped; a text, date, boolean or error cell is an issue naming
 * the cell (the total would silently leave it out otherwise).
 *
 * Example: parseSheetRange("Bank!B2:B4") → { sheet: "Bank", address: "B2:B4", block: { row: 2, column: 2, rows: 3, columns: 1 } }
 *   sumRange(ref, [[60], [null], [49.5]]) → { sum: 109.50, issues: [] }
 *   sumRange(ref, [[60], ["n/a"], [49.5]]) → issue BAD_CELL "Bank!B3 holds the text "n/a", not an amount …"
 */
import { issue, type Issue } from "../issues/issue";
import { Amount } from "../money";

export interface SheetRange {
  readonly sheet: string;
  /** the address without $ signs, top-left first: "B2:B40" */
  readonly address: string;
  readonly block: { readonly row: number; readonly column: number; readonly rows: number; readonly columns: number };
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
/** a supporting balance is a column of a statement, not a whole sheet */
export const MAX_RANGE_CELLS = 100_000;

export function columnLetters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function cell(a: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(a.trim());
  if (!m) return undefined;
  const column = [...m[1]!.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const row = Number(m[2]);
  return row >= 1 && row <= MAX_ROWS && column <= MAX_COLUMNS ? { row, column } : undefined;
}

/** "Sheet!A1:B9" (quoted 'Sheet name'!A1 too), or a sentence saying what is wrong. */
export function parseSheetRange(ref: string): SheetRange | string {
  const m = /^\s*(?:'((?:[^']|'')+)'|([^!']+))!([^!]+)$/.exec(ref);
  if (!m) return `"${ref}" is not a sheet range such as Bank!B2:B40 (or a table column such as tblBank[Amount])`;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!.trim();
  const parts = m[3]!.trim().split(":");
  const a = cell(parts[0] ?? "");
  const b = parts.length === 2 ? cell(parts[1]!) : parts.length === 1 ? a : undefined;
  if (!sheet || !a || !b)
    return `"${m[3]!.trim()}" is not a cell range of sheet ${sheet || "(none)"} (A1 or A1:B9, at most ${columnLetters(MAX_COLUMNS)}${MAX_ROWS})`;
  const top = Math.min(a.row, b.row);
  const left = Math.min(a.column, b.column);
  const rows = Math.abs(a.row - b.row) + 1;
  const columns = Math.abs(a.column - b.column) + 1;
  if (rows * columns > MAX_RANGE_CELLS)
    return `${sheet}!${m[3]!.trim()} holds ${rows * columns} cells; a supporting balance reads at most ${MAX_RANGE_CELLS}`;
  const tl = `${columnLetters(left)}${top}`;
  const br = `${columnLetters(left + columns - 1)}${top + rows - 1}`;
  return {
    sheet,
    address: rows * columns === 1 ? tl : `${tl}:${br}`,
    block: { row: top, column: left, rows, columns },
  };
}

type Cell = string | number | boolean | Date | { readonly error: string } | null | undefined;

/** The sum of the numeric cells; every other non-empty cell an issue at `at` naming the cell. */
export function sumRange(
  ref: SheetRange,
  cells: readonly (readonly Cell[])[],
  at: { table: string; column: string },
): { sum: Amount; issues: Issue[] } {
  let sum = Amount.ZERO;
  const issues: Issue[] = [];
  const quoted = /^[A-Za-z_][\w.]*$/.test(ref.sheet) ? ref.sheet : `'${ref.sheet.replace(/'/g, "''")}'`;
  cells.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null || v === undefined || v === "") return;
      const name = `${quoted}!${columnLetters(ref.block.column + j)}${ref.block.row + i}`;
      const amount = typeof v === "number" ? Amount.fromNumber(v) : undefined;
      if (amount) {
        sum = sum.plus(amount);
        return;
      }
      const what =
        typeof v === "string"
          ? `the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`
          : v instanceof Date
            ? `the date ${v.toISOString().slice(0, 10)}`
            : typeof v === "boolean"
              ? `the value ${v ? "TRUE" : "FALSE"}`
              : typeof v === "object" && "error" in v
                ? `the error value ${v.error}`
                : `the number ${String(v)}`;
      issues.push(
        issue(
          "BAD_CELL",
          `${name} holds ${what}, not an amount; the supporting balance sums the numbers of ${quoted}!${ref.address} — clear the cell or choose a range of amounts only.`,
          at,
        ),
      );
    }),
  );
  return { sum, issues };
}
