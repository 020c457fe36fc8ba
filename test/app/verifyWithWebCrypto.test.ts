/**
 * verifyWorkbook on the pane's hasher (#16 point 1): with Web Crypto installed as the batch SHA-256
 * (installSha256Many, as the task pane does) the seals and the audit chain verify exactly as with the
 * core's reference: the small company's posted March, put on hold (sealed), verifies clean; after ledger
 * row 1's Amount (accounting) is typed over (1,500.00 → 1,500.01, as in sealGuard.test.ts) both name
 * SEAL_ROW_CHANGED at tblLedger row 1, Amount (accounting). Web Crypto hashes each text in one batch.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { loadBook } from "../../src/app/loadBook";
import { protectionPassword } from "../../src/app/protectedSheets";
import { verifyWorkbook } from "../../src/app/verifyWorkbook";
import { installSha256Many } from "../../src/core/crypto/hashing";
import { fixedClock } from "../../src/ports/clock";
import { LEDGER } from "../../src/schema/tables";
import { webSha256Many } from "../../src/taskpane/shell/webSha256";
import { postedSmallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const ctx = { user: "alice", clock };
const controller = { ...ctx, user: "bob" };

async function both(wb: MemoryWorkbook) {
  const reference = await verifyWorkbook(wb);
  let batches = 0;
  const before = installSha256Many(async (texts) => {
    batches++;
    return webSha256Many(texts);
  });
  try {
    const web = await verifyWorkbook(wb);
    return { reference, web, batches };
  } finally {
    installSha256Many(before);
  }
}

const codes = (r: Awaited<ReturnType<typeof verifyWorkbook>>) =>
  r.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column]);

test("a sealed period verifies the same on Web Crypto as on the reference, clean and tampered", async () => {
  const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
  expect((await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March closed" }, controller)).done).toBe(
    true,
  );
  const clean = await both(wb);
  expect(clean.batches).toBe(1);
  expect(clean.web.sealedPeriods).toBe(1);
  expect(codes(clean.web)).toEqual([]);
  expect(codes(clean.reference)).toEqual([]);

  const { book } = await loadBook(wb);
  await wb.unprotect(LEDGER.sheet, protectionPassword(book));
  await wb.updateCells(LEDGER.name, [{ row: 1, column: "Amount (accounting)", value: 1500.01 }]);
  await wb.protect(LEDGER.sheet, protectionPassword(book));
  const tampered = await both(wb);
  expect(codes(tampered.web)).toEqual(codes(tampered.reference));
  expect(codes(tampered.web)).toContainEqual(["SEAL_ROW_CHANGED", "tblLedger", 1, "Amount (accounting)"]);
});
