/**
 * The WorkbookPort contract (test/adapters/contract) run against the read
 * cache with a scope open for the whole test, over the memory adapter and
 * over the Excel adapter on the fake host. In the "primed" runs every write
 * is preceded by a read of its table (and of listTables), so the cache holds
 * the table when the write lands and every later read comes from the cache's
 * patched copy: the patches must give exactly what the adapter itself reads
 * back.
 *
 * Example: primed(cachedReads(new MemoryWorkbook())) with begin() before the
 *   test — appendRows patches the kept tblLedger, the next readTable answers
 *   from the cache and still passes "appendRows grows the table and preserves order".
 */
import { ExcelWorkbook } from "../../src/adapters/excel/excelWorkbook";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { cachedReads, type CachedReads } from "../../src/ports/cachedReads";
import type { WorkbookPort } from "../../src/ports/workbook";
import { createFakeExcel } from "../../src/preview/fakeExcel";
import { describeWorkbookPortContract } from "../adapters/contract/workbookPortContract";

const open: (() => void)[] = [];
const made: CachedReads[] = [];

afterEach(() => {
  for (const end of open.splice(0)) end();
  made.splice(0);
});

/** The decorated port, with a scope open until the test ends. */
function scoped(inner: WorkbookPort): { port: WorkbookPort } {
  const reads = cachedReads(inner);
  open.push(reads.begin());
  made.push(reads);
  return { port: reads.port };
}

/** `port`, reading the table (and the table list) before every write to it, so the cache holds it when the write lands. */
function primed(port: WorkbookPort): WorkbookPort {
  const prime = async (name: string): Promise<void> => {
    await port.listTables();
    await port.readTable(name).catch(() => undefined);
  };
  return {
    ...port,
    listTables: () => port.listTables(),
    readTable: (name) => port.readTable(name),
    createTable: async (shape, rows) => (await prime(shape?.name ?? ""), port.createTable(shape, rows)),
    appendRows: async (name, rows) => (await prime(name), port.appendRows(name, rows)),
    updateCells: async (name, updates) => (await prime(name), port.updateCells(name, updates)),
    truncateRows: async (name, keep) => (await prime(name), port.truncateRows(name, keep)),
    replaceRows: async (name, rows) => (await prime(name), port.replaceRows(name, rows)),
    writeReport: async (report) => (await port.listTables(), port.writeReport(report)),
    isProtected: (sheet) => port.isProtected(sheet),
    protect: (sheet, password) => port.protect(sheet, password),
    unprotect: (sheet, password) => port.unprotect(sheet, password),
  };
}

describeWorkbookPortContract("cachedReads over memory (scope open)", async () => scoped(new MemoryWorkbook()));
describeWorkbookPortContract("cachedReads over excel on the fake host (scope open)", async () =>
  scoped(new ExcelWorkbook(createFakeExcel().run)),
);
describeWorkbookPortContract("cachedReads over memory (scope open, primed before writes)", async () => ({
  port: primed(scoped(new MemoryWorkbook()).port),
}));
describeWorkbookPortContract(
  "cachedReads over excel on the fake host (scope open, primed before writes)",
  async () => ({ port: primed(scoped(new ExcelWorkbook(createFakeExcel().run)).port) }),
);

test("the contract's reads were answered from the cache (the scope really was open)", async () => {
  const { port } = scoped(new MemoryWorkbook());
  await port.createTable({ name: "tblT", sheet: "T", headers: ["K"], numberFormats: ["@"] }, [["a"]]);
  await port.readTable("tblT");
  await port.appendRows("tblT", [["b"]]);
  expect((await port.readTable("tblT"))?.rows).toEqual([["a"], ["b"]]);
  expect(made[0]?.stats()).toEqual({ hits: 1, misses: 1, passThrough: 0, forgotten: 0 });
});
