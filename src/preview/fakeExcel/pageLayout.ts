/**
 * The fake's print-ready bits of a worksheet and a range format (issue #16):
 * Worksheet.freezePanes.freezeRows (ExcelApi 1.7), Worksheet.pageLayout
 * (orientation, zoom fit-to-pages, setPrintTitleRows, headersFooters'
 * defaultForAllPages; 1.9), and RangeFormat.horizontalAlignment, columnWidth and
 * borders.getItem("EdgeTop" | "EdgeBottom").style (1.1, 1.2). Each is kept on
 * the SheetModel (`print`, `cellStyles`, `columnWidths`) for the preview and the
 * tests to read; writes are queued and refused on a protected sheet, as Excel does.
 *
 * Example: ws.pageLayout.setPrintTitleRows("$5:$5"); await ctx.sync();
 *   sheet.print.printTitleRows  // "$5:$5"
 */
import type { FakeRequestContext } from "./context";
import type { SheetModel } from "./model";
import { FakeClientObject } from "./proxy";
import type { RangeTarget } from "./range";
import { assertWritable } from "./range";

/** A leaf proxy whose settable properties are written straight into `apply`. */
abstract class Leaf<T> extends FakeClientObject<T> {
  protected set(name: string, value: unknown, apply: (t: T) => void, formatOnly: boolean, sheet: (t: T) => SheetModel) {
    this.queue(
      name,
      () => JSON.stringify(value ?? null).length,
      () => {
        const t = this.target();
        assertWritable(sheet(t), formatOnly, `${this.kind}.${name}`);
        apply(t);
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

export class FakeFreezePanes extends Leaf<SheetModel> {
  constructor(context: FakeRequestContext, resolver: () => SheetModel) {
    super(context, resolver, false, "WorksheetFreezePanes");
  }
  freezeRows(count = 1): void {
    this.set(
      "freezeRows",
      count,
      (s) => void (s.print.freezeRows = count),
      true,
      (s) => s,
    );
  }
}

export class FakeHeaderFooter extends Leaf<SheetModel> {
  constructor(context: FakeRequestContext, resolver: () => SheetModel) {
    super(context, resolver, false, "HeaderFooter");
  }
  set leftHeader(v: string) {
    this.set(
      "leftHeader",
      v,
      (s) => void (s.print.leftHeader = v),
      true,
      (s) => s,
    );
  }
  set leftFooter(v: string) {
    this.set(
      "leftFooter",
      v,
      (s) => void (s.print.leftFooter = v),
      true,
      (s) => s,
    );
  }
  set centerFooter(v: string) {
    this.set(
      "centerFooter",
      v,
      (s) => void (s.print.centerFooter = v),
      true,
      (s) => s,
    );
  }
  set rightFooter(v: string) {
    this.set(
      "rightFooter",
      v,
      (s) => void (s.print.rightFooter = v),
      true,
      (s) => s,
    );
  }
}

export class FakePageLayout extends Leaf<SheetModel> {
  readonly headersFooters: { readonly defaultForAllPages: FakeHeaderFooter };
  constructor(context: FakeRequestContext, resolver: () => SheetModel) {
    super(context, resolver, false, "PageLayout");
    this.headersFooters = { defaultForAllPages: new FakeHeaderFooter(context, resolver) };
  }
  set orientation(v: string) {
    this.set(
      "orientation",
      v,
      (s) => void (s.print.orientation = v),
      true,
      (s) => s,
    );
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.set(
      "zoom",
      v,
      (s) => void (s.print.zoom = { ...v }),
      true,
      (s) => s,
    );
  }
  setPrintTitleRows(address: string): void {
    this.set(
      "setPrintTitleRows",
      address,
      (s) => void (s.print.printTitleRows = address),
      true,
      (s) => s,
    );
  }
}

export class FakeRangeBorder extends Leaf<RangeTarget> {
  constructor(
    context: FakeRequestContext,
    resolver: () => RangeTarget,
    private readonly edge: string,
  ) {
    super(context, resolver, false, "RangeBorder");
  }
  set style(v: string) {
    const key = this.edge === "EdgeTop" ? "top" : this.edge === "EdgeBottom" ? "bottom" : undefined;
    this.set(
      "style",
      v,
      (t) => forCells(t, (st) => key && (st[key] = v)),
      true,
      (t) => t.sheet,
    );
  }
}

/** Calls `f` with the style record of every cell of the target. */
export function forCells(t: RangeTarget, f: (style: CellStyle) => unknown): void {
  for (let i = 0; i < t.rect.rows; i++)
    for (let j = 0; j < t.rect.cols; j++) {
      const k = `${t.rect.row + i},${t.rect.col + j}`;
      const st = t.sheet.cellStyles.get(k) ?? {};
      f(st);
      t.sheet.cellStyles.set(k, st);
    }
}

export interface CellStyle {
  align?: string;
  top?: string;
  bottom?: string;
}

export interface SheetPrint {
  freezeRows?: number;
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows?: string;
  leftHeader?: string;
  leftFooter?: string;
  centerFooter?: string;
  rightFooter?: string;
}
