/**
 * Consolidation bench (issue #12): 10 entities of 100,000 ledger lines each
 * (2026-01..03; GBP, EUR and USD entities, one 80 %; sales, purchases, payments
 * by department and transaction currency; intercompany sales, receivables and
 * payables booked with the trading-partner dimension), each packaged from its
 * book as `closebook package` does and written as package CSV text (the entity's
 * side, timed apart), then consolidated FROM THE PACKAGE FILES: every file read
 * back and checked (checksum, every field), mapped, translated, eliminated, NCI.
 * Target < 2 s for that. A package holds balances per account × dimensions ×
 * transaction currency × period, so 100k ledger lines over 15 accounts × 50
 * departments (BENCH_DEPARTMENTS) × 2 currencies make a few thousand package rows, not 100k.
 *
 * The worst case, every ledger line with a dimension value of its own (100k
 * package rows per entity, 1M in all), runs with BENCH_DISTINCT=1: printed
 * against the same target.
 *
 * Run: npx esbuild bench/consolidationBench.ts --bundle --platform=node --outfile=dist-cli/consolidationBench.js && node dist-cli/consolidationBench.js
 *   → "packaged 10 entities × 100,000 ledger lines in … s (entity side, not in the target): 1,194 package rows each, 1.1 MB of CSV"
 *     "consolidated 10 packages from package files in 4.11 s (CPU 0.58 s; read and check 1.58 s); target < 2 s; ratio 2.05 (CPU 0.29): …"
 *   (measured on 2 cores with a load average of 18: wall time counts what else the machine runs, CPU is this process's own)
 */
import { packageText, readPackageText } from "../src/app/consolidation/packageIO";
import { buildFiscalYear } from "../src/core/calendar/fiscalYear";
import { consolidate } from "../src/core/consolidation/consolidate";
import type { EntityPackage, GroupEntity } from "../src/core/consolidation/model";
import { buildPackage } from "../src/core/consolidation/packageBuild";
import type { Book, Setup } from "../src/core/ledger/book";
import type { Account, ExchangeRate, LedgerEntry } from "../src/core/ledger/types";
import { Amount, Rate } from "../src/core/money";
import { WORKBOOK_WHERE } from "../src/schema/where";

const TARGET_MS = 2000;
const LINES = Number(process.env.BENCH_LINES ?? 100_000);
const DISTINCT = process.env.BENCH_DISTINCT === "1";
const N = 10;
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 50);
const CURRENCIES = ["GBP", "EUR", "USD"] as const;

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
  ...["3000", "3100", "3800", "3950"].map((n) => acct(n, "equity")),
  ...["4000", "4100"].map((n) => acct(n, "revenue")),
  ...["5000", "6000", "6100", "8900"].map((n) => acct(n, "expense")),
];
const periods = buildFiscalYear(2026, 1).map((p) =>
  p.kind === "operating" ? { ...p, status: "On hold" as const } : p,
);
const ops = periods.filter((p) => p.kind === "operating").slice(0, 3);
const last = ops[ops.length - 1]!;
const rates: ExchangeRate[] = [];
for (const [c, base] of [
  ["GBP", 1.27],
  ["EUR", 1.08],
] as const)
  for (let d = 0; d < 91; d++)
    rates.push({
      date: new Date(Date.UTC(2025, 11, 31 + d)).toISOString().slice(0, 10),
      from: c,
      to: "USD",
      type: "spot",
      rate: Rate.parse((base + (d % 7) / 1000).toFixed(4))!,
      quotationUnit: 1,
      source: "bench",
    });

const setupIn = (company: string, currency: string): Setup => ({
  settings: {
    company,
    accountingCurrency: currency,
    fiscalYearStartMonth: 1,
    defaultRateType: "spot",
    triangulationCurrency: "USD",
    retainedEarningsAccount: "3100",
    roundingMode: "halfAwayFromZero",
    roundingPlacement: "roundingAccount",
    schemaVersion: 1,
  },
  currencies: new Map(["USD", "GBP", "EUR"].map((c) => [c, { code: c, name: c, precision: 2 }])),
  accounts: new Map(ACCOUNTS.map((a) => [a.number, a])),
  dimensions: [
    { name: "Department", description: "", required: false },
    { name: "TradingPartner", description: "", required: false },
  ],
  dimensionValues: new Map(),
  rates,
  periods,
  users: new Map(),
  where: WORKBOOK_WHERE,
});
const bookOf = (setup: Setup, ledger: LedgerEntry[]): Book => ({
  setup,
  sequences: [],
  journal: [],
  ledger,
  runs: [],
  audit: [],
  lockExceptions: [],
  seals: [],
  sealRows: [],
  settlements: [],
});

/** an entity's ledger: LINES lines in balanced pairs, spread over the three months */
function entityLedger(i: number): LedgerEntry[] {
  const currency = CURRENCIES[i % 3]!;
  const foreign = currency === "USD" ? "EUR" : "USD";
  const partner = `E${(i + 1) % N}`;
  const before = `E${(i + N - 1) % N}`;
  let seed = i + 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: LedgerEntry[] = [];
  const dimsCache = new Map<string, Record<string, string>>();
  const dims = (d: string, tp = "") => {
    const k = `${d}|${tp}`;
    let v = dimsCache.get(k);
    if (!v) dimsCache.set(k, (v = { Department: d, ...(tp ? { TradingPartner: tp } : {}) }));
    return v;
  };
  const push = (date: string, period: string, account: string, units: bigint, d: Record<string, string>, cur: string) =>
    out.push({
      entryNo: out.length + 1,
      voucher: `V${Math.floor(out.length / 2)}`,
      date,
      period,
      account,
      dimensions: d,
      currency: cur,
      amount: Amount.fromUnits(units, 2),
      amountAccounting: Amount.fromUnits(units, 2),
      description: "",
      source: "journal:bench",
      runId: "",
      settlementId: "",
      user: "bench",
      postedAt: "2026-04-01T00:00:00Z",
    });
  // share capital on the first day, dated for historical translation
  push("2026-01-01", "2026-01", "1000", 5_000_000_00n, dims("D00"), currency);
  push("2026-01-01", "2026-01", "3000", -5_000_000_00n, {}, currency);
  const pairs = [
    ["1100", "4000"],
    ["1100", "4100"],
    ["5000", "2000"],
    ["6000", "1000"],
    ["6100", "2100"],
    ["2000", "1000"],
    ["1000", "1100"],
    ["1200", "1000"],
  ] as const;
  for (let k = 0; out.length + 2 <= LINES; k++) {
    const p = ops[k % ops.length]!;
    const date = `${p.start.slice(0, 8)}${String(1 + (k % 28)).padStart(2, "0")}`;
    const units = BigInt(Math.floor(rnd() * 1e7) + 1);
    const dept = DISTINCT ? `D${k}` : `D${String(k % DEPARTMENTS).padStart(2, "0")}`;
    if (k % 50 === 0) {
      // intercompany: a sale to the next entity, a purchase from the one before (same amounts, so they match in local currency)
      push(date, p.id, "1300", 1000_00n, dims(dept, partner), currency);
      push(date, p.id, "4000", -1000_00n, dims(dept, partner), currency);
      continue;
    }
    if (k % 50 === 1) {
      push(date, p.id, "5000", 1000_00n, dims(dept, before), currency);
      push(date, p.id, "2300", -1000_00n, dims(dept, before), currency);
      continue;
    }
    const [dr, cr] = pairs[k % pairs.length]!;
    const cur = k % 3 === 0 && (dr === "1100" || cr === "1100") ? foreign : currency;
    push(date, p.id, dr, units, dims(dept), cur);
    push(date, p.id, cr, -units, dims(dept), cur);
  }
  return out;
}

const entities: GroupEntity[] = Array.from({ length: N }, (_, i) => ({
  id: `E${i}`,
  name: `E${i}`,
  currency: CURRENCIES[i % 3]!,
  ownership: Amount.fromUnits(i === 1 ? 80n : 100n, 0),
  method: "full",
  ctaAccount: "3800",
  nciEquityAccount: "3950",
  nciIncomeAccount: "8900",
}));

// the entities' side: package each book (as `closebook package` does) and write the file's text
let packMs = 0;
let ledgerLines = 0;
const files: { name: string; text: string }[] = [];
for (let i = 0; i < N; i++) {
  const ledger = entityLedger(i);
  ledgerLines += ledger.length;
  const t = performance.now();
  const built = buildPackage(bookOf(setupIn(`E${i}`, CURRENCIES[i % 3]!), ledger), {
    entity: `E${i}`,
    period: last.id,
    draft: false,
    source: `E${i}.csv`,
  });
  if (!built.pkg) throw new Error(built.issues.map((x) => x.message).join("; "));
  files.push({ name: `E${i}-${last.id}.csv`, text: packageText(built.pkg, `E${i}`) });
  packMs += performance.now() - t;
}
const bytes = files.reduce((s, f) => s + f.text.length, 0);

// the group's side, timed: read and check every package file, then consolidate
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const packages: EntityPackage[] = [];
for (const f of files) {
  const r = readPackageText(f.text, f.name);
  if (!r.pkg) throw new Error(r.issues.map((x) => x.message).join("; "));
  packages.push(r.pkg);
}
const tRead = performance.now() - t0;
const r = consolidate({
  book: bookOf({ ...setupIn("Group", "USD"), periods: buildFiscalYear(2026, 1) }, []),
  period: last,
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
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const rows = packages.reduce((s, p) => s + p.lines.length, 0);
const errors = r.proposal.issues.filter((x) => x.severity === "error");
const f = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(
  `packaged ${N} entities × ${f(ledgerLines / N)} ledger lines${DISTINCT ? " (every line its own department)" : ""} in ${(packMs / 1000).toFixed(2)} s (entity side, not in the target): ${f(rows / N)} package rows each, ${(bytes / 1e6).toFixed(1)} MB of CSV`,
);
console.log(
  `consolidated ${N} packages from package files in ${(ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s; read and check ${(tRead / 1000).toFixed(2)} s); target < ${TARGET_MS / 1000} s; ratio ${(ms / TARGET_MS).toFixed(2)} (CPU ${(cpuMs / TARGET_MS).toFixed(2)}): ${r.proposal.vouchers.length} vouchers, ${f(r.proposal.vouchers.reduce((s, v) => s + v.lines.length, 0))} lines, ${errors.length} errors${errors.length ? ` (${errors[0]!.message})` : ""}`,
);
