import { createHash } from "node:crypto";
import fc from "fast-check";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import { canonicalRow, SEALED_COLUMNS } from "../../../src/core/seal/canonical";
import { chainHead, computeSeal, sealedPeriods, type SealRecord, type SealRow } from "../../../src/core/seal/seal";
import { verifySeals } from "../../../src/core/seal/verifySeals";
import { A } from "../../support/fixtures";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const sha = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

function entry(
  fields: Omit<LedgerEntry, "source" | "settlementId"> & Partial<Pick<LedgerEntry, "source" | "settlementId">>,
): LedgerEntry {
  return { source: "journal:GJ", settlementId: "", ...fields };
}

const JAN = { period: "2026-01", runId: "RUN-000001", user: "alice" };
const FEB = { period: "2026-02", runId: "RUN-000002", user: "bob" };

const E1 = entry({
  row: 1,
  entryNo: 1,
  voucher: "GL-000001",
  date: "2026-01-15",
  ...JAN,
  account: "1000",
  dimensions: { Department: "SALES" },
  currency: "USD",
  amount: A("100.00"),
  amountAccounting: A("100.00"),
  amountReporting: A("92.50"),
  description: "Capital paid in",
  postedAt: "2026-02-01T09:00:00.000Z",
});
const E2 = entry({
  row: 2,
  entryNo: 2,
  voucher: "GL-000001",
  date: "2026-01-15",
  ...JAN,
  account: "3000",
  dimensions: { Department: "" },
  currency: "USD",
  amount: A("-100.00"),
  amountAccounting: A("-100.00"),
  amountReporting: A("-92.50"),
  description: "Capital paid in",
  postedAt: "2026-02-01T09:00:00.000Z",
});
// EUR line, no reporting amount, posted at .400 of a second
const E3 = entry({
  row: 3,
  entryNo: 3,
  voucher: "GL-000002",
  date: "2026-01-31",
  ...JAN,
  account: "1010",
  dimensions: { Department: "ADMIN" },
  currency: "EUR",
  amount: A("50.00"),
  amountAccounting: A("54.13"),
  description: "EUR deposit",
  postedAt: "2026-02-01T09:00:00.400Z",
});
const E4 = entry({
  row: 4,
  entryNo: 4,
  voucher: "GL-000002",
  date: "2026-01-31",
  ...JAN,
  account: "4000",
  dimensions: {},
  currency: "USD",
  amount: A("-54.13"),
  amountAccounting: A("-54.13"),
  amountReporting: A("-50.00"),
  description: "EUR deposit",
  postedAt: "2026-02-01T09:00:00.000Z",
});
const E5 = entry({
  row: 5,
  entryNo: 5,
  voucher: "GL-000003",
  date: "2026-02-10",
  ...FEB,
  account: "6100",
  dimensions: { Department: "ADMIN" },
  currency: "USD",
  amount: A("20.00"),
  amountAccounting: A("20.00"),
  description: "Rent February",
  postedAt: "2026-03-02T10:30:00.000Z",
});
const E6 = entry({
  row: 6,
  entryNo: 6,
  voucher: "GL-000003",
  date: "2026-02-10",
  ...FEB,
  account: "1000",
  dimensions: { Department: "" },
  currency: "USD",
  amount: A("-20.00"),
  amountAccounting: A("-20.00"),
  settlementId: "SET-1",
  description: "Rent February",
  postedAt: "2026-03-02T10:30:00.000Z",
});

const LEDGER: LedgerEntry[] = [E1, E2, E3, E4, E5, E6];

// canonical JSON, written out by hand (version 1 layout)
const C1 =
  '[1,"GL-000001","2026-01-15","2026-01","1000",{"Department":"SALES"},"USD","100","100","92.5","Capital paid in","journal:GJ","RUN-000001","","alice","2026-02-01T09:00:00Z"]';
const C2 =
  '[2,"GL-000001","2026-01-15","2026-01","3000",{},"USD","-100","-100","-92.5","Capital paid in","journal:GJ","RUN-000001","","alice","2026-02-01T09:00:00Z"]';
const C3 =
  '[3,"GL-000002","2026-01-31","2026-01","1010",{"Department":"ADMIN"},"EUR","50","54.13","","EUR deposit","journal:GJ","RUN-000001","","alice","2026-02-01T09:00:00Z"]';
const C4 =
  '[4,"GL-000002","2026-01-31","2026-01","4000",{},"USD","-54.13","-54.13","-50","EUR deposit","journal:GJ","RUN-000001","","alice","2026-02-01T09:00:00Z"]';
const C5 =
  '[5,"GL-000003","2026-02-10","2026-02","6100",{"Department":"ADMIN"},"USD","20","20","","Rent February","journal:GJ","RUN-000002","","bob","2026-03-02T10:30:00Z"]';
const C6 =
  '[6,"GL-000003","2026-02-10","2026-02","1000",{},"USD","-20","-20","","Rent February","journal:GJ","RUN-000002","SET-1","bob","2026-03-02T10:30:00Z"]';

function sealAll(
  ledger: readonly LedgerEntry[],
  periods: readonly string[],
): { seals: SealRecord[]; sealRows: SealRow[] } {
  const seals: SealRecord[] = [];
  const sealRows: SealRow[] = [];
  periods.forEach((period, i) => {
    const runId = `SEAL-RUN-${i + 1}`;
    const s = computeSeal(ledger, {
      period,
      previousHash: chainHead(seals),
      user: "bob",
      now: "2026-03-05T12:00:00Z",
      reason: `close ${period}`,
      runId,
    });
    seals.push(s.seal);
    sealRows.push(...s.rows);
  });
  return { seals, sealRows };
}

const { seals: SEALS, sealRows: SEAL_ROWS } = sealAll(LEDGER, ["2026-01", "2026-02"]);

function withEntry(ledger: readonly LedgerEntry[], entryNo: number, change: Partial<LedgerEntry>): LedgerEntry[] {
  return ledger.map((e) => (e.entryNo === entryNo ? { ...e, ...change } : e));
}

describe("canonical form", () => {
  it("matches the hand-written canonical JSON of each row", () => {
    expect(LEDGER.map(canonicalRow)).toEqual([C1, C2, C3, C4, C5, C6]);
  });

  it('amounts "100.00" and "100" serialize the same', () => {
    expect(canonicalRow({ ...E1, amount: A("100"), amountAccounting: A("100.000"), amountReporting: A("92.5") })).toBe(
      canonicalRow(E1),
    );
    expect(canonicalRow({ ...E1, amount: A("100.01") })).not.toBe(canonicalRow(E1));
  });

  it("zero in any scale serializes as 0", () => {
    expect(canonicalRow({ ...E1, amountReporting: A("0.00") })).toBe(canonicalRow({ ...E1, amountReporting: A("0") }));
    expect(canonicalRow({ ...E1, amountReporting: A("0.00") })).toContain('"100","100","0"');
  });

  it("a blank dimension value is left out; dimension keys are sorted", () => {
    expect(canonicalRow({ ...E1, dimensions: { Department: "SALES", Project: "" } })).toBe(C1);
    expect(canonicalRow({ ...E2, dimensions: {} })).toBe(C2);
    expect(canonicalRow({ ...E1, dimensions: { Project: "P1", Department: "SALES" } })).toContain(
      '{"Department":"SALES","Project":"P1"}',
    );
  });

  it("timestamps serialize to the second", () => {
    expect(canonicalRow({ ...E1, postedAt: "2026-04-01T09:00:00.000Z" })).toBe(
      canonicalRow({ ...E1, postedAt: "2026-04-01T09:00:00.400Z" }),
    );
    expect(canonicalRow({ ...E1, postedAt: "2026-04-01T09:00:00.400Z" })).toContain('"2026-04-01T09:00:00Z"]');
    expect(canonicalRow({ ...E1, postedAt: "2026-04-01T09:00:01.000Z" })).not.toBe(
      canonicalRow({ ...E1, postedAt: "2026-04-01T09:00:00.000Z" }),
    );
  });

  it("the row number is not part of the content", () => {
    expect(canonicalRow({ ...E1, row: 99 })).toBe(C1);
  });
});

describe("computeSeal", () => {
  const jan = SEALS[0]!;
  const feb = SEALS[1]!;
  const h1 = sha("" + C1);
  const h2 = sha(h1 + C2);
  const h3 = sha(h2 + C3);
  const h4 = sha(h3 + C4);
  const h5 = sha(h4 + C5);
  const h6 = sha(h5 + C6);

  it("the first row hash is SHA-256 of the empty previous hash + the canonical row", () => {
    expect(SEAL_ROWS[0]).toMatchObject({ period: "2026-01", entryNo: 1, position: 1, hash: `$1$${h1}` });
  });

  it("each row chains from the previous one, across periods", () => {
    expect(SEAL_ROWS.map((r) => [r.period, r.entryNo, r.position, r.hash])).toEqual([
      ["2026-01", 1, 1, `$1$${h1}`],
      ["2026-01", 2, 2, `$1$${h2}`],
      ["2026-01", 3, 3, `$1$${h3}`],
      ["2026-01", 4, 4, `$1$${h4}`],
      ["2026-02", 5, 1, `$1$${h5}`],
      ["2026-02", 6, 2, `$1$${h6}`],
    ]);
    expect(SEAL_ROWS.every((r) => /^[0-9a-f]{64}$/.test(r.fingerprints))).toBe(true); // 16 columns × 4 hex digits
    expect(SEALED_COLUMNS).toHaveLength(16);
  });

  it("the January seal: count, first/last entry, debit/credit, hash", () => {
    expect(jan).toMatchObject({
      period: "2026-01",
      version: 1,
      status: "sealed",
      count: 4,
      firstEntry: 1,
      lastEntry: 4,
      hash: `$1$${h4}`,
      previousHash: "",
      sealedBy: "bob",
      reason: "close 2026-01",
      runId: "SEAL-RUN-1",
    });
    expect(jan.debit.toString()).toBe("154.13");
    expect(jan.credit.toString()).toBe("154.13");
  });

  it("the February seal chains from the January seal", () => {
    expect(feb.previousHash).toBe(jan.hash);
    expect(feb).toMatchObject({
      period: "2026-02",
      status: "sealed",
      count: 2,
      firstEntry: 5,
      lastEntry: 6,
      hash: `$1$${h6}`,
    });
    expect(feb.debit.eq(A("20"))).toBe(true);
    expect(feb.credit.eq(A("20"))).toBe(true);
    expect(feb.credit.isPositive()).toBe(true);
  });

  it("takes only the period's rows, wherever they sit in the ledger", () => {
    const mixed = [E5, E1, E6, E2, E3, E4];
    const s = computeSeal(mixed, {
      period: "2026-01",
      previousHash: "",
      user: "bob",
      now: "x",
      reason: "r",
      runId: "R",
    });
    expect(s.seal.hash).toBe(`$1$${h4}`);
    expect(s.rows.map((r) => r.entryNo)).toEqual([1, 2, 3, 4]);
  });

  it("an empty period seals with count 0 and carries the previous hash", () => {
    const s = computeSeal(LEDGER, {
      period: "2026-03",
      previousHash: feb.hash,
      user: "bob",
      now: "x",
      reason: "r",
      runId: "R",
    });
    expect(s.rows).toEqual([]);
    expect(s.seal).toMatchObject({ count: 0, hash: feb.hash, previousHash: feb.hash });
    expect(s.seal.firstEntry).toBeUndefined();
    expect(s.seal.debit.isZero() && s.seal.credit.isZero()).toBe(true);
  });

  it("chainHead is the last sealed record, skipping unsealed ones; sealedPeriods follows the last record of each period", () => {
    expect(chainHead([])).toBe("");
    expect(chainHead(SEALS)).toBe(feb.hash);
    const reopened = [...SEALS, { ...feb, status: "unsealed" as const, runId: "RUN-9" }];
    expect(sealedPeriods(SEALS)).toEqual(new Set(["2026-01", "2026-02"]));
    expect(sealedPeriods(reopened)).toEqual(new Set(["2026-01"]));
    expect(chainHead([...SEALS, { ...jan, status: "unsealed" as const, hash: "$1$other" }])).toBe(feb.hash);
  });
});

describe("verifySeals", () => {
  const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

  it("an untouched ledger verifies clean", () => {
    expect(verifySeals(WORKBOOK_WHERE, LEDGER, SEALS, SEAL_ROWS)).toEqual([]);
  });

  it("re-read values that serialize the same verify clean (100 vs 100.00, ms dropped, blank dimension)", () => {
    const reread = withEntry(LEDGER, 1, {
      amount: A("100"),
      amountAccounting: A("100"),
      postedAt: "2026-02-01T09:00:00.300Z",
      dimensions: { Department: "SALES", Project: "" },
    });
    expect(verifySeals(WORKBOOK_WHERE, reread, SEALS, SEAL_ROWS)).toEqual([]);
  });

  it("a one-cent change to amountAccounting → exactly SEAL_ROW_CHANGED naming the entry, its row and the column", () => {
    const issues = verifySeals(
      WORKBOOK_WHERE,
      withEntry(LEDGER, 3, { amountAccounting: A("54.14") }),
      SEALS,
      SEAL_ROWS,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "SEAL_ROW_CHANGED",
      severity: "error",
      at: { table: "tblLedger", row: 3, column: "Amount (accounting)" },
    });
    expect(issues[0]!.message).toContain("Entry 3");
    expect(issues[0]!.message).toContain("2026-01");
    expect(issues[0]!.message).toContain("Amount (accounting)");
  });

  it("a changed description → column Description", () => {
    const issues = verifySeals(WORKBOOK_WHERE, withEntry(LEDGER, 5, { description: "Rent Feb" }), SEALS, SEAL_ROWS);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: "SEAL_ROW_CHANGED",
      at: { table: "tblLedger", row: 5, column: "Description" },
    });
    expect(issues[0]!.message).toContain("Entry 5");
  });

  it("a reporting amount added where there was none → column Amount (reporting)", () => {
    const issues = verifySeals(WORKBOOK_WHERE, withEntry(LEDGER, 3, { amountReporting: A("50.00") }), SEALS, SEAL_ROWS);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "SEAL_ROW_CHANGED", at: { row: 3, column: "Amount (reporting)" } });
  });

  it("a new row in a sealed period → SEAL_ROW_ADDED", () => {
    const added = entry({ ...E2, row: 7, entryNo: 7, description: "Late entry" });
    const issues = verifySeals(WORKBOOK_WHERE, [...LEDGER, added], SEALS, SEAL_ROWS);
    expect(codes(issues)).toEqual(["SEAL_ROW_ADDED"]);
    expect(issues[0]).toMatchObject({ at: { table: "tblLedger", row: 7, column: "Entry no" } });
    expect(issues[0]!.message).toContain("Entry 7");
  });

  it("a pasted duplicate of a sealed row (same entry no) is an added row, at the duplicate's row", () => {
    const issues = verifySeals(WORKBOOK_WHERE, [...LEDGER, { ...E4, row: 7 }], SEALS, SEAL_ROWS);
    expect(codes(issues)).toEqual(["SEAL_ROW_ADDED"]);
    expect(issues[0]).toMatchObject({ at: { table: "tblLedger", row: 7, column: "Entry no" } });
    expect(issues[0]!.message).toContain("Entry 4");
    expect(issues[0]!.message).not.toContain("undefined");
  });

  it("a duplicate in the middle of a period: added, and the order of the rest is still fine", () => {
    const issues = verifySeals(
      WORKBOOK_WHERE,
      [E1, E2, { ...E1, row: 3 }, { ...E3, row: 4 }, { ...E4, row: 5 }, { ...E5, row: 6 }, { ...E6, row: 7 }],
      SEALS,
      SEAL_ROWS,
    );
    expect(issues.map((i) => [i.code, i.at?.row])).toEqual([["SEAL_ROW_ADDED", 3]]);
  });

  it("a new row in an unsealed period is fine", () => {
    const added = entry({ ...E2, row: 7, entryNo: 7, period: "2026-03", date: "2026-03-01" });
    expect(verifySeals(WORKBOOK_WHERE, [...LEDGER, added], SEALS, SEAL_ROWS)).toEqual([]);
  });

  it("removing an entry → SEAL_ROW_DELETED", () => {
    const issues = verifySeals(
      WORKBOOK_WHERE,
      LEDGER.filter((e) => e.entryNo !== 2),
      SEALS,
      SEAL_ROWS,
    );
    expect(codes(issues)).toEqual(["SEAL_ROW_DELETED"]);
    expect(issues[0]!.message).toContain("Entry 2");
  });

  it("removing the last entry of a period → SEAL_ROW_DELETED", () => {
    const issues = verifySeals(
      WORKBOOK_WHERE,
      LEDGER.filter((e) => e.entryNo !== 6),
      SEALS,
      SEAL_ROWS,
    );
    expect(codes(issues)).toEqual(["SEAL_ROW_DELETED"]);
    expect(issues[0]!.message).toContain("Entry 6");
  });

  it("swapping two entries' order → SEAL_ROW_REORDERED", () => {
    const swapped = [E2, E1, E3, E4, E5, E6];
    const issues = verifySeals(WORKBOOK_WHERE, swapped, SEALS, SEAL_ROWS);
    expect(issues.length).toBeGreaterThan(0);
    expect(new Set(codes(issues))).toEqual(new Set(["SEAL_ROW_REORDERED"]));
    expect(issues.map((i) => i.at?.row).sort()).toEqual([1, 2]);
  });

  it("editing the last seal record's hash → SEAL_RECORD_ALTERED", () => {
    const seals = [SEALS[0]!, { ...SEALS[1]!, hash: `$1$${"0".repeat(64)}` }];
    const issues = verifySeals(WORKBOOK_WHERE, LEDGER, seals, SEAL_ROWS);
    expect(codes(issues)).toEqual(["SEAL_RECORD_ALTERED"]);
    expect(issues[0]).toMatchObject({ at: { table: "tblSeals", column: "Hash" } });
  });

  it("editing the first seal record's hash → SEAL_RECORD_ALTERED and the next seal no longer chains", () => {
    const seals = [{ ...SEALS[0]!, hash: `$1$${"0".repeat(64)}` }, SEALS[1]!];
    const issues = verifySeals(WORKBOOK_WHERE, LEDGER, seals, SEAL_ROWS);
    expect(codes(issues).sort()).toEqual(["SEAL_CHAIN_BROKEN", "SEAL_RECORD_ALTERED"]);
    expect(issues.find((i) => i.code === "SEAL_CHAIN_BROKEN")).toMatchObject({
      at: { table: "tblSeals", row: 2, column: "Previous hash" },
    });
  });

  it("removing the first seal record (keeping the second) → SEAL_CHAIN_BROKEN", () => {
    const issues = verifySeals(WORKBOOK_WHERE, LEDGER, [SEALS[1]!], SEAL_ROWS);
    expect(codes(issues)).toEqual(["SEAL_CHAIN_BROKEN"]);
    expect(issues[0]).toMatchObject({ at: { table: "tblSeals", row: 1, column: "Previous hash" } });
    expect(issues[0]!.message).toContain("2026-02");
  });

  it("a sealed-row record removed → SEAL_ROWS_ALTERED", () => {
    const issues = verifySeals(
      WORKBOOK_WHERE,
      LEDGER,
      SEALS,
      SEAL_ROWS.filter((r) => !(r.period === "2026-02" && r.entryNo === 6)),
    );
    expect(codes(issues)).toContain("SEAL_ROWS_ALTERED");
  });

  it("one sealed-row record deleted from the middle → that record named, not a changed or added ledger row", () => {
    // January's seal rows are positions 1–4 (entries 1–4); the record of entry 3 (position 3) is deleted.
    // Entry 4's own row is untouched: its fingerprints still match, so nothing in the ledger changed.
    const issues = verifySeals(
      WORKBOOK_WHERE,
      LEDGER,
      SEALS,
      SEAL_ROWS.filter((r) => !(r.period === "2026-01" && r.entryNo === 3)),
    );
    expect(codes(issues)).toEqual(["SEAL_ROWS_ALTERED", "SEAL_ROW_RECORD_DELETED"]);
    expect(issues[1]!.message).toBe(
      "The sealed-row record of entry 3 (position 3 of period 2026-01) was deleted from tblSealRows; the ledger row itself is still there.",
    );
    expect(issues[1]!.at).toEqual({ table: "tblSealRows", column: "Entry no" });
  });

  describe("a reopened period", () => {
    const reopened: SealRecord[] = [
      ...SEALS,
      { ...SEALS[1]!, status: "unsealed", sealedAt: "2026-03-10T08:00:00Z", reason: "correction", runId: "RUN-000009" },
    ];

    it("is no longer sealed", () => {
      expect(sealedPeriods(reopened).has("2026-02")).toBe(false);
      expect(sealedPeriods(reopened).has("2026-01")).toBe(true);
    });

    it("edits, additions and deletions there give no issue", () => {
      const edited = [
        ...withEntry(LEDGER, 5, { amountAccounting: A("21.00"), description: "fixed" }).filter((e) => e.entryNo !== 6),
        entry({ ...E5, row: 7, entryNo: 7 }),
      ];
      expect(verifySeals(WORKBOOK_WHERE, edited, reopened, SEAL_ROWS)).toEqual([]);
    });

    it("the still-sealed January is still verified", () => {
      const issues = verifySeals(WORKBOOK_WHERE, withEntry(LEDGER, 1, { account: "1100" }), reopened, SEAL_ROWS);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: "SEAL_ROW_CHANGED", at: { row: 1, column: "Account" } });
    });

    it("resealing chains from the chain head and verifies clean", () => {
      const changed = withEntry(LEDGER, 5, { description: "fixed" });
      const again = computeSeal(changed, {
        period: "2026-02",
        previousHash: chainHead(reopened),
        user: "bob",
        now: "x",
        reason: "again",
        runId: "RUN-000010",
      });
      const seals = [...reopened, again.seal];
      expect(verifySeals(WORKBOOK_WHERE, changed, seals, [...SEAL_ROWS, ...again.rows])).toEqual([]);
      expect(sealedPeriods(seals).has("2026-02")).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------
// property: random ledgers, sealed period by period; any single-field change is reported

const PERIODS = ["2026-01", "2026-02", "2026-03"];

const word = fc.string({ minLength: 0, maxLength: 8 });
const amountArb = fc
  .tuple(fc.bigInt({ min: -10_000_000n, max: 10_000_000n }), fc.integer({ min: 0, max: 4 }))
  .map(([u, s]) => Amount.fromUnits(u, s));

const rowArb = fc.record({
  periodIndex: fc.integer({ min: 0, max: PERIODS.length - 1 }),
  day: fc.integer({ min: 1, max: 28 }),
  voucher: word,
  account: fc.constantFrom("1000", "1010", "2000", "4000", "6100"),
  dept: fc.constantFrom("", "SALES", "ADMIN"),
  currency: fc.constantFrom("USD", "EUR", "JPY"),
  amount: amountArb,
  amountAccounting: amountArb,
  amountReporting: fc.option(amountArb, { nil: undefined }),
  description: word,
  source: word,
  runId: word,
  settlementId: word,
  user: word,
  postedAtSec: fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }),
  postedAtMs: fc.integer({ min: 0, max: 499 }),
});

type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;
function buildLedger(rows: RowSpec[]): LedgerEntry[] {
  return rows.map((r, i) => ({
    row: i + 1,
    entryNo: i + 1,
    voucher: r.voucher,
    date: `${PERIODS[r.periodIndex]}-${String(r.day).padStart(2, "0")}`,
    period: PERIODS[r.periodIndex]!,
    account: r.account,
    dimensions: { Department: r.dept },
    currency: r.currency,
    amount: r.amount,
    amountAccounting: r.amountAccounting,
    ...(r.amountReporting ? { amountReporting: r.amountReporting } : {}),
    description: r.description,
    source: r.source,
    runId: r.runId,
    settlementId: r.settlementId,
    user: r.user,
    postedAt: new Date(r.postedAtSec * 1000 + r.postedAtMs).toISOString(),
  }));
}

/** `column`: the header an issue names (SEALED_COLUMNS holds the fields' keys) */
type Mutation = { column: string; apply: (e: LedgerEntry) => Partial<LedgerEntry> };
const CENT = Amount.fromUnits(1n, 2);
const MUTATIONS: Mutation[] = [
  { column: "Voucher", apply: (e) => ({ voucher: e.voucher + "x" }) },
  {
    column: "Date",
    apply: (e) => ({ date: e.date.endsWith("-01") ? e.date.slice(0, 8) + "02" : e.date.slice(0, 8) + "01" }),
  },
  { column: "Period", apply: () => ({ period: "2026-12" }) },
  { column: "Account", apply: (e) => ({ account: e.account + "9" }) },
  {
    column: "Dimensions",
    apply: (e) => ({
      dimensions: { ...e.dimensions, Department: e.dimensions.Department === "OTHER" ? "OTHER2" : "OTHER" },
    }),
  },
  { column: "Currency", apply: (e) => ({ currency: e.currency === "GBP" ? "CHF" : "GBP" }) },
  { column: "Amount", apply: (e) => ({ amount: e.amount.plus(CENT) }) },
  { column: "Amount (accounting)", apply: (e) => ({ amountAccounting: e.amountAccounting.minus(CENT) }) },
  {
    column: "Amount (reporting)",
    apply: (e) => ({ amountReporting: e.amountReporting ? e.amountReporting.plus(CENT) : CENT }),
  },
  { column: "Description", apply: (e) => ({ description: e.description + " " }) },
  { column: "Source", apply: (e) => ({ source: "x" + e.source }) },
  { column: "Run id", apply: (e) => ({ runId: e.runId + "1" }) },
  { column: "Settlement id", apply: (e) => ({ settlementId: e.settlementId + "S" }) },
  { column: "User", apply: (e) => ({ user: e.user + "u" }) },
  { column: "Posted at", apply: (e) => ({ postedAt: new Date(Date.parse(e.postedAt) + 1000).toISOString() }) },
  { column: "Entry no", apply: () => ({ entryNo: 1_000_000 }) },
];

describe("verifySeals property", () => {
  it("untouched random ledgers verify clean; any single-field change of any sealed row is reported", () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.integer({ min: 0, max: MUTATIONS.length - 1 }),
        fc.subarray(PERIODS, { minLength: 1 }),
        (rows, pick, m, sealed) => {
          const ledger = buildLedger(rows);
          const { seals, sealRows } = sealAll(ledger, sealed);
          expect(verifySeals(WORKBOOK_WHERE, ledger, seals, sealRows)).toEqual([]);

          const candidates = ledger.filter((e) => sealed.includes(e.period));
          fc.pre(candidates.length > 0);
          const target = candidates[pick % candidates.length]!;
          const mutation = MUTATIONS[m]!;
          const mutated = withEntry(ledger, target.entryNo, mutation.apply(target));
          const issues = verifySeals(WORKBOOK_WHERE, mutated, seals, sealRows);
          expect(issues.length).toBeGreaterThan(0);

          if (mutation.column === "Entry no") {
            expect(issues.map((i) => i.code).sort()).toEqual(["SEAL_ROW_ADDED", "SEAL_ROW_DELETED"]);
            expect(issues.find((i) => i.code === "SEAL_ROW_DELETED")!.message).toContain(`Entry ${target.entryNo} `);
            expect(issues.find((i) => i.code === "SEAL_ROW_ADDED")!.at?.row).toBe(target.row);
            return;
          }
          expect(issues).toHaveLength(1);
          const found = issues[0]!;
          expect(found.code).toBe("SEAL_ROW_CHANGED");
          expect(found.message).toContain(`Entry ${target.entryNo} `);
          expect(found.at?.row).toBe(target.row);
          // the 16-bit column fingerprint points at the column (a 1-in-65536 collision names none, never a wrong one)
          if (found.at?.column === undefined) expect(found.message).toContain("(a column)");
          else expect(found.at.column).toBe(mutation.column);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("verifySeals property: pasted duplicates", () => {
  it("a copy of any sealed row pasted anywhere in the ledger is reported as an added row", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), fc.nat(), fc.nat(), (rows, pick, where) => {
        const ledger = buildLedger(rows);
        const { seals, sealRows } = sealAll(ledger, PERIODS);
        const target = ledger[pick % ledger.length]!;
        const at = where % (ledger.length + 1);
        const pasted = [...ledger.slice(0, at), target, ...ledger.slice(at)].map((e, i) => ({ ...e, row: i + 1 }));
        const issues = verifySeals(WORKBOOK_WHERE, pasted, seals, sealRows);
        const added = issues.filter((i) => i.code === "SEAL_ROW_ADDED");
        expect(added).toHaveLength(1);
        expect(added[0]!.message).toContain(`Entry ${target.entryNo} `);
        // the later of the two identical rows is the extra one
        const rowsOfEntry = pasted.filter((e) => e.entryNo === target.entryNo).map((e) => e.row);
        expect(added[0]!.at?.row).toBe(rowsOfEntry[1]);
        expect(issues.every((i) => i.code === "SEAL_ROW_ADDED" || i.code === "SEAL_ROW_REORDERED")).toBe(true);
        expect(issues.some((i) => i.message.includes("undefined"))).toBe(false);
        // pasted after the original (within its period's rows), it is the only issue
        if (at > ledger.indexOf(target)) expect(issues).toHaveLength(1);
      }),
      { numRuns: 300 },
    );
  });
});
