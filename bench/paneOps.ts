/**
 * The pane's operations over the Excel adapter, on the fake Excel host: how
 * many syncs and Excel.run calls, how many bytes go to and come from Excel,
 * and how long each takes — without and with the read cache
 * (src/ports/cachedReads.ts: one scope per operation, as the task pane's
 * useOperation opens it).
 *
 * The workbook is the demo company closed through October 2026 (runDemo in a
 * MemoryWorkbook), moved into a fresh fake host through a snapshot; then, as
 * an accountant would in the pane: post journals through 2026-11-30, run each
 * of the seven close steps for 2026-11 (post), put 2026-11 on hold, write the
 * statements; and, on a copy of its own, the Close tab's "Run all steps" (the
 * seven steps in one operation). The grown workbook adds generated lines
 * posted on 2026-11-01..14, so the ledger and the journal hold ~100k rows.
 * Both modes must end with the same outcomes (checked), so the saving is the
 * cache's alone.
 *
 * Example (printed, demo workbook):
 *   operation                       syncs               …  response KB        …
 *                                   no cache    cache   …  no cache    cache  …
 *   Close: Settlement                    248      138   …     2,572      903  …
 *   Close: all seven steps, one operation 1083    313   …    12,830    1,030  …
 */
import { ExcelWorkbook } from "../src/adapters/excel/excelWorkbook";
import { MemoryWorkbook } from "../src/adapters/memory/memoryWorkbook";
import { closePeriod } from "../src/app/closePeriod";
import { CLOSE_STEPS, runCloseStep } from "../src/app/closeStepByStep";
import { changePeriod } from "../src/app/changePeriod";
import { DEMO_USER, runDemo } from "../src/app/demo/runDemo";
import { postJournals } from "../src/app/postJournals";
import { restoreSnapshot, snapshotOf, type WorkbookSnapshot } from "../src/app/snapshot";
import { writeStatements } from "../src/app/statements";
import type { JournalLine } from "../src/core/ledger/types";
import { Amount } from "../src/core/money";
import { cachedReads } from "../src/ports/cachedReads";
import { fixedClock } from "../src/ports/clock";
import type { WorkbookPort } from "../src/ports/workbook";
import { createFakeExcel } from "../src/preview/fakeExcel";
import { encodeRecords } from "../src/schema/records";
import { JOURNAL, LEDGER } from "../src/schema/tables";

const PERIOD = "2026-11";
const clock = fixedClock("2026-12-03T09:00:00.000Z");
const ctx = { user: DEMO_USER, clock };

interface PaneOp {
  readonly label: string;
  /** runs the operation; returns a one-line summary (compared between the modes) */
  readonly work: (port: WorkbookPort) => Promise<string>;
}

const OPS: readonly PaneOp[] = [
  {
    label: "Post journals through 11-30",
    work: async (port) => {
      const r = await postJournals(port, { ...ctx, through: "2026-11-30" });
      return r.posted
        ? `posted ${r.lines} lines as ${r.runId}`
        : `not posted: ${r.issues.find((i) => i.severity === "error")?.message ?? "nothing to post"}`;
    },
  },
  ...CLOSE_STEPS.map((def): PaneOp => ({
    label: `Close: ${def.title}`,
    work: async (port) => {
      const o = await runCloseStep(port, { period: PERIOD, step: def.id, mode: "post" }, ctx);
      return `${o.status}: ${o.summary}`;
    },
  })),
  {
    label: `Put ${PERIOD} on hold`,
    work: async (port) => {
      const r = await changePeriod(
        port,
        {
          kind: "hold",
          period: PERIOD,
          reason: "November close completed",
          // no close checklist is kept here: the controller overrides, as in the pane (audited)
          overrideChecklist: "Bench: no close checklist kept",
        },
        ctx,
      );
      return r.done
        ? `held as ${r.runId}, ${r.seal?.count ?? 0} rows sealed`
        : `refused: ${r.issues[0]?.message ?? ""}`;
    },
  },
  {
    label: "Reports: Statements",
    work: async (port) => `sheets ${(await writeStatements(port, { period: PERIOD })).sheets.join(", ")}`,
  },
];

interface Figures {
  readonly syncs: number;
  readonly runs: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  readonly ms: number;
  readonly summary: string;
  /** the read cache's counts during the operation (with the cache) */
  readonly cache?: string;
}

/** `n` posted-to-be journal lines: 2-line vouchers in USD, EUR, GBP and JPY dated 2026-11-01..14, with departments. */
function generatedDrafts(n: number, firstRow: number): JournalLine[] {
  const kinds = [
    { currency: "USD", dr: "6100", cr: "1000", places: 2 },
    { currency: "EUR", dr: "1110", cr: "4000", places: 2 },
    { currency: "GBP", dr: "5000", cr: "2010", places: 2 },
    { currency: "JPY", dr: "5000", cr: "2020", places: 0 },
  ];
  const depts = [
    { Department: "SALES", CostCenter: "CC100" },
    { Department: "ADMIN", CostCenter: "CC200" },
  ];
  const noDims = { Department: "", CostCenter: "" };
  const out: JournalLine[] = [];
  let seed = 4242;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  for (let v = 0; out.length < n; v++) {
    const k = kinds[v % kinds.length]!;
    const date = `2026-11-${String(1 + (v % 14)).padStart(2, "0")}`;
    const amount = Amount.fromUnits(BigInt(100 + (rnd() % 1_000_000)), k.places);
    const base = {
      journal: "GJ-BENCH",
      draftVoucher: `B-${v}`,
      date,
      currency: k.currency,
      rate: undefined,
      description: "bench",
      status: "Draft" as const,
      message: "",
      postedVoucher: "",
    };
    out.push({
      ...base,
      row: firstRow + out.length,
      account: k.dr,
      dimensions: depts[v % 2]!,
      debit: amount,
      credit: undefined,
    });
    out.push({
      ...base,
      row: firstRow + out.length,
      account: k.cr,
      dimensions: noDims,
      debit: undefined,
      credit: amount,
    });
  }
  return out;
}

/** The demo closed through October, optionally grown by `extraLines` lines posted on 2026-11-01..14; as a snapshot. */
export async function startingWorkbook(
  extraLines: number,
): Promise<{ snapshot: WorkbookSnapshot; ledgerRows: number; journalRows: number }> {
  const memory = new MemoryWorkbook();
  const demo = await runDemo(memory, {
    through: "2026-10-31",
    post: true,
    clock: fixedClock("2026-11-02T09:00:00.000Z"),
  });
  if (demo.issues.some((i) => i.severity === "error"))
    throw new Error(`demo did not close: ${demo.issues[0]?.message}`);
  if (extraLines > 0) {
    const dims = demo.company.dimensions.map((d) => d.name);
    await memory.appendRows(
      JOURNAL.name,
      encodeRecords(JOURNAL, dims, generatedDrafts(extraLines, (memory.rowCount(JOURNAL.name) ?? 0) + 1)),
    );
    const grown = await postJournals(memory, {
      user: DEMO_USER,
      clock: fixedClock("2026-11-15T09:00:00.000Z"),
      through: "2026-11-14",
    });
    if (!grown.posted) throw new Error(`generated lines did not post: ${grown.issues[0]?.message}`);
  }
  return {
    snapshot: await snapshotOf(memory, { reports: memory.reports() }),
    ledgerRows: memory.rowCount(LEDGER.name) ?? 0,
    journalRows: memory.rowCount(JOURNAL.name) ?? 0,
  };
}

/** The Close tab's "Run all steps": the seven steps posted in one operation (one read scope), stopping at a failure. */
const RUN_ALL: PaneOp = {
  label: "Close: all seven steps, one operation",
  work: async (port) => {
    // the pane's Run all steps is closePeriod keeping what is posted
    const r = await closePeriod(port, { period: PERIOD, preview: false, posted: "keep" }, ctx);
    return r.steps.map((s) => `${s.id ?? s.step} ${s.status}`).join(", ");
  },
};

/**
 * On a fresh fake host holding `snapshot`: runs `before` (not measured), then
 * each of `ops` in order, measured, with or without the read cache.
 */
async function measure(
  snapshot: WorkbookSnapshot,
  cached: boolean,
  ops: readonly PaneOp[],
  before: readonly PaneOp[] = [],
): Promise<Figures[]> {
  const fake = createFakeExcel();
  const excel = new ExcelWorkbook(fake.run);
  await restoreSnapshot(excel, snapshot);
  for (const op of before) await op.work(excel);
  const reads = cachedReads(excel);
  const port = cached ? reads.port : excel;
  const out: Figures[] = [];
  for (const op of ops) {
    fake.resetStats();
    const s0 = reads.stats();
    const t0 = process.hrtime.bigint();
    const summary = cached ? await reads.scoped(() => op.work(port)) : await op.work(port);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const syncs = fake.stats.syncs;
    const s1 = reads.stats();
    out.push({
      ...(cached
        ? {
            cache: `${s1.hits - s0.hits} reads from the cache, ${s1.misses - s0.misses} from Excel, ${s1.forgotten - s0.forgotten} tables forgotten by a write`,
          }
        : {}),
      syncs: syncs.length,
      runs: fake.stats.runs,
      requestBytes: syncs.reduce((n, s) => n + s.requestBytes, 0),
      responseBytes: syncs.reduce((n, s) => n + s.responseBytes, 0),
      ms,
      summary,
    });
  }
  return out;
}

const kb = (bytes: number): string => Math.round(bytes / 1024).toLocaleString("en-US");
const W = 9;
const pair = (a: string, b: string): string => `${a.padStart(W)} ${b.padStart(W)}`;
type Pick = (x: Figures) => number;

function row(label: string, b: (pick: Pick) => number, a: (pick: Pick) => number): void {
  const both = (pick: Pick, show: (n: number) => string) => pair(show(b(pick)), show(a(pick)));
  console.log(
    `${label.padEnd(38)} ${both((x) => x.syncs, String)}   ${both((x) => x.runs, String)}   ${both((x) => x.responseBytes, kb)}   ${both((x) => x.requestBytes, kb)}   ${both(
      (x) => x.ms,
      (n) => n.toFixed(0),
    )}`,
  );
}

function printTable(
  labels: readonly string[],
  before: readonly Figures[],
  after: readonly Figures[],
  extra: { readonly label: string; readonly before: Figures; readonly after: Figures },
): void {
  const head = (t: string) => t.padEnd(2 * W + 1);
  console.log(
    `${"operation".padEnd(38)} ${head("syncs")}   ${head("Excel.run calls")}   ${head("response KB")}   ${head("request KB")}   ${head("ms (fake host)")}`,
  );
  const sub = pair("no cache", "cache");
  console.log(`${"".padEnd(38)} ${sub}   ${sub}   ${sub}   ${sub}   ${sub}`);
  const total = (f: readonly Figures[], pick: Pick) => f.reduce((n, x) => n + pick(x), 0);
  labels.forEach((label, i) =>
    row(
      label,
      (pick) => pick(before[i]!),
      (pick) => pick(after[i]!),
    ),
  );
  row(
    "total",
    (pick) => total(before, pick),
    (pick) => total(after, pick),
  );
  row(
    extra.label,
    (pick) => pick(extra.before),
    (pick) => pick(extra.after),
  );
}

/** MB with two decimals, for the request-size limit. */
const mb2 = (bytes: number): string => (bytes / 2 ** 20).toFixed(2);

/**
 * Issue #14's pane target: reading the ledger table from Excel takes at most ⌈rows / 5,000⌉ + 3 syncs, and no
 * request or response of one sync is over 2 MB (Excel Online refuses payloads over 5 MB; the adapter reads in
 * chunks). Read on a fresh fake host holding `snapshot`, as the pane's first read of an operation does.
 * Example (100k rows): "read tblLedger, 100,412 rows: 24 syncs (target 24, ratio 1.00); largest request 0.01 MB,
 * largest response 1.71 MB (target 2 MB)".
 */
async function ledgerReadTarget(snapshot: WorkbookSnapshot, rows: number): Promise<void> {
  const fake = createFakeExcel();
  const excel = new ExcelWorkbook(fake.run);
  await restoreSnapshot(excel, snapshot);
  fake.resetStats();
  // a fresh adapter over the same host: nothing known from the restore
  const read = await new ExcelWorkbook(fake.run).readTable(LEDGER.name);
  if (read?.rows.length !== rows) throw new Error(`read ${read?.rows.length ?? 0} of ${rows} ledger rows`);
  const syncs = fake.stats.syncs;
  const target = Math.ceil(rows / 5000) + 3;
  const maxOf = (pick: (s: (typeof syncs)[number]) => number) => syncs.reduce((n, s) => Math.max(n, pick(s)), 0);
  const request = maxOf((s) => s.requestBytes);
  const response = maxOf((s) => s.responseBytes);
  console.log(
    `read ${LEDGER.name}, ${rows.toLocaleString("en-US")} rows: ${syncs.length} syncs (target ⌈rows / 5,000⌉ + 3 = ${target}, ratio ${(syncs.length / target).toFixed(2)}); largest request ${mb2(request)} MB, largest response ${mb2(response)} MB (target 2 MB, ratio ${(Math.max(request, response) / 2 ** 20 / 2).toFixed(2)})`,
  );
}

/** Both modes must end alike, or the cache changed what the pane does. */
function sameOutcomes(labels: readonly string[], before: readonly Figures[], after: readonly Figures[]): void {
  before.forEach((b, i) => {
    if (b.summary !== after[i]?.summary)
      throw new Error(`${labels[i]}: the cache changed the outcome: "${b.summary}" vs "${after[i]?.summary}"`);
  });
}

export async function paneOpsBench(
  sizes: readonly { readonly label: string; readonly extraLines: number }[],
): Promise<void> {
  console.log(
    "\nPane operations over the Excel adapter on the fake Excel host, without and with the read cache (one scope per operation)",
  );
  for (const size of sizes) {
    const t0 = process.hrtime.bigint();
    const { snapshot, ledgerRows, journalRows } = await startingWorkbook(size.extraLines);
    const built = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(
      `\n${size.label}: ${ledgerRows.toLocaleString("en-US")} ledger rows, ${journalRows.toLocaleString("en-US")} journal rows before the operations (built in ${built.toFixed(1)} s)`,
    );
    await ledgerReadTarget(snapshot, ledgerRows);
    const labels = OPS.map((op) => op.label);
    const before = await measure(snapshot, false, OPS);
    const after = await measure(snapshot, true, OPS);
    sameOutcomes(labels, before, after);
    // "Run all steps" on its own copy: the posted journals first, then the seven steps in one operation
    const all = {
      before: await measure(snapshot, false, [RUN_ALL], OPS.slice(0, 1)),
      after: await measure(snapshot, true, [RUN_ALL], OPS.slice(0, 1)),
    };
    sameOutcomes([RUN_ALL.label], all.before, all.after);
    printTable(labels, before, after, { label: RUN_ALL.label, before: all.before[0]!, after: all.after[0]! });
    console.log("Outcomes (the same in both modes) [the cache's counts]:");
    OPS.forEach((op, i) => console.log(`  ${op.label}: ${before[i]?.summary} [${after[i]?.cache ?? ""}]`));
    console.log(`  ${RUN_ALL.label}: ${all.before[0]?.summary} [${all.after[0]?.cache ?? ""}]`);
  }
  console.log(
    "(ms is the fake host's own work in Node; in Excel each sync is a round trip, so the syncs and bytes are what the cache saves.)",
  );
}
