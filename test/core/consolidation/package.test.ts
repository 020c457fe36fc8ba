/**
 * The consolidation package: built from an entity's book, written as CSV records, read back
 * with every field validated. The entity (USD, FY = calendar year) posted, with no year-end close:
 *   2025-06-30 cash 1000 +500.00 / capital 3000 −500.00
 *   2025-09-10 cash 1000 +200.00 / revenue 4000 −200.00   (FY2025's result, still on 4000)
 *   2026-03-05 cash 1000 +100.00 / revenue 4000 −100.00
 * Package for 2026-03 (On hold): cash closes 2026-03 at 800.00 (700.00 + 100.00); capital −500.00;
 * FY2025's −200.00 moved to retained earnings 3900 (dated 2025-12-31); revenue 2026-03 activity −100.00.
 */
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { buildPackage } from "../../../src/core/consolidation/packageBuild";
import { packageFromRecords, packageRecords } from "../../../src/core/consolidation/packageFile";
import { combinePackages } from "../../../src/core/consolidation/packageInputs";
import type { Book } from "../../../src/core/ledger/book";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { A, makeSetup } from "../../support/fixtures";

let n = 1;
const e = (date: string, account: string, amount: string): LedgerEntry => ({
  entryNo: n++,
  voucher: `GL-${n}`,
  date,
  period: date.slice(0, 7),
  account,
  dimensions: {},
  currency: "USD",
  amount: A(amount),
  amountAccounting: A(amount),
  description: "",
  source: "journal:GJ",
  runId: "",
  settlementId: "",
  user: "t",
  postedAt: "",
});

function book(status: "Open" | "On hold"): Book {
  const periods = [...buildFiscalYear(2025, 1), ...buildFiscalYear(2026, 1)].map((p) =>
    p.id === "2026-03" ? { ...p, status } : p,
  );
  const ledger = [
    e("2025-06-30", "1000", "500.00"),
    e("2025-06-30", "3000", "-500.00"),
    e("2025-09-10", "1000", "200.00"),
    e("2025-09-10", "4000", "-200.00"),
    e("2026-03-05", "1000", "100.00"),
    e("2026-03-05", "4000", "-100.00"),
  ];
  return {
    setup: makeSetup({ periods }),
    sequences: [],
    journal: [],
    ledger,
    runs: [],
    audit: [],
    lockExceptions: [],
    seals: [],
    sealRows: [],
    settlements: [],
  };
}

const line = (pkg: NonNullable<ReturnType<typeof buildPackage>["pkg"]>, account: string, period: string) => {
  const l = pkg.lines.find((x) => x.account === account && x.period === period);
  return l && [l.opening.toString(), l.activity.toString(), l.closing.toString()];
};

describe("consolidation package", () => {
  test("built from the book: balances per period, earlier results moved to retained earnings, equity dated", () => {
    const { pkg, issues } = buildPackage(book("On hold"), {
      entity: "US",
      period: "2026-03",
      draft: false,
      source: "us.csv",
    });
    expect(issues).toEqual([]);
    expect(line(pkg!, "1000", "2026-03")).toEqual(["700.00", "100.00", "800.00"]);
    expect(line(pkg!, "1000", "2026-01")).toEqual(["700.00", "0.00", "700.00"]);
    expect(line(pkg!, "4000", "2026-03")).toEqual(["0.00", "-100.00", "-100.00"]);
    expect(line(pkg!, "4000", "2026-01")).toBeUndefined();
    expect(line(pkg!, "3900", "2026-03")).toEqual(["-200.00", "0.00", "-200.00"]);
    expect(pkg!.equityChanges.map((c) => `${c.account} ${c.date} ${c.amount.toString()}`)).toEqual([
      "3000 2025-06-30 -500.00",
      "3900 2025-12-31 -200.00",
    ]);
    expect(pkg!.draft).toBe(false);
  });

  test("December after the year-end close: the closing vouchers (period FY2026-CLOSE) stay out of the package", () => {
    // FY2026's result is revenue −100.00 (2026-03-05). The year-end close posts, in the closing
    // period FY2026-CLOSE dated 2026-12-31: 4000 +100.00 / 3900 −100.00. December's package must
    // still show revenue −100.00 year to date and no retained-earnings change dated 2026-12-31:
    // the group translates the result at average rates and retained earnings at historical ones;
    // with the closing voucher in, revenue would be 0.00 and the result would land in 3900.
    const b = book("On hold");
    const closing = [e("2026-12-31", "4000", "100.00"), e("2026-12-31", "3900", "-100.00")].map((x) => ({
      ...x,
      period: "FY2026-CLOSE",
      source: "year-end",
    }));
    const held = {
      ...b,
      setup: {
        ...b.setup,
        periods: b.setup.periods.map((p) => (p.id === "2026-12" ? { ...p, status: "On hold" as const } : p)),
      },
      ledger: [...b.ledger, ...closing],
    };
    const { pkg, issues } = buildPackage(held, { entity: "US", period: "2026-12", draft: false, source: "us.csv" });
    expect(issues).toEqual([]);
    expect(line(pkg!, "4000", "2026-12")).toEqual(["-100.00", "0.00", "-100.00"]);
    expect(line(pkg!, "3900", "2026-12")).toEqual(["-200.00", "0.00", "-200.00"]);
    expect(pkg!.equityChanges.map((c) => `${c.account} ${c.date} ${c.amount.toString()}`)).toEqual([
      "3000 2025-06-30 -500.00",
      "3900 2025-12-31 -200.00",
    ]);
  });

  test("an Open period is refused unless draft, and then marked draft", () => {
    expect(
      buildPackage(book("Open"), { entity: "US", period: "2026-03", draft: false, source: "us.csv" }).issues[0],
    ).toMatchObject({ code: "PERIOD_OPEN", at: { table: "tblPeriods", column: "Status" } });
    const d = buildPackage(book("Open"), { entity: "US", period: "2026-03", draft: true, source: "us.csv" });
    expect(d.pkg?.draft).toBe(true);
    const back = packageFromRecords(packageRecords(d.pkg!), "us.csv");
    expect(back.pkg?.draft).toBe(true);
  });

  test("written and read back unchanged", () => {
    const { pkg } = buildPackage(book("On hold"), { entity: "US", period: "2026-03", draft: false, source: "us.csv" });
    const back = packageFromRecords(packageRecords(pkg!, "US Inc"), "us.csv");
    expect(back.issues).toEqual([]);
    const strip = (p: typeof pkg): unknown =>
      JSON.parse(
        JSON.stringify(
          {
            ...p,
            lines: p!.lines.map((l) => ({ ...l, row: 0 })),
            equityChanges: p!.equityChanges.map((c) => ({ ...c, row: 0 })),
          },
          (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v),
        ),
      );
    expect(strip(back.pkg)).toEqual(strip(pkg));
  });

  test("bad input: foreign file, changed figure, bad cells — located issues, no package", () => {
    const { pkg } = buildPackage(book("On hold"), { entity: "US", period: "2026-03", draft: false, source: "us.csv" });
    const records = packageRecords(pkg!);
    expect(packageFromRecords([["Date", "From", "To", "Rate"]], "rates.csv").issues[0]).toMatchObject({
      code: "FOREIGN_PACKAGE",
      at: { table: "rates.csv" },
    });
    // a closing figure changed by hand: the checksum no longer matches (and opening + activity ≠ closing)
    const i = records.findIndex((r) => r[0] === "balance" && r[1] === "1000" && r[4] === "2026-03");
    const changed = records.map((r, k) => (k === i ? r.map((c, j) => (j === 9 ? "900.00" : c)) : r));
    const bad = packageFromRecords(changed, "us.csv");
    expect(bad.pkg).toBeUndefined();
    expect(bad.issues.map((x) => x.code)).toEqual(expect.arrayContaining(["CORRUPT_PACKAGE", "PACKAGE_ARITHMETIC"]));
    expect(bad.issues.find((x) => x.code === "PACKAGE_ARITHMETIC")?.at).toEqual({
      table: "us.csv",
      row: i,
      column: "Closing",
    });
    // a cut file: no checksum row
    expect(packageFromRecords(records.slice(0, -1), "us.csv").issues.map((x) => x.code)).toContain("CORRUPT_PACKAGE");
    // an amount with a comma
    const comma = records.map((r, k) => (k === i ? r.map((c, j) => (j === 8 ? "1,5" : c)) : r));
    expect(packageFromRecords(comma, "us.csv").issues.find((x) => x.code === "BAD_CELL")?.at).toEqual({
      table: "us.csv",
      row: i,
      column: "Activity",
    });
  });

  test("a package beside the entity workbook it claims: seal heads must agree", () => {
    const { pkg } = buildPackage(book("On hold"), { entity: "US", period: "2026-03", draft: false, source: "us.csv" });
    const file = { ...pkg!, sealHead: "aaa" };
    const same = combinePackages([file], [{ ...pkg!, source: "us.xlsx", sealHead: "aaa" }]);
    expect(same).toEqual({ packages: [file], issues: [] });
    const other = combinePackages([file], [{ ...pkg!, source: "us.xlsx", sealHead: "bbb" }]);
    expect(other.issues[0]).toMatchObject({ code: "SEAL_MISMATCH", at: { table: "us.csv", column: "Seal head" } });
    expect(other.issues[0]!.message).toContain("aaa");
    expect(other.issues[0]!.message).toContain("bbb");
  });
});
