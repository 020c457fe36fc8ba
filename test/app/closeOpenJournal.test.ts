/**
 * The month-end close reads only the journal's open lines (issue #14): drafts, failed and error lines, and the
 * auto-reversing ones (loadBook.ts' CLOSE_READS). On a million-line workbook the posted lines are ~480 MB of rows
 * and decoded lines no step looks at; leaving them out must change no result of the close.
 */
import fc from "fast-check";
import { setFlagsFromString } from "v8";
import { runInNewContext } from "vm";
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { closePeriod } from "../../src/app/closePeriod";
import { CLOSE_READS } from "../../src/app/loadBook";
import { openRead, readSession } from "../../src/app/operation";
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook } from "../../src/app/setupWorkbook";
import type { JournalLine } from "../../src/core/ledger/types";
import { fixedClock } from "../../src/ports/clock";
import type { CellValue, RawTable } from "../../src/ports/workbook";
import { decodeBook, isOpenJournalLine } from "../../src/schema/bookCodec";
import { encodeRecords } from "../../src/schema/records";
import { ALLOCATION_RULES, JOURNAL } from "../../src/schema/tables";
import { acct, jl, journal, resetRows } from "../support/fixtures";
import { counted } from "../support/countedReads";
import { MARCH_DRAFTS, smallCompany } from "../support/smallCompany";

const clock = fixedClock("2026-04-02T10:00:00.000Z");
const ctx = { user: "bob", clock };

/** The small company with FX gain/loss accounts, 1100 settle-flagged and one allocation rule (as closeStepByStep's March). */
async function company(lines: JournalLine[]): Promise<MemoryWorkbook> {
  const c = smallCompany(lines);
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, {
    ...c,
    settings: {
      ...c.settings,
      unrealizedGainAccount: "7100",
      unrealizedLossAccount: "7110",
      realizedGainAccount: "7200",
      realizedLossAccount: "7210",
    },
    accounts: [
      ...c.accounts.map((a) => (a.number === "1100" ? { ...a, settle: true } : a)),
      acct("7100", "Unrealized FX gain", "revenue"),
      acct("7110", "Unrealized FX loss", "expense"),
      acct("7200", "Realized FX gain", "revenue"),
      acct("7210", "Realized FX loss", "expense"),
    ],
  });
  await postJournals(wb, ctx);
  await wb.appendRows(ALLOCATION_RULES.name, [
    [
      "R1",
      "Rent to sales",
      "fixedPercentage",
      "6100",
      "Department=ADMIN",
      null,
      "6100",
      "Department=SALES",
      60,
      null,
      null,
      null,
      null,
      null,
      true,
    ],
  ]);
  return wb;
}

/** Appends journal lines as they are (their status too) after the posted ones. */
async function append(wb: MemoryWorkbook, lines: readonly JournalLine[]): Promise<void> {
  if (lines.length) await wb.appendRows(JOURNAL.name, encodeRecords(JOURNAL, ["Department"], lines));
}

test("the close's operation holds the journal's open lines only, read once", async () => {
  // MARCH_DRAFTS' 8 lines (rows 1..8), D-2 (rows 3 and 4) marked Auto-reverse, all posted; then two drafts of
  // April appended (rows 9 and 10). Open lines: D-2's two (posted, auto-reversing) and the two drafts → rows 3, 4, 9, 10.
  const lines = journal(MARCH_DRAFTS).map((l) => (l.draftVoucher === "D-2" ? { ...l, autoReverse: true } : l));
  const wb = await company(lines);
  await append(wb, [jl("X-1 2026-04-10 6100 USD Dr 70.00 dept=ADMIN"), jl("X-1 2026-04-10 1000 USD Cr 70.00")]);
  const { port, reads } = counted(wb);
  const s = await openRead(port, CLOSE_READS);
  expect(s.loaded.book.journal.map((l) => [l.row, l.status, l.autoReverse])).toEqual([
    [3, "Posted", true],
    [4, "Posted", true],
    [9, "Draft", false],
    [10, "Draft", false],
  ]);
  // the close's steps join the session: nothing read again
  expect(await readSession(s, CLOSE_READS)).toBe(s);
  expect(reads.get(JOURNAL.name)).toBe(1);
  // a use case that needs every line declares the journal: read then, whole
  await readSession(s, [JOURNAL]);
  expect(s.loaded.book.journal).toHaveLength(10);
  expect(reads.get(JOURNAL.name)).toBe(2);
});

test("the journal's rows are let go once its open lines are decoded, though the port keeps a WeakRef to them", async () => {
  // as the xlsx adapter does (lazyTables.ts' `given`, tested in unreadAppend.test.ts): a WeakRef to the rows it
  // hands out, and a turn of the event loop before it returns them (a new WeakRef's target is kept until then)
  const wb = await company(journal(MARCH_DRAFTS));
  let given: WeakRef<object> | undefined;
  const port = counted(wb).port;
  port.readTable = async (name: string) => {
    const t = await wb.readTable(name);
    if (t && name === JOURNAL.name) {
      given = new WeakRef(t.rows);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    return t;
  };
  const s = await openRead(port, CLOSE_READS);
  expect(s.loaded.book.journal).toEqual([]); // MARCH_DRAFTS all posted, none auto-reversing
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  expect(given).toBeDefined();
  expect(given!.deref()).toBeUndefined();
});

const voucherArb = fc.record({
  date: fc.constantFrom("2026-02-20", "2026-03-05", "2026-03-31", "2026-04-10"),
  pair: fc.constantFrom(["1010", "4000 dept=SALES"], ["6100 dept=ADMIN", "2000"], ["1100", "4000 dept=SALES"]),
  currency: fc.constantFrom("USD", "EUR"),
  cents: fc.integer({ min: 1, max: 99_999 }),
  autoReverse: fc.boolean(),
  status: fc.constantFrom("Draft", "Failed"),
});
type VoucherSpec = typeof voucherArb extends fc.Arbitrary<infer T> ? T : never;

function linesOf(specs: readonly VoucherSpec[], prefix: string): JournalLine[] {
  return specs.flatMap((v, i) => {
    const amount = (v.cents / 100).toFixed(2);
    const [dr, cr] = v.pair as [string, string];
    const [drAcct, ...drRest] = dr.split(" ");
    const [crAcct, ...crRest] = cr.split(" ");
    return [
      jl(`${prefix}${i} ${v.date} ${drAcct} ${v.currency} Dr ${amount} ${drRest.join(" ")}`),
      jl(`${prefix}${i} ${v.date} ${crAcct} ${v.currency} Cr ${amount} ${crRest.join(" ")}`),
    ].map((l) => ({ ...l, autoReverse: v.autoReverse, status: v.status as JournalLine["status"] }));
  });
}

test("property: the close with the journal's open lines gives what it gives with the whole journal", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(voucherArb, { minLength: 1, maxLength: 4 }),
      fc.array(voucherArb, { maxLength: 2 }),
      fc.boolean(),
      fc.boolean(),
      async (posted, drafts, override, preview) => {
        const build = async () => {
          resetRows();
          const wb = await company(linesOf(posted, "P-").map((l) => ({ ...l, status: "Draft" as const })));
          resetRows();
          await append(wb, linesOf(drafts, "D-"));
          return wb;
        };
        const options = { period: "2026-03", preview, ...(override ? { overrideDrafts: { reason: "test" } } : {}) };
        const lazyWb = await build();
        const fullWb = await build();
        const lazy = await closePeriod(lazyWb, options, ctx);
        // a session holding the whole journal: the close joins it and reads no open lines of its own
        const full = await closePeriod(await openRead(fullWb, "all"), options, ctx);
        expect(lazy).toEqual(full);
        expect(lazyWb.snapshot()).toEqual(fullWb.snapshot());
      },
    ),
    { numRuns: 12 },
  );
});

test("property: decoding the open lines gives the whole journal's open lines and the same issues", async () => {
  // the small company's tables as read, the journal's rows replaced in each case (corrupted cells: invalid rows)
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany());
  const raw = new Map<string, RawTable | undefined>();
  for (const t of await wb.listTables()) raw.set(t.name, await wb.readTable(t.name));
  const headers = raw.get(JOURNAL.name)!.headers;
  const cellArb = fc.constantFrom<CellValue>("Posted", "Draft", "Failed", "Error", true, false, "n/a", null, 12.5, "");
  fc.assert(
    fc.property(
      fc.array(voucherArb, { minLength: 1, maxLength: 6 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(), cellArb), { maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 4 }),
      (specs, corrupt, postedAt) => {
        resetRows();
        const lines = linesOf(specs, "V-");
        for (const i of postedAt) {
          const l = lines[i % lines.length]!;
          lines[i % lines.length] = { ...l, status: "Posted", postedVoucher: `GL-${i}` };
        }
        const rows = encodeRecords(JOURNAL, ["Department"], lines);
        for (const [r, c, v] of corrupt) rows[r % rows.length]![c % headers.length] = v;
        const tables = (n: string) => (n === JOURNAL.name ? { ...raw.get(n)!, rows } : raw.get(n));
        const whole = decodeBook(tables);
        const open = decodeBook(tables, undefined, { journal: isOpenJournalLine });
        expect(open.book.journal).toEqual(whole.book.journal.filter(isOpenJournalLine));
        expect(open.issues).toEqual(whole.issues);
      },
    ),
    { numRuns: 100 },
  );
});
