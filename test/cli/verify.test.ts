/**
 * `closebook verify` on the demo workbook: passes untouched, and catches a
 * one-cent edit made by another tool (raw XML edited inside the .xlsx zip with
 * JSZip, not through exceljs or our adapter), naming the entry and the column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { cli } from "../support/cli";
import { demoXlsx } from "../support/demoFixture";

let dir: string;
let demo: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "closebook-verify-"));
  demo = join(dir, "demo.xlsx");
  expect(await demoXlsx("full", demo)).toMatchObject({ code: 0 });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The XML path of a sheet by its name, and the sheet's cells as a map "J2" → raw <c> element. */
async function sheetXml(zip: JSZip, name: string): Promise<string> {
  const wbXml = await zip.file("xl/workbook.xml")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(wbXml)?.[1];
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const target =
    new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no sheet ${name}`);
  return `xl/${target.replace(/^\/?xl\//, "")}`;
}

async function editCell(
  file: string,
  out: string,
  sheet: string,
  ref: string,
  edit: (v: string) => string,
): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const path = await sheetXml(zip, sheet);
  const xml = await zip.file(path)!.async("string");
  const re = new RegExp(`(<c r="${ref}"[^>]*>(?:<f>[^<]*</f>)?<v>)([^<]*)(</v>)`);
  const m = re.exec(xml);
  if (!m) throw new Error(`cell ${ref} not found in ${path}`);
  zip.file(path, xml.replace(re, `$1${edit(m[2]!)}$3`));
  writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return m[2]!;
}

test("an untouched demo workbook verifies", async () => {
  const r = await cli("verify", demo);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/12 sealed periods \(\d+ ledger rows\)/);
});

test("a one-cent edit to a sealed row is caught, by entry number and column", async () => {
  // Ledger columns: A Entry no, B Voucher, C Date, D Period, E Account, F Department, G CostCenter,
  // H Currency, I Amount, J Amount (accounting). Row 2 holds entry 1 (January, sealed).
  const edited = join(dir, "edited.xlsx");
  const before = await editCell(demo, edited, "Ledger", "J2", (v) =>
    String(Math.round((Number(v) + 0.01) * 100) / 100),
  );
  expect(Number(before)).not.toBeNaN();
  const r = await cli("verify", edited);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    "tblLedger row 1, Amount (accounting): Entry 1 in sealed period 2026-01 was changed (Amount (accounting)).",
  );
  expect(r.stderr).toContain("verification FAILED");
});

test("an edit in an open period is not a seal break (check finds the unbalanced voucher); an edit of the audit log is", async () => {
  // the ledger's last row is a line of FY2027's opening voucher (the year-end close): not in a sealed period
  const open = join(dir, "open.xlsx");
  const zip = await JSZip.loadAsync(readFileSync(demo));
  const rows = [...(await zip.file(await sheetXml(zip, "Ledger"))!.async("string")).matchAll(/<row r="(\d+)"/g)].map(
    (m) => Number(m[1]),
  );
  await editCell(demo, open, "Ledger", `J${Math.max(...rows)}`, (v) =>
    String(Math.round((Number(v) + 0.01) * 100) / 100),
  );
  expect((await cli("verify", open)).code).toBe(0);
  const check = await cli("check", open);
  expect(check.code).toBe(1);
  expect(check.stderr).toContain("does not balance");
  const edited = join(dir, "audit.xlsx");
  // Audit column A is Seq: renumber row 3
  await editCell(demo, edited, "Audit", "A3", () => "7");
  const r = await cli("verify", edited);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/tblAudit row 2, (Seq|Hash)/);
  const a = await cli("audit", edited);
  expect(a.code).toBe(1);
  expect(a.stderr).toContain("BROKEN");
});
