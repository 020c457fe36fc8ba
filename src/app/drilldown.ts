/**
 * Use case: the ledger lines behind a figure (issue #16 point 7), for the CLI's
 * `closebook lines` and the pane's "Show ledger lines". One read phase of only
 * the tables it needs (setup, ledger, runs: the xlsx adapter's lazy path then
 * streams just those sheets); lines of a run that never committed are left
 * out with a warning, as every read-only command does. The range is a period
 * id ("2026-03"), a fiscal year ("FY2026"), or from..to (dates or period ids).
 *
 * Example: await drilldown(port, { account: "4000", period: "2026-03", dimension: "Department=SALES" })
 *   → { result: { lines: [{ voucher: "GL-000001", row: 2, amountAccounting: -1500.00, … }], total: -1500.00, … }, issues: [] }
 */
import { ledgerLines, type DrilledLines, type DrillFigure } from "../core/drilldown/ledgerLines";
import { issue, type Issue } from "../core/issues/issue";
import type { FiscalPeriod } from "../core/ledger/types";
import type { RawTable, WorkbookPort } from "../ports/workbook";
import { periodRange } from "./trialBalanceReport";
import { decodeLedger, decodeSetup } from "../schema/bookCodec";
import {
  ACCOUNTS,
  CURRENCIES,
  DIMENSIONS,
  DIMENSION_VALUES,
  LEDGER,
  PERIODS,
  RATES,
  RUNS,
  SETTINGS,
  USERS,
} from "../schema/tables";
import { columnIndex, where } from "../schema/typedCells";
import { textOf } from "../core/text/textOf";

export interface DrilldownRequest {
  readonly account: string;
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  readonly dimension?: string;
  readonly figure?: DrillFigure;
}

const TABLES = [SETTINGS, CURRENCIES, ACCOUNTS, DIMENSIONS, DIMENSION_VALUES, RATES, PERIODS, USERS, LEDGER, RUNS];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function drilldown(
  port: WorkbookPort,
  request: DrilldownRequest,
): Promise<{ result?: DrilledLines; issues: Issue[] }> {
  const raw = new Map<string, RawTable | undefined>();
  for (const t of TABLES) raw.set(t.name, await port.readTable(t.name));
  const issues: Issue[] = [];
  const setup = decodeSetup((name) => raw.get(name), issues);
  const ledger = decodeLedger(
    raw.get(LEDGER.name),
    setup.dimensions.map((d) => d.name),
    issues,
  );
  const runs = raw.get(RUNS.name);
  const [status, runId] = [columnIndex(RUNS, runs, "status"), columnIndex(RUNS, runs, "runId")];
  const started = new Set(
    (runs?.rows ?? []).filter((r) => textOf(r[status]).toLowerCase() === "started").map((r) => textOf(r[runId])),
  );
  const committed = started.size ? ledger.filter((e) => !started.has(e.runId)) : ledger;
  if (committed.length < ledger.length)
    issues.push(
      issue(
        "RUN_INTERRUPTED",
        `Run ${[...started].join(", ")} did not finish; its ${ledger.length - committed.length} ledger rows are left out.`,
        where(RUNS, "status"),
        "warning",
      ),
    );
  const range = rangeOf(setup.periods, request);
  if ("code" in range) return { issues: [...issues, range] };
  const r = ledgerLines(committed, setup, {
    account: request.account,
    ...range,
    ...(request.dimension ? { dimension: request.dimension } : {}),
    ...(request.figure ? { figure: request.figure } : {}),
  });
  return { ...(r.result ? { result: r.result } : {}), issues: [...issues, ...r.issues] };
}

/** A period id or fiscal year, else from..to where each end is a date or a period id. */
export function rangeOf(
  periods: readonly FiscalPeriod[],
  r: Pick<DrilldownRequest, "period" | "from" | "to">,
): { from: string; to: string } | Issue {
  const find = (id: string) => periods.find((p) => p.id.toLowerCase() === id.trim().toLowerCase());
  if (r.period) return periodRange(periods, r.period);
  if (!r.from || !r.to) return issue("NO_RANGE", "Give a period (e.g. 2026-03), or a from and a to.");
  const from = DATE.test(r.from.trim()) ? r.from.trim() : find(r.from)?.start;
  const to = DATE.test(r.to.trim()) ? r.to.trim() : find(r.to)?.end;
  if (from === undefined || to === undefined)
    return issue(
      "UNKNOWN_PERIOD",
      `"${from === undefined ? r.from : r.to}" is neither a date (yyyy-mm-dd) nor a period.`,
      where(PERIODS, "id"),
    );
  return { from, to };
}
