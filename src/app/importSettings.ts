/**
 * Use case: import settings from a CSV (Setting, Value; Description is
 * ignored). An upsert by the setting's name: a setting already in tblSettings
 * gets its Value cell changed, a missing one is added; a row that holds the
 * current value changes nothing. Every value is decoded like the workbook's
 * own, and the workbook is validated as it would be after the import (an
 * account or currency named by a setting must exist); all or nothing. Each
 * change is audited with its old and new value, as a run whose recorded old
 * values let recovery undo an interrupted write.
 *
 * Example: settings.csv
 *   Setting,Value
 *   Rounding account,6900
 *   Rounding mode,halfEven
 * → tblSettings "Rounding account" 6910 → 6900 and "Rounding mode" halfAwayFromZero
 *   → halfEven; audit rows ("setting", "Rounding account", old "6910", new "6900").
 */
import { draft } from "../core/audit/auditChain";
import { sha256Hex } from "../core/crypto/sha256";
import { hasErrors, issue, type Issue } from "../core/issues/issue";
import { textOf } from "../core/text/textOf";
import type { CellUpdate, CellValue, RawTable } from "../ports/workbook";
import { decodeCell, encodeCell } from "../schema/cells";
import { normalizeHeader } from "../schema/decodeTable";
import { SETTING_KEYS, type SettingKey } from "../schema/settingsKeys";
import { SETTINGS } from "../schema/tables";
import type { ImportOptions, ImportResult } from "./importCsv";
import { LOCK_GOVERNED_SETTINGS, refuseLockedImport, unknownColumn } from "./importRefusal";
import type { Session } from "./operation";
import { writeRun } from "./runRitual";
import { mergeSettings, newProblems, type Change } from "./importSettingsCheck";
import { columnIndex, header as headerOf } from "../schema/typedCells";

/** Settings an import may not change: the layout version, and the password the sheets are protected with now. */
const NOT_IMPORTED = new Set(["schemaVersion", "protectionPassword"]);
/** The settings table's two columns a settings file must have, as declared. */
const SETTING = headerOf(SETTINGS, "setting");
const VALUE = headerOf(SETTINGS, "value");

const text = (v: CellValue | undefined): string => textOf(v); // an error value as its code ("#N/A")

export async function importSettings(
  session: Session,
  options: ImportOptions,
  lines: readonly string[][],
): Promise<ImportResult> {
  const { raw } = session.loaded;
  const file = options.fileName;
  const existing = raw.get(SETTINGS.name);
  if (!existing)
    return {
      imported: 0,
      issues: [issue("MISSING_TABLE", `The workbook has no table ${SETTINGS.name}.`, { table: SETTINGS.name })],
    };
  if (!lines[0]) return { imported: 0, issues: [issue("EMPTY_FILE", `${file} is empty.`, { table: file })] };
  const columns = fileColumns(lines[0], file);
  const issues = columns.issues;
  if (hasErrors(issues)) return { imported: 0, issues };

  const { changes, unchanged, rows } = readChanges(existing, lines, columns, file, issues);
  if (rows === 0 && !hasErrors(issues)) issues.push(issue("EMPTY_FILE", `${file} has no data rows.`, { table: file }));
  if (hasErrors(issues)) return { imported: 0, issues };
  const governing = changes.filter((c) => LOCK_GOVERNED_SETTINGS.has(c.key.key));
  if (governing.length) {
    const what = `the setting ${governing.map((c) => `"${c.key.label}"`).join(" and ")}`;
    const refused = await refuseLockedImport(session, options, SETTINGS.name, what, issues);
    if (refused) return refused;
  }
  if (changes.length === 0)
    return {
      imported: 0,
      unchanged,
      issues: [
        ...issues,
        issue(
          "NOTHING_TO_CHANGE",
          `Every setting in ${file} already holds its value; nothing changed.`,
          { table: file },
          "info",
        ),
      ],
    };

  const merged = mergeSettings(existing, changes);
  issues.push(...newProblems(raw, merged, changes, file));
  if (hasErrors(issues)) return { imported: 0, issues };
  const written = await writeSettings(session, options, existing, merged.newRows, changes, unchanged);
  if (written) return { imported: 0, issues: [...issues, written] };
  return { imported: changes.length, unchanged, issues };
}

interface FileColumns {
  readonly settingAt: number;
  readonly valueAt: number;
  readonly issues: Issue[];
}

/** Where the file's Setting and Value columns are; a missing one, or a column the settings table has not, is an issue. */
function fileColumns(first: readonly string[], file: string): FileColumns {
  const header = first.map(normalizeHeader);
  const issues: Issue[] = [];
  const settingAt = header.indexOf(normalizeHeader(SETTING));
  const valueAt = header.indexOf(normalizeHeader(VALUE));
  for (const [name, at] of [
    [SETTING, settingAt],
    [VALUE, valueAt],
  ] as const) {
    if (at < 0)
      issues.push(
        issue("MISSING_COLUMN", `${file} has no column "${name}", which ${SETTINGS.name} requires.`, {
          table: file,
          column: name,
        }),
      );
  }
  first.forEach((h, i) => {
    if (h.trim() && !SETTINGS.columns.some((c) => normalizeHeader(c.header) === header[i]))
      issues.push(unknownColumn(h, SETTINGS.name, file));
  });
  return { settingAt, valueAt, issues };
}

/** The file's changes in file order, how many rows already held their value, and how many named a setting; each bad row is an issue. */
function readChanges(
  existing: RawTable,
  lines: readonly string[][],
  columns: FileColumns,
  file: string,
  issues: Issue[],
): { changes: Change[]; unchanged: number; rows: number } {
  const [labelCol, valueCol] = [columnIndex(SETTINGS, existing, "setting"), columnIndex(SETTINGS, existing, "value")];
  const rowOf = (key: SettingKey) =>
    existing.rows.findIndex((r) => normalizeHeader(text(r[labelCol])) === normalizeHeader(key.label)) + 1 || undefined;
  const byLabel = new Map(SETTING_KEYS.map((k) => [normalizeHeader(k.label), k]));
  const seen = new Map<string, number>();
  const changes: Change[] = [];
  let unchanged = 0;
  lines.slice(1).forEach((cells, i) => {
    const csvRow = i + 1;
    if (cells.every((c) => c.trim() === "")) return;
    const at = (column: string) => ({ table: file, row: csvRow, column });
    const label = (cells[columns.settingAt] ?? "").trim();
    const key = byLabel.get(normalizeHeader(label));
    if (!key) {
      issues.push(
        issue(
          "UNKNOWN_SETTING",
          `"${label}" is not a Closebook setting (the Settings sheet lists their names); the import is refused.`,
          at(SETTING),
        ),
      );
      return;
    }
    const first = seen.get(key.key);
    if (first !== undefined) {
      issues.push(
        issue(
          "DUPLICATE_KEY",
          `Setting "${key.label}" is already in ${file} row ${first}; the import is refused.`,
          at(SETTING),
        ),
      );
      return;
    }
    seen.set(key.key, csvRow);
    const row = rowOf(key);
    const oldValue = row === undefined ? null : (existing.rows[row - 1]?.[valueCol] ?? null);
    const change = settingChange(key, cells[columns.valueAt] ?? "", oldValue, at(VALUE));
    if (change === "unchanged") unchanged++;
    else if ("code" in change) issues.push(change);
    else changes.push({ key, csvRow, row, oldValue, newValue: change.newValue });
  });
  return { changes, unchanged, rows: seen.size };
}

/** A setting's new value decoded from the file's cell, "unchanged" when it holds it already, or the issue. */
function settingChange(
  key: SettingKey,
  cell: string,
  oldValue: CellValue,
  at: { table: string; row: number; column: string },
): { newValue: CellValue } | "unchanged" | Issue {
  const d = decodeCell(key.type, cell, key.values);
  if (!d.ok) return issue("BAD_CELL", `${key.label}: the value ${d.problem}.`, at);
  if (d.value === undefined && key.required)
    return issue("MISSING_VALUE", `${key.label} is empty; it is required.`, at);
  // encoded as settingsRows (setupWorkbook.ts) writes them
  const newValue = encodeCell(
    key.type === "int" || key.type === "list" || key.type === "bool" ? key.type : "text",
    d.value,
  );
  if (text(oldValue) === text(newValue)) return "unchanged";
  if (NOT_IMPORTED.has(key.key))
    return issue(
      "SETTING_NOT_IMPORTED",
      `${key.label} cannot be changed by an import${key.key === "protectionPassword" ? " (the sheets are protected with the current one)" : ""}; the import is refused.`,
      at,
    );
  return { newValue };
}

/** One run: the changed Value cells, the added rows, an audit row for the import and one per setting. */
async function writeSettings(
  session: Session,
  options: ImportOptions,
  existing: RawTable,
  newRows: CellValue[][],
  changes: readonly Change[],
  unchanged: number,
): Promise<Issue | undefined> {
  const file = options.fileName;
  const now = options.clock.now();
  const updates: CellUpdate[] = changes
    .filter((c) => c.row !== undefined)
    .map((c) => ({ row: c.row!, column: VALUE, value: c.newValue })); // encoded above, by the setting's own type
  const restore = changes
    .filter((c) => c.row !== undefined)
    .map((c) => ({
      table: SETTINGS.name,
      row: c.row!,
      column: VALUE,
      value: typeof c.oldValue === "number" || c.oldValue === null ? c.oldValue : text(c.oldValue),
    }));
  return writeRun(
    session,
    {
      operation: "import settings",
      now,
      run: {
        step: "import",
        period: "",
        tails: { [SETTINGS.name]: existing.rows.length },
        parameters: { table: SETTINGS.name, file, sha256: sha256Hex(options.csv), restore },
        lines: changes.length,
        writes: {
          ...(newRows.length ? { appends: [{ def: SETTINGS }] } : {}),
          updates: { [SETTINGS.name]: [VALUE] },
        },
      },
    },
    async ({ port }) => {
      if (updates.length) await port.updateCells(SETTINGS.name, updates);
      if (newRows.length) await port.appendRows(SETTINGS.name, newRows);
      return {
        result: undefined,
        audit: [
          draft(now, options.user, "import", {
            subject: SETTINGS.name,
            detail: `${changes.length} settings from ${file} into ${SETTINGS.name} (${unchanged} already held their value)`,
          }),
          ...changes.map((c) =>
            draft(now, options.user, "setting", {
              subject: c.key.label,
              oldValue: text(c.oldValue),
              newValue: text(c.newValue),
              detail: `${file} row ${c.csvRow}`,
            }),
          ),
        ],
      };
    },
  );
}
