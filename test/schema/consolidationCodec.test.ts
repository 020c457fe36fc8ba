/**
 * The group tables read back: a group workbook's rules decoded; bad rows are located issues
 * (table, row, column) and are left out.
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { groupSetup, setupGroupWorkbook } from "../../src/app/consolidation/groupSetup";
import { readAllTables } from "../../src/app/loadBook";
import { decodeGroupRules } from "../../src/schema/consolidationCodec";
import {
  ACCOUNT_MAPPING,
  ELIMINATION_RULES,
  ENTITIES,
  GROUP_TABLES,
  TRANSLATION_RULES,
} from "../../src/schema/consolidationTables";

async function groupRaw(rows: Record<string, unknown[][]>) {
  const wb = new MemoryWorkbook();
  await setupGroupWorkbook(
    wb,
    groupSetup({ company: "G", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 1 }),
  );
  for (const [t, r] of Object.entries(rows)) await wb.appendRows(t, r as never);
  const raw = await readAllTables(wb);
  for (const def of GROUP_TABLES) raw.set(def.name, await wb.readTable(def.name));
  return raw;
}

test("a group workbook's rules, and its bad rows located", async () => {
  const raw = await groupRaw({
    [ENTITIES.name]: [
      ["UK", "Closebook UK", "GBP", 80, "full", "3800", "3950", "8900"],
      ["UK", "again", "GBP", 100, "full", "3800", null, null],
      ["DE", "Closebook DE", "EUR", 120, "full", "3800", null, null],
      ["FR", "Closebook FR", "EUR", 50, "halves", "3800", null, null],
    ],
    [ACCOUNT_MAPPING.name]: [
      ["UK", "1100..1199", "1100"],
      ["*", "1*0*", "1000"],
    ],
    [TRANSLATION_RULES.name]: [
      ["*", null, "expense", "weightedAverage", null],
      ["*", null, null, "average", null],
    ],
    [ELIMINATION_RULES.name]: [
      ["IC1", null, null, "netChange", null, "1300, 2300", null, null, null, null, null, "6990"],
      ["F1", null, null, "fixed", "UK", "3000", null, null, null, null, null, null],
    ],
  });
  const r = decodeGroupRules(raw);
  expect(r.isGroup).toBe(true);
  expect(r.entities.map((e) => [e.id, e.ownership.toString(), e.method])).toEqual([["UK", "80", "full"]]);
  expect(r.mapping.map((m) => m.accounts)).toEqual(["1100..1199"]);
  expect(r.translation).toEqual([
    { row: 1, entity: "*", accountType: "expense", method: "weightedAverage", rateType: "spot" },
  ]);
  expect(r.eliminations).toMatchObject([
    { id: "IC1", entity: "*", partnerDimension: "TradingPartner", partner: "*", differenceAccount: "6990" },
  ]);
  const where = r.issues.map((i) => [i.code, i.at?.table, i.at?.row, i.at?.column]);
  expect(where).toEqual(
    expect.arrayContaining([
      ["DUPLICATE_ENTITY", "tblEntities", 2, "Entity"],
      ["BAD_OWNERSHIP", "tblEntities", 3, "Ownership %"],
      ["BAD_CELL", "tblEntities", 4, "Method"],
      ["BAD_PATTERN", "tblAccountMapping", 2, "Entity accounts"],
      ["BAD_TRANSLATION_RULE", "tblTranslationRules", 2, "Accounts"],
      ["BAD_ELIMINATION_RULE", "tblEliminationRules", 2, "Fixed amount"],
    ]),
  );
});
