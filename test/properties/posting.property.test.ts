/**
 * Invariants of posting, for any generated journal:
 * every posted voucher balances (accounting and reporting); the trial balance
 * nets to zero; posting is all or nothing; voucher numbers are unique and
 * consecutive from the sequence; a balanced multi-currency voucher stays
 * balanced after conversion.
 */
import fc from "fast-check";
import { postJournal } from "../../src/core/posting/postJournal";
import { unbalancedVouchers } from "../../src/core/ledger/balance";
import { trialBalance } from "../../src/core/ledger/trialBalance";
import type { JournalLine } from "../../src/core/ledger/types";
import { Amount, Rate } from "../../src/core/money";
import { makeSetup, rate } from "../support/fixtures";

const CCY = [
  { code: "USD", places: 2, debit: "6100", credit: "1100" },
  { code: "EUR", places: 2, debit: "1010", credit: "4000" },
  { code: "JPY", places: 0, debit: "1030", credit: "4000" },
  { code: "GBP", places: 2, debit: "1100", credit: "2000" },
] as const;

const rateText = fc.integer({ min: 1, max: 99_999_999 }).map((n) => (n / 1_000_000).toFixed(6));

interface GenVoucher {
  ccy: (typeof CCY)[number];
  day: number;
  parts: number[];
  split: number[];
}

const voucherArb: fc.Arbitrary<GenVoucher> = fc.record({
  ccy: fc.constantFrom(...CCY),
  day: fc.integer({ min: 1, max: 28 }),
  parts: fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 5 }),
  split: fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 5 }),
});

/** A balanced single-currency voucher: debits `parts`, credits the same total split by `split` weights. */
function buildVoucher(v: GenVoucher, n: number, rowStart: number): JournalLine[] {
  const scale = v.ccy.places;
  const debits = v.parts.map((u) => Amount.fromUnits(BigInt(u), scale));
  const total = Amount.sum(debits);
  const wsum = v.split.reduce((a, b) => a + b, 0);
  let left = total;
  const credits = v.split.map((w, i) => {
    if (i === v.split.length - 1) return left;
    const share = Amount.fromUnits((total.units * BigInt(w)) / BigInt(wsum), scale);
    left = left.minus(share);
    return share;
  });
  const date = `2026-03-${String(v.day).padStart(2, "0")}`;
  const base = {
    journal: "GJ",
    draftVoucher: `D-${n}`,
    date,
    dimensions: { Department: "" },
    currency: v.ccy.code,
    description: "",
    status: "Draft" as const,
    message: "",
    postedVoucher: "",
  };
  let row = rowStart;
  return [
    ...debits.map((d) => ({ ...base, row: row++, account: v.ccy.debit, debit: d })),
    ...credits.filter((c) => !c.isZero()).map((c) => ({ ...base, row: row++, account: v.ccy.credit, credit: c })),
  ];
}

function buildJournal(vs: GenVoucher[]): JournalLine[] {
  const out: JournalLine[] = [];
  vs.forEach((v, i) => out.push(...buildVoucher(v, i, out.length + 1)));
  return out;
}

const setupArb = fc
  .record({
    eur: rateText,
    jpy: rateText,
    gbp: rateText,
    reporting: fc.boolean(),
    placement: fc.constantFrom("largestLine" as const, "roundingAccount" as const),
  })
  .map((r) =>
    makeSetup({
      rates: [
        rate("2026-03-01", "EUR", "USD", r.eur),
        rate("2026-03-01", "JPY", "USD", r.jpy, 100),
        rate("2026-03-01", "GBP", "USD", r.gbp),
      ],
      settings: { roundingPlacement: r.placement, ...(r.reporting ? { reportingCurrency: "EUR" } : {}) },
    }),
  );

const post = (setup: ReturnType<typeof makeSetup>, journal: JournalLine[], nextVoucherNo = 1) =>
  postJournal({
    setup,
    journal,
    user: "alice",
    now: "t",
    runId: "R",
    nextEntryNo: 1,
    nextVoucherNo,
    voucherPrefix: "GL-",
  });

test("every posted voucher balances and the trial balance nets to zero", () => {
  fc.assert(
    fc.property(setupArb, fc.array(voucherArb, { minLength: 1, maxLength: 12 }), (setup, vs) => {
      const r = post(setup, buildJournal(vs));
      expect(r.issues.filter((i) => i.severity === "error")).toEqual([]);
      expect(r.posted).toBe(true);
      expect(unbalancedVouchers(r.entries, "tblLedger")).toEqual([]);
      const tb = trialBalance(r.entries, setup, { from: "2026-03-01", to: "2026-03-31" });
      expect(tb.totals.closing.isZero()).toBe(true);
      expect(tb.totals.debit.eq(tb.totals.credit)).toBe(true);
      // one ledger line per journal line, plus at most one rounding line per voucher
      const journalLines = buildJournal(vs).length;
      const rounding = r.entries.length - journalLines;
      expect(rounding).toBeGreaterThanOrEqual(0);
      expect(rounding).toBeLessThanOrEqual(vs.length);
    }),
    { numRuns: 150 },
  );
});

test("voucher numbers are unique and consecutive from the sequence", () => {
  fc.assert(
    fc.property(
      fc.array(voucherArb, { minLength: 1, maxLength: 10 }),
      fc.integer({ min: 1, max: 999_000 }),
      (vs, start) => {
        const r = post(makeSetup(), buildJournal(vs), start);
        const numbers = r.vouchers.map((v) => v.voucher);
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(numbers).toEqual(vs.map((_, i) => `GL-${String(start + i).padStart(6, "0")}`));
        expect(r.nextVoucherNo).toBe(start + vs.length);
      },
    ),
  );
});

test("posting is all or nothing: one bad line and nothing is proposed", () => {
  const corruptions: ((l: JournalLine) => JournalLine)[] = [
    (l) => ({ ...l, account: "9999" }),
    (l) => ({ ...l, date: "2031-06-01" }),
    (l) => ({ ...l, currency: "XXX" }),
    (l) => ({ ...l, dimensions: { Department: "NOPE" } }),
    (l) =>
      l.debit
        ? { ...l, debit: l.debit.plus(Amount.fromUnits(1n, 2)) }
        : { ...l, credit: l.credit!.plus(Amount.fromUnits(1n, 2)) },
  ];
  fc.assert(
    fc.property(
      fc.array(voucherArb, { minLength: 1, maxLength: 8 }),
      fc.nat(),
      fc.constantFrom(...corruptions),
      (vs, pick, corrupt) => {
        const journal = buildJournal(vs);
        const i = pick % journal.length;
        journal[i] = corrupt(journal[i]!);
        const r = post(makeSetup(), journal);
        expect(r.posted).toBe(false);
        expect(r.entries).toEqual([]);
        expect(r.vouchers).toEqual([]);
        expect(r.issues.some((x) => x.severity === "error" && x.at?.table === "tblJournal")).toBe(true);
      },
    ),
  );
});

test("a balanced multi-currency voucher stays balanced after conversion", () => {
  // EUR debit x against a USD credit of round(x × rate): the exact difference is under half a cent
  // rates ≥ 0.01 and amounts ≥ 1.00 EUR, so no offsetting USD line rounds to nothing
  const rateAtLeastACent = fc.integer({ min: 10_000, max: 99_999_999 }).map((n) => (n / 1_000_000).toFixed(6));
  fc.assert(
    fc.property(
      rateAtLeastACent,
      fc.array(fc.integer({ min: 100, max: 1_000_000_000 }), { minLength: 1, maxLength: 6 }),
      (r, cents) => {
        const setup = makeSetup({ rates: [rate("2026-03-01", "EUR", "USD", r)] });
        const factor = Rate.parse(r)!;
        const base = {
          journal: "GJ",
          draftVoucher: "D-1",
          date: "2026-03-10",
          dimensions: { Department: "" },
          description: "",
          status: "Draft" as const,
          message: "",
          postedVoucher: "",
        };
        const lines: JournalLine[] = [];
        cents.forEach((c, i) => {
          const eur = Amount.fromUnits(BigInt(c), 2);
          lines.push({ ...base, row: 2 * i + 1, account: "1010", currency: "EUR", debit: eur });
          lines.push({ ...base, row: 2 * i + 2, account: "1000", currency: "USD", credit: factor.apply(eur, 2) });
        });
        const res = post(setup, lines);
        expect(res.issues).toEqual([]);
        expect(unbalancedVouchers(res.entries, "tblLedger")).toEqual([]);
      },
    ),
  );
});
