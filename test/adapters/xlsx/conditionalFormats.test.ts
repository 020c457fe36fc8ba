/**
 * The Close checklist sheet's conditional formats in the .xlsx file (issue #13), read OUTSIDE the
 * adapter: with exceljs directly (conditionalFormatsReader.ts) and, when LibreOffice is installed,
 * after LibreOffice opened and saved the file. Ranges are worked out by hand from the declaration:
 * tblCloseTasks at A1, columns Period A … Due G … Status L … Reason S, so with n data rows every rule
 * covers row 2 to row n + 1 of its column, and [@Due] / [@Status] / [@Reason] read $G2 / $L2 / $S2.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { followRef } from "../../../src/adapters/xlsx/conditionalFormats";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";
import { shapeOf } from "../../../src/app/setupWorkbook";
import type { AppliedRule } from "../../../src/ports/conditionalFormats";
import type { CellValue } from "../../../src/ports/workbook";
import { CLOSE_TASKS } from "../../../src/schema/checklistTables";
import { rulesInXlsx } from "./conditionalFormatsReader";

let dir = "";
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-cf-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const d = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/** A tblCloseTasks row (20 columns) with its task id and status. */
function task(id: string, status: string, reason = ""): CellValue[] {
  const row: CellValue[] = new Array<CellValue>(20).fill(null);
  row[0] = "2026-01";
  row[1] = id;
  row[6] = d("2026-02-04");
  row[11] = status;
  row[18] = reason || null;
  return row;
}

/** The checklist's rules with `n` data rows, by hand (see the top comment). */
function checklistRules(n: number): AppliedRule[] {
  const last = n + 1;
  const status = `L2:L${last}`;
  return [
    { range: status, formula: 'AND($L2="In progress",LEN($S2)>0)', fill: "#F8CBAD", font: "#833C0B" },
    { range: status, equals: "Reviewed", fill: "#C6EFCE", font: "#006100" },
    { range: status, equals: "Prepared", fill: "#DDEBF7", font: "#1F4E78" },
    { range: status, equals: "In progress", fill: "#FFEB9C", font: "#9C5700" },
    { range: status, equals: "N/A", fill: "#D9D9D9", font: "#595959" },
    {
      range: `G2:G${last}`,
      formula: 'AND(ISNUMBER($G2),$G2<TODAY(),$L2<>"Reviewed",$L2<>"N/A")',
      fill: "#FFC7CE",
      font: "#9C0006",
    },
  ];
}

async function checklistFile(rows: CellValue[][]): Promise<string> {
  const wb = XlsxWorkbook.create();
  await wb.createTable(shapeOf(CLOSE_TASKS, []), rows);
  const f = path.join(dir, `checklist-${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.save(f);
  return f;
}

test("the Close checklist sheet carries its status and past-due rules over the table's data rows", async () => {
  const f = await checklistFile([
    task("T01", "Reviewed"),
    task("T02", "In progress", "bank fee missing"),
    task("T03", "N/A"),
  ]);
  expect(await rulesInXlsx(await fs.readFile(f), "Close checklist")).toEqual(checklistRules(3));
});

describe.each([
  ["patched in place (lazy open)", false],
  ["rebuilt after a whole load (eager open)", true],
])("a save after appending rows, %s", (_, eager) => {
  test("extends the table's rules to the new rows and leaves a rule the user put on a few cells alone", async () => {
    const f = await checklistFile([task("T01", "Reviewed"), task("T02", "Prepared")]);
    // the user adds a rule of their own on B3 (inside the table, not a whole column) in "Excel"
    const user = new ExcelJS.Workbook();
    await user.xlsx.readFile(f);
    user.getWorksheet("Close checklist")!.addConditionalFormatting({
      ref: "B3:B3",
      rules: [{ type: "expression", formulae: ["TRUE"], priority: 99, style: { font: { bold: true } } }],
    });
    await user.xlsx.writeFile(f);

    const wb = await XlsxWorkbook.open(f, { eager });
    await wb.appendRows("tblCloseTasks", [task("T03", "Not started"), task("T04", "In progress")]);
    await wb.save(f);
    const got = await rulesInXlsx(await fs.readFile(f), "Close checklist");
    // 2 + 2 data rows → rows 2..5; the user's rule keeps B3:B3 (and its lowest priority, 99)
    expect(got.filter((r) => r.range !== "B3:B3")).toEqual(checklistRules(4));
    expect(got.filter((r) => r.range === "B3:B3")).toEqual([{ range: "B3:B3", formula: "TRUE", fill: "?" }]);
    expect((await (await XlsxWorkbook.open(f)).readTable("tblCloseTasks"))?.rows.map((r) => r[1])).toEqual([
      "T01",
      "T02",
      "T03",
      "T04",
    ]);
  });
});

const soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => existsSync(p));

(soffice ? test : test.skip)(
  "LibreOffice opens the file and saves it again with the rules and their ranges",
  async () => {
    const f = await checklistFile([task("T01", "Reviewed"), task("T02", "Prepared"), task("T03", "N/A")]);
    const out = path.join(dir, "lo");
    await fs.mkdir(out, { recursive: true });
    const profile = path.join(dir, "lo-profile");
    execFileSync(
      soffice!,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "xlsx", "--outdir", out, f],
      { stdio: "ignore", timeout: 90_000 },
    );
    const resaved = await fs.readFile(path.join(out, path.basename(f)));
    const got = await rulesInXlsx(resaved, "Close checklist");
    // LibreOffice may write the rules in another order or group; each rule, range and colour survives
    const key = (r: AppliedRule) => `${r.range}|${r.equals ?? ""}|${r.formula ?? ""}|${r.fill}`;
    expect(got.map(key).sort()).toEqual(checklistRules(3).map(key).sort());
  },
  120_000,
);

test("followRef moves only ranges that covered exactly a table's data rows, piece by piece", () => {
  // table A1:T21 in the file (header row 1, data rows 2..21), now 23 data rows → last data row 24
  const move = { before: { top: 1, left: 1, bottom: 21, right: 20 }, bottom: 24 };
  expect(followRef("L2:L21 N2:P21", [move])).toBe("L2:L24 N2:P24");
  expect(followRef("L1:L21", [move])).toBe("L1:L21"); // includes the header: not a data-body rule
  expect(followRef("L2:L20", [move])).toBe("L2:L20"); // a few rows only
  expect(followRef("U2:U21", [move])).toBe("U2:U21"); // beside the table
  expect(followRef("L2:L21", [{ ...move, bottom: 2 }])).toBe("L2:L2"); // emptied: the one blank row
});
