/**
 * The group demo (issue #12), run by runDemo when given a GroupDemoTarget: two
 * subsidiaries of Northwind (the demo company, USD, the parent "NW") kept in their
 * own workbooks, and a group workbook consolidating the three for every month held.
 * - "DE" Northwind Europe GmbH, EUR, 100 %: capital 200,000.00; lends the UK 50,000.00
 *   on 2026-01-02 (1350 / 2350) and charges 300.00 interest a month (4900 / 7300);
 *   sells the UK 10,000.00 of goods on the 10th (1300, 4000 / 5000, 2300), paid on
 *   the 25th of the next month; sells 30,000.00 outside, spends 25,000.00 on costs.
 * - "UK" Northwind UK Ltd, GBP, 80 %: capital 100,000.00; sells 24,000.00 outside,
 *   spends 12,000.00; books the intercompany side in GBP at the group's fixed cross
 *   rate 1 EUR = 0.80 GBP (10,000.00 EUR = 8,000.00 GBP, 50,000.00 = 40,000.00, 300.00 = 240.00).
 * Every intercompany line carries TradingPartner = the other entity. Group rates (spot):
 * EUR→USD 1.10 at 2025-12-31, 1.095 + 0.01·m on the 15th and 1.10 + 0.01·m at the end of
 * month m; GBP→USD = 1.25 × EUR→USD on the same dates (so the cross holds and the two
 * sides eliminate exactly). Each subsidiary month is posted and put on hold (sealed).
 *
 * Example: December: DE net income 12 × 15,300.00 EUR at the monthly averages
 *   (Σ of 1.1075 + 0.01·(m−1) = 13.95) = 213,435.00 USD; NCI 20 % of the UK's net assets
 *   145,120.00 GBP × 1.525 = 221,308.00 → 44,261.60; receivable 10,000.00 × 1.22 = 12,200.00
 *   against payable 8,000.00 × 1.525 = 12,200.00, eliminated to 0.
 */
import { buildFiscalYear } from "../../core/calendar/fiscalYear";
import { buildPackage } from "../../core/consolidation/packageBuild";
import { DEFAULT_PARTNER_DIMENSION, ENTITY_DIMENSION, type EntityPackage } from "../../core/consolidation/model";
import type { Worksheet } from "../../core/consolidation/worksheet";
import { issue, type Issue } from "../../core/issues/issue";
import type { Account, DimensionSet, ExchangeRate, JournalLine } from "../../core/ledger/types";
import { Amount, Rate } from "../../core/money";
import type { Clock } from "../../ports/clock";
import type { WorkbookPort } from "../../ports/workbook";
import { ELIMINATION_RULES, ENTITIES } from "../../schema/consolidationTables";
import { RUNS } from "../../schema/tables";
import { changePeriod } from "../changePeriod";
import { consolidateGroup } from "../consolidation/consolidateGroup";
import { groupSetup, setupGroupWorkbook } from "../consolidation/groupSetup";
import { readBook } from "../operation";
import { postJournals } from "../postJournals";
import { setupWorkbook, type SetupData } from "../setupWorkbook";
import { writeStatements } from "../statements";
import { DEMO_ACCOUNTS } from "./demoCompany";
import { account, CATEGORY, starterSetup } from "./starterSetup";

export interface GroupDemoTarget {
  readonly de: WorkbookPort;
  readonly uk: WorkbookPort;
  readonly group: WorkbookPort;
  /** the names the packages are known by (the workbook files) */
  readonly sources?: { readonly nw: string; readonly de: string; readonly uk: string };
}

export interface GroupDemoMonth {
  readonly period: string;
  readonly summary: string;
  readonly worksheet?: Worksheet;
}

export interface GroupDemoResult {
  readonly months: readonly GroupDemoMonth[];
  readonly issues: readonly Issue[];
}

export const GROUP_DEMO = { parent: "NW", eur: "DE", gbp: "UK", year: 2026 } as const;
const IC = { receivable: "1300", loanReceivable: "1350", payable: "2300", loanPayable: "2350", interestExpense: "7300" } as const;

const icAccounts = (): Account[] => [
  account(IC.receivable, "Intercompany receivables", "asset", "Intercompany receivables"),
  account(IC.loanReceivable, "Intercompany loans receivable", "asset", "Intercompany receivables"),
  account(IC.payable, "Intercompany payables", "liability", "Intercompany payables"),
  account(IC.loanPayable, "Intercompany loans payable", "liability", "Intercompany payables"),
  account(IC.interestExpense, "Interest expense", "expense", CATEGORY.otherExpense),
];
const byNumber = (a: Account, b: Account) => (a.number < b.number ? -1 : 1);
const partnerValues = ["NW", "DE", "UK"].map((value) => ({ dimension: DEFAULT_PARTNER_DIMENSION, value, description: value, active: true }));

/** an integer of units at `places` decimals as text: decimal(11050, 4) = "1.1050" */
const decimal = (n: number, places: number) => {
  const t = String(n).padStart(places + 1, "0");
  return `${t.slice(0, -places)}.${t.slice(-places)}`;
};

/** the group's spot rates: 1.10 at 2025-12-31, then the 15th and the end of each month */
export function groupDemoRates(): ExchangeRate[] {
  const out: ExchangeRate[] = [];
  const push = (date: string, eurTenThousandths: number) => {
    // rates in ten-thousandths (integers) so no float enters: GBP = 1.25 × EUR
    const eur = Rate.parse(decimal(eurTenThousandths, 4))!;
    const gbp = Rate.parse(decimal(eurTenThousandths * 125, 6))!;
    out.push({ date, from: "EUR", to: "USD", type: "spot", rate: eur, quotationUnit: 1, source: "demo" }, { date, from: "GBP", to: "USD", type: "spot", rate: gbp, quotationUnit: 1, source: "demo" });
  };
  push("2025-12-31", 11000);
  for (const p of buildFiscalYear(GROUP_DEMO.year, 1).filter((x) => x.kind === "operating")) {
    const m = Number(p.id.slice(5));
    push(`${p.id}-15`, 10950 + 100 * m);
    push(p.end, 11000 + 100 * m);
  }
  return out;
}

type Entry = readonly [date: string, debit: string, credit: string, amount: string, text: string, partner?: string];

function journalOf(entries: readonly Entry[], currency: string): JournalLine[] {
  const lines: JournalLine[] = [];
  entries.forEach(([date, dr, cr, amount, text, partner], i) => {
    const base = { journal: `GJ-${date.slice(0, 7)}`, draftVoucher: `D-${String(i + 1).padStart(4, "0")}`, date, currency, description: text, status: "Draft" as const, message: "", postedVoucher: "" };
    const dims: DimensionSet = partner ? { [DEFAULT_PARTNER_DIMENSION]: partner } : {};
    const a = Amount.parse(amount)!;
    const icOnly = (acct: string) => (partner && acct !== "1000" ? dims : {});
    lines.push({ ...base, row: lines.length + 1, account: dr, dimensions: icOnly(dr), debit: a }, { ...base, row: lines.length + 2, account: cr, dimensions: icOnly(cr), credit: a });
  });
  return lines;
}

function subsidiary(company: string, currency: string, entries: readonly Entry[]): SetupData {
  const s = starterSetup({ company, accountingCurrency: currency, fiscalYearStart: GROUP_DEMO.year, startMonth: 1 });
  return {
    ...s,
    accounts: [...s.accounts, ...icAccounts()].sort(byNumber),
    dimensions: [...s.dimensions, { name: DEFAULT_PARTNER_DIMENSION, description: "The other entity of an intercompany balance", required: false }],
    dimensionValues: [...s.dimensionValues, ...partnerValues],
    journal: journalOf(entries, currency),
  };
}

function months(): string[] {
  return Array.from({ length: 12 }, (_, i) => `${GROUP_DEMO.year}-${String(i + 1).padStart(2, "0")}`);
}

export function deEntries(): Entry[] {
  const e: Entry[] = [["2026-01-01", "1000", "3000", "200000.00", "Share capital paid in by Northwind"], ["2026-01-02", IC.loanReceivable, "1000", "50000.00", "Loan to Northwind UK", "UK"]];
  for (const [i, m] of months().entries()) {
    e.push([`${m}-10`, IC.receivable, "4000", "10000.00", "Goods sold to Northwind UK", "UK"], [`${m}-15`, "1000", "4000", "30000.00", "Sales"], [`${m}-20`, "6000", "1000", "25000.00", "Salaries and running costs"]);
    if (i > 0) e.push([`${m}-25`, "1000", IC.receivable, "10000.00", "Northwind UK pays last month's goods", "UK"]);
    e.push([`${m}-28`, "1000", "4900", "300.00", "Interest on the loan to Northwind UK", "UK"]);
  }
  return e;
}

export function ukEntries(): Entry[] {
  const e: Entry[] = [["2026-01-01", "1000", "3000", "100000.00", "Share capital (80 % Northwind)"], ["2026-01-02", "1000", IC.loanPayable, "40000.00", "Loan from Northwind Europe (EUR 50,000.00)", "DE"]];
  for (const [i, m] of months().entries()) {
    e.push([`${m}-10`, "5000", IC.payable, "8000.00", "Goods bought from Northwind Europe (EUR 10,000.00)", "DE"], [`${m}-15`, "1000", "4000", "24000.00", "Sales"], [`${m}-20`, "6000", "1000", "12000.00", "Salaries and running costs"]);
    if (i > 0) e.push([`${m}-25`, IC.payable, "1000", "8000.00", "Pay Northwind Europe last month's goods", "DE"]);
    e.push([`${m}-28`, IC.interestExpense, "1000", "240.00", "Interest to Northwind Europe (EUR 300.00)", "DE"]);
  }
  return e;
}

export function groupDemoSetup(): SetupData {
  const g = groupSetup({ company: "Northwind Group", accountingCurrency: "USD", fiscalYearStart: GROUP_DEMO.year, startMonth: 1 });
  const D = DEMO_ACCOUNTS;
  const parentExtra = [
    account(D.bankEur, "Bank EUR", "asset", CATEGORY.cash),
    account(D.bankGbp, "Bank GBP", "asset", CATEGORY.cash),
    account(D.bankJpy, "Bank JPY", "asset", CATEGORY.cash),
    account(D.receivablesEur, "Accounts receivable EUR", "asset", CATEGORY.receivables),
    account(D.payablesGbp, "Accounts payable GBP", "liability", CATEGORY.payables),
    account(D.payablesJpy, "Accounts payable JPY", "liability", CATEGORY.payables),
  ];
  const have = new Set(g.accounts.map((a) => a.number));
  const extra = [...parentExtra, ...icAccounts()].filter((a) => !have.has(a.number));
  const entityValues = ["NW", "DE", "UK"].map((value) => ({ dimension: ENTITY_DIMENSION, value, description: value, active: true }));
  return { ...g, accounts: [...g.accounts, ...extra].sort(byNumber), dimensionValues: [...g.dimensionValues, ...partnerValues, ...entityValues], rates: groupDemoRates() };
}

async function setUpSubsidiary(port: WorkbookPort, data: SetupData, ctx: { user: string; clock: Clock }): Promise<Issue[]> {
  await setupWorkbook(port, data);
  const posted = await postJournals(port, { ...ctx, through: `${GROUP_DEMO.year}-12-31` });
  if (!posted.posted) return [...posted.issues];
  for (const m of months()) {
    const hold = await changePeriod(port, { kind: "hold", period: m, reason: "Month-end close completed", overrideChecklist: "Demo subsidiary: no close checklist kept" }, ctx);
    if (!hold.done) return [...hold.issues];
  }
  return [];
}

/** the subsidiaries set up, posted and held; the group consolidating `periods` (the parent's months held) */
export async function runGroupDemo(parent: WorkbookPort, t: GroupDemoTarget, periods: readonly string[], ctx: { user: string; clock: Clock }): Promise<GroupDemoResult> {
  const src = t.sources ?? { nw: "closebook-demo.xlsx", de: "closebook-de.xlsx", uk: "closebook-uk.xlsx" };
  for (const [port, data] of [[t.de, subsidiary("Northwind Europe GmbH", "EUR", deEntries())], [t.uk, subsidiary("Northwind UK Ltd", "GBP", ukEntries())]] as const) {
    const issues = await setUpSubsidiary(port, data, ctx);
    if (issues.length) return { months: [], issues };
  }
  await setupGroupWorkbook(t.group, groupDemoSetup());
  await t.group.appendRows(ENTITIES.name, [
    [GROUP_DEMO.parent, "Northwind Trading Inc.", "USD", 100, "full", "3800", null, null],
    [GROUP_DEMO.eur, "Northwind Europe GmbH", "EUR", 100, "full", "3800", null, null],
    [GROUP_DEMO.gbp, "Northwind UK Ltd", "GBP", 80, "full", "3800", "3950", "8900"],
  ]);
  const rule = (id: string, accounts: string) => [id, null, null, "netChange", "*", accounts, DEFAULT_PARTNER_DIMENSION, "*", null, null, null, "6990"];
  await t.group.appendRows(ELIMINATION_RULES.name, [rule("IC-BALANCES", "1300, 1350, 2300, 2350"), rule("IC-RESULT", "4000..4999, 5000..7999")]);
  const books = [
    { entity: GROUP_DEMO.parent, source: src.nw, book: (await readBook(parent)).book },
    { entity: GROUP_DEMO.eur, source: src.de, book: (await readBook(t.de)).book },
    { entity: GROUP_DEMO.gbp, source: src.uk, book: (await readBook(t.uk)).book },
  ];
  const out: GroupDemoMonth[] = [];
  for (const period of periods) {
    const packages: EntityPackage[] = [];
    for (const b of books) {
      const built = buildPackage(b.book, { entity: b.entity, period, draft: false, source: b.source });
      if (!built.pkg) return { months: out, issues: built.issues };
      packages.push(built.pkg);
    }
    const r = await consolidateGroup(t.group, { period, mode: "post", packages }, ctx);
    const errors = r.issues.filter((i) => i.severity === "error");
    if (r.status === "failed" || errors.length) return { months: out, issues: errors.length ? errors : [issue("CONSOLIDATION_FAILED", `consolidation ${period}: ${r.summary}`, { table: RUNS.name })] };
    const st = await writeStatements(t.group, { period });
    const stErrors = st.issues.filter((i) => i.severity === "error");
    if (stErrors.length) return { months: out, issues: stErrors };
    out.push({ period, summary: `${r.summary}; worksheet "${r.sheet}"${r.worksheet?.checksPass ? ", every check line 0" : ", A CHECK LINE IS NOT 0"}`, ...(r.worksheet ? { worksheet: r.worksheet } : {}) });
  }
  return { months: out, issues: [] };
}
