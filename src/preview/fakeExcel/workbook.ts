/**
 * context.workbook and context.application of the fake.
 *
 * Example:
 *   ctx.application.suspendApiCalculationUntilNextSync();
 *   ctx.application.suspendScreenUpdatingUntilNextSync();
 *   await ctx.sync();   // this sync's record: calcSuspended and screenSuspended true
 *   ctx.workbook.getSelectedRange().load("address")   // the active sheet's selection
 */
import type { FakeRequestContext } from "./context";
import { officeError, unmodelled } from "./errors";
import { FakeFunctions } from "./functions";
import type { WorkbookModel } from "./model";
import { FakeClientObject } from "./proxy";
import { FakeRange } from "./range";
import { FakeTableCollection } from "./table";
import { FakeWorksheetCollection } from "./worksheet";

export class FakeApplication extends FakeClientObject<WorkbookModel> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, false, "Application");
  }

  /** ExcelApi 1.6: no recalculation until the next sync. */
  suspendApiCalculationUntilNextSync(): void {
    this.queue(
      "suspendApiCalculationUntilNextSync",
      () => 0,
      () => {
        const s = this.context.currentSync();
        if (s) s.calcSuspended = true;
      },
    );
  }

  /** ExcelApi 1.9: no screen updates until the next sync. */
  suspendScreenUpdatingUntilNextSync(): void {
    this.queue(
      "suspendScreenUpdatingUntilNextSync",
      () => 0,
      () => {
        const s = this.context.currentSync();
        if (s) s.screenSuspended = true;
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

/** Workbook.protection (ExcelApi 1.7): whether the workbook's structure is protected (WorkbookModel.structureProtected). */
export class FakeWorkbookProtection extends FakeClientObject<WorkbookModel> {
  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, false, "WorkbookProtection");
  }

  get protected(): boolean {
    return this.loadedValue("protected");
  }

  protected scalarNames(): string[] {
    return ["protected"];
  }
  protected readScalar(name: string): unknown {
    return name === "protected" ? this.target().structureProtected : this.unknownProperty(name);
  }
}

export class FakeWorkbook extends FakeClientObject<WorkbookModel> {
  readonly protection: FakeWorkbookProtection;
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly application: FakeApplication;
  /** ExcelApi 1.2 (undefined with FakeExcelOptions.functions "missing") */
  readonly functions: FakeFunctions | undefined;

  constructor(context: FakeRequestContext) {
    super(context, () => context.host.model, false, "Workbook");
    this.functions = context.host.functions === "missing" ? undefined : new FakeFunctions(context);
    this.protection = new FakeWorkbookProtection(context);
    this.worksheets = new FakeWorksheetCollection(context);
    this.tables = new FakeTableCollection(context, undefined);
    this.application = new FakeApplication(context);
  }

  /** ExcelApi 1.1: the active sheet's selection (what select() or a click in the preview grid chose). */
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.context.host.model.activeSheet();
      if (!sheet) throw officeError("ItemNotFound", "There is no active sheet.");
      return { sheet, rect: sheet.selection };
    });
  }

  protected scalarNames(): string[] {
    return [];
  }
  protected readScalar(name: string): unknown {
    throw unmodelled(`loading Workbook.${name}`);
  }
}
