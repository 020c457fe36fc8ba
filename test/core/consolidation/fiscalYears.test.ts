/**
 * Consolidation across two fiscal years (issue #12): the new year's first run must not post the
 * opening balance sheet and last year's result a second time.
 *
 * Group USD, FY2026 and FY2027 = calendar years; retained earnings 3100. Entity US (USD, 100 %).
 * Worked by hand:
 *   FY2026 (package 2026-12): capital 3000 −1,000.00 (paid in 2026-01-10), December sales 4000 −800.00,
 *     costs 5000 +300.00, so cash 1000 = 1,000 + 800 − 300 = 1,500.00; result −500.00 (a profit).
 *   The entity closes FY2026: retained earnings 3100 −500.00 (dated 2026-12-31), P&L restarts at 0.
 *   FY2027 (package 2027-01): January sales −400.00, costs +200.00 → cash 1,700.00.
 *   Entity trial balance at 2027-01-31: 1000 1,700.00 · 3000 −1,000.00 · 3100 −500.00 · 4000 −400.00 · 5000 200.00.
 *   The December run posts 1000 +1,500 / 3000 −1,000 / 4000 −800 / 5000 +300; the group's year-end close
 *   brings forward 1000 +1,500 / 3000 −1,000 / 3100 −500; so the January run must post only January's
 *   movement: 1000 +200 / 4000 −400 / 5000 +200 (nothing on 3000 or 3100), whether the group closes
 *   FY2026 before or after the January run. Before the fix the January run re-posted 1000 +1,700,
 *   3000 −1,000 and 3100 −500 (cash 3,200.00 at 2027-01-31).
 */
import { rate } from "../../support/fixtures";
import { byAccount, closeYear, opPeriod, pkgOf, postRun, setupOf, tbOf } from "./twoYearFixture";
import { consolidate } from "../../../src/core/consolidation/consolidate";
import { entity, GBP_RATES, groupBook } from "./groupFixture";

const DEC = (ccy: string) =>
  pkgOf(
    "E",
    ccy,
    "2026-12",
    [
      ["1000", "1500.00"],
      ["3000", "-1000.00"],
    ],
    [
      ["4000", "-800.00"],
      ["5000", "300.00"],
    ],
    [["3000", "2026-01-10", "-1000.00"]],
  );
const JAN = (ccy: string) =>
  pkgOf(
    "E",
    ccy,
    "2027-01",
    [
      ["1000", "1700.00"],
      ["3000", "-1000.00"],
      ["3100", "-500.00"],
    ],
    [
      ["4000", "-400.00"],
      ["5000", "200.00"],
    ],
    [
      ["3000", "2026-01-10", "-1000.00"],
      ["3100", "2026-12-31", "-500.00"],
    ],
  );

const ENTITY_TB = { "1000": "1700.00", "3000": "-1000.00", "3100": "-500.00", "4000": "-400.00", "5000": "200.00" };

describe("consolidation across fiscal years", () => {
  for (const closingVouchers of [false, true])
    test(`group closes FY2026 (closing vouchers: ${closingVouchers}) before January: January posts only its movement`, () => {
      const setup = setupOf();
      const dec = postRun(setup, [], DEC("USD"), "2026-12", "USD");
      const closed = closeYear(setup, dec.ledger, closingVouchers);
      const jan = postRun(setup, closed, JAN("USD"), "2027-01", "USD");
      expect(byAccount(jan.posted.map((e) => ({ account: e.account, amount: e.amountAccounting })))).toEqual({
        "1000": "200.00",
        "4000": "-400.00",
        "5000": "200.00",
      });
      expect(tbOf(setup, jan.ledger)).toEqual(ENTITY_TB);
    });

  test("group closes FY2026 after the January run: the same trial balance", () => {
    const setup = setupOf();
    const dec = postRun(setup, [], DEC("USD"), "2026-12", "USD");
    const jan = postRun(setup, dec.ledger, JAN("USD"), "2027-01", "USD");
    // not closed yet: as any unclosed ledger, FY2026's result still sits on the P&L accounts, not on 3100
    expect(tbOf(setup, jan.ledger)).toEqual({
      "1000": "1700.00",
      "3000": "-1000.00",
      "4000": "-1200.00",
      "5000": "500.00",
    });
    expect(tbOf(setup, closeYear(setup, jan.ledger, false))).toEqual(ENTITY_TB);
  });

  test("translated (GBP) entity: every voucher balances and the group ledger ends at the consolidated figures", () => {
    // rates: 2026-12-01 1.28 (December's average and the 2026-12-31 spot), 2027-01-01 1.32 (all of January);
    // the retained earnings of FY2026 translate at 1.28 as the December P&L did, so CTA alone moves with the rate
    const rates = [...GBP_RATES, rate("2026-12-01", "GBP", "USD", "1.28"), rate("2027-01-01", "GBP", "USD", "1.32")];
    const setup = setupOf(rates);
    const dec = postRun(setup, [], DEC("GBP"), "2026-12", "GBP");
    const closed = closeYear(setup, dec.ledger, true);
    const jan = postRun(setup, closed, JAN("GBP"), "2027-01", "GBP");
    expect(tbOf(setup, jan.ledger)).toEqual(byAccount(jan.result.lines));
    // by hand: cash 1,700 × 1.32 = 2,244.00; capital −1,000 × 1.25 (2026-01-10) = −1,250.00;
    // RE −500 × 1.28 = −640.00; sales −400 × 1.32 = −528.00; costs 200 × 1.32 = 264.00;
    // CTA = −(2,244 − 1,250 − 640 − 528 + 264) = −90.00
    expect(byAccount(jan.result.lines)).toEqual({
      "1000": "2244.00",
      "3000": "-1250.00",
      "3100": "-640.00",
      "3900": "-90.00",
      "4000": "-528.00",
      "5000": "264.00",
    });
  });
  test("no retained earnings account while earlier years' results were consolidated: a located issue, nothing posted", () => {
    const setup = setupOf();
    const dec = postRun(setup, [], DEC("USD"), "2026-12", "USD");
    const noRe = { ...setup, settings: { ...setup.settings, retainedEarningsAccount: "" } };
    const r = consolidate({
      book: groupBook(noRe, dec.ledger),
      period: opPeriod("2027-01"),
      entities: [entity("E", "USD")],
      mapping: [],
      translation: [],
      eliminations: [],
      packages: [JAN("USD")],
    });
    expect(r.proposal.vouchers).toEqual([]);
    expect(r.proposal.issues).toEqual([
      expect.objectContaining({
        code: "RETAINED_EARNINGS_ACCOUNT",
        severity: "error",
        at: { table: "tblSettings", column: "Value" },
      }),
    ]);
  });
});
