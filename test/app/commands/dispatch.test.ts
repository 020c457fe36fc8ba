/**
 * The command map (src/app/commands): one typed door into the app, with what
 * every command shares wrapped once in dispatch — a refusal thrown by a write
 * (another user's live write lock) turned into CommandRefused carrying its
 * issue, and each command's ending told to `observe`.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { AREAS, AREA_OF, CommandRefused, commandsFor, dispatch, type CommandTiming } from "../../../src/app/commands";
import { fixedClock } from "../../../src/ports/clock";
import { RowsMovedError, type WorkbookPort } from "../../../src/ports/workbook";
import { RATES, WRITE_LOCK } from "../../../src/schema/tables";
import { WriteLockedError } from "../../../src/app/writeLock";
import { issue } from "../../../src/core/issues/issue";
import { journal } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

const clock = fixedClock("2026-04-01T09:05:00.000Z");

async function workbook(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await commandsFor({ port: wb, clock })("setup-workbook", {
    data: smallCompany(
      journal(`
        D-1 2026-03-10 1010 EUR Dr 100.00 dept=SALES
        D-1 2026-03-10 4000 EUR Cr 100.00 dept=SALES`),
    ),
  });
  return wb;
}

test("a command runs its use case: post-journals through the map posts the drafts", async () => {
  const wb = await workbook();
  const send = commandsFor({ port: wb, clock });
  const r = await send("post-journals", { user: "bob" });
  expect(r.posted).toBe(true);
  expect(r.vouchers).toHaveLength(1); // D-1, one voucher of 2 lines
  expect(r.lines).toBe(2);
  const { book } = await send("read-book", {});
  expect(book.ledger).toHaveLength(2);
});

test("another user's live write lock: the import answers WRITE_LOCKED, nothing written; a lock thrown by a port comes back as CommandRefused", async () => {
  const wb = await workbook();
  // bob's pane claimed the lock at 09:00 until 09:10; alice imports rates at 09:05
  await wb.unprotect(WRITE_LOCK.sheet, "");
  await wb.replaceRows(WRITE_LOCK.name, [
    ["bob", "post journals", new Date("2026-04-01T09:00:00.000Z"), new Date("2026-04-01T09:10:00.000Z"), "bob-session"],
  ]);
  await wb.protect(WRITE_LOCK.sheet, "");
  const ratesBefore = (await wb.readTable(RATES.name))!.rows.length;
  const seen: CommandTiming[] = [];
  const send = commandsFor({ port: wb, clock, observe: (t) => seen.push(t) });
  const csv = "Date,From,To,Rate\n2026-03-31,EUR,USD,1.0825\n";
  const answered = await send("import-rates", {
    source: { kind: "csv", text: csv, name: "rates.csv" },
    from: "2026-03-31",
    user: "alice",
  });
  expect(answered.issues.map((i) => i.code)).toEqual(["WRITE_LOCKED"]);
  expect(answered.issues[0]!.message).toContain("bob is writing to this workbook");
  expect((await wb.readTable(RATES.name))!.rows.length).toBe(ratesBefore);

  // a write lock thrown from below a handler (any path that still throws it) is mapped once, in the dispatcher
  const locked: WorkbookPort = Object.assign(Object.create(wb) as WorkbookPort, {
    readTable: async () => {
      throw new WriteLockedError(issue("WRITE_LOCKED", "bob is writing to this workbook", { table: WRITE_LOCK.name }));
    },
  });
  const refused = await commandsFor({ port: locked, clock, observe: (t) => seen.push(t) })("verify", {}).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(CommandRefused);
  expect((refused as CommandRefused).issues.map((i) => i.code)).toEqual(["WRITE_LOCKED"]);
  expect(seen.map((t) => [t.name, t.ended])).toEqual([
    ["import-rates", "ok"],
    ["verify", "refused"],
  ]);
});

test("rows moved under a keyed update (thrown by the port) is ROWS_MOVED at the row; any other failure is rethrown as it is", async () => {
  const wb = await workbook();
  const moved: WorkbookPort = Object.assign(Object.create(wb) as WorkbookPort, {
    readTable: async () => {
      throw new RowsMovedError("tblJournal", 2, "Draft voucher", "D-9", "D-1");
    },
  });
  const refused = await dispatch({ port: moved, clock }, "verify", {}).catch((e: unknown) => e);
  expect((refused as CommandRefused).issues[0]).toMatchObject({
    code: "ROWS_MOVED",
    at: { table: "tblJournal", row: 2, column: "Draft voucher" },
  });
  const broken: WorkbookPort = Object.assign(Object.create(wb) as WorkbookPort, {
    readTable: async () => {
      throw new Error("the host went away");
    },
  });
  const seen: CommandTiming[] = [];
  await expect(dispatch({ port: broken, clock, observe: (t) => seen.push(t) }, "verify", {})).rejects.toThrow(
    "the host went away",
  );
  expect(seen.map((t) => t.ended)).toEqual(["failed"]);
});

test("every command is a handler of the area AREA_OF names, and no name is in two areas", async () => {
  const areas = await Promise.all(Object.entries(AREAS).map(async ([area, load]) => [area, await load()] as const));
  const names = areas.flatMap(([area, handlers]) => Object.keys(handlers).map((name) => [name, area] as const));
  expect(names.length).toBe(new Set(names.map(([name]) => name)).size); // each name in one area only
  expect(Object.fromEntries(names)).toEqual(AREA_OF); // and AREA_OF says which, for each
  for (const [, handlers] of areas)
    for (const h of Object.values(handlers as Record<string, unknown>)) expect(typeof h).toBe("function");
});
