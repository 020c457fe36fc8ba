/**
 * Consolidation bench (issue #12): 10 entity packages of 100k balance lines each
 * (3 months × ~33k account × department lines; GBP, EUR and USD entities, one
 * 80 %; intercompany receivables/payables eliminated by trading partner)
 * consolidated in one pure core call, target < 2 s. Printed, not asserted.
 *
 * Run: npx esbuild bench/consolidationBench.ts --bundle --platform=node --outfile=dist-cli/consolidationBench.js && node dist-cli/consolidationBench.js
 *   → "consolidated 10 packages × 100,000 lines in 1.4 s (3 vouchers … lines)"
 */
import { buildFiscalYear } from "../src/core/calendar/fiscalYear";
import { consolidate } from "../src/core/consolidation/consolidate";
import type { EntityPackage, GroupEntity, PackageLine } from "../src/core/consolidation/model";
import type { Book, Setup } from "../src/core/ledger/book";
import type { Account, ExchangeRate } from "../src/core/ledger/types";
import { Amount, Rate } from "../src/core/money";

const acct = (number: string, type: Account["type"]): Account => ({
  number,
  name: number,
  type,
  category: type,
  revalue: false,
  settle: false,
  active: true,
  blocked: false,
});
const ACCOUNTS = [
  ...["1000", "1100", "1200", "1300"].map((n) => acct(n, "asset")),
  ...["2000", "2100", "2300"].map((n) => acct(n, "liability")),
  acct("3000", "equity"),
  acct("3800", "equity"),
  acct("3950", "equity"),
  ...["4000", "4100"].map((n) => acct(n, "revenue")),
  ...["5000", "6000", "6100", "8900"].map((n) => acct(n, "expense")),
];
const periods = buildFiscalYear(2026, 1);
const ops = periods.filter((p) => p.kind === "operating").slice(0, 3);
const rates: ExchangeRate[] = [];
for (const [c, base] of [
  ["GBP", 1.27],
  ["EUR", 1.08],
] as const) {
  for (let d = 0; d < 90; d++) {
    const date = new Date(Date.UTC(2025, 11, 31 + d)).toISOString().slice(0, 10);
    rates.push({
      date,
      from: c,
      to: "USD",
      type: "spot",
      rate: Rate.parse((base + (d % 7) / 1000).toFixed(4))!,
      quotationUnit: 1,
      source: "bench",
    });
  }
}
const setup: Setup = {
  settings: {
    company: "Group",
    accountingCurrency: "USD",
    fiscalYearStartMonth: 1,
    defaultRateType: "spot",
    triangulationCurrency: "USD",
    roundingMode: "halfAwayFromZero",
    roundingPlacement: "roundingAccount",
    schemaVersion: 1,
  },
  currencies: new Map(["USD", "GBP", "EUR"].map((c) => [c, { code: c, name: c, precision: 2 }])),
  accounts: new Map(ACCOUNTS.map((a) => [a.number, a])),
  dimensions: [],
  dimensionValues: new Map(),
  rates,
  periods,
  users: new Map(),
};
const book: Book = {
  setup,
  sequences: [],
  journal: [],
  ledger: [],
  runs: [],
  audit: [],
  lockExceptions: [],
  seals: [],
  sealRows: [],
  settlements: [],
};

function makePackage(i: number, perPeriod: number): EntityPackage {
  const id = `E${i}`;
  const currency = ["GBP", "EUR", "USD"][i % 3]!;
  const lines: PackageLine[] = [];
  const bs = ["1000", "1100", "1200", "2000", "2100"];
  const pl = ["4000", "4100", "5000", "6000", "6100"];
  let seed = i + 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const opening = new Map<string, Amount>();
  let total = Amount.ZERO;
  for (const p of ops) {
    for (let k = 0; k < perPeriod - 2; k++) {
      const account = k % 2 ? bs[k % bs.length]! : pl[k % pl.length]!;
      const dims = { Department: `D${Math.floor(k / 10)}` };
      const activity = Amount.fromUnits(BigInt(Math.floor((rnd() - 0.5) * 1e7)), 2);
      const key = `${account}|${dims.Department}`;
      const open =
        account.startsWith("4") || account.startsWith("5") || account.startsWith("6")
          ? (opening.get(key) ?? Amount.ZERO)
          : (opening.get(key) ?? Amount.ZERO);
      lines.push({
        account,
        dimensions: dims,
        currency,
        period: p.id,
        start: p.start,
        end: p.end,
        opening: open,
        activity,
        closing: open.plus(activity),
      });
      opening.set(key, open.plus(activity));
      total = total.plus(activity);
    }
  }
  // intercompany with the next entity, and capital balancing everything at the last period
  const last = ops[ops.length - 1]!;
  const partner = `E${(i + 1) % 10}`;
  const ic = Amount.fromUnits(100_000n, 2);
  lines.push({
    account: "1300",
    dimensions: { TradingPartner: partner },
    currency,
    period: last.id,
    start: last.start,
    end: last.end,
    opening: Amount.ZERO,
    activity: ic,
    closing: ic,
  });
  const capital = total.plus(ic).neg();
  lines.push({
    account: "3000",
    dimensions: {},
    currency,
    period: last.id,
    start: last.start,
    end: last.end,
    opening: capital,
    activity: Amount.ZERO,
    closing: capital,
  });
  return {
    source: `${id}.csv`,
    entity: id,
    currency,
    period: last.id,
    periodEnd: last.end,
    status: "On hold",
    draft: false,
    sealHead: "",
    lines,
    equityChanges: [{ account: "3000", dimensions: {}, date: "2026-01-15", amount: capital }],
  };
}

const entities: GroupEntity[] = Array.from({ length: 10 }, (_, i) => ({
  id: `E${i}`,
  name: `E${i}`,
  currency: ["GBP", "EUR", "USD"][i % 3]!,
  ownership: Amount.fromUnits(i === 1 ? 80n : 100n, 0),
  method: "full",
  ctaAccount: "3800",
  nciEquityAccount: "3950",
  nciIncomeAccount: "8900",
}));
const packages = Array.from({ length: 10 }, (_, i) => makePackage(i, Number(process.env.LINES_PER_MONTH ?? 33_334)));
const lines = packages.reduce((s, p) => s + p.lines.length, 0);
const t0 = performance.now();
const r = consolidate({
  book,
  period: ops[ops.length - 1]!,
  entities,
  mapping: [{ entity: "*", accounts: "1900..1999", groupAccount: "1000" }],
  translation: [{ entity: "*", accountType: "expense", method: "weightedAverage", rateType: "spot" }],
  eliminations: [
    {
      id: "IC",
      method: "netChange",
      entity: "*",
      accounts: "1300, 2300",
      partnerDimension: "TradingPartner",
      partner: "*",
      differenceAccount: "6100",
    },
  ],
  packages,
});
const ms = performance.now() - t0;
const errors = r.proposal.issues.filter((i) => i.severity === "error");
console.log(
  `consolidated ${packages.length} packages × ${Math.round(lines / packages.length).toLocaleString("en-US")} lines in ${(ms / 1000).toFixed(2)} s (target < 2 s): ${r.proposal.vouchers.length} vouchers, ${r.proposal.vouchers.reduce((s, v) => s + v.lines.length, 0).toLocaleString("en-US")} lines, ${errors.length} errors${errors.length ? ` (${errors[0]!.message})` : ""}`,
);
