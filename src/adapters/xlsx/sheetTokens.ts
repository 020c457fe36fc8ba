/**
 * The sheet scan's hot path: htmlparser2's Tokenizer callbacks written for a worksheet (the generic ones,
 * xmlScan.ts, make a string of every name, attribute and text). Element and attribute names are compared by
 * their characters where they lie in the chunk; only the attributes a scan uses (a cell's r, t, s; a row's r;
 * <col>'s min, max, style; <sheetProtection sheet>) and the text of <v> and <t> in a cell of the requested
 * rectangle are read, and a number or an index straight from the chunk (sheetCells.ts). Open elements are kept
 * as a hash of their name (a close tag that does not match fails the scan). Whatever is unusual — an entity,
 * a line end, a value split across chunks — takes the string path, with the generic path's rules (entities
 * decoded, CR LF normalised); sheetTokens.test.ts compares both on generated XML in random chunks.
 *
 * Example: '<row r="2"><c r="C2" s="4"><v>46023</v></c></row>' with style 4 a date format
 *   → req.onCell(2, 3, Date 2026-01-01, 4), no string made but the Date.
 */
import type { TokenizerCallbacks } from "htmlparser2";
import { QuoteType, Tokenizer } from "htmlparser2";
import type { CellValue } from "../../ports/workbook";
import { FORMULA_WITHOUT_RESULT } from "./cellValues";
import { CellDecoder, CellType, cellType, columnIn, intIn, wordAt } from "./sheetCells";
import type { ColumnStyle, ScanRequest, SheetContext } from "./sheetScan";
import { ChunkWindow, normalise } from "./xmlScan";

const enum El {
  Other,
  C,
  V,
  T,
  F,
  RPh,
  Row,
  Col,
  Cols,
  SheetData,
  Protection,
}

const enum At {
  None,
  CellR,
  CellT,
  CellS,
  RowR,
  Sheet,
  Min,
  Max,
  Style,
}

const enum Mode {
  None,
  Value,
  Text,
  Skip,
}

/** the element named s[a..b) (its local name: after the first colon) */
function element(s: string, a: number, b: number): El {
  for (let i = a; i < b; i++)
    if (s.charCodeAt(i) === 58) {
      a = i + 1;
      break;
    }
  const c = s.charCodeAt(a);
  switch (b - a) {
    case 1:
      return c === 99 ? El.C : c === 118 ? El.V : c === 116 ? El.T : c === 102 ? El.F : El.Other;
    case 3:
      if (wordAt(s, a, "row")) return El.Row;
      if (wordAt(s, a, "rPh")) return El.RPh;
      return wordAt(s, a, "col") ? El.Col : El.Other;
    case 4:
      return wordAt(s, a, "cols") ? El.Cols : El.Other;
    case 9:
      return wordAt(s, a, "sheetData") ? El.SheetData : El.Other;
    case 15:
      return wordAt(s, a, "sheetProtection") ? El.Protection : El.Other;
    default:
      return El.Other;
  }
}

/** the attribute s[a..b) of an element (names as spelt: "x:r" is not r) */
function attribute(el: El, s: string, a: number, b: number): At {
  const n = b - a;
  switch (el) {
    case El.C:
      if (n !== 1) return At.None;
      switch (s.charCodeAt(a)) {
        case 114:
          return At.CellR;
        case 116:
          return At.CellT;
        case 115:
          return At.CellS;
        default:
          return At.None;
      }
    case El.Row:
      return n === 1 && s.charCodeAt(a) === 114 ? At.RowR : At.None;
    case El.Protection:
      return n === 5 && wordAt(s, a, "sheet") ? At.Sheet : At.None;
    case El.Col:
      if (n === 3) return wordAt(s, a, "min") ? At.Min : wordAt(s, a, "max") ? At.Max : At.None;
      return n === 5 && wordAt(s, a, "style") ? At.Style : At.None;
    default:
      return At.None;
  }
}

/**
 * Entities in a value, decoded by a Tokenizer of their own (the sheet's tokenizer leaves them: it then skips a
 * text or an attribute value with indexOf instead of character by character). The value is read again inside
 * an element or as an attribute of one, so each entity decodes exactly as the generic path decodes it.
 */
class Entities implements TokenizerCallbacks {
  private readonly tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, this);
  private src = "";
  private out = "";

  decode(raw: string, attribute: boolean): string {
    const q = raw.includes('"') ? "'" : '"';
    this.src = attribute ? `<a v=${q}${raw}${q}/>` : `<a>${raw}</a>`;
    this.out = "";
    this.tokenizer.reset();
    this.tokenizer.write(this.src);
    this.tokenizer.end();
    return this.out;
  }

  ontext(start: number, end: number): void {
    this.out += this.src.slice(start, end);
  }
  onattribdata(start: number, end: number): void {
    this.out += this.src.slice(start, end);
  }
  ontextentity(codepoint: number): void {
    this.out += String.fromCodePoint(codepoint);
  }
  onattribentity(codepoint: number): void {
    this.out += String.fromCodePoint(codepoint);
  }
  onattribend(): void {}
  onattribname(): void {}
  oncdata(): void {}
  onclosetag(): void {}
  oncomment(): void {}
  ondeclaration(): void {}
  onend(): void {}
  onopentagend(): void {}
  onopentagname(): void {}
  onprocessinginstruction(): void {}
  onselfclosingtag(): void {}
}

function hash(s: string, a: number, b: number): number {
  let h = b - a;
  for (let i = a; i < b; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

export class SheetTokens extends ChunkWindow implements TokenizerCallbacks {
  readonly tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: false }, this);
  private readonly entities = new Entities();
  failure: Error | undefined;
  /** the scan went past the last requested row or the cells' end: it stops */
  done = false;
  stoppedEarly = false;
  protectedSheet = false;

  /** the range `at` looked at last: rs[ra..rb) */
  private rs = "";
  private ra = 0;
  private rb = 0;

  /** open elements, as hashes of their names as spelt; names by hash for messages (a few slots) */
  private readonly stack: number[] = [];
  /** the open elements (those of interest), as the stack */
  private readonly open: El[] = [];
  private readonly seenHash = new Int32Array(64);
  private readonly seenName: string[] = new Array<string>(64).fill("");

  // the element whose start tag is being read, its hash and the attribute being read
  private el = El.Other;
  private at = At.None;
  private atNameStart = 0;
  private atNameEnd = 0;

  // the value being read (an attribute's, vAttr, or a cell's text): none (vKind 0), vs[va..vb) as in the chunk
  // (1), or (2) vText then vRaw (its line ends normalised, its entities, vAmp, not yet decoded)
  private vKind = 0;
  private vAttr = false;
  private vs = "";
  private va = 0;
  private vb = 0;
  private vText = "";
  private vRaw = "";
  private vAmp = false;
  /** the last piece of the value ended in "\r" */
  private cr = false;

  // the cell state (as sheetScan.ts describes)
  private readonly cols: ColumnStyle[] = [];
  private row = 0;
  private col = 0;
  private rowInRange = false;
  private inRange = false;
  private mode = Mode.None;
  private type = CellType.Number;
  private styleId = 0;
  private formula = false;
  // a start tag's attributes of interest
  private rowRef = -1;
  private hasRowRef = false;
  private refCol = 0;
  private hasRef = false;
  private typeAttr = CellType.Number;
  private styleAttr = 0;
  private minAttr = 0;
  private maxAttr = 0;

  private readonly decoder: CellDecoder;

  constructor(
    ctx: SheetContext,
    private readonly req: ScanRequest,
  ) {
    super();
    this.decoder = new CellDecoder(ctx);
  }

  /** points rs[ra..rb) at the characters start..end (in the chunk, or a string of them when they span chunks) */
  private range(start: number, end: number): void {
    if (start >= this.curAt) {
      this.rs = this.cur;
      this.ra = start - this.curAt;
      this.rb = end - this.curAt;
    } else {
      this.rs = this.textAt(start, end);
      this.ra = 0;
      this.rb = this.rs.length;
    }
  }

  private fail(message: string): void {
    if (this.failure || this.done) return; // past the end of what was asked for, the rest of the part does not matter
    this.failure = new Error(message);
    this.tokenizer.pause();
  }

  private stop(): void {
    this.done = true;
    this.tokenizer.pause();
  }

  private nameOf(h: number): string {
    return this.seenHash[h & 63] === h ? this.seenName[h & 63]! : "?";
  }

  // the value being read

  private valueText(): string {
    if (this.vKind === 1) return this.vs.slice(this.va, this.vb);
    if (this.vKind === 0) return "";
    return this.vAmp ? this.vText + this.entities.decode(this.vRaw, this.vAttr) : this.vText + this.vRaw;
  }

  /** a piece of the value, start..end in the current chunk (as the tokenizer hands pieces) */
  private piece(start: number, end: number, attribute: boolean): void {
    if (start === end) return;
    const s = this.cur;
    const a = start - this.curAt;
    const b = end - this.curAt;
    if (this.vKind === 0 && !this.cr) {
      let i = a;
      for (let c = 0; i < b; i++) if ((c = s.charCodeAt(i)) <= 13 || c === 38) break; // tab, line end, "&"
      if (i === b) {
        this.vKind = 1;
        this.vs = s;
        this.va = a;
        this.vb = b;
        return;
      }
    }
    // a tab, line end or entity, or a second piece: as the generic path (xmlScan.ts) reads it
    const raw = s.slice(a, b);
    const cr = this.cr;
    this.cr = raw.charCodeAt(raw.length - 1) === 13;
    const text = normalise(raw, attribute, cr);
    if (text === "") return;
    if (this.vKind !== 2) {
      this.vText = "";
      this.vRaw = this.vKind === 1 ? this.vs.slice(this.va, this.vb) : "";
      this.vAmp = false;
      this.vKind = 2;
    }
    this.vRaw += text;
    if (!this.vAmp && text.includes("&")) this.vAmp = true;
  }

  /** text that is not to be decoded (CDATA) */
  private extra(text: string): void {
    this.vText = this.valueText() + text;
    this.vRaw = "";
    this.vAmp = false;
    this.vKind = 2;
    this.cr = false;
  }

  /** points rs[ra..rb) at the value */
  private valueRange(): void {
    if (this.vKind === 1) {
      this.rs = this.vs;
      this.ra = this.va;
      this.rb = this.vb;
    } else {
      this.rs = this.valueText();
      this.ra = 0;
      this.rb = this.rs.length;
    }
  }

  // the tokenizer's callbacks

  onopentagname(start: number, end: number): void {
    this.consumed = end;
    let s = this.cur;
    let a = start - this.curAt;
    let b = end - this.curAt;
    if (a < 0) {
      s = this.textAt(start, end);
      a = 0;
      b = s.length;
    }
    const h = hash(s, a, b);
    if (this.seenHash[h & 63] !== h) {
      this.seenHash[h & 63] = h;
      this.seenName[h & 63] = s.slice(a, b);
    }
    const el = element(s, a, b);
    this.stack.push(h);
    this.open.push(el);
    this.el = el;
    this.cr = false;
    switch (el) {
      case El.C:
        this.hasRef = false;
        this.typeAttr = CellType.Number;
        this.styleAttr = 0;
        return;
      case El.V:
        if (this.inRange) this.mode = Mode.Value;
        return;
      case El.T:
        if (this.inRange && this.mode !== Mode.Skip) this.mode = Mode.Text;
        return;
      case El.RPh:
        if (this.inRange) this.mode = Mode.Skip;
        return;
      case El.F:
        if (this.inRange) {
          this.formula = true;
          this.req.onOddCell?.();
        }
        return;
      case El.Row:
        this.hasRowRef = false;
        return;
      case El.Protection:
        this.protectedSheet = false;
        return;
      case El.Col:
        this.minAttr = this.maxAttr = this.styleAttr = 0;
        return;
      default:
        return;
    }
  }

  onattribname(start: number, end: number): void {
    this.atNameStart = start;
    this.atNameEnd = end;
    this.consumed = start; // kept for a message until the attribute ends
    const el = this.el;
    let at = At.None;
    if (el === El.C && end - start === 1 && start >= this.curAt) {
      const c = this.cur.charCodeAt(start - this.curAt);
      at = c === 114 ? At.CellR : c === 116 ? At.CellT : c === 115 ? At.CellS : At.None;
    } else if (el === El.C || el === El.Row || el === El.Col || el === El.Protection) {
      this.range(start, end);
      at = attribute(el, this.rs, this.ra, this.rb);
    }
    this.at = at;
    // (not for others: <t xml:space="preserve"> comes in the middle of a cell's text)
    if (at !== At.None) {
      this.vKind = 0;
      this.vAttr = true;
      this.cr = false;
    }
  }

  onattribdata(start: number, end: number): void {
    if (this.at !== At.None) this.piece(start, end, true);
  }

  onattribentity(): void {} // entities are left in the text (decodeEntities: false)
  ontextentity(): void {}

  onattribend(quote: QuoteType): void {
    if (quote === QuoteType.NoValue || quote === QuoteType.Unquoted)
      this.fail(`attribute ${this.textAt(this.atNameStart, this.atNameEnd)} unquoted`);
    if (this.at === At.None) return;
    this.valueRange();
    const { rs, ra, rb } = this;
    switch (this.at) {
      case At.CellR:
        this.refCol = columnIn(rs, ra, rb);
        this.hasRef = true;
        return;
      case At.CellT:
        this.typeAttr = cellType(rs, ra, rb);
        return;
      case At.CellS:
      case At.Style:
        this.styleAttr = intIn(rs, ra, rb) || 0;
        return;
      case At.RowR:
        this.rowRef = intIn(rs, ra, rb);
        this.hasRowRef = true;
        return;
      case At.Sheet:
        this.protectedSheet = (rb - ra === 1 && rs.charCodeAt(ra) === 49) || (rb - ra === 4 && wordAt(rs, ra, "true"));
        return;
      case At.Min:
        this.minAttr = intIn(rs, ra, rb);
        return;
      case At.Max:
        this.maxAttr = intIn(rs, ra, rb);
        return;
      default:
        return;
    }
  }

  onopentagend(): void {
    this.openEnd(false);
  }

  private openEnd(selfClosing: boolean): void {
    const req = this.req;
    switch (this.el) {
      case El.C: {
        const col = this.hasRef ? this.refCol : this.col + 1;
        this.col = col;
        const inRange = this.rowInRange && col >= req.left && col <= req.right;
        this.inRange = inRange;
        if (!inRange) {
          if (this.rowInRange) req.onOddCell?.();
          return;
        }
        this.type = this.typeAttr;
        this.styleId = this.styleAttr;
        this.vKind = 0;
        this.vAttr = false;
        this.formula = false;
        if (selfClosing) {
          req.onCell(this.row, col, null, this.styleId);
          this.inRange = false;
        }
        return;
      }
      case El.Row: {
        const row = this.hasRowRef ? this.rowRef : this.row + 1;
        this.row = row;
        this.col = 0;
        this.rowInRange = row >= req.top && row <= req.bottom;
        if (row > req.bottom) {
          this.stoppedEarly = true;
          this.stop();
        }
        return;
      }
      case El.Col:
        this.cols.push({ min: this.minAttr, max: this.maxAttr, style: this.styleAttr });
        return;
      default:
        return;
    }
  }

  onselfclosingtag(): void {
    this.stack.pop();
    this.open.pop();
    const el = this.el;
    this.openEnd(true);
    this.close(el);
  }

  onclosetag(start: number, end: number): void {
    this.consumed = end;
    this.cr = false;
    let s = this.cur;
    let a = start - this.curAt;
    let b = end - this.curAt;
    if (a < 0) {
      s = this.textAt(start, end);
      a = 0;
      b = s.length;
    }
    const h = hash(s, a, b);
    const open = this.stack.pop();
    const el = this.open.pop();
    if (open !== h) return this.fail(`</${s.slice(a, b)}> closes <${open === undefined ? "" : this.nameOf(open)}>`);
    this.close(el!);
  }

  private close(el: El): void {
    switch (el) {
      case El.V:
      case El.T:
        if (this.mode !== Mode.Skip) this.mode = Mode.None;
        return;
      case El.RPh:
        this.mode = Mode.None;
        return;
      case El.C:
        if (this.inRange && !this.done) this.req.onCell(this.row, this.col, this.cellValue(), this.styleId);
        this.inRange = false;
        this.mode = Mode.None;
        return;
      case El.Cols:
        this.req.onCols?.(this.cols);
        return;
      case El.SheetData:
        if (!this.req.onProtection) this.stop();
        else this.rowInRange = false;
        return;
      default:
        return;
    }
  }

  private cellValue(): CellValue {
    if (this.vKind === 0) return this.formula ? { error: FORMULA_WITHOUT_RESULT } : null;
    this.valueRange();
    return this.decoder.decode(this.type, this.formula, this.styleId, this.col, this.rs, this.ra, this.rb);
  }

  ontext(start: number, end: number): void {
    this.consumed = end;
    if (this.mode === Mode.Value || this.mode === Mode.Text) this.piece(start, end, false);
  }

  oncdata(start: number, end: number, endOffset: number): void {
    this.cr = false;
    if (this.mode === Mode.Value || this.mode === Mode.Text) {
      const text = this.textAt(start, end - endOffset);
      if (text) this.extra(text.includes("\r") ? normalise(text, false, false) : text);
    }
    this.consumed = end;
  }

  oncomment(_start: number, end: number): void {
    this.consumed = end;
  }

  ondeclaration(_start: number, end: number): void {
    this.consumed = end;
  }

  onprocessinginstruction(_start: number, end: number): void {
    this.consumed = end;
  }

  onend(): void {
    const n = this.stack.length;
    if (n > 0) this.fail(`<${this.nameOf(this.stack[n - 1]!)}> is not closed`);
  }
}
