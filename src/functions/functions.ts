/**
 * The CLOSEBOOK.* worksheet functions (Excel custom functions, shared runtime).
 * The JSDoc below is the declaration: custom-functions-metadata-plugin (webpack)
 * generates functions.json from it and appends the CustomFunctions.associate
 * calls; nothing is written by hand. Each function answers from one ledger
 * index (host.ts, src/core/formulas) and gives Excel's own errors with a message.
 *
 * Example, in a cell: =CLOSEBOOK.BALANCE("4000:4999", "2026-03", "Department=SALES")
 *                     =CLOSEBOOK.RATE("EUR", "USD", "2026-03-31")   → #N/A "No EUR→USD spot rate …" when none
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- a cell argument is text or a number; the metadata type "any" says so */
import type { RunBatch } from "../adapters/excel/excelHost";
import { ExcelWorkbook } from "../adapters/excel/excelWorkbook";
import { recalculateAll, watchTable } from "../adapters/excel/workbookActions";
import { LEDGER } from "../schema/tables";
import { functionsFromPort, functionsHost } from "./host";
import { toCell, type MakeError } from "./results";

declare const CustomFunctions: {
  Error: new (code: string, message?: string) => Error;
  ErrorCode: { invalidValue: string; notAvailable: string };
};

const makeError: MakeError = (error, message) =>
  new CustomFunctions.Error(
    error === "#N/A" ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue,
    message,
  );

const run: RunBatch = (batch) => Excel.run(batch);
const excelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => Excel.run(batch);
let watching = false;

const host = functionsHost(
  async () => {
    if (!watching) watching = await watchTable(excelRun, LEDGER.name, () => host.ledgerChanged());
    return functionsFromPort(new ExcelWorkbook(run));
  },
  () => void recalculateAll(excelRun),
);

/** For the pane: call after a write that changed the ledger, so the formulas recalculate. */
export const ledgerChanged = (): void => host.ledgerChanged();

/**
 * Closing balance of accounts at a period's end, debit-positive, as the trial balance shows it.
 * @customfunction BALANCE
 * @param account Account number, range "4000:4999", wildcard "6*" or a list "1000,1010"
 * @param period Period such as "2026-03", or a date inside it
 * @param [filter] Dimension filter such as "Department=SALES" (several joined by ;)
 * @param [currency] Reporting or transaction currency; default the accounting currency
 * @returns The balance
 */
export async function balance(account: any, period: any, filter?: string, currency?: string): Promise<number | string> {
  return toCell((await host.functions()).balance(account, period, filter, currency), makeError);
}

/**
 * Debits minus credits of accounts over a range of periods, as the trial balance counts them.
 * @customfunction ACTIVITY
 * @param account Account number, range "4000:4999", wildcard "6*" or a list "1000,1010"
 * @param from First period such as "2026-01"
 * @param to Last period such as "2026-03"
 * @param [filter] Dimension filter such as "Department=SALES"
 * @param [currency] Reporting or transaction currency; default the accounting currency
 * @returns The activity
 */
export async function activity(
  account: any,
  from: any,
  to: any,
  filter?: string,
  currency?: string,
): Promise<number | string> {
  return toCell((await host.functions()).activity(account, from, to, filter, currency), makeError);
}

/**
 * The exchange rate in force on a date: the latest on or before it (inverse or triangulated when needed).
 * @customfunction RATE
 * @param fromCurrency Currency converted from, such as "EUR"
 * @param toCurrency Currency converted to, such as "USD"
 * @param date The date (a date cell or "2026-03-31")
 * @param [rateType] spot, average, historical or budget; default the settings' rate type
 * @returns Units of toCurrency per unit of fromCurrency
 */
export async function rate(
  fromCurrency: string,
  toCurrency: string,
  date: any,
  rateType?: string,
): Promise<number | string> {
  return toCell((await host.functions()).rate(fromCurrency, toCurrency, date, rateType), makeError);
}

/**
 * A period's status: Open, On hold or Permanently closed.
 * @customfunction STATUS
 * @param period Period such as "2026-03", or a date inside it
 * @returns The status
 */
export async function status(period: any): Promise<number | string> {
  return toCell((await host.functions()).status(period), makeError);
}
