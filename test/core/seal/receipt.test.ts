/**
 * The seal receipt (src/core/seal/receipt.ts): an anchor outside the workbook.
 * A full forgery — March's first amount changed and every seal and audit hash
 * recomputed with Closebook's own functions — verifies clean inside the file;
 * checked against the receipt written when March was held, it does not.
 *
 * The small company: bob posts March (6 rows) and April (2 rows), holds March:
 * seal count 6, audit rows 2 (post-journals, period-status).
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../../src/app/changePeriod";
import { loadBook } from "../../../src/app/loadBook";
import { verifyWorkbook } from "../../../src/app/verifyWorkbook";
import {
  checkReceipt,
  hmacSha256Hex,
  makeReceipt,
  parseReceipt,
  type SealReceipt,
} from "../../../src/core/seal/receipt";
import { fixedClock } from "../../../src/ports/clock";
import { MARCH_DRAFTS, postedSmallCompany } from "../../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const bob = { user: "bob", clock };
const KEY = "kept-by-the-controller";

async function held(drafts = MARCH_DRAFTS): Promise<MemoryWorkbook> {
  const wb = await postedSmallCompany(new MemoryWorkbook(), bob, drafts);
  const r = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, bob);
  expect(r.done).toBe(true);
  return wb;
}

test("HMAC-SHA-256 matches RFC 4231 test case 2", () => {
  // key "Jefe", data "what do ya want for nothing?" (RFC 4231 §4.3)
  expect(hmacSha256Hex("Jefe", "what do ya want for nothing?")).toBe(
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});

describe("a receipt", () => {
  let receipt: SealReceipt;
  let wb: MemoryWorkbook;
  beforeAll(async () => {
    wb = await held();
    receipt = makeReceipt((await loadBook(wb)).book, "2026-03", clock.now(), "bob", KEY)!;
  });

  test("records the period, its 6 rows, the seal hash and the 2 audit rows, and checks clean", async () => {
    const { book } = await loadBook(wb);
    expect(receipt).toMatchObject({
      period: "2026-03",
      count: 6,
      hash: book.seals[0]!.hash,
      auditRows: 2,
      auditHead: book.audit[1]!.hash,
      user: "bob",
    });
    expect(checkReceipt(book, receipt, "r.json", KEY)).toEqual([]);
    expect(parseReceipt(JSON.stringify(receipt), "r.json")).toEqual(receipt);
  });

  test("catches a full forgery that verify cannot", async () => {
    // the same history, but D-1's 1500.00 typed as 1400.00 everywhere: every hash recomputed by Closebook itself
    const forged = await held(MARCH_DRAFTS.replace(/1500\.00/g, "1400.00"));
    expect((await verifyWorkbook(forged)).issues.filter((i) => i.severity === "error")).toEqual([]);
    const codes = checkReceipt((await loadBook(forged)).book, receipt, "r.json", KEY).map((i) => i.code);
    expect(codes).toContain("RECEIPT_MISMATCH");
    expect(codes).toContain("RECEIPT_AUDIT_MISMATCH"); // the hold's audit detail names the seal hash
  });

  test("catches a truncated audit log and a receipt altered without the key", async () => {
    const { book } = await loadBook(wb);
    expect(checkReceipt({ ...book, audit: book.audit.slice(0, 1) }, receipt, "r.json", KEY).map((i) => i.code)).toEqual(
      ["RECEIPT_AUDIT_MISMATCH"],
    );
    const altered = { ...receipt, count: 5 };
    expect(checkReceipt(book, altered, "r.json", KEY).map((i) => i.code)).toEqual([
      "RECEIPT_FORGED",
      "RECEIPT_MISMATCH",
    ]);
    const unsigned: SealReceipt = { ...receipt, hmac: undefined };
    expect(checkReceipt(book, unsigned, "r.json", KEY).map((i) => i.code)).toEqual(["RECEIPT_UNSIGNED"]);
  });

  test("names a file that is not a receipt", () => {
    expect(parseReceipt("{", "r.json")).toMatchObject({ code: "RECEIPT_UNREADABLE", at: { table: "r.json" } });
    expect(parseReceipt(JSON.stringify({ ...receipt, count: "6" }), "r.json")).toMatchObject({
      code: "RECEIPT_UNREADABLE",
    });
  });
});
