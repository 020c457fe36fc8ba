/**
 * The fake's conditional formats (ExcelApi 1.6): Range.conditionalFormats.add("CellValue" | "Custom"),
 * then `cellValue.rule = { formula1, operator }` or `custom.rule.formula`, `…format.fill.color`,
 * `…format.font.color` and `priority`. Recorded on the SheetModel (`conditionalFormats`, index =
 * priority, 0 first) for the preview and the tests to read. A new format goes last; setting
 * `priority` moves it (clamped), as Excel renumbers the others. A format over exactly the data rows
 * of table columns follows the table as it grows or shrinks (Excel extends a rule over a whole table
 * column). Other types, reading the formats back through the API and clearing them are not modelled. Writes are
 * format writes: a protected sheet refuses them unless protected with allowFormatCells.
 *
 * Example: ws.getRange("C2:C3").conditionalFormats.add("CellValue") as cf;
 *   cf.cellValue.rule = { formula1: '="Reviewed"', operator: "EqualTo" }; cf.cellValue.format.fill.color = "#C6EFCE";
 *   await ctx.sync(); table.rows.add(null, [[…]]); await ctx.sync();
 *   conditionalFormatsOf(sheet)  // [{ range: "C2:C4", type: "CellValue", formula1: '="Reviewed"', operator: "EqualTo", fill: "#C6EFCE" }]
 */
import type { FakeRequestContext } from "./context";
import { officeError, unmodelled } from "./errors";
import type { Rect, SheetModel, TableModel } from "./model";
import { address } from "./model";
import { FakeClientObject } from "./proxy";
import type { RangeTarget } from "./range";
import { assertWritable } from "./range";

export interface ConditionalFormatModel {
  readonly type: "CellValue" | "Custom";
  /** a fixed range, or columns of a table's data body (from `col`, `cols` wide: follows the table) */
  readonly at: Rect | { readonly table: TableModel; readonly col: number; readonly cols: number };
  formula1?: string;
  operator?: string;
  formula?: string;
  fill?: string;
  font?: string;
}

/** A recorded format as plain data: its A1 range now (no sheet name), rule and colours. */
export interface RecordedFormat {
  readonly range: string;
  readonly type: "CellValue" | "Custom";
  readonly formula1?: string;
  readonly operator?: string;
  readonly formula?: string;
  readonly fill?: string;
  readonly font?: string;
}

function rectOf(f: ConditionalFormatModel): Rect {
  if (!("table" in f.at)) return f.at;
  const { table, col, cols } = f.at;
  const body = table.bodyRect();
  return { row: body.row, col: table.left + col, rows: body.rows, cols };
}

/** The sheet's conditional formats, highest priority first. */
export function conditionalFormatsOf(sheet: SheetModel): RecordedFormat[] {
  return sheet.conditionalFormats.map((f) => {
    const a = address(sheet, rectOf(f));
    const range = a.slice(a.lastIndexOf("!") + 1);
    const { type, formula1, operator, formula, fill, font } = f;
    return Object.fromEntries(
      Object.entries({ range, type, formula1, operator, formula, fill, font }).filter(([, v]) => v !== undefined),
    ) as unknown as RecordedFormat;
  });
}

/** A proxy whose writes are format writes (refused on a protected sheet). */
abstract class Writer<T> extends FakeClientObject<T> {
  protected write(sheet: () => SheetModel, what: string, run: () => void): void {
    this.queue(
      what,
      () => 24,
      () => {
        assertWritable(sheet(), true, `${this.kind}.${what}`);
        run();
      },
    );
  }
  protected scalarNames(): string[] {
    return [];
  }
  protected readScalar(name: string): unknown {
    return this.unknownProperty(name);
  }
}

interface Owner {
  readonly sheet: SheetModel;
  readonly format: ConditionalFormatModel;
}

class ColourLeaf extends Writer<Owner> {
  constructor(
    context: FakeRequestContext,
    resolver: () => Owner,
    private readonly field: "fill" | "font",
  ) {
    super(context, resolver, false, field === "fill" ? "ConditionalRangeFill" : "ConditionalRangeFont");
  }
  set color(v: string) {
    this.write(
      () => this.target().sheet,
      `${this.field}.color`,
      () => {
        this.target().format[this.field] = v;
      },
    );
  }
}

class RuleFormat {
  readonly fill: ColourLeaf;
  readonly font: ColourLeaf;
  constructor(context: FakeRequestContext, resolver: () => Owner) {
    this.fill = new ColourLeaf(context, resolver, "fill");
    this.font = new ColourLeaf(context, resolver, "font");
  }
}

/** The owner of a `cellValue` / `custom` part, failing at sync when the format is of the other kind (as Excel's). */
function ofType(resolver: () => Owner, type: "CellValue" | "Custom"): () => Owner {
  return () => {
    const o = resolver();
    if (o.format.type !== type)
      throw officeError("InvalidArgument", `This conditional format is not of type ${type} (${o.format.type}).`);
    return o;
  };
}

class CellValuePart extends Writer<Owner> {
  readonly format: RuleFormat;
  constructor(context: FakeRequestContext, resolver: () => Owner) {
    super(context, ofType(resolver, "CellValue"), false, "CellValueConditionalFormat");
    this.format = new RuleFormat(context, () => this.target());
  }
  get rule(): { formula1: string; operator: string } {
    throw unmodelled("reading a conditional format's rule");
  }
  set rule(r: { formula1: string; operator: string }) {
    this.write(
      () => this.target().sheet,
      "rule",
      () => {
        const f = this.target().format;
        f.formula1 = String(r.formula1 ?? "");
        f.operator = String(r.operator ?? "");
      },
    );
  }
}

class CustomRule extends Writer<Owner> {
  constructor(context: FakeRequestContext, resolver: () => Owner) {
    super(context, resolver, false, "ConditionalFormatRule");
  }
  get formula(): string {
    throw unmodelled("reading a conditional format's rule");
  }
  set formula(text: string) {
    this.write(
      () => this.target().sheet,
      "formula",
      () => void (this.target().format.formula = text),
    );
  }
}

class CustomPart extends Writer<Owner> {
  readonly format: RuleFormat;
  readonly rule: CustomRule;
  constructor(context: FakeRequestContext, resolver: () => Owner) {
    super(context, ofType(resolver, "Custom"), false, "CustomConditionalFormat");
    this.format = new RuleFormat(context, () => this.target());
    this.rule = new CustomRule(context, () => this.target());
  }
}

export class FakeConditionalFormat extends Writer<Owner> {
  readonly cellValue: CellValuePart;
  readonly custom: CustomPart;
  constructor(context: FakeRequestContext, resolver: () => Owner) {
    super(context, resolver, false, "ConditionalFormat");
    this.cellValue = new CellValuePart(context, resolver);
    this.custom = new CustomPart(context, resolver);
  }
  set priority(p: number) {
    this.write(
      () => this.target().sheet,
      "priority",
      () => {
        const { sheet, format } = this.target();
        const list = sheet.conditionalFormats;
        list.splice(list.indexOf(format), 1);
        const at = p < 0 ? list.length + 1 + p : p;
        list.splice(Math.max(0, Math.min(list.length, at)), 0, format);
      },
    );
  }
}

export class FakeConditionalFormatCollection extends FakeClientObject<RangeTarget> {
  constructor(context: FakeRequestContext, resolver: () => RangeTarget) {
    super(context, resolver, false, "ConditionalFormatCollection");
  }

  add(type: string): FakeConditionalFormat {
    if (type !== "CellValue" && type !== "Custom") throw unmodelled(`conditional format type ${type}`);
    let made: Owner | undefined;
    this.queue(
      "add",
      () => 16,
      () => {
        const { sheet, rect } = this.target();
        assertWritable(sheet, true, "ConditionalFormatCollection.add");
        const tables = this.context.host.model.tablesOn(sheet);
        const format: ConditionalFormatModel = { type, at: tableColumns(tables, rect) ?? rect };
        sheet.conditionalFormats.push(format);
        made = { sheet, format };
      },
    );
    return new FakeConditionalFormat(this.context, () => {
      if (!made) throw officeError("GeneralException", "The conditional format was not added.");
      return made;
    });
  }

  protected scalarNames(): string[] {
    return [];
  }
  protected readScalar(name: string): unknown {
    return this.unknownProperty(name);
  }
}

/** `rect` as columns of a table's data body, when it is exactly that. */
function tableColumns(tables: readonly TableModel[], rect: Rect): ConditionalFormatModel["at"] | undefined {
  for (const table of tables) {
    const body = table.bodyRect();
    if (
      rect.row === body.row &&
      rect.rows === body.rows &&
      rect.col >= body.col &&
      rect.col + rect.cols <= body.col + body.cols
    )
      return { table, col: rect.col - table.left, cols: rect.cols };
  }
  return undefined;
}
