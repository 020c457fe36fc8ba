/**
 * Revaluation after ledger settlement (issue #10, item 1): the revaluation's
 * booked balance is what the ledger holds for the account, dimension set and
 * currency, less what settlement closed — so after a revaluation at D every
 * revalued group stands at round(open currency balance × rate at D), and the
 * realized difference a settlement posted is never booked a second time.
 *
 * USD ledger. 2010 Payables GBP and 1110 Receivables EUR are revalued and
 * settle-flagged. Realized gain 7300 / loss 7400; unrealized gain 7100 / loss 7200.
 */
import fc from "fast-check";
import { fxRevaluation } from "../../../src/core/close/fxRevaluation";
import type { Proposal } from "../../../src/core/close/proposal";
import {
  reverseSettlement,
  settleMarked,
  settlePartial,
  type SettlementRecord,
} from "../../../src/core/close/settlement";
import type { Setup } from "../../../src/core/ledger/book";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { Amount, Rate } from "../../../src/core/money";
import { A, acct, makeSetup, rate } from "../../support/fixtures";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const ACCOUNTS = [
  acct("1000", "Cash USD", "asset", { currency: "USD" }),
  acct("1110", "Receivables EUR", "asset", { revalue: true, settle: true }),
  acct("2010", "Payables GBP", "liability", { revalue: true, settle: true }),
  acct("3000", "Share capital", "equity"),
  acct("7100", "Unrealized gain", "revenue"),
  acct("7200", "Unrealized loss", "expense"),
  acct("7300", "Realized gain", "revenue"),
  acct("7400", "Realized loss", "expense"),
];

function setupWith(rates: ReturnType<typeof rate>[]): Setup {
  return makeSetup({
    accounts: ACCOUNTS,
    rates,
    settings: {
      unrealizedGainAccount: "7100",
      unrealizedLossAccount: "7200",
      realizedGainAccount: "7300",
      realizedLossAccount: "7400",
    },
  });
}

/** A book that posts proposals the way the app does (lines in order, settlement ids kept). */
class Book {
  ledger: LedgerEntry[] = [];
  settlements: SettlementRecord[] = [];
  nextSettlementNo = 1;
  constructor(readonly setup: Setup) {}

  line(date: string, account: string, currency: string, amount: string, accounting: string, dept = ""): number {
    const entryNo = this.ledger.length + 1;
    this.ledger.push(entry(entryNo, date, account, currency, A(amount), A(accounting), dept, "", "journal:GJ"));
    return entryNo;
  }

  post(p: Proposal): void {
    expect(p.issues.filter((i) => i.severity === "error")).toEqual([]);
    for (const v of p.vouchers) {
      for (const l of v.lines) {
        this.ledger.push(
          entry(
            this.ledger.length + 1,
            v.date,
            l.account,
            l.currency,
            l.amount,
            l.amountAccounting,
            l.dimensions.Department ?? "",
            l.settlementId ?? "",
            `close:${p.step}`,
          ),
        );
      }
    }
  }

  settle(marked: (number | { entryNo: number; amount: Amount })[], date: string, partial = false): string {
    const input = {
      setup: this.setup,
      ledger: this.ledger,
      settlements: this.settlements,
      nextSettlementNo: this.nextSettlementNo,
      settlementPrefix: "SET-",
      marked,
      date,
    };
    const r = partial ? settlePartial(input) : settleMarked(input);
    this.post(r.proposal);
    this.settlements.push(...r.settlements);
    this.nextSettlementNo = r.nextSettlementNo;
    return r.settlements[0]!.settlementId;
  }

  reverse(settlementId: string, date: string): void {
    const r = reverseSettlement({
      where: WORKBOOK_WHERE,
      ledger: this.ledger,
      settlements: this.settlements,
      settlementId,
      date,
    });
    this.post(r.proposal);
    const back = r.settlements[0]!;
    this.settlements = this.settlements.map((s) => (s.settlementId === settlementId ? back : s));
  }

  revalue(date: string): Proposal {
    const p = fxRevaluation({
      setup: this.setup,
      ledger: this.ledger,
      settlements: this.settlements,
      date,
      fiscalYearStart: "2026-01-01",
    });
    this.post(p);
    return p;
  }

  /** Σ over the ledger of one account (and optionally currency): [currency amount, accounting amount]. */
  balance(account: string, currency?: string): [string, string] {
    const lines = this.ledger.filter(
      (e) => e.account === account && (currency === undefined || e.currency === currency),
    );
    return [
      Amount.sum(lines.map((e) => e.amount)).toFixed(2),
      Amount.sum(lines.map((e) => e.amountAccounting)).toFixed(2),
    ];
  }
}

function entry(
  entryNo: number,
  date: string,
  account: string,
  currency: string,
  amount: Amount,
  accounting: Amount,
  dept: string,
  settlementId: string,
  source: string,
): LedgerEntry {
  return {
    row: entryNo,
    entryNo,
    voucher: `GL-${String(entryNo).padStart(6, "0")}`,
    date,
    period: date.slice(0, 7),
    account,
    dimensions: { Department: dept },
    currency,
    amount,
    amountAccounting: accounting,
    description: "",
    source,
    runId: "R",
    settlementId,
    user: "alice",
    postedAt: "t",
  };
}

describe("revaluation after settlement", () => {
  test("a partially settled GBP payable revalues to −600.00 × 1.40 = −840.00, not −860.00", () => {
    // Cr 1,000.00 GBP at 1.25 = −1,250.00; Dr 400.00 GBP at 1.30 = +520.00 (cash −520.00).
    // Partial settlement of 400.00: the invoice's settled part is −400.00 GBP / −500.00 USD, the payment's
    // +400.00 / +520.00 → adjustment = 0 − (−500.00 + 520.00) = −20.00 → realized loss 20.00 (2010 Cr 20.00).
    // Ledger: −1,250.00 + 520.00 − 20.00 = −750.00 for −600.00 GBP (= 600 × 1.25, the invoice's rate).
    // Revalue at 1.40 on 03-31: round(−600.00 × 1.40) = −840.00; delta = −840.00 − (−750.00) = −90.00 → loss 90.00.
    const b = new Book(setupWith([rate("2026-03-31", "GBP", "USD", "1.40")]));
    const invoice = b.line("2026-03-01", "2010", "GBP", "-1000.00", "-1250.00");
    b.line("2026-03-01", "7400", "USD", "1250.00", "1250.00");
    const payment = b.line("2026-03-10", "2010", "GBP", "400.00", "520.00");
    b.line("2026-03-10", "1000", "USD", "-520.00", "-520.00");
    b.settle([invoice, payment], "2026-03-10", true);
    expect(b.balance("2010")).toEqual(["-600.00", "-750.00"]);
    const p = b.revalue("2026-03-31");
    expect(p.vouchers[0]!.lines.map((l) => [l.account, l.amountAccounting.toString()])).toEqual([
      ["2010", "-90.00"],
      ["7200", "90.00"],
    ]);
    expect(b.balance("2010")).toEqual(["-600.00", "-840.00"]);
    // the trace says what settlement closed
    expect(p.trace[0]!.inputs).toMatchObject({
      balance: "-600.00 GBP",
      accounting: "-750.00 USD",
      settled: "20.00 USD closed by settlement, not revalued",
    });
    // and a second run at the same rate posts nothing
    expect(b.revalue("2026-03-31").vouchers).toEqual([]);
  });

  test("a fully settled EUR receivable with a realized gain is left at zero", () => {
    // Dr 500.00 EUR at 1.08 = 540.00; Cr 500.00 EUR at 1.12 = −560.00 → adjustment 0 − (540 − 560) = +20.00:
    // realized gain 20.00 (1110 Dr 20.00). Ledger 1110: 0.00 EUR / 0.00 USD. Revalued at 1.15: nothing to do.
    // (Before the fix the realized line was left out: booked −20.00 for 0 EUR → a wrong loss... of +20.00 "residue".)
    const b = new Book(setupWith([rate("2026-03-31", "EUR", "USD", "1.15")]));
    const inv = b.line("2026-03-02", "1110", "EUR", "500.00", "540.00");
    const pay = b.line("2026-03-20", "1110", "EUR", "-500.00", "-560.00");
    b.line("2026-03-02", "3000", "USD", "20.00", "20.00");
    b.settle([inv, pay], "2026-03-20");
    expect(b.balance("1110")).toEqual(["0.00", "0.00"]);
    expect(b.revalue("2026-03-31").vouchers).toEqual([]);
    expect(b.balance("1110")).toEqual(["0.00", "0.00"]);
  });

  test("an item settled against the accounting currency is closed and not revalued", () => {
    // Dr 100.00 EUR at 1.10 = 110.00 on 1110, settled against a USD entry Cr 110.00 USD (accounting basis, no
    // realized difference). The account's balance is 0.00 USD; revaluing the settled EUR at 1.20 would book
    // round(100.00 × 1.20) − 110.00 = +10.00 on a settled item. Nothing is open: nothing is proposed.
    const b = new Book(setupWith([rate("2026-03-31", "EUR", "USD", "1.20")]));
    const eur = b.line("2026-03-02", "1110", "EUR", "100.00", "110.00");
    const usd = b.line("2026-03-05", "1110", "USD", "-110.00", "-110.00");
    b.settle([eur, usd], "2026-03-05");
    expect(b.revalue("2026-03-31").vouchers).toEqual([]);
    expect(b.balance("1110")[1]).toBe("0.00");
  });

  test("a settlement dated after the revaluation date, or reversed before it, does not change what is revalued", () => {
    // Dr 300.00 EUR at 1.10 = 330.00 (03-02); Cr 300.00 EUR at 1.15 = −345.00 (04-10); settled 04-10 (gain 15.00).
    // Revalue as of 03-31 at 1.20: open = +300.00 EUR / 330.00 → round(360.00) − 330.00 = +30.00.
    const b = new Book(setupWith([rate("2026-03-31", "EUR", "USD", "1.20"), rate("2026-04-30", "EUR", "USD", "1.20")]));
    const inv = b.line("2026-03-02", "1110", "EUR", "300.00", "330.00");
    const pay = b.line("2026-04-10", "1110", "EUR", "-300.00", "-345.00");
    const id = b.settle([inv, pay], "2026-04-10");
    const asOfMarch = fxRevaluation({
      setup: b.setup,
      ledger: b.ledger,
      settlements: b.settlements,
      date: "2026-03-31",
      fiscalYearStart: "2026-01-01",
    });
    expect(asOfMarch.vouchers[0]!.lines[0]!.amountAccounting.toString()).toBe("30.00");
    // reversed on 04-20: at 04-30 both entries are open again: 0.00 EUR, 330.00 − 345.00 = −15.00 → cleared, +15.00
    b.reverse(id, "2026-04-20");
    const p = b.revalue("2026-04-30");
    expect(p.vouchers[0]!.lines[0]!.amountAccounting.toString()).toBe("15.00");
    expect(b.balance("1110")).toEqual(["0.00", "0.00"]);
  });
});

// ---- property: any sequence of postings, (partial) settlements, reversals and revaluations ----

type Op =
  | { kind: "post"; account: 0 | 1; units: number; rate: number; day: number }
  | { kind: "settle"; pick: number[]; partial: boolean; day: number }
  | { kind: "reverse"; pick: number; day: number }
  | { kind: "revalue"; rate: [number, number]; day: number };

const rateArb = fc.integer({ min: 50, max: 250 }); // hundredths: 0.50 … 2.50
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("post" as const),
      account: fc.constantFrom(0 as const, 1 as const),
      units: fc.integer({ min: -500_000, max: 500_000 }).filter((u) => u !== 0),
      rate: rateArb,
      day: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("settle" as const),
      pick: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
      partial: fc.boolean(),
      day: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("reverse" as const),
      pick: fc.nat(),
      day: fc.integer({ min: 0, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("revalue" as const),
      rate: fc.tuple(rateArb, rateArb),
      day: fc.integer({ min: 0, max: 2 }),
    }),
  },
);

const CCY = [
  { account: "1110", currency: "EUR" },
  { account: "2010", currency: "GBP" },
];

test("property: after a revaluation at D every revalued account × currency stands at round(open balance × rate at D)", () => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.tuple(rateArb, rateArb), (ops, final) => {
      // each op happens on its own day, so dates only move forward; rates are dated the day they are used
      const rates: ReturnType<typeof rate>[] = [];
      const setup = setupWith(rates);
      const b = new Book(setup);
      let day = 1;
      const dateOf = (d: number) => {
        const x = new Date(Date.UTC(2026, 0, d));
        return x.toISOString().slice(0, 10);
      };
      for (const op of ops) {
        day += 1 + op.day;
        const date = dateOf(day);
        if (op.kind === "post") {
          const c = CCY[op.account]!;
          const amount = Amount.fromUnits(BigInt(op.units), 2);
          const acc = Rate.parse((op.rate / 100).toFixed(2))!.apply(amount, 2, "halfAwayFromZero");
          b.line(date, c.account, c.currency, amount.toString(), acc.toString());
          b.line(date, "3000", "USD", acc.neg().toString(), acc.neg().toString());
        } else if (op.kind === "settle") {
          // pick open entries of one account: a debit and a credit, settled fully (marked, netting to zero) or partially
          const account = CCY[op.pick[0]! % 2]!.account;
          const open = openEntries(b, account);
          const debits = open.filter((o) => o.remaining.isPositive());
          const credits = open.filter((o) => o.remaining.isNegative());
          if (debits.length === 0 || credits.length === 0) continue;
          const d = debits[op.pick[1]! % debits.length]!;
          const c = credits[(op.pick[2] ?? 0) % credits.length]!;
          if (op.partial) {
            b.settle([d.entryNo, c.entryNo], date, true);
          } else {
            const part = d.remaining.abs().cmp(c.remaining.abs()) < 0 ? d.remaining.abs() : c.remaining.abs();
            b.settle(
              [
                { entryNo: d.entryNo, amount: part },
                { entryNo: c.entryNo, amount: part.neg() },
              ],
              date,
            );
          }
        } else if (op.kind === "reverse") {
          const live = b.settlements.filter((s) => s.status === "settled");
          if (live.length === 0) continue;
          b.reverse(live[op.pick % live.length]!.settlementId, date);
        } else {
          rates.push(
            rate(date, "EUR", "USD", (op.rate[0] / 100).toFixed(2)),
            rate(date, "GBP", "USD", (op.rate[1] / 100).toFixed(2)),
          );
          b.revalue(date);
        }
      }
      day += 1;
      const d = dateOf(day);
      rates.push(
        rate(d, "EUR", "USD", (final[0] / 100).toFixed(2)),
        rate(d, "GBP", "USD", (final[1] / 100).toFixed(2)),
      );
      b.revalue(d);
      for (const [i, c] of CCY.entries()) {
        // same-currency settlements only: the settled parts and the realized lines net to zero on the
        // account, so the ledger's own balance must equal round(currency balance × rate)
        const [cur, acc] = b.balance(c.account);
        const expected = Rate.parse((final[i]! / 100).toFixed(2))!.apply(A(cur), 2, "halfAwayFromZero");
        expect([c.account, acc]).toEqual([c.account, expected.toFixed(2)]);
      }
      // the trial balance nets to zero
      expect(Amount.sum(b.ledger.map((e) => e.amountAccounting)).isZero()).toBe(true);
    }),
    { numRuns: 200 },
  );
});

function openEntries(b: Book, account: string): { entryNo: number; remaining: Amount }[] {
  const taken = new Map<number, Amount>();
  for (const s of b.settlements)
    if (s.status === "settled")
      for (const x of s.entries) taken.set(x.entryNo, (taken.get(x.entryNo) ?? Amount.ZERO).plus(x.settledAmount));
  return b.ledger
    .filter((e) => e.account === account && e.settlementId === "" && e.source === "journal:GJ")
    .map((e) => ({ entryNo: e.entryNo, remaining: e.amount.minus(taken.get(e.entryNo) ?? Amount.ZERO) }))
    .filter((o) => !o.remaining.isZero());
}
