/**
 * A starter setup for a new Closebook workbook: settings, five currencies, a
 * small chart of accounts, two dimensions, three users and one fiscal year.
 * The settings point the FX gain/loss, rounding and retained-earnings
 * accounts at accounts of this chart, so a close can run with no edits.
 *
 * Example: starterSetup({ company: "Acme", accountingCurrency: "USD",
 *   fiscalYearStart: 2026, startMonth: 7 }) gives
 *   settings.unrealizedGainAccount "7100", settings.roundingAccount "6900",
 *   account 1000 "Cash USD" (currency USD), currencies USD EUR GBP JPY CHF,
 *   dimensions Department {SALES, ADMIN} and CostCenter {CC100, CC200},
 *   users alice (preparer), bob (controller, reviewer) and admin (admin) — the
 *   setting "Lock roles" lets bob and admin change period locks — and periods FY2026-OPEN, 2026-07 … 2027-06, FY2026-CLOSE.
 */
import { buildFiscalYear } from "../../core/calendar/fiscalYear";
import type { Account, AccountType, Currency, Dimension, DimensionValue, FiscalPeriod, Settings, User } from "../../core/ledger/types";
import { SCHEMA_VERSION } from "../../schema/tables";

export interface StarterSetupOptions {
  readonly company: string;
  readonly accountingCurrency: string;
  /** calendar year in which the first fiscal year starts */
  readonly fiscalYearStart: number;
  /** month 1..12 the fiscal year starts in */
  readonly startMonth: number;
}

export interface StarterSetup {
  readonly settings: Settings;
  readonly currencies: Currency[];
  readonly accounts: Account[];
  readonly dimensions: Dimension[];
  readonly dimensionValues: DimensionValue[];
  readonly periods: FiscalPeriod[];
  readonly users: User[];
}

/** Statement categories used by the starter chart (free text in tblAccounts). */
export const CATEGORY = {
  cash: "Cash and cash equivalents",
  receivables: "Trade receivables",
  prepaid: "Prepaid expenses",
  fixedAssets: "Property, plant and equipment",
  payables: "Trade payables",
  accrued: "Accrued liabilities",
  equity: "Equity",
  revenue: "Revenue",
  costOfSales: "Cost of sales",
  operating: "Operating expenses",
  otherIncome: "Other income",
  otherExpense: "Other expenses",
} as const;

export const STARTER_ACCOUNTS = {
  cash: "1000",
  receivables: "1100",
  prepaid: "1400",
  equipment: "1500",
  accumulatedDepreciation: "1590",
  payables: "2000",
  accrued: "2100",
  shareCapital: "3000",
  retainedEarnings: "3900",
  sales: "4000",
  otherIncome: "4900",
  cogs: "5000",
  salaries: "6000",
  rent: "6100",
  depreciation: "6200",
  utilities: "6300",
  travel: "6400",
  bankCharges: "6500",
  insurance: "6600",
  rounding: "6900",
  unrealizedGain: "7100",
  unrealizedLoss: "7110",
  realizedGain: "7200",
  realizedLoss: "7210",
} as const;

const STARTER_CURRENCIES: readonly Currency[] = [
  { code: "USD", name: "US dollar", precision: 2 },
  { code: "EUR", name: "Euro", precision: 2 },
  { code: "GBP", name: "Pound sterling", precision: 2 },
  { code: "JPY", name: "Japanese yen", precision: 0 },
  { code: "CHF", name: "Swiss franc", precision: 2 },
];

export function account(
  number: string,
  name: string,
  type: AccountType,
  category: string,
  extra: Partial<Pick<Account, "currency" | "revalue" | "revalueRateType" | "settle">> = {},
): Account {
  return { number, name, type, category, revalue: false, settle: false, active: true, blocked: false, ...extra };
}

export function starterSetup(opts: StarterSetupOptions): StarterSetup {
  const ccy = opts.accountingCurrency.trim().toUpperCase();
  const a = STARTER_ACCOUNTS;
  const settings: Settings = {
    company: opts.company,
    accountingCurrency: ccy,
    fiscalYearStartMonth: opts.startMonth,
    defaultRateType: "spot",
    triangulationCurrency: ccy,
    unrealizedGainAccount: a.unrealizedGain,
    unrealizedLossAccount: a.unrealizedLoss,
    realizedGainAccount: a.realizedGain,
    realizedLossAccount: a.realizedLoss,
    roundingAccount: a.rounding,
    retainedEarningsAccount: a.retainedEarnings,
    roundingMode: "halfAwayFromZero",
    roundingPlacement: "roundingAccount",
    lockRoles: ["controller", "admin"],
    separateLockFromPosting: false,
    schemaVersion: SCHEMA_VERSION,
  };

  const currencies: Currency[] = [...STARTER_CURRENCIES];
  if (!currencies.some((c) => c.code === ccy)) currencies.unshift({ code: ccy, name: ccy, precision: 2 });

  const accounts: Account[] = [
    account(a.cash, `Cash ${ccy}`, "asset", CATEGORY.cash, { currency: ccy }),
    account(a.receivables, "Accounts receivable", "asset", CATEGORY.receivables, { settle: true }),
    account(a.prepaid, "Prepaid expenses", "asset", CATEGORY.prepaid),
    account(a.equipment, "Equipment", "asset", CATEGORY.fixedAssets),
    account(a.accumulatedDepreciation, "Accumulated depreciation", "asset", CATEGORY.fixedAssets),
    account(a.payables, "Accounts payable", "liability", CATEGORY.payables, { settle: true }),
    account(a.accrued, "Accrued liabilities", "liability", CATEGORY.accrued),
    account(a.shareCapital, "Share capital", "equity", CATEGORY.equity),
    account(a.retainedEarnings, "Retained earnings", "equity", CATEGORY.equity),
    account(a.sales, "Sales revenue", "revenue", CATEGORY.revenue),
    account(a.otherIncome, "Other income", "revenue", CATEGORY.otherIncome),
    account(a.cogs, "Cost of goods sold", "expense", CATEGORY.costOfSales),
    account(a.salaries, "Salaries", "expense", CATEGORY.operating),
    account(a.rent, "Rent", "expense", CATEGORY.operating),
    account(a.depreciation, "Depreciation", "expense", CATEGORY.operating),
    account(a.utilities, "Utilities and office", "expense", CATEGORY.operating),
    account(a.travel, "Travel", "expense", CATEGORY.operating),
    account(a.bankCharges, "Bank charges", "expense", CATEGORY.operating),
    account(a.insurance, "Insurance", "expense", CATEGORY.operating),
    account(a.rounding, "Rounding differences", "expense", CATEGORY.otherExpense),
    account(a.unrealizedGain, "Unrealized FX gain", "revenue", CATEGORY.otherIncome),
    account(a.unrealizedLoss, "Unrealized FX loss", "expense", CATEGORY.otherExpense),
    account(a.realizedGain, "Realized FX gain", "revenue", CATEGORY.otherIncome),
    account(a.realizedLoss, "Realized FX loss", "expense", CATEGORY.otherExpense),
  ];

  const dimensions: Dimension[] = [
    { name: "Department", description: "Department responsible", required: false },
    { name: "CostCenter", description: "Cost center", required: false },
  ];
  const dimensionValues: DimensionValue[] = [
    { dimension: "Department", value: "SALES", description: "Sales", active: true },
    { dimension: "Department", value: "ADMIN", description: "Administration", active: true },
    { dimension: "CostCenter", value: "CC100", description: "Head office", active: true },
    { dimension: "CostCenter", value: "CC200", description: "Warehouse", active: true },
  ];

  const users: User[] = [
    { name: "alice", fullName: "Alice Accountant", groups: ["Accountants"], roles: new Set(["preparer"]), active: true },
    { name: "bob", fullName: "Bob Controller", groups: ["Controllers"], roles: new Set(["controller", "reviewer"]), active: true },
    { name: "admin", fullName: "Administrator", groups: ["Accountants", "Controllers"], roles: new Set(["admin"]), active: true },
  ];

  return { settings, currencies, accounts, dimensions, dimensionValues, periods: buildFiscalYear(opts.fiscalYearStart, opts.startMonth), users };
}
