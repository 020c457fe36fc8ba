/**
 * The settings table is a list of (Setting, Value) rows; this declares every
 * setting once, with its type and default.
 *
 * Example: the row ("Accounting currency", "USD") sets settings.accountingCurrency = "USD";
 * a missing "Rounding mode" row means "halfAwayFromZero".
 */
import { ROLES } from "../core/ledger/types";
import type { ColumnType } from "./defineTable";

export interface SettingKey {
  readonly key: string;
  readonly label: string;
  readonly type: ColumnType;
  readonly values?: readonly string[];
  readonly required?: boolean;
  readonly defaultValue?: string;
  readonly description: string;
}

export const SETTING_KEYS: readonly SettingKey[] = [
  { key: "company", label: "Company", type: "text", required: true, description: "Legal entity name" },
  {
    key: "accountingCurrency",
    label: "Accounting currency",
    type: "text",
    required: true,
    description: "Currency of the ledger's accounting amounts",
  },
  {
    key: "reportingCurrency",
    label: "Reporting currency",
    type: "text",
    description: "Optional second currency every ledger line is also converted to",
  },
  {
    key: "fiscalYearStartMonth",
    label: "Fiscal year start month",
    type: "int",
    defaultValue: "1",
    description: "1 = January",
  },
  {
    key: "defaultRateType",
    label: "Default rate type",
    type: "enum",
    values: ["spot", "average", "historical", "budget"],
    defaultValue: "spot",
    description: "Rate type used when posting",
  },
  {
    key: "triangulationCurrency",
    label: "Triangulation currency",
    type: "text",
    description: "Rates are crossed through this currency when no direct rate exists (default: accounting currency)",
  },
  {
    key: "unrealizedGainAccount",
    label: "Unrealized gain account",
    type: "text",
    description: "Default account for unrealized exchange gains",
  },
  {
    key: "unrealizedLossAccount",
    label: "Unrealized loss account",
    type: "text",
    description: "Default account for unrealized exchange losses",
  },
  {
    key: "realizedGainAccount",
    label: "Realized gain account",
    type: "text",
    description: "Default account for realized exchange gains",
  },
  {
    key: "realizedLossAccount",
    label: "Realized loss account",
    type: "text",
    description: "Default account for realized exchange losses",
  },
  {
    key: "roundingAccount",
    label: "Rounding account",
    type: "text",
    description: "Account for conversion rounding differences",
  },
  {
    key: "retainedEarningsAccount",
    label: "Retained earnings account",
    type: "text",
    description: "Year-end close target",
  },
  {
    key: "roundingMode",
    label: "Rounding mode",
    type: "enum",
    values: ["halfAwayFromZero", "halfEven", "halfUp", "down"],
    defaultValue: "halfAwayFromZero",
    description: "How amounts are rounded to a currency's precision",
  },
  {
    key: "roundingPlacement",
    label: "Rounding placement",
    type: "enum",
    values: ["largestLine", "roundingAccount"],
    defaultValue: "roundingAccount",
    description: "Where a voucher's conversion rounding difference goes",
  },
  {
    key: "yearEndRerun",
    label: "Year-end re-run",
    type: "enum",
    values: ["reverseAndRecreate", "delta"],
    defaultValue: "reverseAndRecreate",
    description:
      "A second year-end close of the same year: reverse the first and recreate, or post only the difference",
  },
  {
    key: "lockRoles",
    label: "Lock roles",
    type: "list",
    values: ROLES,
    defaultValue: "controller, admin",
    description:
      "Roles (tblUsers column Roles) that may hold, reopen or close a period, set its access or grant lock exceptions",
  },
  {
    key: "separateLockFromPosting",
    label: "Separate lock from posting",
    type: "bool",
    defaultValue: "no",
    description:
      "yes: whoever posted journal lines in a period may not hold or close it, nor grant themselves a lock exception",
  },
  {
    key: "requireReviewedChecklist",
    label: "Require a reviewed checklist to lock",
    type: "bool",
    defaultValue: "yes",
    description:
      "yes: a period is put on hold or closed only when every close checklist task is Reviewed or N/A (a controller may override with a reason)",
  },
  {
    key: "reconciliationTolerance",
    label: "Reconciliation tolerance",
    type: "amount",
    defaultValue: "0",
    description:
      "An account reconciliation may be prepared while its unexplained difference is at most this (accounting currency)",
  },
  {
    key: "workingWeekdays",
    label: "Working weekdays",
    type: "list",
    values: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    defaultValue: "Mon, Tue, Wed, Thu, Fri",
    description: "The days the close checklist's business-day due dates count",
  },
  {
    key: "consolidationCompany",
    label: "Consolidation company",
    type: "bool",
    defaultValue: "no",
    description: "yes: a group workbook (closebook init --group): it consolidates entity packages; no daily journals",
  },
  {
    key: "protectionPassword",
    label: "Protection password",
    type: "text",
    description: "Sheet protection password (a deterrent, not security)",
  },
  {
    key: "schemaVersion",
    label: "Schema version",
    type: "int",
    defaultValue: "1",
    description: "Workbook layout version",
  },
];
