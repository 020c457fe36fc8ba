/**
 * Balance sheet as of a date: asset, liability and equity accounts grouped by
 * statement category, with the cumulative balance of every entry dated on or
 * before the date (as the trial balance sums). Revenue and expense accounts
 * not yet closed to retained earnings appear inside equity, as Odoo's
 * "current year's earnings" (close-reference b6):
 *   - current-year earnings = net income from the fiscal year start to the date
 *     (credits − debits of revenue and expense accounts in that range);
 *   - earlier years' earnings not closed = the same accounts' balance before
 *     the fiscal year start (shown only when not zero, with a warning: a
 *     year-end close moves it to retained earnings).
 * The check line assets − (liabilities + equity + earnings) is 0.00 for any
 * balanced ledger whose accounts are all in the chart.
 *
 * Signs: assets debit-positive; liabilities and equity credit-positive (a
 * contra account, e.g. accumulated depreciation under assets, shows negative).
 *
 * Worked example (FY = calendar year, as of 2026-03-31):
 *   2025-01-02 Dr 1000 Cash 10,000.00 / Cr 3000 Share capital 10,000.00
 *   2025-12-31 (year 2025 closed: P&L 1,695.00 moved to 3900 Retained earnings;
 *              cash 11,695.00)
 *   2026-03-05 Dr 1100 Receivables 1,500.00 / Cr 4000 Sales 1,500.00
 *   2026-03-12 Dr 6100 Rent 400.00 / Cr 2000 Payables 400.00
 *   → Assets: 1000 11,695.00, 1100 1,500.00; total 13,195.00
 *     Liabilities: 2000 400.00
 *     Equity: 3000 10,000.00, 3900 1,695.00, current-year earnings 1,100.00;
 *             total 12,795.00
 *     Total liabilities and equity 13,195.00; check 0.00.
 */
import { issue, type Issue } from "../issues/issue";
import { cellAt } from "../issues/where";
import type { Setup } from "../ledger/book";
import { trialBalance } from "../ledger/trialBalance";
import type { IsoDate, LedgerEntry } from "../ledger/types";
import type { Amount } from "../money";
import {
  accountingPlaces,
  fiscalYearStartOf,
  groupByCategory,
  isProfitAndLoss,
  presented,
  sumAmounts,
  tieOut,
  tieOutIssues,
  zero,
  type TieOut,
} from "./common";

export interface BalanceSheetOptions {
  readonly asOf: IsoDate;
  /** first day of the fiscal year for current-year earnings; default: the fiscal year holding `asOf` */
  readonly fiscalYearStart?: IsoDate;
}

export interface BalanceLine {
  readonly account: string;
  readonly name: string;
  /** in presentation sign */
  readonly amount: Amount;
}

export interface BalanceCategory {
  readonly category: string;
  readonly lines: readonly BalanceLine[];
  readonly total: Amount;
}

export interface BalanceSection {
  readonly kind: "asset" | "liability" | "equity";
  readonly label: string;
  readonly categories: readonly BalanceCategory[];
  /** the accounts' total (for equity without the earnings lines) */
  readonly total: Amount;
}

export interface BalanceSheet {
  readonly company: string;
  readonly currency: string;
  readonly places: number;
  readonly asOf: IsoDate;
  readonly fiscalYearStart: IsoDate;
  readonly assets: BalanceSection;
  readonly liabilities: BalanceSection;
  readonly equity: BalanceSection;
  /** net income fiscalYearStart..asOf, credit-positive */
  readonly currentYearEarnings: Amount;
  /** revenue and expense balances from before fiscalYearStart, credit-positive (0 once years are closed) */
  readonly earlierYearsEarnings: Amount;
  /** equity accounts + current-year earnings + earlier years' earnings */
  readonly totalEquity: Amount;
  readonly totalLiabilitiesAndEquity: Amount;
  /** assets − (liabilities + equity + earnings); must be 0 */
  readonly check: Amount;
  readonly tieOuts: readonly TieOut[];
  readonly issues: readonly Issue[];
}

export function balanceSheet(
  entries: readonly LedgerEntry[],
  setup: Setup,
  options: BalanceSheetOptions,
): BalanceSheet {
  const places = accountingPlaces(setup);
  const { asOf } = options;
  const fyStart = options.fiscalYearStart ?? fiscalYearStartOf(setup, asOf);
  const issues: Issue[] = [];
  if (fyStart > asOf)
    issues.push(issue("BAD_RANGE", `The fiscal year start ${fyStart} is after the balance sheet date ${asOf}.`));
  // opening = before the fiscal year start, closing = up to asOf
  const tb = trialBalance(entries, setup, { from: fyStart, to: asOf });

  let currentYear = zero(places);
  let earlierYears = zero(places);
  const lines: { type: string; account: string; name: string; category: string; amount: Amount }[] = [];
  for (const r of tb.rows) {
    const account = setup.accounts.get(r.account);
    if (!account) {
      if (!r.closing.isZero()) {
        issues.push(
          issue(
            "UNKNOWN_ACCOUNT",
            `Account ${r.account} is not in the chart of accounts; its balance ${r.closing.toString()} is left out of the balance sheet.`,
            cellAt(setup.where.ledger, "account"),
          ),
        );
      }
      continue;
    }
    if (isProfitAndLoss(account.type)) {
      currentYear = currentYear.minus(r.closing.minus(r.opening));
      earlierYears = earlierYears.minus(r.opening);
      continue;
    }
    if (r.closing.isZero()) continue;
    lines.push({
      type: account.type,
      account: account.number,
      name: account.name,
      category: account.category,
      amount: presented(account.type, r.closing),
    });
  }

  const section = (kind: BalanceSection["kind"], label: string): BalanceSection => {
    const categories = groupByCategory(lines.filter((l) => l.type === kind)).map((g) => ({
      category: g.category,
      lines: g.items.map(({ account, name, amount }) => ({ account, name, amount })),
      total: sumAmounts(
        g.items.map((l) => l.amount),
        places,
      ),
    }));
    return {
      kind,
      label,
      categories,
      total: sumAmounts(
        categories.map((c) => c.total),
        places,
      ),
    };
  };
  const assets = section("asset", "Assets");
  const liabilities = section("liability", "Liabilities");
  const equity = section("equity", "Equity");
  const totalEquity = equity.total.plus(currentYear).plus(earlierYears);
  const totalLiabilitiesAndEquity = liabilities.total.plus(totalEquity);
  const check = assets.total.minus(totalLiabilitiesAndEquity);
  if (!earlierYears.isZero()) {
    issues.push(
      issue(
        "YEAR_NOT_CLOSED",
        `Revenue and expense accounts carry ${earlierYears.toString()} of earnings from before ${fyStart}; shown as earlier years' earnings until a year-end close moves them to retained earnings.`,
        undefined,
        "warning",
      ),
    );
  }
  if (!check.isZero()) {
    issues.push(
      issue(
        "BALANCE_SHEET_CHECK",
        `The balance sheet as of ${asOf} does not balance: assets ${assets.total.toString()}, liabilities and equity ${totalLiabilitiesAndEquity.toString()} (difference ${check.toString()}).`,
      ),
    );
  }

  // tie-outs against the trial balance's own rows, by account type
  const tbSum = (pick: (type: string) => boolean, f: (r: (typeof tb.rows)[number]) => Amount): Amount => {
    let s = zero(places);
    for (const r of tb.rows) if (setup.accounts.has(r.account) && pick(r.type)) s = s.plus(f(r));
    return s;
  };
  const tbAssets = tbSum(
    (t) => t === "asset",
    (r) => r.closing,
  );
  const tbClaims = tbSum(
    (t) => t !== "asset",
    (r) => r.closing,
  ).neg();
  const tbEarnings = tbSum(isProfitAndLoss, (r) => r.credit.minus(r.debit));
  const tieOuts = [
    tieOut(
      `Total assets ${asOf}`,
      assets.total,
      `Trial balance to ${asOf}: closing balances of asset accounts`,
      tbAssets,
    ),
    tieOut(
      `Total liabilities and equity ${asOf}`,
      totalLiabilitiesAndEquity,
      `Trial balance to ${asOf}: −(closing balances of liability, equity, revenue and expense accounts)`,
      tbClaims,
    ),
    tieOut(
      `Current-year earnings ${fyStart} to ${asOf}`,
      currentYear,
      `Trial balance ${fyStart} to ${asOf}: credits − debits of revenue and expense accounts`,
      tbEarnings,
    ),
  ];
  issues.push(...tieOutIssues(tieOuts));

  return {
    company: setup.settings.company,
    currency: setup.settings.accountingCurrency,
    places,
    asOf,
    fiscalYearStart: fyStart,
    assets,
    liabilities,
    equity,
    currentYearEarnings: currentYear.atScale(places),
    earlierYearsEarnings: earlierYears.atScale(places),
    totalEquity: totalEquity.atScale(places),
    totalLiabilitiesAndEquity: totalLiabilitiesAndEquity.atScale(places),
    check: check.atScale(places),
    tieOuts,
    issues,
  };
}
