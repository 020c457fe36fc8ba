/**
 * Co-authoring on the fake Excel host (issue #17 risk 8): two panes, each its
 * own ExcelWorkbook over the same workbook. While alice posts, bob's posting
 * finds her claim in tblWriteLock and is refused naming her; alice's run is
 * neither rolled back nor broken by bob's open (it looked interrupted, and her
 * sheets unprotected); afterwards the claim is gone and the lock's sheet is
 * protected again.
 *
 * Worked example: alice claims at 09:00:00 → expires 09:15:00 (15 minutes);
 * bob tries at 09:01 → "alice is writing … (post journals) since
 * 2026-04-01T09:00:00.000Z, until 2026-04-01T09:15:00.000Z".
 */
import { ExcelWorkbook } from "../../../src/adapters/excel/excelWorkbook";
import { loadBook } from "../../../src/app/loadBook";
import { postJournals } from "../../../src/app/postJournals";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import type { CellValue } from "../../../src/ports/workbook";
import { createFakeExcel } from "../../../src/preview/fakeExcel";
import { WRITE_LOCK } from "../../../src/schema/tables";
import { journal } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

const GOOD = `
  D-1 2026-03-10 1010 EUR Dr 100.00 dept=SALES
  D-1 2026-03-10 4000 EUR Cr 100.00 dept=SALES`;

test("a second pane posting while the first posts is refused naming the first; the first completes", async () => {
  const fake = createFakeExcel();
  await setupWorkbook(new ExcelWorkbook(fake.run), smallCompany(journal(GOOD)));
  let bob: Awaited<ReturnType<typeof postJournals>> | undefined;
  class AlicePane extends ExcelWorkbook {
    override async appendRows(name: string, rows: readonly (readonly CellValue[])[]): Promise<void> {
      if (name === "tblLedger")
        bob = await postJournals(new ExcelWorkbook(fake.run), {
          user: "bob",
          clock: fixedClock("2026-04-01T09:01:00.000Z"),
        });
      return super.appendRows(name, rows);
    }
  }
  const alice = await postJournals(new AlicePane(fake.run), {
    user: "alice",
    clock: fixedClock("2026-04-01T09:00:00.000Z"),
  });
  expect(bob?.posted).toBe(false);
  expect(bob?.issues.find((i) => i.code === "WRITE_LOCKED")?.message).toMatch(
    /^alice is writing to this workbook \(post journals\) since 2026-04-01T09:00:00.000Z, until 2026-04-01T09:15:00.000Z/,
  );
  expect(alice.posted).toBe(true);
  const port = new ExcelWorkbook(fake.run);
  const { book } = await loadBook(port);
  expect(book.ledger.length).toBe(2);
  expect(book.runs.map((r) => r.status)).toEqual(["committed"]);
  expect((await port.readTable(WRITE_LOCK.name))?.rows ?? []).toEqual([]);
  expect(await port.isProtected(WRITE_LOCK.sheet)).toBe(true);
});
