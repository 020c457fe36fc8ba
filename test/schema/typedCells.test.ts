/**
 * Typed table declarations (issue #11, point 4): a table's column keys are literal types, so cells are written
 * and read by key, the header comes from the declaration, and the value goes through the column's codec.
 * The `@ts-expect-error` lines are checked by tsc (`npx tsc --noEmit`): a misspelt key or a value of the wrong
 * type must not compile; if it ever compiles, tsc reports the unused directive.
 */
import { Amount } from "../../src/core/money";
import type { RawTable } from "../../src/ports/workbook";
import { decodeTable } from "../../src/schema/decodeTable";
import type { ColumnValue, Key } from "../../src/schema/defineTable";
import { CLOSE_TASKS } from "../../src/schema/checklistTables";
import { PERIODS, RUNS, SEALS, SETTLEMENTS, USERS } from "../../src/schema/tables";
import {
  cellChange,
  cellsByHeader,
  cellUpdates,
  columnIndex,
  header,
  headers,
  keyedUpdates,
  rawCell,
  where,
} from "../../src/schema/typedCells";

describe("typed cells", () => {
  it("writes cells by key: header from the declaration, value through the column's codec", () => {
    expect(cellUpdates(PERIODS, 3, { status: "On hold", access: "Controllers" })).toEqual([
      { row: 3, column: "Status", value: "On hold" },
      { row: 3, column: "Access", value: "Controllers" },
    ]);
    // a date column: the ISO date 2026-03-31 becomes the date cell 2026-03-31 00:00 UTC
    expect(cellUpdates(SETTLEMENTS, 2, { reversedOn: "2026-03-31" })).toEqual([
      { row: 2, column: "Reversed on", value: new Date(Date.UTC(2026, 2, 31)) },
    ]);
    // an amount column: Amount 12.5 becomes the number 12.5; null blanks the cell
    expect(cellUpdates(SEALS, 1, { debit: Amount.parse("12.5")!, reason: null })).toEqual([
      { row: 1, column: "Total debit", value: 12.5 },
      { row: 1, column: "Reason", value: null },
    ]);
    expect(keyedUpdates(RUNS, 4, ["R-7"], { note: "x" })).toEqual([
      { row: 4, column: "Note", value: "x", key: ["R-7"] },
    ]);
    // a list column: ["T01", "T02"] is the cell "T01, T02"; a blank text a blank cell; a date a date cell
    expect(cellsByHeader(CLOSE_TASKS, { dependsOn: ["T01", "T02"], link: "", due: "2026-04-03" })).toEqual({
      "Depends on": "T01, T02",
      Link: null,
      Due: new Date(Date.UTC(2026, 3, 3)),
    });
    expect(cellChange(RUNS, 4, "status", "reversed", "committed")).toEqual({
      table: "tblRuns",
      row: 4,
      column: "Status",
      value: "reversed",
      old: "committed",
    });
  });

  it("names headers, key columns and issue locations by key", () => {
    expect(header(PERIODS, "fiscalYear")).toBe("Fiscal year");
    expect(headers(RUNS, ["runId", "step"])).toEqual(["Run id", "Step"]);
    expect(where(RUNS, "status", 2)).toEqual({ table: "tblRuns", row: 2, column: "Status" });
    expect(where(PERIODS)).toEqual({ table: "tblPeriods" });
  });

  it("reads a raw cell by key, matching the header as decoding does (case and spacing ignored)", () => {
    const raw: RawTable = {
      name: "tblRuns",
      sheet: "Runs",
      headers: ["run ID", "Step", "  status "],
      rows: [
        ["R-1", "post", "committed"],
        ["R-2", "revaluation", "started"],
      ],
    };
    expect(columnIndex(RUNS, raw, "status")).toBe(2);
    expect(rawCell(RUNS, raw, 2, "status")).toBe("started");
    expect(rawCell(RUNS, raw, 1, "runId")).toBe("R-1");
    expect(rawCell(RUNS, raw, 3, "status")).toBeUndefined(); // no data row 3
    expect(rawCell(RUNS, raw, 1, "note")).toBeUndefined(); // no column Note
    expect(rawCell(RUNS, undefined, 1, "note")).toBeUndefined();
  });

  it("decodes rows typed by the declaration", () => {
    const raw: RawTable = {
      name: "tblPeriods",
      sheet: "Calendar",
      headers: PERIODS.columns.map((c) => c.header),
      rows: [["2026-01", "FY2026", "operating", "Jan", "2026-01-01", "2026-01-31", "open", "All"]],
    };
    const row = decodeTable(PERIODS, raw, []).rows[0]!;
    // the enum's canonical spelling: "open" is read as "Open"
    const status: "Open" | "On hold" | "Permanently closed" | undefined = row.values.status;
    expect(status).toBe("Open");
    expect(row.values.fiscalYear).toBe("FY2026");
  });

  it("refuses a misspelt key or a wrong value at compile time", () => {
    // each line below is a compile error (tsc checks this file); at run time the misspelt key throws
    // @ts-expect-error "stauts" is not a column of tblPeriods
    expect(() => cellUpdates(PERIODS, 1, { stauts: "On hold" })).toThrow(/declares no column "stauts"/);
    // @ts-expect-error "Closed" is not a period status
    cellUpdates(PERIODS, 1, { status: "Closed" });
    // @ts-expect-error a header is not a key
    expect(() => header(RUNS, "Run id")).toThrow();
    // @ts-expect-error tblRuns has no column "access"
    expect(() => rawCell(RUNS, undefined, 1, "access")).toThrow();
    type PeriodKey = Key<typeof PERIODS>;
    const k: PeriodKey = "fiscalYear";
    // @ts-expect-error keys are literal, not string
    const bad: PeriodKey = "fiscal year";
    const amount: ColumnValue<typeof SEALS, "debit"> = Amount.ZERO;
    // a list with declared values decodes to those values: roles are Role[], not string[]
    const roles: ColumnValue<typeof USERS, "roles"> = ["controller"];
    // @ts-expect-error "auditor" is not a role
    const notRole: ColumnValue<typeof USERS, "roles"> = ["auditor"];
    expect([roles, notRole]).toHaveLength(2);
    expect([k, bad, amount.isZero()]).toEqual(["fiscalYear", "fiscal year", true]);
  });
});
