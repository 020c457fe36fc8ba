import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { checkWorkbook } from "../../src/app/checkWorkbook";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import { fixedClock } from "../../src/ports/clock";
import { withUnprotected } from "../../src/ports/protection";
import { journal } from "../support/fixtures";
import { smallCompany } from "../support/smallCompany";

async function posted(): Promise<MemoryWorkbook> {
  const wb = new MemoryWorkbook();
  await setupWorkbook(
    wb,
    smallCompany(
      journal(`
        D-1 2026-03-10 6100 USD Dr 10.00 dept=ADMIN
        D-1 2026-03-10 1000 USD Cr 10.00`),
    ),
  );
  await postJournals(wb, { user: "alice", clock: fixedClock("2026-04-01T00:00:00.000Z") });
  return wb;
}

test("a freshly set up and posted workbook checks clean", async () => {
  const wb = await posted();
  expect((await checkWorkbook(wb)).filter((i) => i.severity !== "info")).toEqual([]);
});

test("an edited ledger: an unbalanced voucher, a duplicate entry number, an error value", async () => {
  const wb = await posted();
  // someone unprotects the ledger and makes a one-cent edit to the accounting amount of entry 2,
  // repeats entry 2, and puts #REF! in a date
  await withUnprotected(wb, ["Ledger"], "", async () => {
    await wb.updateCells("tblLedger", [{ row: 2, column: "Amount (accounting)", value: -10.01 }]);
    const row = (await wb.readTable("tblLedger"))!.rows[1]!;
    await wb.appendRows("tblLedger", [row.map((v, i) => (i === 2 ? { error: "#REF!" } : v))]);
    await wb.appendRows("tblLedger", [row]);
  });
  const issues = await checkWorkbook(wb);
  expect(issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column, i.at?.voucher])).toEqual(
    expect.arrayContaining([
      ["BAD_CELL", "tblLedger", 3, "Date", undefined],
      ["DUPLICATE_ENTRY", "tblLedger", 3, "Entry no", undefined],
      ["DUPLICATE_ENTRY", "tblLedger", 4, "Entry no", undefined],
      ["UNBALANCED", "tblLedger", undefined, undefined, "GL-000001"],
    ]),
  );
});

test("setup problems: an unknown settings account, an account in an unknown currency", async () => {
  const wb = new MemoryWorkbook();
  const company = smallCompany();
  await setupWorkbook(wb, {
    ...company,
    settings: { ...company.settings, roundingAccount: "6999" },
    accounts: [
      ...company.accounts,
      {
        number: "1040",
        name: "Bank CHF",
        type: "asset",
        category: "",
        currency: "CHF",
        revalue: false,
        settle: false,
        active: true,
        blocked: false,
      },
    ],
  });
  const issues = await checkWorkbook(wb);
  expect(issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column])).toEqual(
    expect.arrayContaining([
      ["UNKNOWN_ACCOUNT", "tblSettings", undefined, "Value"],
      ["UNKNOWN_CURRENCY", "tblAccounts", 13, "Currency"],
    ]),
  );
});
