/**
 * The sheet scan as it was before the fast path (sheetTokens.ts): the generic event scan (xmlScan.ts's scanEvents, a
 * string per name, attribute and text) with the cell logic over it. Kept as the oracle the fast path is compared to
 * (sheetTokens.test.ts): both must give the same cells, column styles, protection and failures for any XML and any
 * chunking.
 */
import type { CellValue } from "../../../src/ports/workbook";
import { FORMULA_WITHOUT_RESULT } from "../../../src/adapters/xlsx/cellValues";
import { isoDateToSerial } from "../../../src/adapters/xlsx/foreignPackage";
import type { ColumnStyle, ScanRequest, SheetContext } from "../../../src/adapters/xlsx/sheetScan";
import { scanEvents } from "../../../src/adapters/xlsx/xmlScan";

const enum Tag {
  Other,
  Cell,
  Row,
  Protection,
  Col,
}

const enum Mode {
  None,
  Value,
  Text,
  Skip,
}

/** exceljs' utils.excelToDate, then fromExcel's rounding to the millisecond */
function serialToDate(v: number, date1904: boolean): Date {
  // the same order of operations as exceljs: floating point makes (x * 24 * 3600 * 1000) differ from x * 86,400,000
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** exceljs' utils.xmlDecode (applied once more to t="str" text) */
function xmlDecode(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&([a-z]*);/g,
    (c) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' })[c] ?? c,
  );
}

function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else if (c !== 36) break; // "$"
  }
  return n;
}

/**
 * A cell's text kept apart from the part's XML: the tokenizer's pieces are slices of the 256 KB chunk they were
 * read from, and V8 keeps a whole chunk alive for any slice of 13 characters or more (a million-line sheet's
 * rows would hold its 1 GB of XML). Repeated texts (accounts, currencies, run ids) share one copy; the table
 * forgets what it holds once full (a ledger's next rows repeat the texts of the last ones).
 */
class TextCopies {
  private readonly known = new Map<string, string>();
  of(s: string): string {
    if (s.length < 13) return s; // V8 copies short slices
    const hit = this.known.get(s);
    if (hit !== undefined) return hit;
    if (this.known.size >= 50_000) this.known.clear();
    const own = flat(s);
    this.known.set(own, own);
    return own;
  }
}

/** A copy of `s` that holds no larger string (a cons string flattened, then sliced off a string of s.length + 1). */
function flat(s: string): string {
  return (" " + s).slice(1);
}

/**
 * Dates by serial, one object per distinct value in a scan (a ledger's days repeat). Small tables are copied when
 * handed out; a large one (LazyTables.handOutRows) is handed out as read, its Dates shared: callers do not mutate cells.
 */
class DateCopies {
  private readonly known = new Map<number, Date>();
  of(serial: number, date1904: boolean): Date {
    let d = this.known.get(serial);
    if (d === undefined) {
      if (this.known.size >= 50_000) this.known.clear();
      d = serialToDate(serial, date1904);
      this.known.set(serial, d);
    }
    return d;
  }
}

export async function scanSheetGeneric(
  chunks: AsyncIterable<Buffer>,
  ctx: SheetContext,
  req: ScanRequest,
): Promise<void> {
  const { styles, date1904, sharedStrings } = ctx;
  const texts = new TextCopies();
  const dates = new DateCopies();
  const cols: ColumnStyle[] = [];
  let done = false;
  let stoppedEarly = false;
  let protectedSheet = false;
  let row = 0;
  let col = 0;
  let inRange = false;
  let mode = Mode.None;
  let cellType = "";
  let styleId = 0;
  let value: string | undefined;
  let formula = false;
  let rowInRange = false;

  const number = (text: string): CellValue => {
    const n = parseFloat(text);
    if (styleId > 0 && styles.isDate(styleId)) {
      const d = dates.of(n, date1904);
      return Number.isNaN(d.getTime()) ? { error: "#VALUE!" } : d;
    }
    return n === 0 ? 0 : n;
  };
  const decode = (): CellValue => {
    if (formula) {
      if (value === undefined) return { error: FORMULA_WITHOUT_RESULT };
      if (cellType === "str") return texts.of(xmlDecode(value));
      if (cellType === "b") return parseInt(value, 10) !== 0;
      if (cellType === "e") return { error: value };
      return number(value);
    }
    if (value === undefined) return null;
    switch (cellType) {
      case "s":
        return sharedStrings[parseInt(value, 10)] ?? null;
      case "str":
        return texts.of(xmlDecode(value));
      case "inlineStr":
        return texts.of(value);
      case "b":
        return parseInt(value, 10) !== 0;
      case "e":
        return { error: texts.of(value) };
      case "d": {
        const serial = isoDateToSerial(value, date1904);
        return serial === undefined ? number(value) : number(String(serial));
      }
      default:
        return number(value);
    }
  };

  // the element whose start tag is being read, and its attributes of interest
  let tag = Tag.Other;
  let ref: string | undefined;
  let typeAttr = "";
  let styleAttr = 0;
  let minAttr = 0;
  let maxAttr = 0;
  await scanEvents(
    chunks,
    {
      open(name) {
        if (done) return;
        switch (name) {
          case "c":
            tag = Tag.Cell;
            ref = undefined;
            typeAttr = "";
            styleAttr = 0;
            return;
          case "v":
            if (inRange) mode = Mode.Value;
            return;
          case "t":
            if (inRange && mode !== Mode.Skip) mode = Mode.Text;
            return;
          case "rPh":
            if (inRange) mode = Mode.Skip;
            return;
          case "f":
            if (inRange) {
              formula = true;
              req.onOddCell?.();
            }
            return;
          case "row":
            tag = Tag.Row;
            ref = undefined;
            return;
          case "sheetProtection":
            tag = Tag.Protection;
            protectedSheet = false;
            return;
          case "col":
            tag = Tag.Col;
            minAttr = maxAttr = styleAttr = 0;
            return;
          default:
            tag = Tag.Other;
            return;
        }
      },
      attribute(name, v) {
        switch (tag) {
          case Tag.Cell:
            if (name === "r") ref = v;
            else if (name === "t") typeAttr = v;
            else if (name === "s") styleAttr = parseInt(v, 10) || 0;
            return;
          case Tag.Row:
            if (name === "r") ref = v;
            return;
          case Tag.Protection:
            if (name === "sheet") protectedSheet = v === "1" || v === "true";
            return;
          case Tag.Col:
            if (name === "min") minAttr = parseInt(v, 10);
            else if (name === "max") maxAttr = parseInt(v, 10);
            else if (name === "style") styleAttr = parseInt(v, 10) || 0;
            return;
          default:
            return;
        }
      },
      openEnd(selfClosing) {
        if (done) return;
        switch (tag) {
          case Tag.Cell: {
            tag = Tag.Other;
            col = ref === undefined ? col + 1 : columnNumber(ref);
            inRange = rowInRange && col >= req.left && col <= req.right;
            if (!inRange) {
              if (rowInRange) req.onOddCell?.();
              return;
            }
            cellType = typeAttr;
            styleId = styleAttr;
            value = undefined;
            formula = false;
            if (selfClosing) {
              req.onCell(row, col, null, styleId);
              inRange = false;
            }
            return;
          }
          case Tag.Row:
            tag = Tag.Other;
            row = ref === undefined ? row + 1 : parseInt(ref, 10);
            col = 0;
            if (row > req.bottom) done = stoppedEarly = true;
            rowInRange = row >= req.top && row <= req.bottom;
            return;
          case Tag.Col:
            tag = Tag.Other;
            cols.push({ min: minAttr, max: maxAttr, style: styleAttr });
            return;
          default:
            tag = Tag.Other;
            return;
        }
      },
      text(t) {
        if (mode === Mode.Value || mode === Mode.Text) value = value === undefined ? t : value + t;
      },
      close(name) {
        switch (name) {
          case "v":
          case "t":
            if (mode !== Mode.Skip) mode = Mode.None;
            return;
          case "rPh":
            mode = Mode.None;
            return;
          case "c":
            if (inRange && !done) req.onCell(row, col, decode(), styleId);
            inRange = false;
            mode = Mode.None;
            return;
          case "cols":
            req.onCols?.(cols);
            return;
          case "sheetData":
            if (!req.onProtection) done = true;
            else rowInRange = false;
            return;
          default:
            return;
        }
      },
    },
    () => done,
  );
  if (!stoppedEarly) req.onProtection?.(protectedSheet);
}
