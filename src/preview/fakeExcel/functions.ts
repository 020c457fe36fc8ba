/**
 * Workbook.functions (Excel.Functions, ExcelApi 1.2) of the fake: worksheet
 * functions evaluated without a cell, each giving a FunctionResult whose
 * `value` (or `error`, such as "#NUM!") is read after load + sync. Only DATE
 * is modelled, honouring the workbook's date system (the adapter asks
 * DATE(1904, 1, 1) to learn it). FakeExcelOptions.functions: "missing" (no
 * `workbook.functions`, a host before ExcelApi 1.2) or "failing" (every
 * evaluation fails the sync with ApiNotFound).
 *
 * Example: const r = ctx.workbook.functions.date(1904, 1, 1).load("value"); await ctx.sync();
 *          r.value   // 1462 in a 1900 workbook, 0 in a 1904 one
 */
import type { FakeRequestContext } from "./context";
import { toSerial, toSerial1904 } from "./entry";
import { officeError, unmodelled } from "./errors";
import { FakeClientObject } from "./proxy";

interface Evaluated {
  readonly value?: number;
  readonly error?: string;
}

/** DATE(year, month, day) as Excel computes it: years 0..1899 are 1900 + year; months and days past the end roll over; before the date system's day 0 (1900: serial 1) → #NUM!. */
export function excelDate(year: number, month: number, day: number, date1904: boolean): Evaluated {
  if (![year, month, day].every(Number.isFinite)) return { error: "#VALUE!" };
  const y = Math.trunc(year) < 1900 ? Math.trunc(year) + 1900 : Math.trunc(year);
  if (y > 9999) return { error: "#NUM!" };
  const utc = new Date(0);
  utc.setUTCFullYear(y, Math.trunc(month) - 1, Math.trunc(day));
  const serial = date1904 ? toSerial1904(utc.getTime()) : toSerial(utc.getTime());
  return serial < (date1904 ? 0 : 1) ? { error: "#NUM!" } : { value: serial };
}

export class FakeFunctionResult extends FakeClientObject<Evaluated> {
  constructor(context: FakeRequestContext, evaluate: () => Evaluated) {
    super(context, evaluate, true, "FunctionResult");
  }

  /** typed as office-js types it; undefined when `error` is set */
  get value(): number {
    return this.loadedValue("value");
  }

  /** typed as office-js types it; undefined when the evaluation succeeded */
  get error(): string {
    return this.loadedValue("error");
  }

  protected scalarNames(): string[] {
    return ["value", "error"];
  }
  protected readScalar(name: string): unknown {
    if (name === "value") return this.target().value;
    if (name === "error") return this.target().error;
    return this.unknownProperty(name);
  }
}

export class FakeFunctions {
  constructor(private readonly context: FakeRequestContext) {}

  /** ExcelApi 1.2: the DATE worksheet function. */
  date(year: number, month: number, day: number): FakeFunctionResult {
    this.context.assertOpen();
    if (![year, month, day].every((x) => typeof x === "number"))
      throw unmodelled("Functions.date with a range argument");
    return new FakeFunctionResult(this.context, () => {
      if (this.context.host.functions === "failing")
        throw officeError("ApiNotFound", "The API you are trying to use could not be found (Functions.date).");
      return excelDate(year, month, day, this.context.host.model.date1904);
    });
  }
}
