/**
 * Allocation rules as data (D365 "ledger allocation rules"; a workbook table
 * comes later), the account/dimension selectors they use, and the checks a
 * rule must pass before anything is computed.
 *
 * Criteria follow the AX syntax, one field each: a list ("6100, 6110"), a range
 * ("6100..6199", either end may be open) and a prefix ("61*"). An account is
 * selected when it satisfies any account criterion given; with none given every
 * account is selected (AX: blank = all). Dimension criteria must all hold:
 * { Department: "ADMIN" } selects entries whose Department is ADMIN, "" selects
 * blank; dimensions not named match anything.
 *
 * Example rule (advertising spread by each department's sales, W3 A4):
 *   { id: "ADV", description: "Advertising by sales", method: "basis",
 *     source: { accounts: ["6300"] }, basis: { accounts: ["4000"] },
 *     destinations: [{ account: "6300", dimensions: { Department: "A" } }, …],
 *     offset: "source", date: "2026-03-31", from: "2026-03-01", to: "2026-03-31" }
 *   checkRule → no issues; checkRule with percentages 70 and 40 → ALLOCATION_PERCENT_OVER_100.
 */
import type { Setup } from "../ledger/book";
import type { AccountNumber, DimensionSet, IsoDate } from "../ledger/types";
import { issue, type Issue, type IssueCode, type IssueLocation } from "../issues/issue";
import { cellAt, inTable, type TableWhere } from "../issues/where";
import { Amount } from "../money";

export type AllocationMethod = "fixedPercentage" | "fixedWeight" | "equally" | "basis";
export const ALLOCATION_METHODS: readonly AllocationMethod[] = ["fixedPercentage", "fixedWeight", "equally", "basis"];

export interface AccountSelector {
  readonly accounts?: readonly AccountNumber[];
  readonly accountFrom?: AccountNumber;
  readonly accountTo?: AccountNumber;
  readonly accountPrefix?: string;
  /** dimension name → value every selected entry must carry ("" = blank) */
  readonly dimensions?: DimensionSet;
}

/**
 * A fixed value to allocate instead of a ledger balance; `account` (and
 * dimensions) is what offset "source" credits — blank ("") when the rule
 * names its own offset account, which then takes the credit instead.
 */
export interface FixedSource {
  /** decimal text in the accounting currency, "500.00" */
  readonly fixedAmount: string;
  readonly account: AccountNumber;
  readonly dimensions?: DimensionSet;
}

export interface AllocationDestination {
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  /** fixedPercentage: "70" means 70 % of the source */
  readonly percentage?: string;
  /** fixedWeight: any non-negative decimal */
  readonly weight?: string;
  /** basis: this destination's own basis selector, instead of the rule's basis narrowed to the destination's dimensions */
  readonly basis?: AccountSelector;
}

export interface AllocationRule {
  readonly id: string;
  readonly description: string;
  readonly method: AllocationMethod;
  readonly source: AccountSelector | FixedSource;
  readonly destinations: readonly AllocationDestination[];
  /** basis: the ledger balances (as of `date`) the source is spread in proportion to */
  readonly basis?: AccountSelector;
  /** the account the allocated total is credited to: the source balances, or a given account */
  readonly offset: "source" | { readonly account: AccountNumber; readonly dimensions?: DimensionSet };
  /** posting date, and the as-of date of the basis balances */
  readonly date: IsoDate;
  /** posting period, only for a closing or opening period (see ProposedVoucher.period) */
  readonly period?: string;
  /** the source range; when absent the run's range applies */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** 1-based data row in the rules table, when read from a workbook */
  readonly row?: number;
}

export function isFixedSource(source: AllocationRule["source"]): source is FixedSource {
  return "fixedAmount" in source;
}

/** A rule's row in the rules table (`where`: setup.where.allocationRules), at a column key when one is at fault. */
export function ruleLocation(rule: AllocationRule, where: TableWhere, key?: string): IssueLocation {
  return key ? cellAt(where, key, rule.row) : inTable(where, rule.row);
}

export function ruleName(rule: AllocationRule): string {
  return rule.description ? `Allocation rule ${rule.id} (${rule.description})` : `Allocation rule ${rule.id}`;
}

// ---- Selectors ---------------------------------------------------------------

export type EntryPredicate = (e: { readonly account: AccountNumber; readonly dimensions: DimensionSet }) => boolean;

/** A fast predicate for a selector (the account list becomes a set). */
export function compileSelector(sel: AccountSelector): EntryPredicate {
  const list = sel.accounts?.length ? new Set(sel.accounts) : undefined;
  const from = sel.accountFrom || undefined;
  const to = sel.accountTo || undefined;
  const hasRange = from !== undefined || to !== undefined;
  const prefix = sel.accountPrefix || undefined;
  const anyAccount = !list && !hasRange && !prefix;
  const dims = Object.entries(sel.dimensions ?? {});
  return (e) => {
    if (!anyAccount) {
      const a = e.account;
      const hit =
        (list?.has(a) ?? false) ||
        (hasRange && (from === undefined || a >= from) && (to === undefined || a <= to)) ||
        (prefix !== undefined && a.startsWith(prefix));
      if (!hit) return false;
    }
    for (const [name, value] of dims) if ((e.dimensions[name] ?? "") !== value) return false;
    return true;
  };
}

/**
 * A basis selector narrowed to a destination: the destination's non-blank
 * dimensions are added, except those the basis names itself (they stay as it
 * names them). Basis 4000 for destination Department=B → 4000; Department=B.
 */
export function narrowBasis(basis: AccountSelector, destination: DimensionSet): AccountSelector {
  const own = basis.dimensions ?? {};
  const narrow = Object.fromEntries(Object.entries(destination).filter(([k, v]) => v !== "" && !(k in own)));
  return { ...basis, dimensions: { ...narrow, ...own } };
}

/** "accounts 6100, 6110 or 6100..6199 or 61*; Department=ADMIN" — for messages and trace rows. */
export function describeSelector(sel: AccountSelector): string {
  const parts: string[] = [];
  if (sel.accounts?.length) parts.push(`account${sel.accounts.length > 1 ? "s" : ""} ${sel.accounts.join(", ")}`);
  if (sel.accountFrom || sel.accountTo) parts.push(`accounts ${sel.accountFrom ?? ""}..${sel.accountTo ?? ""}`);
  if (sel.accountPrefix) parts.push(`accounts ${sel.accountPrefix}*`);
  const accounts = parts.length ? parts.join(" or ") : "all accounts";
  const dims = formatDimensions(sel.dimensions ?? {}, true);
  return dims ? `${accounts}; ${dims}` : accounts;
}

/** "Department=SALES, Region=EU"; blank values are left out unless `keepBlank` ("Department=(blank)"). */
export function formatDimensions(dims: DimensionSet, keepBlank = false): string {
  return Object.entries(dims)
    .filter(([, v]) => keepBlank || v !== "")
    .map(([k, v]) => `${k}=${v === "" ? "(blank)" : v}`)
    .join(", ");
}

/** "6100 · Department=SALES" */
export function accountKey(account: AccountNumber, dims: DimensionSet): string {
  const d = formatDimensions(dims);
  return d ? `${account} · ${d}` : account;
}

// ---- Checks ------------------------------------------------------------------

export interface CheckedRule {
  readonly issues: Issue[];
  /** the source range (ledger sources) */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** the fixed value (fixed sources) */
  readonly fixedAmount?: Amount;
  /** per destination for fixedPercentage / fixedWeight / equally; basis weights come from the ledger */
  readonly weights?: Amount[];
}

const HUNDRED = Amount.fromUnits(100n, 0);

/**
 * Everything about a rule that can be checked without the ledger: destinations,
 * accounts, numbers, percentages, ranges. Errors here mean no voucher.
 */
export function checkRule(
  rule: AllocationRule,
  setup: Pick<Setup, "accounts" | "where">,
  places: number,
  run: { from?: IsoDate; to?: IsoDate },
): CheckedRule {
  const issues: Issue[] = [];
  const name = ruleName(rule);
  const err = (code: IssueCode, message: string, key?: string) =>
    issues.push(issue(code, `${name}: ${message}`, ruleLocation(rule, setup.where.allocationRules, key)));

  if (!ALLOCATION_METHODS.includes(rule.method))
    err(
      "ALLOCATION_METHOD",
      `unknown method "${String(rule.method)}" (use ${ALLOCATION_METHODS.join(", ")}).`,
      "method",
    );
  if (!rule.date) err("ALLOCATION_NO_DATE", "has no posting date.");
  if (rule.destinations.length === 0) err("ALLOCATION_NO_DESTINATIONS", "has no destinations.", "destinationAccount");

  const known = (account: AccountNumber, key: string) => {
    if (!setup.accounts.has(account))
      err("UNKNOWN_ACCOUNT", `account ${account || "(blank)"} does not exist in the chart of accounts.`, key);
  };
  rule.destinations.forEach((d) => known(d.account, "destinationAccount"));
  if (rule.offset !== "source") known(rule.offset.account, "offsetAccount");

  let fixedAmount: Amount | undefined;
  let from: IsoDate | undefined;
  let to: IsoDate | undefined;
  const source = rule.source;
  if (isFixedSource(source)) {
    if (source.account) known(source.account, "sourceAccounts");
    else if (rule.offset === "source")
      err(
        "ALLOCATION_SOURCE",
        "a fixed amount credited back to its source needs one source account; give one, or an offset account.",
        "sourceAccounts",
      );
    fixedAmount = Amount.parse(source.fixedAmount);
    if (!fixedAmount)
      err("ALLOCATION_BAD_NUMBER", `the fixed amount "${source.fixedAmount}" is not a number.`, "fixedAmount");
    else if (fixedAmount.decimalPlaces() > places)
      err(
        "ALLOCATION_BAD_NUMBER",
        `the fixed amount ${source.fixedAmount} has more than ${places} decimals.`,
        "fixedAmount",
      );
  } else {
    checkSelector(source, "source", "sourceAccounts", err);
    from = rule.from ?? run.from;
    to = rule.to ?? run.to;
    if (!from || !to)
      err("ALLOCATION_NO_PERIOD", "has no source range: give the rule a from and to date, or run it for a period.");
    else if (from > to) err("ALLOCATION_NO_PERIOD", `the source range ${from}..${to} ends before it starts.`);
  }

  let weights: Amount[] | undefined;
  const parse = (text: string | undefined, what: string, i: number): Amount => {
    const a = text === undefined || text.trim() === "" ? undefined : Amount.parse(text);
    if (!a)
      err(
        "ALLOCATION_BAD_NUMBER",
        `destination ${i + 1} (${rule.destinations[i]!.account}) has no valid ${what}${text ? ` ("${text}")` : ""}.`,
        what === "percentage" ? "percentage" : "weight",
      );
    else if (a.isNegative())
      err(
        "ALLOCATION_NEGATIVE_WEIGHT",
        `destination ${i + 1} (${rule.destinations[i]!.account}) has a negative ${what} ${text}.`,
        what === "percentage" ? "percentage" : "weight",
      );
    return a ?? Amount.ZERO;
  };
  switch (rule.method) {
    case "fixedPercentage": {
      weights = rule.destinations.map((d, i) => parse(d.percentage, "percentage", i));
      const total = Amount.sum(weights);
      if (total.cmp(HUNDRED) > 0)
        err(
          "ALLOCATION_PERCENT_OVER_100",
          `the percentages add up to ${total.toString()} %, more than 100 %.`,
          "percentage",
        );
      break;
    }
    case "fixedWeight":
      weights = rule.destinations.map((d, i) => parse(d.weight, "weight", i));
      break;
    case "equally":
      weights = rule.destinations.map(() => Amount.fromUnits(1n, 0));
      break;
    case "basis":
      if (!rule.basis && rule.destinations.some((d) => !d.basis))
        err("ALLOCATION_NO_BASIS", "uses the basis method but names no basis accounts.", "basisAccounts");
      if (rule.basis) checkSelector(rule.basis, "basis", "basisAccounts", err);
      rule.destinations.forEach((d) => d.basis && checkSelector(d.basis, "basis", "basisAccounts", err));
      break;
  }
  return {
    issues,
    ...(from && to ? { from, to } : {}),
    ...(fixedAmount ? { fixedAmount } : {}),
    ...(weights ? { weights } : {}),
  };
}

function checkSelector(
  sel: AccountSelector,
  what: "source" | "basis",
  key: string,
  err: (code: IssueCode, message: string, key?: string) => void,
): void {
  if (sel.accountFrom && sel.accountTo && sel.accountFrom > sel.accountTo)
    err(
      "ALLOCATION_BAD_RANGE",
      `the ${what} account range ${sel.accountFrom}..${sel.accountTo} ends before it starts.`,
      key,
    );
}
