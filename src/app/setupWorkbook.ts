/**
 * Creates every Closebook table in a workbook from plain setup data
 * ("Set up this workbook" in the pane, `closebook init` in the CLI).
 *
 * Example: await setupWorkbook(port, starterSetup({...}))
 *   → tblSettings, tblAccounts, …, tblLedger (empty), tblRuns, tblAudit exist.
 */
import type {
  Account,
  Currency,
  Dimension,
  DimensionValue,
  ExchangeRate,
  FiscalPeriod,
  JournalLine,
  Settings,
  User,
} from "../core/ledger/types";
import type { CellValue, WorkbookPort } from "../ports/workbook";
import { encodeCell } from "../schema/cells";
import { numberFormats, tableHeaders, type TableDef } from "../schema/defineTable";
import { encodeRecords } from "../schema/records";
import { SETTING_KEYS } from "../schema/settingsKeys";
import * as T from "../schema/tables";
import { protectSystemSheets } from "./protectedSheets";

export interface SetupData {
  readonly settings: Settings;
  readonly currencies: readonly Currency[];
  readonly accounts: readonly Account[];
  readonly dimensions: readonly Dimension[];
  readonly dimensionValues: readonly DimensionValue[];
  readonly periods: readonly FiscalPeriod[];
  readonly users: readonly User[];
  readonly rates?: readonly ExchangeRate[];
  readonly journal?: readonly JournalLine[];
}

export function settingsRows(settings: Settings): CellValue[][] {
  const s = settings as unknown as Record<string, unknown>;
  return SETTING_KEYS.map((k) => [
    k.label,
    encodeCell(
      k.type === "int" || k.type === "list" || k.type === "bool" ? k.type : "text",
      s[k.key] ?? (k.key === "schemaVersion" ? T.SCHEMA_VERSION : undefined),
    ),
    k.description,
  ]);
}

/** The settings that name an account of the chart. */
const ACCOUNT_SETTINGS = [
  "unrealizedGainAccount",
  "unrealizedLossAccount",
  "realizedGainAccount",
  "realizedLossAccount",
  "roundingAccount",
  "retainedEarningsAccount",
] as const;

/** `init --empty-chart`: no accounts, and no settings naming one (to be imported with the chart). */
export function emptyChart<D extends Pick<SetupData, "settings" | "accounts">>(data: D): D {
  const settings = { ...data.settings };
  for (const k of ACCOUNT_SETTINGS) delete settings[k];
  return { ...data, settings, accounts: [] };
}

export function shapeOf(def: TableDef, dimensions: readonly string[]) {
  return {
    name: def.name,
    sheet: def.sheet,
    headers: tableHeaders(def, dimensions),
    numberFormats: numberFormats(def, dimensions),
    ...(def.conditionalFormats ? { conditionalFormats: def.conditionalFormats } : {}),
  };
}

export async function setupWorkbook(port: WorkbookPort, data: SetupData): Promise<void> {
  const dims = data.dimensions.map((d) => d.name);
  const existing = await port.listTables();
  const clash = existing.find((t) => T.ALL_TABLES.some((d) => d.name.toLowerCase() === t.name.toLowerCase()));
  if (clash) throw new Error(`The workbook already has table ${clash.name}; it is already set up.`);
  const rows: Record<string, CellValue[][]> = {
    [T.SETTINGS.name]: settingsRows(data.settings),
    [T.ACCOUNTS.name]: encodeRecords(T.ACCOUNTS, [], data.accounts),
    [T.DIMENSIONS.name]: encodeRecords(T.DIMENSIONS, [], data.dimensions),
    [T.DIMENSION_VALUES.name]: encodeRecords(T.DIMENSION_VALUES, [], data.dimensionValues),
    [T.CURRENCIES.name]: encodeRecords(T.CURRENCIES, [], data.currencies),
    [T.RATES.name]: encodeRecords(T.RATES, [], data.rates ?? []),
    [T.PERIODS.name]: encodeRecords(T.PERIODS, [], data.periods),
    [T.USERS.name]: encodeRecords(T.USERS, [], data.users),
    [T.SEQUENCES.name]: [
      ["voucher", "GL-", 1],
      ["run", "RUN-", 1],
      ["settlement", "SET-", 1],
    ],
    [T.JOURNAL.name]: encodeRecords(T.JOURNAL, dims, data.journal ?? []),
  };
  for (const def of T.ALL_TABLES) {
    const tableDims = def.dimensionsAfter ? dims : [];
    await port.createTable(shapeOf(def, tableDims), rows[def.name] ?? []);
  }
  await protectSystemSheets(port, data.settings.protectionPassword ?? "");
}
