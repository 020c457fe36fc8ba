/**
 * Account mapping: each entity account becomes a group account by the first
 * rule of the entity (then the rules for every entity, "*"), else its own
 * number. An account that ends on no group account while it has a balance is an
 * error naming entity, account and amount.
 *
 * Example: rules [{ entity: "UK", accounts: "1100..1199", groupAccount: "1100" }], group chart {1100, 4000}
 *   UK 1150 → 1100 (rule); UK 4000 → 4000 (same number); UK 4999 closing 12.50 →
 *   UNMAPPED_ACCOUNT "Entity UK: account 4999 (balance 12.50) maps to no group account."
 */
import { issue, type Issue } from "../issues/issue";
import type { Account, AccountNumber } from "../ledger/types";
import type { AccountMapRule, EntityPackage, PackageLine } from "./model";
import { matchesPattern } from "./patterns";

/** a package line under its group account; `entityAccount` is set when the mapping changed the number (an unmapped line is the package's own object, not a copy) */
export interface MappedLine extends PackageLine {
  readonly entityAccount?: AccountNumber;
}

export function groupAccountOf(
  entity: string,
  account: AccountNumber,
  rules: readonly AccountMapRule[],
): AccountNumber {
  const own = rules.find((r) => r.entity === entity && matchesPattern(account, r.accounts));
  const any = own ?? rules.find((r) => r.entity === "*" && matchesPattern(account, r.accounts));
  return any?.groupAccount ?? account;
}

export function mapPackage(
  pkg: EntityPackage,
  rules: readonly AccountMapRule[],
  chart: ReadonlyMap<string, Account>,
): { lines: MappedLine[]; issues: Issue[] } {
  const lines: MappedLine[] = [];
  const issues: Issue[] = [];
  const reported = new Set<string>();
  const cache = new Map<string, AccountNumber>();
  for (const l of pkg.lines) {
    let to = cache.get(l.account);
    if (to === undefined) cache.set(l.account, (to = groupAccountOf(pkg.entity, l.account, rules)));
    if (chart.has(to)) {
      lines.push(
        to === l.account
          ? l
          : {
              row: l.row,
              account: to,
              entityAccount: l.account,
              dimensions: l.dimensions,
              currency: l.currency,
              period: l.period,
              start: l.start,
              end: l.end,
              opening: l.opening,
              activity: l.activity,
              closing: l.closing,
            },
      );
      continue;
    }
    if ((l.closing.isZero() && l.activity.isZero()) || reported.has(l.account)) continue;
    reported.add(l.account);
    issues.push(
      issue(
        "UNMAPPED_ACCOUNT",
        `Entity ${pkg.entity}: account ${l.account} (balance ${l.closing.toString()} ${pkg.currency} in ${l.period}) maps to no group account${to !== l.account ? ` (${to} is not in the group chart)` : ""}; add a row to tblAccountMapping.`,
        { table: pkg.source, ...(l.row !== undefined ? { row: l.row } : {}), column: "Account" },
      ),
    );
  }
  return { lines, issues };
}
