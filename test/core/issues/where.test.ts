import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { cellAt, header, inTable, type TableWhere } from "../../../src/core/issues/where";
import { GROUP_TABLES } from "../../../src/schema/consolidationTables";
import { ALL_TABLES, JOURNAL, SETTINGS } from "../../../src/schema/tables";
import { tableWhere, WORKBOOK_WHERE } from "../../../src/schema/where";

const journal: TableWhere = { table: "tblJournal", columns: { debit: "Debit", date: "Date" } };

describe("where: locations from the declared tables", () => {
  it("cellAt names the table, the row when given, the header of the key, and the voucher when given", () => {
    expect(cellAt(journal, "debit", 4)).toEqual({ table: "tblJournal", row: 4, column: "Debit" });
    expect(cellAt(journal, "date")).toEqual({ table: "tblJournal", column: "Date" });
    expect(cellAt(journal, "debit", undefined, "D-1")).toEqual({
      table: "tblJournal",
      column: "Debit",
      voucher: "D-1",
    });
    expect(cellAt(journal, "debit", 0)).toEqual({ table: "tblJournal", row: 0, column: "Debit" }); // row 0 (the header) is kept
  });
  it("inTable names the table, and the row when given", () => {
    expect(inTable(journal)).toEqual({ table: "tblJournal" });
    expect(inTable(journal, 7)).toEqual({ table: "tblJournal", row: 7 });
  });
  it("a key the table does not declare is a programming error, not a silent location", () => {
    expect(() => cellAt(journal, "credti")).toThrow('tblJournal declares no column "credti"');
    expect(() => header(journal, "credti")).toThrow();
  });
  it("WORKBOOK_WHERE is the declarations: the journal's debit is its Debit column, a setting's value its Value column", () => {
    expect(cellAt(WORKBOOK_WHERE.journal, "debit", 4)).toEqual({ table: JOURNAL.name, row: 4, column: "Debit" });
    expect(cellAt(WORKBOOK_WHERE.settings, "value")).toEqual({ table: SETTINGS.name, column: "Value" });
    for (const [, t] of Object.entries(WORKBOOK_WHERE)) {
      const def = [...ALL_TABLES, ...GROUP_TABLES].find((d) => d.name === t.table);
      expect(def).toBeDefined();
      expect(t).toEqual(tableWhere(def!));
    }
  });
});

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

describe("the core names no workbook table (issue #11 point 4)", () => {
  it("no string literal in src/core equals a declared table name: locations come from setup.where", () => {
    const names = new Set([...ALL_TABLES, ...GROUP_TABLES].map((t) => t.name));
    const found: string[] = [];
    for (const file of sources(join(__dirname, "../../../src/core"))) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          if (/^\s*(\*|\/\/|\/\*)/.test(line)) return; // comments may name tables
          for (const m of line.matchAll(/"([^"\\]*)"/g))
            if (names.has(m[1]!)) found.push(`${file.slice(file.indexOf("src/core"))}:${i + 1} ${m[1]}`);
        });
    }
    expect(found).toEqual([]);
  });
});

describe("every key the core asks of a table is one the table declares", () => {
  it("cellAt / header calls over setup.where name declared keys (a typo is caught here, not on the rare path)", () => {
    const bad: string[] = [];
    let calls = 0;
    for (const file of sources(join(__dirname, "../../../src/core"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\b(?:cellAt|header)\(\s*[\w.!]*?\b(?:where|WHERE)\.(\w+),\s*"(\w+)"/g)) {
        calls++;
        const table = WORKBOOK_WHERE[m[1] as keyof typeof WORKBOOK_WHERE];
        if (!table || !(m[2]! in table.columns)) bad.push(`${file.slice(file.indexOf("src/core"))}: ${m[0]}`);
      }
    }
    expect(calls).toBeGreaterThan(40);
    expect(bad).toEqual([]);
  });
});
