/**
 * New report sheets added to a package by the patch save (patchSession.ts),
 * without loading the workbook: the sheets are laid out by writeSheets.ts'
 * addReportSheet in a scratch exceljs workbook, and its parts are merged in:
 *   styles: the scratch fonts, fills, borders and custom number formats appended
 *     to the file's styles.xml, its cell formats (cellXfs) appended with their
 *     ids moved, every s="k" / style="k" in the new sheets moved to match;
 *   text cells: the scratch's shared strings appended to the file's table (as
 *     exceljs would write them: "" stays ""), their indices moved;
 *   workbook.xml: a <sheet> per report (new sheetId, new relationship id), the
 *     scratch print titles (definedName with its localSheetId moved);
 *   workbook.xml.rels and [Content_Types].xml: the new worksheet parts.
 * Undefined when the package is not laid out as expected (another prefix for the
 * relationships namespace, a report sheet whose name the file already uses, a
 * part the scratch sheet refers to, text XML cannot hold): the caller saves
 * through exceljs instead.
 *
 * Example: a file with 26 sheets and 8 cell formats + report "TB" (bold title,
 *   one number format) → xl/worksheets/sheet27.xml, <sheet name="TB" sheetId="27"
 *   r:id="rIdCb1"/>, cellXfs 8 → 8 + the scratch's, the title cell s="8 + its style".
 */
import type * as ExcelJS from "exceljs";
import type { ReportSheet } from "../../ports/workbook";
import { addReportSheet } from "./writeSheets";
import { ZipPackage } from "./zipPackage";

const WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function exceljs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("exceljs") as typeof ExcelJS;
}

/** The parts to replace or add (by name) for `reports` as new sheets after the file's; undefined when it cannot be done so. */
export async function addReportParts(
  zip: ZipPackage,
  reports: readonly ReportSheet[],
): Promise<Map<string, Buffer> | undefined> {
  const names = { workbook: "xl/workbook.xml", rels: "xl/_rels/workbook.xml.rels", styles: "xl/styles.xml" };
  const types = "[Content_Types].xml";
  if (![names.workbook, names.rels, names.styles, types].every((n) => zip.has(n))) return undefined;
  let workbook = (await zip.read(names.workbook)).toString("utf8");
  let rels = (await zip.read(names.rels)).toString("utf8");
  let styles = (await zip.read(names.styles)).toString("utf8");
  let contentTypes = (await zip.read(types)).toString("utf8");
  if (!workbook.includes(`xmlns:r="${REL_NS}"`) || /<(functionGroups|externalReferences)\b/.test(workbook))
    return undefined;

  const existing = (workbook.match(/<sheet\b[^>]*>/g) ?? []).map((tag) => ({
    name: /\bname="([^"]*)"/.exec(tag)?.[1],
    id: /\bsheetId="(\d+)"/.exec(tag)?.[1],
  }));
  const sheetCount = existing.length;
  if (existing.some((e) => e.name === undefined || e.id === undefined)) return undefined;
  const taken = new Set(existing.map((e) => unescapeAttr(e.name!).toLowerCase()));
  if (reports.some((r) => taken.has(r.sheet.toLowerCase()))) return undefined;

  const out = new Map<string, Buffer>();
  // the scratch package
  const scratch = new (exceljs().Workbook)();
  for (const r of reports) addReportSheet(scratch, r);
  // stored, not deflated: the scratch package is read once, here
  const written = await scratch.xlsx.writeBuffer({ zip: { compression: "STORE" } });
  const sz = await ZipPackage.fromBuffer(Buffer.from(written));
  const sst = "xl/sharedStrings.xml";
  let stringBase = 0;
  if (sz.has(sst)) {
    if (!zip.has(sst) || !rels.includes('Target="sharedStrings.xml"')) return undefined;
    const appended = appendStrings(await zip.read(sst), (await sz.read(sst)).toString("utf8"));
    if (!appended) return undefined;
    out.set(sst, appended.xml);
    stringBase = appended.base;
  }
  const merged = mergeStyles(styles, (await sz.read("xl/styles.xml")).toString("utf8"));
  if (!merged) return undefined;
  styles = merged.styles;

  let nextId = Math.max(0, ...existing.map((e) => Number(e.id))) + 1;
  let nextPart =
    Math.max(0, ...zip.names().map((n) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(n)?.[1] ?? 0))) + 1;
  const scratchBook = (await sz.read("xl/workbook.xml")).toString("utf8");
  const newSheets: string[] = [];
  const defined: string[] = [];
  for (let k = 0; k < reports.length; k++) {
    const part = `sheet${k + 1}.xml`;
    if (!sz.has(`xl/worksheets/${part}`) || sz.has(`xl/worksheets/_rels/${part}.rels`)) return undefined;
    const sheet = moveStyles((await sz.read(`xl/worksheets/${part}`)).toString("utf8"), merged.xfBase, stringBase);
    const name = `sheet${nextPart++}.xml`;
    let rid = `rIdCb${k + 1}`;
    while (rels.includes(`Id="${rid}"`)) rid += "x";
    out.set(`xl/worksheets/${name}`, Buffer.from(sheet, "utf8"));
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="${rid}" Type="${WORKSHEET_TYPE}" Target="worksheets/${name}"/></Relationships>`,
    );
    contentTypes = contentTypes.replace(
      "</Types>",
      `<Override PartName="/xl/worksheets/${name}" ContentType="${WORKSHEET_CONTENT}"/></Types>`,
    );
    newSheets.push(`<sheet name="${escapeAttr(reports[k]!.sheet)}" sheetId="${nextId++}" r:id="${rid}"/>`);
  }
  for (const m of scratchBook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
    const local = /\blocalSheetId="(\d+)"/.exec(m[1]!);
    if (!local) return undefined;
    const attrs = m[1]!.replace(/\blocalSheetId="\d+"/, `localSheetId="${sheetCount + Number(local[1])}"`);
    defined.push(`<definedName${attrs}>${m[2]}</definedName>`);
  }
  if (!workbook.includes("</sheets>")) return undefined;
  workbook = workbook.replace("</sheets>", `${newSheets.join("")}</sheets>`);
  if (defined.length > 0) {
    workbook = workbook.includes("</definedNames>")
      ? workbook.replace("</definedNames>", `${defined.join("")}</definedNames>`)
      : workbook.replace("</sheets>", `</sheets><definedNames>${defined.join("")}</definedNames>`);
  }
  out.set(names.workbook, Buffer.from(workbook, "utf8"));
  out.set(names.rels, Buffer.from(rels, "utf8"));
  out.set(names.styles, Buffer.from(styles, "utf8"));
  out.set(types, Buffer.from(contentTypes, "utf8"));
  return out;
}

interface Section {
  readonly open: string;
  readonly items: string[];
}

const ITEM: Record<string, RegExp> = {
  numFmts: /<numFmt\b[^>]*\/>/g,
  fonts: /<font\b[^>]*\/>|<font\b[^>]*>[\s\S]*?<\/font>/g,
  fills: /<fill\b[^>]*\/>|<fill\b[^>]*>[\s\S]*?<\/fill>/g,
  borders: /<border\b[^>]*\/>|<border\b[^>]*>[\s\S]*?<\/border>/g,
  cellXfs: /<xf\b[^>]*\/>|<xf\b[^>]*>[\s\S]*?<\/xf>/g,
};

function section(xml: string, tag: string): (Section & { whole: string }) | undefined {
  const m = new RegExp(`<${tag}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${tag}>)`).exec(xml);
  if (!m) return undefined;
  const open = /^<[^>]*?(?=\/?>)/.exec(m[0])![0];
  return { whole: m[0], open, items: (m[1] ?? "").match(ITEM[tag]!) ?? [] };
}

function render(s: Section, tag: string): string {
  const open = /\bcount="\d+"/.test(s.open)
    ? s.open.replace(/\bcount="\d+"/, `count="${s.items.length}"`)
    : `${s.open} count="${s.items.length}"`;
  return `${open}>${s.items.join("")}</${tag}>`;
}

/** The file's styles with the scratch's appended; xfBase: the file's index of the scratch's cell format 0. */
function mergeStyles(main: string, add: string): { styles: string; xfBase: number } | undefined {
  let out = main;
  const base: Record<string, number> = {};
  for (const tag of ["fonts", "fills", "borders", "cellXfs"]) {
    const m = section(out, tag);
    const a = section(add, tag);
    if (!m || !a) return undefined;
    base[tag] = m.items.length;
    if (tag !== "cellXfs") out = out.replace(m.whole, render({ open: m.open, items: [...m.items, ...a.items] }, tag));
  }
  // number formats: the scratch's custom ids (164 and up) moved past the file's
  const numFmtIds = new Map<number, number>();
  const mainFmts = section(out, "numFmts");
  const addFmts = section(add, "numFmts");
  if (addFmts && addFmts.items.length > 0) {
    const ids = (mainFmts?.items ?? []).map((i) => Number(/numFmtId="(\d+)"/.exec(i)?.[1] ?? 0));
    let next = Math.max(163, ...ids) + 1;
    const items = [...(mainFmts?.items ?? [])];
    for (const item of addFmts.items) {
      const id = Number(/numFmtId="(\d+)"/.exec(item)?.[1] ?? 0);
      numFmtIds.set(id, next);
      items.push(item.replace(/numFmtId="\d+"/, `numFmtId="${next++}"`));
    }
    const rendered = render({ open: mainFmts?.open ?? "<numFmts", items }, "numFmts");
    if (mainFmts) out = out.replace(mainFmts.whole, rendered);
    else {
      const root = /<styleSheet\b[^>]*>/.exec(out);
      if (!root) return undefined;
      out = out.replace(root[0], root[0] + rendered);
    }
  }
  const xfs = section(out, "cellXfs")!;
  const moved = section(add, "cellXfs")!.items.map((xf) =>
    xf.replace(/^<xf\b[^>]*/, (tag) =>
      tag
        .replace(/\bnumFmtId="(\d+)"/, (_, id: string) => `numFmtId="${numFmtIds.get(Number(id)) ?? id}"`)
        .replace(/\bfontId="(\d+)"/, (_, id: string) => `fontId="${Number(id) + base.fonts!}"`)
        .replace(/\bfillId="(\d+)"/, (_, id: string) => `fillId="${Number(id) + base.fills!}"`)
        .replace(/\bborderId="(\d+)"/, (_, id: string) => `borderId="${Number(id) + base.borders!}"`),
    ),
  );
  out = out.replace(xfs.whole, render({ open: xfs.open, items: [...xfs.items, ...moved] }, "cellXfs"));
  return { styles: out, xfBase: base.cellXfs! };
}

/** The file's shared strings with the scratch's items after them; base: the index of the first one added. */
function appendStrings(main: Buffer, add: string): { xml: Buffer; base: number } | undefined {
  const end = main.lastIndexOf("</sst>");
  const open = main.indexOf("<sst");
  const openEnd = open < 0 ? -1 : main.indexOf(">", open);
  if (end < 0 || openEnd < 0 || main[openEnd - 1] === 0x2f) return undefined;
  let base = 0;
  for (let at = main.indexOf("<si", openEnd); at >= 0 && at < end; at = main.indexOf("<si", at + 3)) {
    const next = main[at + 3];
    if (next === 0x3e || next === 0x2f || next === 0x20) base++; // <si>, <si/>, <si …>
  }
  const items = add.match(/<si\b[^>]*\/>|<si\b[^>]*>[\s\S]*?<\/si>/g) ?? [];
  const head = main
    .subarray(0, openEnd + 1)
    .toString("utf8")
    .replace(/\buniqueCount="\d+"/, `uniqueCount="${base + items.length}"`)
    .replace(/\bcount="(\d+)"/, (_, c: string) => `count="${Number(c) + items.length}"`);
  return {
    xml: Buffer.concat([
      Buffer.from(head, "utf8"),
      main.subarray(openEnd + 1, end),
      Buffer.from(items.join("") + "</sst>", "utf8"),
    ]),
    base,
  };
}

/** A scratch sheet's style ids moved by `xfBase`, its shared string indices by `stringBase`. */
function moveStyles(sheet: string, xfBase: number, stringBase: number): string {
  return sheet
    .replace(/(<(?:c|row)\b[^>]*?\bs=")(\d+)"/g, (_, head: string, s: string) => `${head}${Number(s) + xfBase}"`)
    .replace(/(<col\b[^>]*?\bstyle=")(\d+)"/g, (_, head: string, s: string) => `${head}${Number(s) + xfBase}"`)
    .replace(
      /(<c\b[^>]*? t="s"[^>]*><v>)(\d+)(<\/v>)/g,
      (_, a: string, i: string, b: string) => `${a}${Number(i) + stringBase}${b}`,
    );
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

function unescapeAttr(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!,
  );
}
