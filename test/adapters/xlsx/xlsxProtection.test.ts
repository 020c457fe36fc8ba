/**
 * XlsxWorkbook protection with files from elsewhere (the shared contract
 * already covers save + reopen of Closebook's own files): a sheet protected by
 * another tool (exceljs ws.protect) loads protected and opens with its
 * password; sheets without tables keep their protection on the exceljs sheet
 * and refuse being taken over while protected; unprotecting drops the
 * protection from the saved file; saving again keeps the same hash.
 *
 * Example: exceljs ws.protect("pw", { spinCount: 1000 }) on sheet "Ledger" →
 *   (await XlsxWorkbook.open(f)).isProtected("Ledger") is true, unprotect("Ledger", "pw") works.
 */
import * as ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { HashedLock, hashPassword, protectionModel } from "../../../src/adapters/xlsx/sheetProtection";
import { XlsxWorkbook } from "../../../src/adapters/xlsx/xlsxWorkbook";

let dir = "";
let files = 0;
const file = (): string => path.join(dir, `protected-${++files}.xlsx`);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "closebook-protect-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

type Protectable = ExcelJS.Worksheet & {
  sheetProtection: { sheet?: boolean; hashValue?: string; saltValue?: string } | null;
};

/** An exceljs workbook with table tblLedger on "Ledger" (protected with `password`) and a plain sheet "Notes". */
async function foreignFile(password: string, protectNotes: boolean): Promise<string> {
  const x = new ExcelJS.Workbook();
  const ws = x.addWorksheet("Ledger");
  ws.addTable({
    name: "tblLedger",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Entry no" }, { name: "Amount" }],
    rows: [[1, 10]],
  });
  await ws.protect(password, { spinCount: 1000, sort: true });
  const notes = x.addWorksheet("Notes");
  if (protectNotes) await notes.protect(password, { spinCount: 1000 });
  const f = file();
  await x.xlsx.writeFile(f);
  return f;
}

async function protectionOf(f: string, sheet: string): Promise<Protectable["sheetProtection"] | undefined> {
  const x = new ExcelJS.Workbook();
  await x.xlsx.readFile(f);
  return (x.getWorksheet(sheet) as Protectable | undefined)?.sheetProtection;
}

describe("XlsxWorkbook protection with files from elsewhere", () => {
  test("a sheet protected by another tool loads protected and unprotects with its password only", async () => {
    const wb = await XlsxWorkbook.open(await foreignFile("pa55", false));
    expect(await wb.isProtected("Ledger")).toBe(true);
    expect(await wb.isProtected("Notes")).toBe(false);
    await expect(wb.appendRows("tblLedger", [[2, 20]])).rejects.toThrow(/^AccessDenied:/);
    await expect(wb.unprotect("Ledger", "PA55")).rejects.toThrow(/password/);
    await wb.unprotect("Ledger", "pa55");
    await wb.appendRows("tblLedger", [[2, 20]]);
    const f = file();
    await wb.save(f);
    expect((await protectionOf(f, "Ledger"))?.sheet).toBeFalsy();
    expect(await (await XlsxWorkbook.open(f)).isProtected("Ledger")).toBe(false);
  });

  test("a loaded protected sheet never unprotected is saved with the hash from its file", async () => {
    const src = await foreignFile("pa55", false);
    const before = await protectionOf(src, "Ledger");
    const f = file();
    await (await XlsxWorkbook.open(src)).save(f);
    const after = await protectionOf(f, "Ledger");
    expect(after).toMatchObject({ sheet: true, hashValue: before?.hashValue, saltValue: before?.saltValue });
  });

  test("a protected sheet without tables: state from the file, AccessDenied on createTable / writeReport, protect and unprotect", async () => {
    const wb = await XlsxWorkbook.open(await foreignFile("pa55", true));
    expect(await wb.isProtected("notes")).toBe(true);
    await expect(
      wb.createTable({ name: "tblNotes", sheet: "Notes", headers: ["Note"], numberFormats: ["@"] }, []),
    ).rejects.toThrow(/^AccessDenied:/);
    await expect(wb.writeReport({ sheet: "Notes", title: "T", rows: [] })).rejects.toThrow(/^AccessDenied:/);
    expect(await wb.listTables()).toHaveLength(1);
    await expect(wb.protect("Notes", "x")).rejects.toThrow(/already protected/);
    await expect(wb.unprotect("Notes", "x")).rejects.toThrow(/password/);
    await wb.unprotect("Notes", "pa55");
    await expect(wb.unprotect("Notes", "pa55")).rejects.toThrow(/not protected/);
    await wb.protect("Notes", "n3w");
    const f = file();
    await wb.save(f);
    const again = await XlsxWorkbook.open(f);
    await expect(again.unprotect("Notes", "pa55")).rejects.toThrow(/password/);
    await again.unprotect("Notes", "n3w");
    await again.writeReport({ sheet: "Notes", title: "T", rows: [[1]] });
    expect(await again.isProtected("Notes")).toBe(false);
  });

  test("the hash is computed once at protect time: saving twice, or re-protecting with the same password, keeps the same hash", async () => {
    const wb = XlsxWorkbook.create();
    await wb.createTable({ name: "tblT", sheet: "T", headers: ["A"], numberFormats: ["@"] }, [["x"]]);
    await wb.protect("T", "pw");
    const [f1, f2] = [file(), file()];
    await wb.save(f1);
    await wb.save(f2);
    const [p1, p2] = [await protectionOf(f1, "T"), await protectionOf(f2, "T")];
    expect(p1?.hashValue).toBeTruthy();
    expect(p2?.hashValue).toBe(p1?.hashValue);
    // unprotect → protect with the same password reuses the hash (no re-hashing); a new password hashes anew
    await wb.unprotect("T", "pw");
    await wb.protect("T", "pw");
    const f3 = file();
    await wb.save(f3);
    expect((await protectionOf(f3, "T"))?.hashValue).toBe(p1?.hashValue);
    await wb.unprotect("T", "pw");
    await wb.protect("T", "other");
    const f4 = file();
    await wb.save(f4);
    expect((await protectionOf(f4, "T"))?.hashValue).not.toBe(p1?.hashValue);
    const again = await XlsxWorkbook.open(f4);
    await expect(again.unprotect("T", "pw")).rejects.toThrow(/password/);
    await again.unprotect("T", "other");
  });

  test("HashedLock: no hash means no password; unknown algorithms are reported", () => {
    expect(new HashedLock(protectionModel("")).verify("")).toBe(true);
    expect(new HashedLock(protectionModel("")).verify("x")).toBe(false);
    const sha1 = {
      sheet: true,
      algorithmName: "SHA-1",
      saltValue: "c2FsdA==",
      spinCount: 3,
      hashValue: hashPassword("pw", "SHA-1", "c2FsdA==", 3),
    };
    expect(new HashedLock(sha1).verify("pw")).toBe(true);
    expect(() => new HashedLock({ ...sha1, algorithmName: "RIPEMD-128" }).verify("pw")).toThrow(/RIPEMD-128/);
  });
});
