/**
 * A small two-year ledger for the statement tests, written as the journal
 * reads (voucher, date, account, signed accounting amount, options), with
 * statement categories and a Department dimension. All amounts USD.
 *
 * Chart: 1000 Cash (Cash and bank), 1100 Receivables (Receivables),
 * 2000 Payables (Trade payables), 3000 Share capital, 3900 Retained earnings,
 * 4000 Product sales and 4100 Service revenue (Sales), 4900 Interest income
 * (Other income), 6100 Rent and 6200 Salaries (Operating expenses),
 * 7000 Bank charges (Finance costs).
 *
 * 2025 net income: 1,200.00 + 800.00 − 300.00 − 5.00 = 1,695.00, closed to
 * 3900 by GL-7 in the closing period FY2025-CLOSE.
 */
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import type { Setup } from "../../../src/core/ledger/book";
import type { Account, LedgerEntry } from "../../../src/core/ledger/types";
import { A, acct, makeSetup } from "../../support/fixtures";

export const CHART: Account[] = [
  acct("1000", "Cash", "asset", { category: "Cash and bank" }),
  acct("1100", "Receivables", "asset", { category: "Receivables" }),
  acct("2000", "Payables", "liability", { category: "Trade payables" }),
  acct("3000", "Share capital", "equity", { category: "Share capital" }),
  acct("3900", "Retained earnings", "equity", { category: "Retained earnings" }),
  acct("4000", "Product sales", "revenue", { category: "Sales" }),
  acct("4100", "Service revenue", "revenue", { category: "Sales" }),
  acct("4900", "Interest income", "revenue", { category: "Other income" }),
  acct("6100", "Rent", "expense", { category: "Operating expenses" }),
  acct("6200", "Salaries", "expense", { category: "Operating expenses" }),
  acct("7000", "Bank charges", "expense", { category: "Finance costs" }),
];

export function statementSetup(accounts: Account[] = CHART): Setup {
  return makeSetup({ accounts, periods: [...buildFiscalYear(2025, 1), ...buildFiscalYear(2026, 1)] });
}

/**
 * Parses lines "VOUCHER DATE ACCOUNT AMOUNT [dept=X] [period=P] [source=S] [ccy=EUR:12.34] [desc=...]".
 * Entry numbers follow the line order.
 */
export function ledger(text: string): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const [voucher = "", date = "", account = "", amount = "", ...rest] = line.split(/\s+/);
    const opts = Object.fromEntries(rest.map((p) => p.split("=") as [string, string]));
    const [ccy, txn] = (opts.ccy ?? "").split(":");
    out.push({
      entryNo: out.length + 1,
      voucher,
      date,
      period: opts.period ?? date.slice(0, 7),
      account,
      dimensions: { Department: opts.dept ?? "" },
      currency: ccy || "USD",
      amount: A(txn ?? amount),
      amountAccounting: A(amount),
      description: opts.desc ?? "",
      source: opts.source ?? "journal:GJ",
      runId: "R",
      settlementId: "",
      user: "alice",
      postedAt: "t",
    });
  }
  return out;
}

export const LEDGER_TEXT = `
GL-1   2025-01-02 1000  10000.00
GL-1   2025-01-02 3000 -10000.00
GL-2   2025-03-10 1100   1200.00
GL-2   2025-03-10 4000  -1200.00 dept=SALES
GL-3   2025-03-15 6100    300.00 dept=ADMIN
GL-3   2025-03-15 1000   -300.00
GL-4   2025-03-31 7000      5.00
GL-4   2025-03-31 1000     -5.00
GL-5   2025-06-30 1000    800.00
GL-5   2025-06-30 4100   -800.00 dept=SALES
GL-6   2025-11-30 1000   1200.00
GL-6   2025-11-30 1100  -1200.00
GL-7   2025-12-31 4000   1200.00 dept=SALES period=FY2025-CLOSE source=close:YEC
GL-7   2025-12-31 4100    800.00 dept=SALES period=FY2025-CLOSE source=close:YEC
GL-7   2025-12-31 6100   -300.00 dept=ADMIN period=FY2025-CLOSE source=close:YEC
GL-7   2025-12-31 7000     -5.00 period=FY2025-CLOSE source=close:YEC
GL-7   2025-12-31 3900  -1695.00 period=FY2025-CLOSE source=close:YEC
GL-8   2026-01-20 1100   1000.00
GL-8   2026-01-20 4000  -1000.00 dept=SALES
GL-9   2026-02-27 6200   2000.00 dept=ADMIN
GL-9   2026-02-27 2000  -2000.00
GL-10  2026-03-05 1100   1500.00
GL-10  2026-03-05 4000  -1500.00 dept=SALES
GL-11  2026-03-12 6100    400.00 dept=ADMIN
GL-11  2026-03-12 2000   -400.00
GL-12  2026-03-20 1000     25.00 ccy=EUR:23.00 desc=Interest
GL-12  2026-03-20 4900    -25.00
GL-13  2026-03-25 1100    600.00
GL-13  2026-03-25 4100   -600.00 dept=SALES
GL-14  2026-04-02 6100    400.00 dept=ADMIN
GL-14  2026-04-02 2000   -400.00
`;

export const LEDGER = ledger(LEDGER_TEXT);

/** The grid as text lines "a | b | c", trailing empty cells dropped; for golden comparisons. */
export function gridText(rows: readonly (readonly (string | number | null)[])[]): string[] {
  return rows.map((r) => {
    const cells = r.map((c) => (c === null ? "" : typeof c === "number" ? c.toFixed(2) : c));
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    return cells.join(" | ");
  });
}
