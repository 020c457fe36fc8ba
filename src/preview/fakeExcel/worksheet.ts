/**
 * Worksheet, WorksheetProtection and WorksheetCollection of the fake. Sheet
 * names match case-insensitively (as in Excel). activate() makes a sheet the
 * active one (the preview grid shows it).
 *
 * Protection follows current Excel builds (excel-addin.md §2.2,
 * OfficeDev/office-js#6784): protect() on a protected sheet and unprotect() on
 * an unprotected one fail with AccessDenied; unprotect() with a wrong password
 * fails with InvalidArgument (the code real Excel uses here is unverified) and
 * leaves the sheet protected. Every call is recorded in stats.protectionCalls.
 *
 * Example:
 *   const ws = ctx.workbook.worksheets.getItem("ledger");   // finds "Ledger"
 *   ws.protection.load("protected"); await ctx.sync();
 *   if (!ws.protection.protected) ws.protection.protect(undefined, "pw");
 */
import type { FakeRequestContext } from "./context";
import { accessDenied, officeError } from "./errors";
import type { SheetModel, WorkbookModel } from "./model";
import { WHOLE_SHEET, checkRect, parseAddress } from "./model";
import { FakeClientObject, jsonLength } from "./proxy";
import { FakePageLayout, FakeFreezePanes } from "./pageLayout";
import { FakeRange } from "./range";
import { FakeTableCollection } from "./table";

export class FakeWorksheet extends FakeClientObject<SheetModel> {
  readonly protection: FakeWorksheetProtection;
  readonly tables: FakeTableCollection;
  readonly freezePanes: FakeFreezePanes;
  readonly pageLayout: FakePageLayout;

  constructor(context: FakeRequestContext, resolver: () => SheetModel | null, eager: boolean) {
    super(context, resolver, eager, "Worksheet");
    this.protection = new FakeWorksheetProtection(context, () => this.target());
    this.tables = new FakeTableCollection(context, () => this.target());
    this.freezePanes = new FakeFreezePanes(context, () => this.target());
    this.pageLayout = new FakePageLayout(context, () => this.target());
  }

  get name(): string {
    return this.loadedValue("name");
  }

  /** The range at an A1 address; without one, the whole sheet. */
  getRange(addr?: string): FakeRange {
    return new FakeRange(this.context, () => ({
      sheet: this.target(),
      rect: addr === undefined ? WHOLE_SHEET : parseAddress(addr),
    }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(this.context, () => ({
      sheet: this.target(),
      rect: checkRect({ row: startRow, col: startColumn, rows: rowCount, cols: columnCount }),
    }));
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.target();
      const rect = sheet.usedRect(WHOLE_SHEET, valuesOnly);
      return rect ? { sheet, rect } : null;
    });
  }

  /** Makes this the active sheet (ExcelApi 1.1): Excel shows it, with its own selection. */
  activate(): void {
    this.queue(
      "activate",
      () => 0,
      () => {
        const sheet = this.target();
        if (sheet.visibility !== "Visible")
          throw officeError("InvalidOperation", `The sheet "${sheet.name}" is hidden and cannot be activated.`);
        this.context.host.model.activate(sheet);
      },
    );
  }

  get visibility(): string {
    return this.loadedValue("visibility");
  }

  delete(): void {
    this.queue(
      "delete",
      () => 0,
      () => {
        if (this.context.host.model.structureProtected)
          throw accessDenied("Worksheet.delete: the workbook's structure is protected");
        this.context.host.model.removeSheet(this.target());
      },
    );
  }

  protected scalarNames(): string[] {
    return ["name", "id", "position", "visibility"];
  }
  protected readScalar(name: string): unknown {
    const s = this.target();
    if (name === "name") return s.name;
    if (name === "id") return `{sheet-${s.id}}`;
    if (name === "position") return this.context.host.model.sheets.indexOf(s);
    if (name === "visibility") return s.visibility;
    return this.unknownProperty(name);
  }
  protected override navigate(name: string): FakeClientObject<unknown> | FakeClientObject<unknown>[] | undefined {
    if (name === "protection") return this.protection;
    if (name === "tables") return this.tables;
    return undefined;
  }
}

export class FakeWorksheetProtection extends FakeClientObject<SheetModel> {
  constructor(context: FakeRequestContext, resolver: () => SheetModel) {
    super(context, resolver, false, "WorksheetProtection");
  }

  get protected(): boolean {
    return this.loadedValue("protected");
  }

  protect(options?: object | null, password?: string): void {
    this.queue(
      "protect",
      () => jsonLength(options ?? null) + (password?.length ?? 0),
      () => {
        const sheet = this.target();
        const wasProtected = sheet.isProtected;
        this.context.host.stats.protectionCalls.push({
          sheet: sheet.name,
          op: "protect",
          wasProtected,
          ok: !wasProtected,
        });
        if (wasProtected) throw accessDenied(`WorksheetProtection.protect: sheet "${sheet.name}" is already protected`);
        sheet.isProtected = true;
        sheet.password = password ?? "";
        const allow = (options ?? {}) as Record<string, unknown>;
        sheet.allowFormatCells = allow.allowFormatCells === true;
        sheet.protectionOptions = Object.fromEntries(Object.entries(allow).filter(([, v]) => v === true)) as Record<
          string,
          boolean
        >;
      },
    );
  }

  /** WorksheetProtection.options (ExcelApi 1.2): the allow* flags set when the sheet was protected. */
  get options(): Record<string, boolean> {
    return this.loadedValue("options");
  }

  unprotect(password?: string): void {
    this.queue(
      "unprotect",
      () => password?.length ?? 0,
      () => {
        const sheet = this.target();
        const wasProtected = sheet.isProtected;
        const ok = wasProtected && (sheet.password === "" || password === sheet.password);
        this.context.host.stats.protectionCalls.push({ sheet: sheet.name, op: "unprotect", wasProtected, ok });
        if (!wasProtected) throw accessDenied(`WorksheetProtection.unprotect: sheet "${sheet.name}" is not protected`);
        if (!ok)
          throw officeError(
            "InvalidArgument",
            "The password you supplied is not correct. Verify that the CAPS LOCK key is off and be sure to use the correct capitalization.",
          );
        sheet.isProtected = false;
        sheet.password = "";
        sheet.allowFormatCells = false;
        sheet.protectionOptions = {};
      },
    );
  }

  protected scalarNames(): string[] {
    return ["protected", "options"];
  }
  protected readScalar(name: string): unknown {
    if (name === "options") return { ...this.target().protectionOptions };
    return name === "protected" ? this.target().isProtected : this.unknownProperty(name);
  }
}

export class FakeWorksheetCollection extends FakeClientObject<WorkbookModel> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, false, "WorksheetCollection");
  }

  get items(): FakeWorksheet[] {
    return this.loadedValue("items");
  }
  get count(): number {
    return this.loadedValue("count");
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      () => {
        const s = this.target().sheetByName(key);
        if (!s) throw officeError("ItemNotFound", `The requested resource doesn't exist (worksheet "${key}").`);
        return s;
      },
      true,
    );
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.target().sheetByName(key) ?? null, true);
  }

  /** ExcelApi 1.1: the sheet shown in the window (the first until one is activated). */
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(
      this.context,
      () => {
        const s = this.target().activeSheet();
        if (!s) throw officeError("ItemNotFound", "There is no active sheet.");
        return s;
      },
      true,
    );
  }

  add(name?: string): FakeWorksheet {
    this.context.assertOpen();
    return new FakeWorksheet(
      this.context,
      () => {
        this.context.noteChange();
        const model = this.target();
        if (model.structureProtected)
          throw accessDenied("WorksheetCollection.add: the workbook's structure is protected");
        let n = model.sheets.length + 1;
        while (name === undefined && model.sheetByName(`Sheet${n}`)) n++;
        return model.addSheet(name ?? `Sheet${n}`);
      },
      true,
    );
  }

  protected scalarNames(): string[] {
    return ["count"];
  }
  protected readScalar(name: string): unknown {
    return name === "count" ? this.target().sheets.length : this.unknownProperty(name);
  }
  protected override navigate(name: string): FakeClientObject<unknown>[] | undefined {
    if (name !== "items") return undefined;
    return this.target().sheets.map((s) => new FakeWorksheet(this.context, () => s, false));
  }
}
