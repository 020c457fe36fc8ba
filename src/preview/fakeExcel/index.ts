/**
 * A small in-memory fake of the Excel JavaScript API subset Closebook uses,
 * with office-js proxy semantics (load + sync before reading, writes applied
 * at sync, first error fails the sync) and a per-sync record of request and
 * response sizes. See context.ts (run, sync, stats), proxy.ts (load rules),
 * entry.ts (what a written value becomes), range.ts, worksheet.ts, table.ts.
 *
 * Example:
 *   const fake = createFakeExcel();
 *   const port = new ExcelWorkbook(fake.run);
 *   await port.createTable(shape, rows);
 *   fake.stats.syncs.length, Math.max(...fake.stats.syncs.map((s) => s.requestBytes))
 *   fake.onChange(() => redraw());                 // after each sync that changed something
 *   fake.model.activeSheet()?.selection            // what Range.select() chose, for the preview grid
 */
import type { FakeExcelOptions } from "./context";
import { FakeExcel } from "./context";

export type {
  ChangeListener,
  FakeExcelOptions,
  FakeStats,
  ProtectionCall,
  RunOptions,
  SyncRecord,
  UndoRecord,
  UserAction,
} from "./context";
export { FakeExcel, FakeRequestContext, PAYLOAD_LIMIT } from "./context";
export { conditionalFormatsOf, type RecordedFormat } from "./conditionalFormats";
export { FakeOfficeError } from "./errors";
export { FakeFunctions, excelDate } from "./functions";
export { ErrorValue, WorkbookModel } from "./model";
export { insertSheetRow, sortTable } from "./userActions";

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  return new FakeExcel(options);
}
