/**
 * drilldown: the use case over a port. The small company's March (MARCH_DRAFTS), by hand:
 *   4000 in March: D-1 credit 1,500.00 (SALES) + D-3 credit EUR 100.00 × 1.09 = 109.00 → −1,609.00;
 *   posted in draft order, two lines a voucher, so they are ledger rows 2 and 6. April's D-4 is left out.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { drilldown } from "../../src/app/drilldown";
import { fixedClock } from "../../src/ports/clock";
import { postedSmallCompany } from "../support/smallCompany";

const ctx = { user: "alice", clock: fixedClock("2026-04-05T09:00:00.000Z") };

describe("drilldown", () => {
  it("lists the lines of an account for a period, each with its ledger row, reading each needed table once", async () => {
    const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
    const reads: string[] = [];
    const read = wb.readTable.bind(wb);
    wb.readTable = (name) => (reads.push(name), read(name));
    const { result, issues } = await drilldown(wb, { account: "4000", period: "2026-03" });
    expect(issues).toEqual([]);
    expect(
      result!.lines.map((l) => [l.row, l.date, l.currency, l.amount.toString(), l.amountAccounting.toString()]),
    ).toEqual([
      [2, "2026-03-10", "USD", "-1500.00", "-1500.00"],
      [6, "2026-03-20", "EUR", "-100.00", "-109.00"],
    ]);
    expect(result!.total.toString()).toBe("-1609.00");
    expect(new Set(reads).size).toBe(reads.length);
    expect(reads).not.toContain("tblJournal");
    expect(reads).not.toContain("tblAudit");
  });

  it("leaves out the lines of a run that never committed, with a warning", async () => {
    const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
    const ledger = (await wb.readTable("tblLedger"))!;
    const runs = (await wb.readTable("tblRuns"))!;
    const col = (t: typeof ledger, h: string) => t.headers.indexOf(h);
    // a copy of ledger row 2 (4000, −1,500.00) under an interrupted run RUN-X
    const copy = [...ledger.rows[1]!];
    copy[col(ledger, "Run id")] = "RUN-X";
    copy[col(ledger, "Entry no")] = 99;
    for (const sheet of ["Ledger", "Runs"]) if (await wb.isProtected(sheet)) await wb.unprotect(sheet, "");
    await wb.appendRows("tblLedger", [copy]);
    const run = [...runs.rows[0]!];
    run[col(runs, "Run id")] = "RUN-X";
    run[col(runs, "Status")] = "started";
    await wb.appendRows("tblRuns", [run]);
    const { result, issues } = await drilldown(wb, { account: "4000", period: "2026-03" });
    expect(result!.total.toString()).toBe("-1609.00"); // as before: the copy is not counted
    expect(issues.map((i) => [i.code, i.severity])).toEqual([["RUN_INTERRUPTED", "warning"]]);
  });

  it("a dimension filter, from..to as period ids, and bad input as issues", async () => {
    const wb = await postedSmallCompany(new MemoryWorkbook(), ctx);
    const sales = await drilldown(wb, {
      account: "4000",
      from: "2026-03",
      to: "2026-04",
      dimension: "Department=SALES",
    });
    expect(sales.result!.total.toString()).toBe("-1500.00"); // D-4 (April) has no department
    const all = await drilldown(wb, { account: "4000", from: "2026-03-01", to: "2026-04-30" });
    expect(all.result!.total.toString()).toBe("-1859.00"); // −1,609.00 − 250.00 (D-4)
    expect((await drilldown(wb, { account: "4000", period: "2031-01" })).issues.map((i) => i.code)).toEqual([
      "UNKNOWN_PERIOD",
    ]);
    expect((await drilldown(wb, { account: "4000" })).issues.map((i) => i.code)).toEqual(["NO_RANGE"]);
    expect((await drilldown(wb, { account: "9*", period: "2026-03" })).issues.map((i) => i.code)).toEqual([
      "UNKNOWN_ACCOUNT",
    ]);
  });
});
