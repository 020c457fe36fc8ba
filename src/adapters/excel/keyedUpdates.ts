/**
 * updateCellsByKey over Excel. The user may sort, insert or delete rows
 * between any two syncs, so the key cells are checked in the sync that writes:
 * - sync 1 loads each target row and compares its key cells with the keys
 *   read earlier; a moved row refuses before anything is written;
 * - each chunk's sync loads the target rows (queued before the writes, so they
 *   show the rows as they were when the writes ran) and writes; if a key no
 *   longer matches, the user moved rows between the syncs: the next sync puts
 *   the old cells back, and the call refuses with RowsMovedError.
 *
 * Example: journal rows 1..3 read as D1, D2, D3; the user sorts D3 first
 * before the writing sync → Status of Journal!L3 etc. put back, RowsMovedError
 * at tblJournal row 1 ("Draft voucher" is "D3", expected "D1").
 */
import { keyIndexes, sameCell } from "../../ports/rowKeys";
import type { CellValue, KeyedUpdate } from "../../ports/workbook";
import { RowsMovedError } from "../../ports/workbook";
import { fromExcelCell, isTextFormat, toTableCell } from "./cellValues";
import { updateBatches } from "./chunks";
import type { XlContext, XlRange } from "./excelHost";
import { syncOr } from "./officeErrors";
import type { TableHandle } from "./tableIO";
import { resolveUpdates } from "./validate";
import { textOf } from "../../core/text/textOf";

interface Target {
  readonly row: number; // 0-based data row
  readonly key: readonly CellValue[];
}

/** The first target whose loaded row does not hold its key, as an error. */
function moved(
  h: TableHandle,
  keyColumns: readonly string[],
  idx: readonly number[],
  targets: readonly Target[],
  loaded: ReadonlyMap<number, XlRange>,
): RowsMovedError | undefined {
  for (const t of targets) {
    const r = loaded.get(t.row);
    const values = r?.values[0] ?? [];
    const formats = r?.numberFormat[0] ?? [];
    for (let k = 0; k < idx.length; k++) {
      const j = idx[k]!;
      const found = fromExcelCell(values[j], textOf(formats[j] ?? "General"), false, h.dates);
      if (!sameCell(found, t.key[k] ?? null))
        return new RowsMovedError(h.name, t.row + 1, keyColumns[k]!, found, t.key[k] ?? null);
    }
  }
  return undefined;
}

function loadRows(h: TableHandle, rows: Iterable<number>): Map<number, XlRange> {
  const out = new Map<number, XlRange>();
  for (const r of rows)
    out.set(r, h.sheet.getRangeByIndexes(h.top + 1 + r, h.left, 1, h.width).load("values, numberFormat"));
  return out;
}

export async function updateByKey(
  ctx: XlContext,
  h: TableHandle,
  op: string,
  keyColumns: readonly string[],
  updates: readonly KeyedUpdate[],
  perSync: number,
): Promise<void> {
  const resolved = resolveUpdates(h.name, h.headers, h.logicalRows, updates);
  const idx = keyIndexes(h.name, h.headers, keyColumns);
  const keys = new Map<number, readonly CellValue[]>();
  const targets: Target[] = [];
  for (const u of updates) {
    targets.push({ row: u.row - 1, key: u.key ?? [] });
    if (!keys.has(u.row - 1)) keys.set(u.row - 1, u.key ?? []);
  }
  const rows = [...keys.keys()];
  // 1. check before writing anything
  for (let k = 0; k < rows.length; k += perSync) {
    const loaded = loadRows(h, rows.slice(k, k + perSync));
    await syncOr(ctx, op);
    const bad = moved(
      h,
      keyColumns,
      idx,
      targets.filter((t) => loaded.has(t.row)),
      loaded,
    );
    if (bad) throw bad;
  }
  // 2. write, each chunk checked in its own sync
  const cells = resolved.map((u) => ({ ...u, ...toTableCell(u.value, h.formats[u.col] ?? "General", h.dates) }));
  for (const chunk of updateBatches(cells, perSync)) {
    const loaded = loadRows(h, new Set(chunk.map((u) => u.row)));
    ctx.application.suspendApiCalculationUntilNextSync();
    for (const c of chunk) {
      const cell = h.sheet.getRangeByIndexes(h.top + 1 + c.row, h.left + c.col, 1, 1);
      cell.numberFormat = [[c.format]];
      cell.values = [[c.value]];
    }
    await syncOr(ctx, op);
    const bad = moved(
      h,
      keyColumns,
      idx,
      targets.filter((t) => loaded.has(t.row)),
      loaded,
    );
    if (!bad) continue;
    // the writes of this chunk landed on rows the user moved there: put their old cells back
    for (const u of chunk) {
      const before = loaded.get(u.row);
      const value = before?.values[0]?.[u.col] ?? "";
      const format = textOf(before?.numberFormat[0]?.[u.col] ?? "General");
      const cell = h.sheet.getRangeByIndexes(h.top + 1 + u.row, h.left + u.col, 1, 1);
      cell.numberFormat = [[format]];
      cell.values = [[typeof value === "string" && value !== "" && !isTextFormat(format) ? `'${value}` : value]];
    }
    await syncOr(ctx, op);
    throw bad;
  }
}
