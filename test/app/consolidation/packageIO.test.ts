/**
 * Reading a package file: the direct split (packageCsv) reads every file exactly as parseCsv does,
 * quoted fields, CRLF, ';' headers and formula-escaped cells included (those go through parseCsv),
 * and a package written by packageText comes back equal, field for field.
 *
 * Worked example: an entity id "'=E1" (a cell starting with an apostrophe before a formula sign) is
 * written escaped as "''=E1"; unescaped once it is "'=E1" again. The old reader unescaped twice
 * (parseCsv already unescapes) and returned "=E1", another entity.
 */
import fc from "fast-check";
import { packageCsv, packageText, readPackageText } from "../../../src/app/consolidation/packageIO";
import { parseCsv } from "../../../src/app/csv";
import type { EntityPackage } from "../../../src/core/consolidation/model";
import { Amount } from "../../../src/core/money";

const cell = fc.oneof(
  fc.constantFrom("", "1000", "-12.50", "'=x", "''=x", "a;b", "2026-03-31", " x ", "+1", "@a", "'-5"),
  fc.string({ maxLength: 6 }),
);

const pkg = (dimValue: string, entity = "UK"): EntityPackage => ({
  source: "p.csv",
  entity,
  currency: "GBP",
  period: "2026-03",
  periodEnd: "2026-03-31",
  status: "On hold",
  draft: false,
  sealHead: "",
  lines: [
    {
      account: "1300",
      dimensions: { TradingPartner: dimValue },
      currency: "USD",
      period: "2026-03",
      start: "2026-03-01",
      end: "2026-03-31",
      opening: Amount.parse("-800.00")!,
      activity: Amount.parse("200.00")!,
      closing: Amount.parse("-600.00")!,
    },
  ],
  equityChanges: [],
});

describe("package files", () => {
  test("packageCsv reads what parseCsv reads, for any text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        fc.constantFrom(",", ";"),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        (rows, sep, eol, trailing) => {
          const text = rows.map((r) => r.join(sep)).join(eol) + (trailing ? eol : "");
          expect(packageCsv(text)).toEqual(parseCsv(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  test("a cell starting with an apostrophe survives the round trip", () => {
    const text = packageText(pkg("US", "'=E1"));
    expect(text).toContain("meta,Entity,''=E1,");
    const read = readPackageText(text, "p.csv");
    expect(read.issues).toEqual([]);
    expect(read.pkg?.entity).toBe("'=E1");
  });

  test("any package written is read back equal", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() === s && !/[;=]/.test(s)),
        (v) => {
          const read = readPackageText(packageText(pkg(v)), "p.csv");
          expect(read.pkg?.lines.map((l) => [l.dimensions, l.opening.toString(), l.closing.toString()])).toEqual([
            [{ TradingPartner: v }, "-800.00", "-600.00"],
          ]);
        },
      ),
    );
  });
});
