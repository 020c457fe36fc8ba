/**
 * A tab switch does not reread the book when nothing changed (#16 point 1): the tabs' reads go through
 * readCache.ts, keyed on the session's change counter. On the fake Excel host, counting syncs:
 * the first read of the calendar costs syncs (n > 0, whatever the adapter needs); showing the tab again
 * at the same counter costs 0 more; after a bump (counter 0 → 1) it costs reads again.
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { loadBook } from "../../../src/app/loadBook";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import type { WorkbookPort } from "../../../src/ports/workbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";
import { afterFirstRead, cachedRead, readValue } from "../../../src/taskpane/shell/readCache";
import { smallCompany } from "../../support/smallCompany";

const readPeriods = async (port: WorkbookPort) => (await loadBook(port)).book.setup.periods.map((p) => p.id);

async function host() {
  const fake = createFakeExcel();
  const port = new ExcelWorkbook(fake.run);
  await setupWorkbook(port, smallCompany());
  return { fake, port };
}

test("the same read at the same change counter does not reach the workbook; a bumped counter does", async () => {
  const { fake, port } = await host();
  const before = fake.stats.syncs.length;
  const first = await cachedRead(port, readPeriods, 0);
  const firstSyncs = fake.stats.syncs.length - before;
  expect(firstSyncs).toBeGreaterThan(0);
  expect(readValue(port, readPeriods, 0)?.value).toEqual(first);

  // the tab is shown again, nothing changed: no sync at all
  const again = await cachedRead(port, readPeriods, 0);
  expect(again).toEqual(first);
  expect(fake.stats.syncs.length - before).toBe(firstSyncs);

  // after a write (the session bumps 0 → 1) the tab reads again, as many syncs as the first time
  expect(readValue(port, readPeriods, 1)).toBeUndefined();
  await cachedRead(port, readPeriods, 1);
  expect(fake.stats.syncs.length - before).toBe(2 * firstSyncs);
});

test("a read that failed is read again the next time", async () => {
  const { port } = await host();
  let calls = 0;
  const flaky = async () => {
    calls++;
    if (calls === 1) throw new Error("Excel is busy");
    return "ok";
  };
  await expect(cachedRead(port, flaky, 0)).rejects.toThrow("Excel is busy");
  expect(await cachedRead(port, flaky, 0)).toBe("ok");
  expect(calls).toBe(2);
});

test("afterFirstRead waits for a tab's first read (the verification on open starts after it), or the timeout", async () => {
  const { port } = await host();
  const order: string[] = [];
  const waiting = afterFirstRead(port, 60_000).then(() => order.push("verify starts"));
  await new Promise((r) => setTimeout(r, 20));
  expect(order).toEqual([]); // no tab has read yet
  await cachedRead(port, readPeriods, 0).then(() => order.push("tab read"));
  await waiting;
  expect(order).toEqual(["tab read", "verify starts"]);
  // a port no tab reads: the timeout lets the verification start anyway
  const other = await host();
  const started = Date.now();
  await afterFirstRead(other.port, 50);
  expect(Date.now() - started).toBeGreaterThanOrEqual(40);
});

test("afterFirstRead leaves no timer behind once the first read settles (a 60 s timer held jest's worker open)", async () => {
  const { port } = await host();
  jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
  try {
    const waiting = afterFirstRead(port, 60_000);
    expect(jest.getTimerCount()).toBe(1); // the timeout, armed
    await cachedRead(port, readPeriods, 0);
    await waiting;
    expect(jest.getTimerCount()).toBe(0); // the read came first: the timeout is cleared, not left to fire in 60 s
  } finally {
    jest.useRealTimers();
  }
});
