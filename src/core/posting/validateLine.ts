/**
 * Line-level posting validation: every problem of one draft journal line, each
 * naming its column, plus the line's signed amount and rate when it is usable.
 *
 * Example (USD ledger, EUR→USD 1.08 on 2026-03-31, 1110 restricted to EUR):
 *   { date 2026-03-31, account 1110, currency EUR, debit 100.005 }
 *   → DECIMALS "Debit 100.005 has 3 decimals; EUR allows 2."
 *   { date 2026-03-31, account 1110, currency EUR, debit 100 } → ok, +100 EUR at 1.08
 */
import type { Setup } from "../ledger/book";
import type { JournalLine, LockException } from "../ledger/types";
import { issue, type Issue, type IssueLocation } from "../issues/issue";
import { cellAt, header } from "../issues/where";
import type { PostingGate } from "../calendar/postingGate";
import type { RateTable, RateQuote } from "../rates/rateTable";
import { type Amount, Rate } from "../money";

const NO_ISSUES: readonly Issue[] = Object.freeze([]);

export interface LineCheck {
  readonly issues: readonly Issue[];
  /** signed transaction amount (debit +, credit −) when readable */
  readonly amount?: Amount;
  readonly toAccounting?: RateQuote;
  readonly toReporting?: RateQuote;
  readonly period?: string;
  /** the lock exception the gate let this line through with */
  readonly override?: LockException;
}

export interface LineContext {
  readonly setup: Setup;
  readonly gate: PostingGate;
  readonly rates: RateTable;
  readonly user: string;
}

export function validateLine(line: JournalLine, ctx: LineContext): LineCheck {
  const { setup } = ctx;
  const issues: Issue[] = [];
  const where = setup.where.journal;
  const voucher = line.draftVoucher ? line.draftVoucher : undefined;
  const at = (key: string): IssueLocation => cellAt(where, key, line.row, voucher);
  // a dimension's column is headed by the dimension's name
  const atDimension = (name: string): IssueLocation => ({
    table: where.table,
    row: line.row,
    column: name,
    ...(voucher ? { voucher } : {}),
  });
  if (line.invalid)
    issues.push(
      issue("UNREADABLE_ROW", "Some cells of this line could not be read (see the issues for this row).", at("status")),
    );

  let period: string | undefined;
  let override: LockException | undefined;
  if (line.date) {
    const g = ctx.gate.check(ctx.user, line.date);
    if (g.ok) {
      period = g.period.id;
      override = g.override;
    } else issues.push(issue(g.code, g.message, at("date")));
  }

  const account = setup.accounts.get(line.account);
  if (line.account && !account)
    issues.push(
      issue("UNKNOWN_ACCOUNT", `Account ${line.account} does not exist in the chart of accounts.`, at("account")),
    );
  else if (account && !account.active)
    issues.push(issue("INACTIVE_ACCOUNT", `Account ${account.number} ${account.name} is inactive.`, at("account")));
  else if (account?.blocked)
    issues.push(
      issue("BLOCKED_ACCOUNT", `Account ${account.number} ${account.name} is blocked for posting.`, at("account")),
    );

  for (const dim of setup.dimensions) {
    const value = line.dimensions[dim.name] ?? "";
    if (value === "") {
      if (dim.required) issues.push(issue("MISSING_DIMENSION", `${dim.name} is required.`, atDimension(dim.name)));
      continue;
    }
    const def = setup.dimensionValues.get(dim.name)?.get(value);
    if (!def)
      issues.push(
        issue("UNKNOWN_DIMENSION_VALUE", `"${value}" is not a value of dimension ${dim.name}.`, atDimension(dim.name)),
      );
    else if (!def.active)
      issues.push(
        issue("INACTIVE_DIMENSION_VALUE", `${dim.name} value "${value}" is inactive.`, atDimension(dim.name)),
      );
  }

  const currency = setup.currencies.get(line.currency);
  if (line.currency && !currency)
    issues.push(issue("UNKNOWN_CURRENCY", `Currency ${line.currency} is not in the currencies table.`, at("currency")));
  if (account?.currency && line.currency && account.currency !== line.currency) {
    issues.push(
      issue(
        "ACCOUNT_CURRENCY",
        `Account ${account.number} only takes ${account.currency}, not ${line.currency}.`,
        at("currency"),
      ),
    );
  }

  let amount: Amount | undefined;
  const { debit, credit } = line;
  const hasDebit = debit !== undefined && !debit.isZero();
  const hasCredit = credit !== undefined && !credit.isZero();
  if (hasDebit && hasCredit)
    issues.push(issue("DEBIT_AND_CREDIT", "Enter either a debit or a credit, not both.", at("debit")));
  else if (!hasDebit && !hasCredit) {
    if (!line.invalid) issues.push(issue("NO_AMOUNT", "Enter a debit or a credit.", at("debit")));
  } else {
    const key = hasDebit ? "debit" : "credit";
    const column = header(where, key);
    const value = (hasDebit ? debit : credit)!;
    if (value.isNegative())
      issues.push(
        issue("NEGATIVE_AMOUNT", `${column} is negative; enter a positive amount in the other column.`, at(key)),
      );
    else if (currency && value.decimalPlaces() > currency.precision) {
      issues.push(
        issue(
          "DECIMALS",
          `${column} ${value.toString()} has ${value.decimalPlaces()} decimals; ${currency.code} allows ${currency.precision}.`,
          at(key),
        ),
      );
    } else amount = hasDebit ? value : value.neg();
  }

  let toAccounting: RateQuote | undefined;
  let toReporting: RateQuote | undefined;
  const acc = setup.settings.accountingCurrency;
  if (currency && line.date) {
    if (line.rate !== undefined) {
      if (!line.rate.isPositive()) issues.push(issue("BAD_RATE", "Rate must be positive.", at("rate")));
      else if (line.currency === acc && !line.rate.eq(Rate.ONE))
        issues.push(
          issue("BAD_RATE", `A line in the accounting currency ${acc} takes no rate other than 1.`, at("rate")),
        );
      else toAccounting = { factor: line.rate, how: `line rate ${line.rate.toString()}`, date: line.date };
    } else {
      toAccounting = ctx.rates.find(line.currency, acc, line.date, setup.settings.defaultRateType);
      if (!toAccounting)
        issues.push(
          issue(
            "NO_RATE",
            `No ${setup.settings.defaultRateType} rate ${line.currency}→${acc} on or before ${line.date}.`,
            at("rate"),
          ),
        );
    }
    const rep = setup.settings.reportingCurrency;
    if (rep) {
      toReporting = ctx.rates.find(line.currency, rep, line.date, setup.settings.defaultRateType);
      if (!toReporting)
        issues.push(
          issue(
            "NO_RATE",
            `No ${setup.settings.defaultRateType} rate ${line.currency}→${rep} (reporting currency) on or before ${line.date}.`,
            at("rate"),
          ),
        );
    }
  }
  return {
    issues: issues.length ? issues : NO_ISSUES,
    ...(amount ? { amount } : {}),
    ...(toAccounting ? { toAccounting } : {}),
    ...(toReporting ? { toReporting } : {}),
    ...(period ? { period } : {}),
    ...(override ? { override } : {}),
  };
}
