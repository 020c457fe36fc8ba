/**
 * Consolidation invariants (fast-check):
 * - every entity's translated trial balance balances once its CTA is added;
 * - eliminations net to zero (with a difference account taking any mismatch);
 * - one 100 % entity keeping the group currency is reproduced exactly;
 * - reversing a posted consolidation run and running it again proposes the same vouchers,
 *   and monthly runs leave the group ledger at the year-to-date consolidated balances;
 * - across a fiscal year end (group closing the old year before or after the new year's first run),
 *   the group ledger ends at the consolidated figures: for one 100 % entity in the group currency, its trial balance.
 */
import fc from "fast-check";
import { consolidate, CONSOLIDATION_STEP } from "../../src/core/consolidation/consolidate";
import type { EliminationRule, EntityPackage } from "../../src/core/consolidation/model";
import { consolidationWorksheet } from "../../src/core/consolidation/worksheet";
import type { LedgerEntry } from "../../src/core/ledger/types";
import { Amount } from "../../src/core/money";
import { A, rate } from "../support/fixtures";
import { entity, GBP_RATES, groupBook, groupSetup, period, pkg } from "../core/consolidation/groupFixture";
import { byAccount, closeYear, pkgOf, postRun, setupOf, tbOf } from "../core/consolidation/twoYearFixture";

const cents = fc.integer({ min: -5_000_000, max: 5_000_000 }).map((n) => Amount.fromUnits(BigInt(n), 2));
const rateText = fc.integer({ min: 5_000, max: 20_000 }).map((n) => (n / 10_000).toFixed(4));
const BS = ["1000", "1300", "2000", "2300"];
const PL = ["4000", "5000"];

/** a balanced package: random balance-sheet closings, random March P&L, capital taking up the rest (one dated change) */
const arbPackage = (entityId: string, currency: string, at = "2026-03") =>
  fc
    .record({
      bs: fc.array(fc.tuple(fc.constantFrom(...BS), cents), { maxLength: 6 }),
      pl: fc.array(fc.tuple(fc.constantFrom(...PL), cents), { maxLength: 4 }),
      capDate: fc.constantFrom("2024-06-30", "2025-12-31", "2026-02-15"),
    })
    .map(({ bs, pl, capDate }) => {
      const total = Amount.sum([...bs, ...pl].map(([, a]) => a));
      const spec = [
        ...bs.map(([a, x]) => `${a} ${x.toString()}`),
        ...pl.map(([a, x]) => `${a} ${x.toString()} @2026-03`),
        `3000 ${total.neg().toString()}`,
      ].join("\n");
      return pkg(entityId, currency, at, spec, [["3000", capDate, total.neg().toString()]]);
    });

const arbRates = fc
  .tuple(rateText, rateText, rateText, rateText)
  .map(([a, b, c, d]) => [
    rate("2024-06-30", "GBP", "USD", a),
    rate("2025-12-31", "GBP", "USD", b),
    rate("2026-03-01", "GBP", "USD", c),
    rate("2026-03-21", "GBP", "USD", d),
  ]);

const sumOf = (xs: readonly { amount: Amount }[]) => Amount.sum(xs.map((x) => x.amount));

describe("consolidation properties", () => {
  test("each entity's translated trial balance balances after CTA", () => {
    fc.assert(
      fc.property(
        arbPackage("UK", "GBP"),
        arbRates,
        fc.constantFrom("average", "weightedAverage") as fc.Arbitrary<"average" | "weightedAverage">,
        (p, rates, method) => {
          const r = consolidate({
            book: groupBook(groupSetup({ rates })),
            period: period("2026-03"),
            entities: [entity("UK", "GBP")],
            mapping: [],
            translation: [{ entity: "*", accountType: "revenue", method, rateType: "spot" }],
            eliminations: [],
            packages: [p],
          });
          expect(r.proposal.issues).toEqual([]);
          const t = r.translated[0]!;
          expect(Amount.sum(t.lines.map((l) => l.translated)).isZero()).toBe(true);
          expect(
            t.totals.cta.eq(
              t.totals.assets.minus(t.totals.liabilities).minus(t.totals.equity).minus(t.totals.netIncome),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("eliminations net to zero", () => {
    const rule: EliminationRule = {
      id: "IC",
      method: "netChange",
      entity: "*",
      accounts: "1300, 2300, 4000, 5000",
      partnerDimension: "TradingPartner",
      partner: "*",
      differenceAccount: "6990",
    };
    const ic = fc.array(
      fc.tuple(fc.constantFrom("A", "B", "C"), fc.constantFrom("A", "B", "C"), fc.constantFrom("1300", "2300"), cents),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(ic, arbRates, (items, rates) => {
        const spec = (e: string) =>
          [
            ...items.filter(([x]) => x === e).map(([, tp, a, amt]) => `${a} ${amt.toString()} TradingPartner=${tp}`),
            `3000 ${sumOf(items.filter(([x]) => x === e).map(([, , , amount]) => ({ amount })))
              .neg()
              .toString()}`,
          ].join("\n");
        const packages: EntityPackage[] = ["A", "B", "C"].map((e) => {
          const cap = sumOf(items.filter(([x]) => x === e).map(([, , , amount]) => ({ amount }))).neg();
          return pkg(e, e === "B" ? "GBP" : "USD", "2026-03", spec(e), [["3000", "2026-01-10", cap.toString()]]);
        });
        const r = consolidate({
          book: groupBook(groupSetup({ rates })),
          period: period("2026-03"),
          entities: [entity("A", "USD"), entity("B", "GBP"), entity("C", "USD")],
          mapping: [],
          translation: [],
          eliminations: [rule],
          packages,
        });
        expect(r.proposal.issues.filter((i) => i.severity === "error")).toEqual([]);
        expect(sumOf(r.lines.filter((l) => l.column === "eliminations")).isZero()).toBe(true);
        // and the worksheet's check lines all read 0
        expect(consolidationWorksheet(r, groupSetup({ rates })).checksPass).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  test("one 100 % entity in the group currency is reproduced exactly", () => {
    fc.assert(
      fc.property(arbPackage("US", "USD"), (p) => {
        const r = consolidate({
          book: groupBook(groupSetup()),
          period: period("2026-03"),
          entities: [entity("US", "USD")],
          mapping: [],
          translation: [],
          eliminations: [],
          packages: [p],
        });
        expect(r.proposal.issues).toEqual([]);
        const tb = new Map<string, Amount>();
        for (const l of p.lines)
          if (l.period === "2026-03") tb.set(l.account, (tb.get(l.account) ?? Amount.ZERO).plus(l.closing));
        const got = new Map<string, Amount>();
        for (const l of r.lines) got.set(l.account, (got.get(l.account) ?? Amount.ZERO).plus(l.amount));
        const nonZero = (m: Map<string, Amount>) =>
          Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, v.toFixed(2)]));
        expect(nonZero(got)).toEqual(nonZero(tb));
      }),
      { numRuns: 150 },
    );
  });

  test("reverse is neutral: after a reversal the same run is proposed again; monthly runs add up to year to date", () => {
    let entryNo = 1;
    const post = (
      vouchers: ReturnType<typeof consolidate>["proposal"]["vouchers"],
      runId: string,
      negate = false,
    ): LedgerEntry[] =>
      vouchers.flatMap((v) =>
        v.lines.map((l) => ({
          entryNo: entryNo++,
          voucher: runId,
          date: v.date,
          period: v.date.slice(0, 7),
          account: l.account,
          dimensions: l.dimensions,
          currency: l.currency,
          amount: negate ? l.amount.neg() : l.amount,
          amountAccounting: negate ? l.amountAccounting.neg() : l.amountAccounting,
          description: negate ? `Reversal: ${l.description}` : l.description,
          source: negate ? `reversal:${runId}` : `close:${CONSOLIDATION_STEP}`,
          runId,
          settlementId: "",
          user: "t",
          postedAt: "",
        })),
      );
    fc.assert(
      fc.property(arbPackage("UK", "GBP", "2026-02"), arbPackage("UK", "GBP"), arbRates, (feb, mar, rates) => {
        const setup = groupSetup({ rates: [...rates, rate("2026-02-01", "GBP", "USD", "1.2")] });
        const run = (ledger: LedgerEntry[], p: EntityPackage, id: string) =>
          consolidate({
            book: groupBook(setup, ledger),
            period: period(id),
            entities: [entity("UK", "GBP", { ownership: Amount.fromUnits(75n, 0) })],
            mapping: [],
            translation: [],
            eliminations: [],
            packages: [p],
          });
        const r1 = run([], feb, "2026-02");
        const ledger1 = post(r1.proposal.vouchers, "RUN-1");
        const r2 = run(ledger1, mar, "2026-03");
        const ledger2 = [...ledger1, ...post(r2.proposal.vouchers, "RUN-2")];
        // the ledger now holds March's year-to-date figures, per account
        const tb = (ls: readonly { account: string; amount: Amount }[]) => {
          const m = new Map<string, string>();
          const acc = new Map<string, Amount>();
          for (const l of ls) acc.set(l.account, (acc.get(l.account) ?? Amount.ZERO).plus(l.amount));
          for (const [k, v] of acc) if (!v.isZero()) m.set(k, v.toFixed(2));
          return Object.fromEntries([...m].sort());
        };
        expect(tb(ledger2.map((e) => ({ account: e.account, amount: e.amountAccounting })))).toEqual(tb(r2.lines));
        // reverse March, run it again: the same vouchers
        const ledger3 = [...ledger2, ...post(r2.proposal.vouchers, "RUN-2", true)];
        const again = run(ledger3, mar, "2026-03");
        expect(again.proposal.vouchers.map((v) => v.lines.map((l) => `${l.account} ${l.amount.toString()}`))).toEqual(
          r2.proposal.vouchers.map((v) => v.lines.map((l) => `${l.account} ${l.amount.toString()}`)),
        );
      }),
      { numRuns: 100 },
    );
  });
  test("two fiscal years: the group ledger at the new year's first period holds the consolidated figures", () => {
    const entries = (accounts: string[]) =>
      fc
        .array(fc.tuple(fc.constantFrom(...accounts), cents), { maxLength: 4 })
        .map((xs) => xs.map(([a, x]): [string, string] => [a, x.toString()]));
    const total = (xs: [string, string][]) => Amount.sum(xs.map(([, x]) => A(x)));
    fc.assert(
      fc.property(
        entries(BS),
        entries(PL),
        entries(BS),
        entries(PL),
        fc.constantFrom("USD", "GBP"),
        fc.boolean(),
        rateText,
        rateText,
        (bs1, pl1, bs2, pl2, ccy, closeFirst, decRate, janRate) => {
          const setup = setupOf([
            ...GBP_RATES,
            rate("2026-12-01", "GBP", "USD", decRate),
            rate("2027-01-01", "GBP", "USD", janRate),
          ]);
          const cap1 = total([...bs1, ...pl1]).neg();
          const result1 = total(pl1);
          const cap2 = total([...bs2, ...pl2])
            .plus(result1)
            .neg();
          const dec = pkgOf("E", ccy, "2026-12", [...bs1, ["3000", cap1.toString()]], pl1, [
            ["3000", "2026-01-10", cap1.toString()],
          ]);
          const jan = pkgOf(
            "E",
            ccy,
            "2027-01",
            [...bs2, ["3000", cap2.toString()], ["3100", result1.toString()]],
            pl2,
            [
              ["3000", "2026-01-10", cap1.toString()],
              ["3000", "2027-01-10", cap2.minus(cap1).toString()],
              ["3100", "2026-12-31", result1.toString()],
            ],
          );
          const r1 = postRun(setup, [], dec, "2026-12", ccy);
          const before = closeFirst ? closeYear(setup, r1.ledger, true) : r1.ledger;
          const r2 = postRun(setup, before, jan, "2027-01", ccy);
          const after = closeFirst ? r2.ledger : closeYear(setup, r2.ledger, false);
          const got = tbOf(setup, after);
          expect(got).toEqual(byAccount(r2.result.lines));
          if (ccy === "USD") {
            const tb = byAccount(
              jan.lines.filter((l) => l.period === "2027-01").map((l) => ({ account: l.account, amount: l.closing })),
            );
            expect(got).toEqual(tb);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
