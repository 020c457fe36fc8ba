import { formatIssue } from "../../src/core/issues/issue";
import { Amount } from "../../src/core/money/amount";
import type { CellValue, RawTable } from "../../src/ports/workbook";
import { decodeTable, matchColumns, normalizeHeader } from "../../src/schema/decodeTable";
import { resolveColumns } from "../../src/schema/defineTable";
import { CURRENCIES, JOURNAL } from "../../src/schema/tables";

function raw(name: string, headers: string[], rows: CellValue[][]): RawTable {
  return { name, sheet: "Sheet", headers, rows };
}

/** tblJournal with dimension Department, written out by hand (Department follows Account). */
const JOURNAL_HEADERS = [
  "Journal",
  "Draft voucher",
  "Date",
  "Account",
  "Department",
  "Currency",
  "Debit",
  "Credit",
  "Rate",
  "Description",
  "Status",
  "Message",
  "Posted voucher",
];
function journalRow(over: Partial<Record<string, CellValue>> = {}): CellValue[] {
  const base: Record<string, CellValue> = {
    Journal: "GJ",
    "Draft voucher": "D-1",
    Date: 46112,
    Account: "1100",
    Department: "Sales",
    Currency: "USD",
    Debit: 100,
    Credit: null,
    Rate: null,
    Description: "Cash sale",
    Status: "Draft",
    Message: null,
    "Posted voucher": null,
  };
  const merged = { ...base, ...over };
  return JOURNAL_HEADERS.map((h) => merged[h] ?? null);
}

describe("normalizeHeader / matchColumns", () => {
  it("ignores case, surrounding space and runs of inner space", () => {
    expect(normalizeHeader("  Draft   VOUCHER ")).toBe("draft voucher");
    expect(normalizeHeader("Draft\tvoucher")).toBe("draft voucher");
  });
  it("finds columns in any order; the first of duplicate headers wins", () => {
    const cols = resolveColumns(CURRENCIES, []);
    const m = matchColumns(cols, ["precision", "Name", "CURRENCY", "currency"]);
    expect(m.get("code")).toBe(2);
    expect(m.get("name")).toBe(1);
    expect(m.get("precision")).toBe(0);
  });
});

describe("decodeTable: tblCurrencies", () => {
  it("matches headers case/space-insensitively in any order and decodes each cell", () => {
    const t = decodeTable(
      CURRENCIES,
      raw(
        "tblCurrencies",
        ["  precision", "NAME ", " currency"],
        [
          [2, "US dollar", "USD"],
          ["0", "Yen", "JPY"],
        ],
      ),
      [],
    );
    expect(t.usable).toBe(true);
    expect(t.issues).toEqual([]);
    expect(t.rows).toEqual([
      { row: 1, values: { code: "USD", name: "US dollar", precision: 2 }, invalid: false },
      { row: 2, values: { code: "JPY", name: "Yen", precision: 0 }, invalid: false },
    ]);
  });

  it("extra unknown columns are ignored; a missing optional column decodes as empty", () => {
    const t = decodeTable(CURRENCIES, raw("tblCurrencies", ["Notes", "Precision", "Currency"], [["x", 3, "KWD"]]), []);
    expect(t.issues).toEqual([]);
    expect(t.rows[0]!.values).toEqual({ code: "KWD", name: undefined, precision: 3 });
  });

  it("a missing required column is an error naming the column; the table is unusable", () => {
    const t = decodeTable(CURRENCIES, raw("tblCurrencies", ["Currency", "Name"], [["USD", "US dollar"]]), []);
    expect(t.usable).toBe(false);
    expect(t.rows).toEqual([]);
    expect(t.issues).toEqual([
      {
        code: "MISSING_COLUMN",
        severity: "error",
        message: 'Table tblCurrencies has no column "Precision".',
        at: { table: "tblCurrencies", column: "Precision" },
      },
    ]);
  });

  it("blank rows are skipped but later rows keep their row numbers", () => {
    const t = decodeTable(
      CURRENCIES,
      raw(
        "tblCurrencies",
        ["Currency", "Name", "Precision"],
        [
          ["USD", "US dollar", 2],
          [null, "", "   "],
          [null, null, null],
          ["EUR", "Euro", 2],
        ],
      ),
      [],
    );
    expect(t.rows.map((r) => [r.row, r.values["code"]])).toEqual([
      [1, "USD"],
      [4, "EUR"],
    ]);
  });

  it("a required empty cell is MISSING_VALUE naming row and column", () => {
    const t = decodeTable(
      CURRENCIES,
      raw(
        "tblCurrencies",
        ["Currency", "Name", "Precision"],
        [
          ["USD", "US dollar", 2],
          ["  ", "Mystery", 2],
        ],
      ),
      [],
    );
    expect(t.issues).toEqual([
      {
        code: "MISSING_VALUE",
        severity: "error",
        message: "Currency is empty; it is required.",
        at: { table: "tblCurrencies", row: 2, column: "Currency" },
      },
    ]);
    expect(t.rows[1]).toMatchObject({ row: 2, invalid: true });
    expect(t.rows[0]).toMatchObject({ row: 1, invalid: false });
  });

  it("a bad cell is BAD_CELL with row and column (the documented example)", () => {
    const t = decodeTable(
      CURRENCIES,
      raw(
        "tblCurrencies",
        ["Currency", "Name", "Precision"],
        [
          ["USD", "US dollar", 2],
          ["JPY", "Yen", "zero"],
        ],
      ),
      [],
    );
    expect(t.issues).toHaveLength(1);
    const i = t.issues[0]!;
    expect(i).toEqual({
      code: "BAD_CELL",
      severity: "error",
      message: 'Precision holds "zero", not a whole number.',
      at: { table: "tblCurrencies", row: 2, column: "Precision" },
    });
    expect(formatIssue(i)).toBe(
      'error   tblCurrencies row 2, Precision: Precision holds "zero", not a whole number. [BAD_CELL]',
    );
    expect(t.rows[1]!.invalid).toBe(true);
    expect(t.rows[1]!.values["precision"]).toBeUndefined();
    expect(t.rows[1]!.values["code"]).toBe("JPY");
  });

  it("short rows read the missing cells as empty", () => {
    const t = decodeTable(CURRENCIES, raw("tblCurrencies", ["Currency", "Name", "Precision"], [["USD"]]), []);
    expect(t.issues.map((i) => [i.code, i.at?.column])).toEqual([["MISSING_VALUE", "Precision"]]);
  });

  it("duplicate headers: a warning, the first column is used", () => {
    const t = decodeTable(
      CURRENCIES,
      raw("tblCurrencies", ["Currency", "Name", "Precision", "currency"], [["USD", "US dollar", 2, "EUR"]]),
      [],
    );
    expect(t.issues).toEqual([
      {
        code: "DUPLICATE_COLUMN",
        severity: "warning",
        message: 'Table tblCurrencies has two columns named "currency"; the first is used.',
        at: { table: "tblCurrencies", column: "currency", row: 0 },
      },
    ]);
    expect(t.rows[0]!.values["code"]).toBe("USD");
  });

  it("a missing table: MISSING_TABLE error, or nothing when optional", () => {
    const t = decodeTable(CURRENCIES, undefined, []);
    expect(t.usable).toBe(false);
    expect(t.issues).toHaveLength(1);
    expect(t.issues[0]).toMatchObject({ code: "MISSING_TABLE", severity: "error", at: { table: "tblCurrencies" } });
    expect(t.issues[0]!.message).toContain('sheet "Currencies"');
    expect(decodeTable(CURRENCIES, undefined, [], true)).toEqual({ rows: [], usable: false, issues: [] });
  });
});

describe("decodeTable: tblJournal with dimension Department", () => {
  it("decodes a full row, dimension included", () => {
    const t = decodeTable(JOURNAL, raw("tblJournal", JOURNAL_HEADERS, [journalRow()]), ["Department"]);
    expect(t.issues).toEqual([]);
    const v = t.rows[0]!.values;
    expect(v["journal"]).toBe("GJ");
    expect(v["date"]).toBe("2026-03-31"); // serial 46112
    expect(v["account"]).toBe("1100");
    expect(v["dim:Department"]).toBe("Sales");
    expect((v["debit"] as Amount).eq(Amount.parse("100")!)).toBe(true);
    expect(v["credit"]).toBeUndefined();
    expect(v["status"]).toBe("Draft");
  });

  it("headers in reverse order and odd case still match", () => {
    const headers = [...JOURNAL_HEADERS].reverse().map((h) => h.toUpperCase());
    const row = [...journalRow({ Account: 1100 })].reverse();
    const t = decodeTable(JOURNAL, raw("tblJournal", headers, [row]), ["Department"]);
    expect(t.issues).toEqual([]);
    expect(t.rows[0]!.values["account"]).toBe("1100"); // number in a text column → "1100"
    expect(t.rows[0]!.values["dim:Department"]).toBe("Sales");
  });

  it("a missing dimension column is a warning; the table stays usable", () => {
    const headers = JOURNAL_HEADERS.filter((h) => h !== "Department");
    const row = journalRow().filter((_, i) => JOURNAL_HEADERS[i] !== "Department");
    const t = decodeTable(JOURNAL, raw("tblJournal", headers, [row]), ["Department"]);
    expect(t.usable).toBe(true);
    expect(t.issues).toEqual([
      {
        code: "MISSING_COLUMN",
        severity: "warning",
        message: 'Table tblJournal has no column "Department".',
        at: { table: "tblJournal", column: "Department" },
      },
    ]);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.values["dim:Department"]).toBeUndefined();
  });

  it("a missing required column (Draft voucher) is an error and nothing is decoded", () => {
    const headers = JOURNAL_HEADERS.filter((h) => h !== "Draft voucher");
    const t = decodeTable(JOURNAL, raw("tblJournal", headers, []), ["Department"]);
    expect(t.usable).toBe(false);
    expect(t.issues.map((i) => [i.code, i.severity, i.at?.column])).toEqual([
      ["MISSING_COLUMN", "error", "Draft voucher"],
    ]);
  });

  it("row problems name the right row after blank rows", () => {
    const blank = JOURNAL_HEADERS.map(() => null);
    const t = decodeTable(
      JOURNAL,
      raw("tblJournal", JOURNAL_HEADERS, [
        journalRow(),
        blank,
        journalRow({ Date: "31/03/2026" }),
        journalRow({ Debit: "1,234.50", Account: "" }),
      ]),
      ["Department"],
    );
    expect(t.rows.map((r) => [r.row, r.invalid])).toEqual([
      [1, false],
      [3, true],
      [4, true],
    ]);
    expect(t.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([
      ["BAD_CELL", 3, "Date"],
      ["MISSING_VALUE", 4, "Account"],
      ["BAD_CELL", 4, "Debit"],
    ]);
    expect(t.issues[0]!.message).toBe(
      'Date holds the text "31/03/2026", not a date (enter a date, or text as YYYY-MM-DD).',
    );
    expect(t.issues[2]!.message).toContain("1234.50");
  });

  it("an error value in a cell is a BAD_CELL", () => {
    const t = decodeTable(JOURNAL, raw("tblJournal", JOURNAL_HEADERS, [journalRow({ Rate: { error: "#N/A" } })]), [
      "Department",
    ]);
    expect(t.issues).toEqual([
      {
        code: "BAD_CELL",
        severity: "error",
        message: "Rate holds the error value #N/A.",
        at: { table: "tblJournal", row: 1, column: "Rate" },
      },
    ]);
  });

  it("a bad enum value names the allowed values", () => {
    const t = decodeTable(JOURNAL, raw("tblJournal", JOURNAL_HEADERS, [journalRow({ Status: "Done" })]), [
      "Department",
    ]);
    expect(t.issues[0]!.message).toBe('Status holds "Done"; expected one of Draft, Error, Posted.');
  });
});
