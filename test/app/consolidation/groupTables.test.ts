/**
 * The group tables (tblEntities, tblAccountMapping, tblTranslationRules, tblEliminationRules) are
 * not in ALL_TABLES — ALL_TABLES is what every workbook gets at setup and what loadBook expects, and
 * an entity workbook must not get them — but every path that names or checks a table knows them:
 * - an entity workbook set up has none of them, and its check says nothing about them;
 * - `check` on a group workbook decodes them: tblEntities row 1 with Ownership % "eighty" is an
 *   error at tblEntities row 1, column "Ownership %" (before: check read ALL_TABLES only, no issue);
 * - a column Closebook does not use in tblAccountMapping is a warning, as for every table;
 * - tableByName finds them (issue locations in the pane: "Entities!D2"); `export-csv entities` exports.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { checkWorkbook } from "../../../src/app/checkWorkbook";
import { groupSetup, setupGroupWorkbook } from "../../../src/app/consolidation/groupSetup";
import { starterSetup } from "../../../src/app/demo/starterSetup";
import { exportCsv } from "../../../src/app/exportCsv";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { ENTITIES, GROUP_TABLES } from "../../../src/schema/consolidationTables";
import { ALL_TABLES, tableByName } from "../../../src/schema/tables";

const opts = { company: "Group", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 1 };

describe("group tables", () => {
  test("an entity workbook has none and its check does not ask for them", async () => {
    const wb = new MemoryWorkbook();
    await setupWorkbook(wb, starterSetup(opts));
    const names = (await wb.listTables()).map((t) => t.name);
    for (const def of GROUP_TABLES) expect(names).not.toContain(def.name);
    const issues = await checkWorkbook(wb);
    expect(issues.filter((i) => GROUP_TABLES.some((d) => d.name === i.at?.table))).toEqual([]);
    expect(ALL_TABLES).not.toContain(ENTITIES);
  });

  test("check on a group workbook decodes them, naming table, row and column", async () => {
    const wb = new MemoryWorkbook();
    await setupGroupWorkbook(wb, groupSetup(opts));
    expect((await checkWorkbook(wb)).filter((i) => i.severity === "error")).toEqual([]);
    await wb.appendRows(ENTITIES.name, [["UK", "Closebook UK", "GBP", "eighty", "full", "3800", "3950", "8900"]]);
    const issues = await checkWorkbook(wb);
    expect(issues).toContainEqual(
      expect.objectContaining({
        severity: "error",
        at: expect.objectContaining({ table: "tblEntities", row: 1, column: "Ownership %" }),
      }),
    );
  });

  test("they are known by name and exported", async () => {
    expect(tableByName("tblEntities")?.sheet).toBe("Entities");
    expect(tableByName("tbleliminationrules")).toBeDefined();
    const wb = new MemoryWorkbook();
    await setupGroupWorkbook(wb, groupSetup(opts));
    await wb.appendRows(ENTITIES.name, [["UK", "Closebook UK", "GBP", 80, "full", "3800", "3950", "8900"]]);
    const out = await exportCsv(wb, "entities");
    expect(out.issues).toEqual([]);
    expect(out.rows).toBe(1);
  });
});
