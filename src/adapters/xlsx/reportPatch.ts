/**
 * New report sheets added to a package by the patch save (patchSession.ts),
 * without loading the workbook: each sheet is written by reportXml.ts as it is
 * made and deflated in pieces (never one string, never an exceljs model), and
 * the small parts are patched:
 *   styles: the reports' fonts, fills, borders and custom number formats appended
 *     to the file's styles.xml, their cell formats (cellXfs) after the file's
 *     (the sheets are written with those indices);
 *   text cells: inline strings; "" one shared string appended to the file's table;
 *   workbook.xml: a <sheet> per report (new sheetId, new relationship id), its
 *     print titles (definedName _xlnm.Print_Titles, localSheetId after the file's sheets);
 *   workbook.xml.rels and [Content_Types].xml: the new worksheet parts.
 * Undefined when the package is not laid out as expected (another prefix for the
 * relationships namespace, a report sheet whose name the file already uses, no
 * shared strings part for a "", text XML cannot hold): the caller saves
 * through exceljs instead.
 *
 * Example: a file with 26 sheets and 8 cell formats + report "TB" (bold title,
 *   one number format) → xl/worksheets/sheet27.xml, <sheet name="TB" sheetId="27"
 *   r:id="rIdCb1"/>, cellXfs 8 → 8 + the reports', the title cell s="9" (8 + its local 1). */
import type { ReportSheet } from "../../ports/workbook";
import { ReportStyles, Unwritable, needsEmptyString, writeReportSheet } from "./reportXml";
import type { ZipPackage } from "./zipPackage";
import type { ZipOutPieces } from "./zipWriter";
import { DeflatedPart } from "./zipWriter";

const WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const WORKSHEET_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export interface ReportParts {
  /** small parts replaced or added (workbook, relationships, content types, styles, shared strings) */
  readonly parts: Map<string, Buffer>;
  /** the new worksheet parts, deflated as they were written */
  readonly sheets: Map<string, ZipOutPieces>;
}

/** The parts to replace or add (by name) for `reports` as new sheets after the file's; undefined when it cannot be done so. */
export async function addReportParts(
  zip: ZipPackage,
  reports: readonly ReportSheet[],
  options: { readonly date1904: boolean; readonly when?: Date },
): Promise<ReportParts | undefined> {
  const names = { workbook: "xl/workbook.xml", rels: "xl/_rels/workbook.xml.rels", styles: "xl/styles.xml" };
  const types = "[Content_Types].xml";
  if (![names.workbook, names.rels, names.styles, types].every((n) => zip.has(n))) return undefined;
  let workbook = (await zip.read(names.workbook)).toString("utf8");
  let rels = (await zip.read(names.rels)).toString("utf8");
  const styles = (await zip.read(names.styles)).toString("utf8");
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

  const parts = new Map<string, Buffer>();
  const sheets = new Map<string, ZipOutPieces>();
  // "" is a shared string (an empty inline string reads as a blank cell): one appended when a report has one
  let emptyString: number | undefined;
  const sst = "xl/sharedStrings.xml";
  if (reports.some(needsEmptyString)) {
    if (!zip.has(sst) || !rels.includes('Target="sharedStrings.xml"')) return undefined;
    const appended = appendStrings(await zip.read(sst), "<si><t></t></si>");
    if (!appended) return undefined;
    parts.set(sst, appended.xml);
    emptyString = appended.base;
  }
  const xfBase = section(styles, "cellXfs")?.items.length;
  if (xfBase === undefined) return undefined;
  const target = { styles: new ReportStyles(xfBase), emptyString, date1904: options.date1904 };

  let nextId = Math.max(0, ...existing.map((e) => Number(e.id))) + 1;
  let nextPart =
    Math.max(0, ...zip.names().map((n) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(n)?.[1] ?? 0))) + 1;
  const newSheets: string[] = [];
  const defined: string[] = [];
  for (let k = 0; k < reports.length; k++) {
    const report = reports[k]!;
    const name = `sheet${nextPart++}.xml`;
    const part = new DeflatedPart();
    let titles: string;
    try {
      titles = writeReportSheet(report, target, (xml) => part.write(xml));
    } catch (e) {
      if (e instanceof Unwritable) return undefined;
      throw e;
    }
    part.end();
    sheets.set(`xl/worksheets/${name}`, part.entry(`xl/worksheets/${name}`, options.when));
    let rid = `rIdCb${k + 1}`;
    while (rels.includes(`Id="${rid}"`)) rid += "x";
    rels = rels.replace(
      "</Relationships>",
      `<Relationship Id="${rid}" Type="${WORKSHEET_TYPE}" Target="worksheets/${name}"/></Relationships>`,
    );
    contentTypes = contentTypes.replace(
      "</Types>",
      `<Override PartName="/xl/worksheets/${name}" ContentType="${WORKSHEET_CONTENT}"/></Types>`,
    );
    newSheets.push(`<sheet name="${escapeAttr(report.sheet)}" sheetId="${nextId++}" r:id="${rid}"/>`);
    // the sheet name quoted, an apostrophe in it doubled (Excel's rule)
    const quoted = `'${report.sheet.replace(/'/g, "''")}'`;
    defined.push(
      `<definedName name="_xlnm.Print_Titles" localSheetId="${sheetCount + k}">${escapeAttr(quoted)}!${titles}</definedName>`,
    );
  }
  const merged = mergeStyles(styles, target.styles.stylesXml());
  if (!merged || merged.xfBase !== xfBase) return undefined;
  if (!workbook.includes("</sheets>")) return undefined;
  workbook = workbook.replace("</sheets>", `${newSheets.join("")}</sheets>`);
  if (defined.length > 0) {
    workbook = workbook.includes("</definedNames>")
      ? workbook.replace("</definedNames>", `${defined.join("")}</definedNames>`)
      : workbook.replace("</sheets>", `</sheets><definedNames>${defined.join("")}</definedNames>`);
  }
  parts.set(names.workbook, Buffer.from(workbook, "utf8"));
  parts.set(names.rels, Buffer.from(rels, "utf8"));
  parts.set(names.styles, Buffer.from(merged.styles, "utf8"));
  parts.set(types, Buffer.from(contentTypes, "utf8"));
  return { parts, sheets };
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

/** The file's styles with the reports' (ReportStyles.stylesXml) appended; xfBase: the file's index of their cell format 0. */
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
  // number formats: the reports' custom ids (164 and up) moved past the file's
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

/** The file's shared strings with `add`'s items after them; base: the index of the first one added. */
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

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

function unescapeAttr(s: string): string {
  return s.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[e]!,
  );
}
