/**
 * What the fast reader learns from an .xlsx package's small parts, without
 * touching a worksheet: the sheets in tab order (from the workbook part the
 * package's root relationship names), each worksheet's tables (its
 * relationships of type table, then the table parts: name, ref, columns,
 * totals row), the date system (workbookPr date1904, "1" or "true"), the cell
 * styles' number formats (styles.xml: custom numFmts, else the built-in code
 * exceljs knows for the id) and where the shared strings are. Relationship
 * targets may be relative ("../tables/table1.xml", "./x", "a/../b") or
 * absolute ("/xl/tables/table1.xml", openpyxl); both resolve to a part name.
 *
 * Example: resolveTarget("xl/worksheets/", "../tables/table1.xml") → "xl/tables/table1.xml"
 *          resolveTarget("xl/", "/xl/worksheets/sheet1.xml")       → "xl/worksheets/sheet1.xml"
 */
import type { Rect } from "./layout";
import { parseRange } from "./layout";
import { scanXml } from "./xmlScan";
import type { ZipPackage } from "./zipPackage";

export interface TableEntry {
  readonly name: string;
  readonly sheet: string;
  readonly sheetPart: string;
  /** the table part as the package spells it */
  readonly tablePart: string;
  readonly ref: string;
  readonly rect: Rect;
  readonly columns: readonly string[];
  readonly totalsRow: boolean;
}

export interface SheetEntry {
  readonly name: string;
  /** the worksheet part; undefined for chart sheets and the like */
  readonly part: string | undefined;
}

export interface PackageIndex {
  readonly sheets: readonly SheetEntry[];
  readonly tables: readonly TableEntry[];
  readonly date1904: boolean;
  readonly styles: StyleIndex;
  readonly sharedStringsPart: string | undefined;
}

const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** Cell styles (cellXfs) by index: whether the style exists and its number format code (as exceljs reports them). */
export class StyleIndex {
  private readonly dateCache = new Map<number, boolean>();
  constructor(
    private readonly formats: readonly (string | undefined)[],
    private readonly count: number,
  ) {}
  /** exceljs' rule: style 0 and a missing style have none; numFmtId 0 gives no format */
  exists(styleId: number): boolean {
    return styleId > 0 && styleId < this.count;
  }
  numFmt(styleId: number): string | undefined {
    return this.exists(styleId) ? this.formats[styleId] : undefined;
  }
  isDate(styleId: number): boolean {
    let d = this.dateCache.get(styleId);
    if (d === undefined) this.dateCache.set(styleId, (d = isDateFmt(this.numFmt(styleId))));
    return d;
  }
}

/** exceljs' date test (utils.isDateFmt): date characters outside quotes and brackets. */
export function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

export function resolveTarget(base: string, target: string): string {
  const out: string[] = target.startsWith("/") ? [] : base.split("/").filter((s) => s !== "");
  for (const seg of target.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

function folderOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i + 1);
}

function relsPartOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

const attr = (a: Readonly<Record<string, string>>, local: string): string | undefined => {
  if (a[local] !== undefined) return a[local];
  for (const k of Object.keys(a)) if (k.endsWith(`:${local}`) && !k.startsWith("xmlns")) return a[k];
  return undefined;
};

async function xmlOf(zip: ZipPackage, part: string | undefined): Promise<Buffer | undefined> {
  const name = part === undefined ? undefined : zip.find(part);
  return name === undefined ? undefined : zip.read(name);
}

async function* one(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

/** The relationships of `part` by id, targets resolved to part names (external ones left out). */
async function relationships(zip: ZipPackage, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  const xml = await xmlOf(zip, relsPartOf(part));
  if (!xml) return rels;
  const base = folderOf(part);
  await scanXml(one(xml), {
    open(name, a) {
      if (name !== "Relationship" || a.TargetMode === "External" || a.Id === undefined || a.Target === undefined)
        return;
      if (/^[a-z][a-z0-9+.-]*:/i.test(a.Target)) return;
      rels.set(a.Id, { type: a.Type ?? "", target: resolveTarget(base, a.Target) });
    },
  });
  return rels;
}

const isType = (type: string, what: string): boolean => type.endsWith(`/${what}`);

export async function readPackageIndex(zip: ZipPackage): Promise<PackageIndex> {
  const root = await relationships(zip, "");
  const workbookPart = [...root.values()].find((r) => isType(r.type, "officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookXml = await xmlOf(zip, workbookPart);
  if (!workbookXml) throw new Error(`the package has no workbook part (${workbookPart})`);
  const wbRels = await relationships(zip, workbookPart);
  const sheetRefs: { name: string; rid: string | undefined }[] = [];
  let date1904 = false;
  await scanXml(one(workbookXml), {
    open(name, a) {
      if (name === "sheet" && a.name !== undefined) sheetRefs.push({ name: a.name, rid: attr(a, "id") });
      else if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
    },
  });
  const sheets: SheetEntry[] = sheetRefs.map((s) => {
    const rel = s.rid === undefined ? undefined : wbRels.get(s.rid);
    return { name: s.name, part: rel && isType(rel.type, "worksheet") ? rel.target : undefined };
  });
  const tables: TableEntry[] = [];
  for (const s of sheets) {
    if (!s.part) continue;
    for (const rel of (await relationships(zip, s.part)).values()) {
      if (!isType(rel.type, "table")) continue;
      const xml = await xmlOf(zip, rel.target);
      if (xml)
        tables.push(await readTablePart(xml, s.name, zip.find(s.part) ?? s.part, zip.find(rel.target) ?? rel.target));
    }
  }
  const stylesPart = [...wbRels.values()].find((r) => isType(r.type, "styles"))?.target;
  const sharedStringsPart = [...wbRels.values()].find((r) => isType(r.type, "sharedStrings"))?.target;
  return {
    sheets,
    tables,
    date1904,
    styles: await readStyles(await xmlOf(zip, stylesPart)),
    sharedStringsPart: sharedStringsPart === undefined ? undefined : zip.find(sharedStringsPart),
  };
}

async function readTablePart(xml: Buffer, sheet: string, sheetPart: string, tablePart: string): Promise<TableEntry> {
  let name = "";
  let ref = "";
  let totalsRow = false;
  const columns: string[] = [];
  await scanXml(one(xml), {
    open(el, a) {
      if (el === "table") {
        name = a.name ?? a.displayName ?? "";
        ref = a.ref ?? "";
        totalsRow = a.totalsRowCount === "1";
      } else if (el === "tableColumn") columns.push(a.name ?? "");
    },
  });
  return { name, sheet, sheetPart, tablePart, ref, rect: parseRange(ref), columns, totalsRow };
}

async function readStyles(xml: Buffer | undefined): Promise<StyleIndex> {
  if (!xml) return new StyleIndex([], 0);
  const custom = new Map<number, string>();
  const formats: (string | undefined)[] = [];
  let inCellXfs = false;
  await scanXml(one(xml), {
    open(el, a, selfClosing) {
      // exceljs drops the escapes ("yyyy\\-mm\\-dd" → "yyyy-mm-dd")
      if (el === "numFmt" && a.numFmtId !== undefined)
        custom.set(Number(a.numFmtId), (a.formatCode ?? "").replace(/\\(.)/g, "$1"));
      else if (el === "cellXfs") inCellXfs = !selfClosing;
      else if (el === "xf" && inCellXfs) {
        const id = parseInt(a.numFmtId ?? "0", 10) || 0;
        formats.push(id ? custom.get(id) || BUILTIN_FORMATS[id] : undefined);
      }
    },
    close(el) {
      if (el === "cellXfs") inCellXfs = false;
    },
  });
  return new StyleIndex(formats, formats.length);
}
