/**
 * Normalising an .xlsx package written by another tool before exceljs 4.4.0
 * reads it. Valid OPC/SpreadsheetML that exceljs misreads:
 * - Relationship targets as absolute part names (openpyxl: Target="/xl/tables/table1.xml")
 *   or with "./" and ".." steps: exceljs looks tables, comments and drawings up by
 *   the exact relative text ("../tables/table1.xml"), finds nothing and throws
 *   "Cannot read properties of undefined (reading 'name')" (exceljs#1468).
 *   Every internal target is rewritten relative to its source part's folder.
 * - xsd:boolean attributes written as "true"/"false" (LibreOffice:
 *   <sheetProtection sheet="true" sort="false"/>, <workbookPr date1904="false"/>):
 *   exceljs tests for "1"/"0" only, so a protected sheet read as unprotected and a
 *   1904 workbook's dates would be four years off. Rewritten to "1"/"0" in
 *   <sheetProtection>, <workbookPr> and <tableStyleInfo>.
 * - Cells typed t="d" holding an ISO 8601 date (SheetJS with cellDates, Strict
 *   files): exceljs reads "2026-01-02T00:00:00" as the number 2026. Rewritten
 *   to the date's serial number in the workbook's date system (its style stays,
 *   so a date-formatted cell still reads as a date).
 * - No xl/styles.xml (optional in the format; minimal writers omit it): exceljs
 *   throws reading cells; a minimal style sheet is added.
 * Parts are read with node:zlib (zipEntries.ts); worksheets are decoded only when a
 * byte check finds a trait. Only parts that change are rewritten (the others keep
 * their compressed bytes); a package that needs nothing is returned as the same Buffer.
 * Every part is inflated here once, within its size cap (partLimits.ts), so that
 * exceljs never inflates a part larger than the cap: a larger one throws PartTooLargeError.
 *
 * Example: in xl/worksheets/_rels/sheet1.xml.rels (source folder xl/worksheets/)
 *   Target="/xl/tables/table1.xml" → Target="../tables/table1.xml"
 *   in _rels/.rels (the package root) Target="/xl/workbook.xml" → Target="xl/workbook.xml"
 *   <c r="C2" s="4" t="d"><v>2026-01-02T00:00:00</v></c> → <c r="C2" s="4"><v>46024</v></c>
 */
import JSZip from "jszip";
import { checkDeclaredSize, PartTooLargeError } from "./partLimits";
import { zipEntries } from "./zipEntries";

interface Fixer {
  /** false when the raw part certainly needs no fix (a cheap byte check for large parts) */
  readonly mayChange?: (raw: Buffer) => boolean;
  readonly apply: (xml: string) => string;
}

/** The package with every foreign trait above rewritten; `data` itself when nothing needed it. */
export async function normalizePackage(data: Buffer): Promise<Buffer> {
  const parts = await readParts(data);
  const readWorkbook = parts.get("xl/workbook.xml");
  const workbookXml = readWorkbook ? (await readWorkbook()).toString("utf8") : "";
  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const fixes = new Map<string, string>();
  for (const [part, read] of parts) {
    const fix = fixerFor(part, date1904);
    if (!fix) {
      await read(); // inflated within its cap, so that a size the zip declares falsely is caught before exceljs reads it
      continue;
    }
    const raw = part === "xl/workbook.xml" ? undefined : await read();
    if (raw && fix.mayChange && !fix.mayChange(raw)) continue;
    const xml = raw ? raw.toString("utf8") : workbookXml;
    const fixed = fix.apply(xml);
    if (fixed !== xml) fixes.set(part, fixed);
  }
  const addStyles = readWorkbook !== undefined && !parts.has("xl/styles.xml");
  if (fixes.size === 0 && !addStyles) return data;
  const zip = await JSZip.loadAsync(data);
  for (const entry of Object.values(zip.files)) {
    const fixed = fixes.get(entry.name.replace(/^\/+/, ""));
    if (fixed !== undefined) zip.file(entry.name, fixed);
  }
  if (addStyles) zip.file("xl/styles.xml", MINIMAL_STYLES);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

/**
 * The patch save's check (patchSession.ts), cheaper than normalizePackage: true when no part outside
 * the worksheets needs a fix (worksheets are not inflated here: each one patched is checked
 * with worksheetMayNeedFix; the others are copied as the file holds them).
 */
export async function normalOutsideWorksheets(data: Buffer): Promise<boolean> {
  const parts = await readParts(data);
  const readWorkbook = parts.get("xl/workbook.xml");
  if (readWorkbook === undefined || !parts.has("xl/styles.xml")) return false;
  for (const [part, read] of parts) {
    const fix = fixerFor(part, false);
    if (!fix || fix.mayChange) continue;
    const xml = (await read()).toString("utf8");
    if (fix.apply(xml) !== xml) return false;
  }
  return true;
}

/** A worksheet part holds a trait normalizePackage rewrites (t="d" cells, a true/false protection flag). */
export function worksheetMayNeedFix(raw: Buffer): boolean {
  return sheetMayNeedFix(raw);
}

/** Every part's bytes by name: node:zlib when the zip is plain, JSZip otherwise (ZIP64 and the like). */
async function readParts(data: Buffer): Promise<Map<string, () => Promise<Buffer>>> {
  try {
    return new Map([...zipEntries(data)].map(([name, e]) => [name, async () => e.read()] as const));
  } catch (e) {
    if (e instanceof PartTooLargeError) throw e;
    const zip = await JSZip.loadAsync(data);
    const files = Object.values(zip.files).filter((f) => !f.dir);
    // JSZip keeps the declared size unexported; checked when present (a ZIP64 package, say)
    for (const f of files) {
      const declared = (f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
      if (typeof declared === "number") checkDeclaredSize(f.name.replace(/^\/+/, ""), declared);
    }
    return new Map(files.map((f) => [f.name.replace(/^\/+/, ""), () => f.async("nodebuffer")] as const));
  }
}

function fixerFor(part: string, date1904: boolean): Fixer | undefined {
  if (part.endsWith(".rels")) return { apply: (xml) => fixRelationships(part, xml) };
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(part))
    return {
      mayChange: sheetMayNeedFix,
      apply: (xml) => fixIsoDateCells(fixBooleans(xml, "sheetProtection"), date1904),
    };
  if (/^xl\/workbook\.xml$/i.test(part)) return { apply: (xml) => fixBooleans(xml, "workbookPr") };
  if (/^xl\/tables\/[^/]+\.xml$/i.test(part)) return { apply: (xml) => fixBooleans(xml, "tableStyleInfo") };
  return undefined;
}

/** A worksheet holds t="d" cells, or a sheetProtection tag with a true/false flag (without decoding the sheet). */
function sheetMayNeedFix(raw: Buffer): boolean {
  if (raw.includes('t="d"') || raw.includes("t='d'")) return true;
  const at = raw.indexOf("sheetProtection");
  if (at < 0) return false;
  const close = raw.indexOf(">", at);
  return /true|false/.test(raw.toString("latin1", at, close < 0 ? raw.length : close));
}

const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

/** The folder (ending in "/", or "") whose parts a .rels part's relative targets start from. */
export function relsBase(relsPart: string): string {
  const m = /^(.*?)_rels\/[^/]*\.rels$/.exec(relsPart);
  return m ? (m[1] ?? "") : "";
}

/** `target` (absolute, or relative to `base`) as the canonical relative reference from `base`. */
export function relativeTarget(base: string, target: string): string {
  const from = base.split("/").filter((s) => s !== "");
  const to: string[] = target.startsWith("/") ? [] : [...from];
  for (const seg of target.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") to.pop();
    else to.push(seg);
  }
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array<string>(from.length - common).fill(".."), ...to.slice(common)].join("/");
}

/** Rewrites every internal Relationship target of `relsPart` relative to its source folder. */
export function fixRelationships(relsPart: string, xml: string): string {
  const base = relsBase(relsPart);
  return xml.replace(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g, (tag) => {
    if (/\bTargetMode\s*=\s*["']External["']/.test(tag)) return tag;
    return tag.replace(/(\bTarget\s*=\s*)(["'])([^"']*)\2/, (all, attr: string, q: string, target: string) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return all; // a URI (mailto:, http:) without TargetMode
      const rel = relativeTarget(base, target);
      return rel === target ? all : `${attr}${q}${rel}${q}`;
    });
  });
}

/** "true"/"false" attribute values of `element` as "1"/"0". */
export function fixBooleans(xml: string, element: string): string {
  const tagPattern = new RegExp(`<(?:[\\w.-]+:)?${element}\\b[^>]*>`, "g");
  return xml.replace(tagPattern, (tag) =>
    tag.replace(
      /(\s[\w:.-]+\s*=\s*)(["'])(true|false)\2/g,
      (_, attr: string, q: string, v: string) => `${attr}${q}${v === "true" ? "1" : "0"}${q}`,
    ),
  );
}

const MS_PER_DAY = 86_400_000;
/** Serial 0: 1899-12-30 in the 1900 system (serials from 61 on), 1904-01-01 in the 1904 system. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z)?$/;

/** The serial number of an ISO 8601 date or date-time (read as UTC, as Excel has no zones); undefined when it is none. */
export function isoDateToSerial(iso: string, date1904: boolean): number | undefined {
  const m = ISO_DATE.exec(iso.trim());
  if (!m) return undefined;
  const n = (i: number): number => Number(m[i] ?? 0);
  const ms = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6)) + Math.round(Number(m[7] ?? 0) * 1000);
  return Number.isNaN(ms) ? undefined : (ms - (date1904 ? EPOCH_1904 : EPOCH_1900)) / MS_PER_DAY;
}

/** Cells typed t="d" (ISO 8601 text) as plain number cells holding the date's serial. */
export function fixIsoDateCells(xml: string, date1904: boolean): string {
  if (!/\bt\s*=\s*["']d["']/.test(xml)) return xml;
  // an opening <c ... t="d"> (not self-closing), then its own <v> (never past </c> or the next <c>)
  const cell = /<c\b([^>]*?)\s+t\s*=\s*["']d["']([^>]*?)(?<!\/)>((?:(?!<\/c>|<c\b)[\s\S])*?)<v>([^<]*)<\/v>/g;
  return xml.replace(cell, (all, before: string, after: string, inner: string, value: string) => {
    const serial = isoDateToSerial(value, date1904);
    return serial === undefined ? all : `<c${before}${after}>${inner}<v>${serial}</v>`;
  });
}
