/**
 * A group workbook (`closebook init --group`): a Closebook workbook whose setting
 * "Consolidation company" is yes, with the consolidation tables (entities,
 * account mapping, translation and elimination rules), the dimensions Entity and
 * TradingPartner, and group accounts for intercompany balances, the CTA, the
 * non-controlling interest and elimination differences. No daily journals post
 * into it: only consolidation runs and closing adjustments.
 *
 * Example: groupSetup({ company: "Closebook Group", accountingCurrency: "USD", fiscalYearStart: 2026, startMonth: 1 })
 *   → the starter chart + 1300, 2300, 3800 (CTA), 3950 (NCI), 6990, 8900; setting Consolidation company = yes
 */
import type { Account, Settings } from "../../core/ledger/types";
import type { WorkbookPort } from "../../ports/workbook";
import { GROUP_TABLES } from "../../schema/consolidationTables";
import { ENTITY_DIMENSION, DEFAULT_PARTNER_DIMENSION } from "../../core/consolidation/model";
import { starterSetup, type StarterSetupOptions } from "../demo/starterSetup";
import { setupWorkbook, shapeOf, type SetupData } from "../setupWorkbook";

export const GROUP_ACCOUNTS = {
  icReceivable: "1300",
  icPayable: "2300",
  cta: "3800",
  nciEquity: "3950",
  eliminationDifference: "6990",
  nciIncome: "8900",
} as const;

const acct = (number: string, name: string, type: Account["type"], category: string): Account => ({
  number,
  name,
  type,
  category,
  revalue: false,
  settle: false,
  active: true,
  blocked: false,
});

export function groupSetup(opts: StarterSetupOptions): SetupData {
  const s = starterSetup(opts);
  const g = GROUP_ACCOUNTS;
  const accounts = [
    ...s.accounts.map((a) => (a.currency ? { ...a, currency: undefined } : a)),
    acct(g.icReceivable, "Intercompany receivables", "asset", "Intercompany receivables"),
    acct(g.icPayable, "Intercompany payables", "liability", "Intercompany payables"),
    acct(g.cta, "Currency translation adjustment", "equity", "Equity"),
    acct(g.nciEquity, "Non-controlling interests", "equity", "Non-controlling interests"),
    acct(g.eliminationDifference, "Elimination differences", "expense", "Other expenses"),
    acct(g.nciIncome, "Non-controlling interests' share of profit", "expense", "Non-controlling interests"),
  ].sort((a, b) => (a.number < b.number ? -1 : 1));
  const settings = { ...s.settings, consolidationCompany: true } as Settings;
  const dimensions = [
    ...s.dimensions,
    { name: ENTITY_DIMENSION, description: "The entity a consolidated line comes from", required: false },
    { name: DEFAULT_PARTNER_DIMENSION, description: "The other entity of an intercompany balance", required: false },
  ];
  return { ...s, settings, accounts, dimensions };
}

export async function setupGroupWorkbook(port: WorkbookPort, data: SetupData): Promise<void> {
  await setupWorkbook(port, data);
  for (const def of GROUP_TABLES) await port.createTable(shapeOf(def, []), []);
}
