/**
 * A settings import checked before it writes (importSettings.ts): the settings table as it would be after the
 * import, and the workbook's problems then that it has not today, a problem of the settings table placed at the
 * file's row that caused it.
 *
 * Example: settings.csv "Setting,Value" then "Rounding account,9999" (no account 9999 in the chart): the merged
 * book has a new UNKNOWN_ACCOUNT at the setting's tblSettings row → reported at settings.csv row 1.
 */
import type { Issue } from "../core/issues/issue";
import { validateSetup } from "../core/setup/validateSetup";
import type { CellValue, RawTable } from "../ports/workbook";
import { decodeBook } from "../schema/bookCodec";
import type { SettingKey } from "../schema/settingsKeys";
import { SETTINGS } from "../schema/tables";
import { columnIndex } from "../schema/typedCells";
import type { Session } from "./operation";

export interface Change {
  readonly key: SettingKey;
  readonly csvRow: number;
  /** 1-based row in tblSettings; undefined when the setting is added */
  readonly row: number | undefined;
  readonly oldValue: CellValue;
  readonly newValue: CellValue;
}

export interface Merged {
  /** the settings table as it would be after the import */
  readonly table: RawTable;
  /** the rows the import appends, one per added setting */
  readonly newRows: CellValue[][];
  /** the changes that add a setting, in the order of newRows */
  readonly added: readonly Change[];
  /** the settings table's rows before the import */
  readonly base: number;
}

export function mergeSettings(existing: RawTable, changes: readonly Change[]): Merged {
  const [labelCol, valueCol] = [columnIndex(SETTINGS, existing, "setting"), columnIndex(SETTINGS, existing, "value")];
  const added = changes.filter((c) => c.row === undefined);
  const descriptionCol = columnIndex(SETTINGS, existing, "description");
  const newRows = added.map((c) =>
    existing.headers.map((_, i) =>
      i === labelCol ? c.key.label : i === valueCol ? c.newValue : i === descriptionCol ? c.key.description : null,
    ),
  );
  const rows = existing.rows.map((r, i) => {
    const c = changes.find((x) => x.row === i + 1);
    return c ? r.map((v, j) => (j === valueCol ? c.newValue : v)) : r;
  });
  return { table: { ...existing, rows: [...rows, ...newRows] }, newRows, added, base: existing.rows.length };
}

/** The workbook validated as it would be after the import: the problems it has not today, a settings one placed in the file. */
export function newProblems(
  raw: Session["loaded"]["raw"],
  merged: Merged,
  changes: readonly Change[],
  file: string,
): Issue[] {
  const { base } = merged;
  const csvRowOf = (row: number | undefined, message: string): number | undefined => {
    const c =
      row !== undefined
        ? row > base
          ? merged.added[row - base - 1]
          : changes.find((x) => x.row === row)
        : changes.find((x) => message.toLowerCase().includes(x.key.label.toLowerCase()));
    return c?.csvRow;
  };
  const key = (i: Issue) => `${i.code}|${i.message}`;
  const before = decodeBook((n) => raw.get(n));
  const beforeKeys = new Set([...before.issues, ...validateSetup(before.book.setup)].map(key));
  const after = decodeBook((n) => (n === SETTINGS.name ? merged.table : raw.get(n)));
  const issues: Issue[] = [];
  for (const i of [...after.issues, ...validateSetup(after.book.setup)]) {
    if (beforeKeys.has(key(i))) continue;
    if (i.at?.table !== SETTINGS.name) {
      issues.push(i);
      continue;
    }
    const csvRow = csvRowOf(i.at.row, i.message);
    issues.push({
      ...i,
      at: {
        table: file,
        ...(csvRow !== undefined ? { row: csvRow } : {}),
        ...(i.at.column ? { column: i.at.column } : {}),
      },
    });
  }
  return issues;
}
