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
import { validateSetup } from "../core/setup/validateSetup";
import { textOf } from "../core/text/textOf";
import type { CellUpdate, CellValue, RawTable } from "../ports/workbook";
import { decodeBook } from "../schema/bookCodec";
import { decodeCell, encodeCell } from "../schema/cells";
import { normalizeHeader } from "../schema/decodeTable";
import { SETTING_KEYS, type SettingKey } from "../schema/settingsKeys";
import { SETTINGS } from "../schema/tables";
import type { ImportOptions, ImportResult } from "./importCsv";
import { LOCK_GOVERNED_SETTINGS, refuseLockedImport, unknownColumn } from "./importRefusal";
import type { Session } from "./operation";
import { writeRun } from "./runRitual";
import { columnIndex, header as headerOf } from "../schema/typedCells";

/** Settings an import may not change: the layout version, and the password the sheets are protected with now. */
const NOT_IMPORTED = new Set(["schemaVersion", "protectionPassword"]);
/** The settings table's two columns a settings file must have, as declared. */
const SETTING = headerOf(SETTINGS, "setting");
const VALUE = headerOf(SETTINGS, "value");

interface Change {
  readonly key: SettingKey;
  readonly csvRow: number;
  /** 1-based row in tblSettings; undefined when the setting is added */
  readonly row: number | undefined;
  readonly oldValue: CellValue;
  readonly newValue: CellValue;
}

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
  const header = lines[0].map(normalizeHeader);
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
  lines[0].forEach((h, i) => {
    if (h.trim() && !SETTINGS.columns.some((c) => normalizeHeader(c.header) === header[i]))
      issues.push(unknownColumn(h, SETTINGS.name, file));
  });
  if (hasErrors(issues)) return { imported: 0, issues };

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
    const label = (cells[settingAt] ?? "").trim();
    const key = byLabel.get(normalizeHeader(label));
    if (!key) {
      issues.push(
        issue(
          "UNKNOWN_SETTING",
          `"${label}" is not a Closebook setting (the Settings sheet lists their names); the import is refused.`,
          { table: file, row: csvRow, column: SETTING },
        ),
      );
      return;
    }
    const first = seen.get(key.key);
    if (first !== undefined) {
      issues.push(
        issue("DUPLICATE_KEY", `Setting "${key.label}" is already in ${file} row ${first}; the import is refused.`, {
          table: file,
          row: csvRow,
          column: SETTING,
        }),
      );
      return;
    }
    seen.set(key.key, csvRow);
    const d = decodeCell(key.type, cells[valueAt] ?? "", key.values);
    if (!d.ok) {
      issues.push(
        issue("BAD_CELL", `${key.label}: the value ${d.problem}.`, { table: file, row: csvRow, column: VALUE }),
      );
      return;
    }
    if (d.value === undefined && key.required) {
      issues.push(
        issue("MISSING_VALUE", `${key.label} is empty; it is required.`, { table: file, row: csvRow, column: VALUE }),
      );
      return;
    }
    const row = rowOf(key);
    const oldValue = row === undefined ? null : (existing.rows[row - 1]?.[valueCol] ?? null);
    // encoded as settingsRows (setupWorkbook.ts) writes them
    const newValue = encodeCell(
      key.type === "int" || key.type === "list" || key.type === "bool" ? key.type : "text",
      d.value,
    );
    if (text(oldValue) === text(newValue)) {
      unchanged++;
      return;
    }
    if (NOT_IMPORTED.has(key.key)) {
      issues.push(
        issue(
          "SETTING_NOT_IMPORTED",
          `${key.label} cannot be changed by an import${key.key === "protectionPassword" ? " (the sheets are protected with the current one)" : ""}; the import is refused.`,
          { table: file, row: csvRow, column: VALUE },
        ),
      );
      return;
    }
    changes.push({ key, csvRow, row, oldValue, newValue });
  });
  if (seen.size === 0 && !hasErrors(issues))
    issues.push(issue("EMPTY_FILE", `${file} has no data rows.`, { table: file }));
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

  // validate the workbook as it would be after the import; new problems are the file's
  const base = existing.rows.length;
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
  const merged: RawTable = { ...existing, rows: [...rows, ...newRows] };
  const csvRowOf = (row: number | undefined, message: string): number | undefined => {
    const c =
      row !== undefined
        ? row > base
          ? added[row - base - 1]
          : changes.find((x) => x.row === row)
        : changes.find((x) => message.toLowerCase().includes(x.key.label.toLowerCase()));
    return c?.csvRow;
  };
  const key = (i: Issue) => `${i.code}|${i.message}`;
  const before = decodeBook((n) => raw.get(n));
  const beforeKeys = new Set([...before.issues, ...validateSetup(before.book.setup)].map(key));
  const after = decodeBook((n) => (n === SETTINGS.name ? merged : raw.get(n)));
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
  if (hasErrors(issues)) return { imported: 0, issues };

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
  const written = await writeRun(
    session,
    {
      operation: "import settings",
      now,
      run: {
        step: "import",
        period: "",
        tails: { [SETTINGS.name]: base },
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
  if (written) return { imported: 0, issues: [...issues, written] };
  return { imported: changes.length, unchanged, issues };
}
