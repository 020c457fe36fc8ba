/**
 * Reads allocation rules from tblAllocationRules: one row per destination,
 * rows sharing a Rule id form one rule. Selector texts: "6100", "6100,6110",
 * "6100-6199" (a range) or "61*" (a prefix); dimension texts
 * "Department=ADMIN; CostCenter=CC100".
 *
 * Which row says what (what a controller filling the table in expects):
 * - Destination account and dimensions, Percentage, Weight: each row its own.
 * - Basis accounts and Basis dimensions: each row may name its own basis; a
 *   blank cell means the first row's. A destination's basis is narrowed to its
 *   own dimensions unless the basis names that dimension itself (basis 4000 for
 *   Department=B reads 4000 in B; basis "4000; Department=A" reads A).
 * - Method, Source accounts/dimensions, Fixed amount, Offset account/dimensions
 *   belong to the rule: given on its first row; a later row may leave them
 *   blank or repeat them, and one that says otherwise is an error
 *   (ALLOCATION_ROW_CONFLICT, naming that row and column) and the rule is not
 *   read — never a value silently ignored. Description is a note per row.
 * - A fixed amount needs a source account only when it is credited back to its
 *   source (no offset account).
 *
 * Example rows: (R1, Rent to departments, fixedPercentage, 6100, Department=ADMIN, , 6100,
 * Department=SALES, 60) and (R1, …, 6100, Department=ADMIN, 40) → one rule moving 60 % and
 * 40 % of ADMIN's rent, credited back to the source.
 */
import {
  narrowBasis,
  type AccountSelector,
  type AllocationDestination,
  type AllocationRule,
} from "../core/close/allocationRules";
import { issue, type Issue } from "../core/issues/issue";
import type { DimensionSet, IsoDate } from "../core/ledger/types";
import type { Amount } from "../core/money";
import type { RawTable } from "../ports/workbook";
import { decodeTable, validRows, type ValidRow } from "./decodeTable";
import { ALLOCATION_RULES } from "./tables";
import { textOf } from "../core/text/textOf";

export function parseDimensions(text: string | undefined): DimensionSet | undefined {
  if (!text?.trim()) return undefined;
  const out: Record<string, string> = {};
  for (const part of text.split(/[;\n]/)) {
    const [k, ...v] = part.split("=");
    if (k?.trim()) out[k.trim()] = v.join("=").trim();
  }
  return out;
}

export function parseSelector(accounts: string | undefined, dims: string | undefined): AccountSelector | string {
  const list: string[] = [];
  let range: [string, string] | undefined;
  let prefix: string | undefined;
  for (const token of (accounts ?? "")
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)) {
    if (token.endsWith("*")) {
      if (prefix !== undefined) return `only one prefix per selector ("${prefix}*" and "${token}")`;
      prefix = token.slice(0, -1);
    } else if (/^[^-]+-[^-]+$/.test(token)) {
      if (range) return `only one range per selector`;
      const [a, b] = token.split("-");
      range = [a!.trim(), b!.trim()];
    } else list.push(token);
  }
  const dimensions = parseDimensions(dims);
  return {
    ...(list.length ? { accounts: list } : {}),
    ...(range ? { accountFrom: range[0], accountTo: range[1] } : {}),
    ...(prefix !== undefined ? { accountPrefix: prefix } : {}),
    ...(dimensions ? { dimensions } : {}),
  };
}

type DecodedRow = ReturnType<typeof decodeTable>["rows"][number];

/** The rule's own columns, given once on its first row (Description is a note and may differ per row). */
const RULE_COLUMNS = [
  "method",
  "sourceAccounts",
  "sourceDimensions",
  "fixedAmount",
  "offsetAccount",
  "offsetDimensions",
] as const;

const headerOf = (key: string) => ALLOCATION_RULES.columns.find((c) => c.key === key)!.header;

/** A cell as comparable text: "" for blank; lists without spaces; dimensions sorted; amounts without trailing zeros. */
function canonical(key: string, v: unknown): string {
  if (v === undefined || v === null) return "";
  if (key === "fixedAmount") {
    const a = v as Amount;
    return a.round(a.decimalPlaces()).toString();
  }
  const t = textOf(v).trim();
  if (key.endsWith("Dimensions")) {
    const d = parseDimensions(t) ?? {};
    return JSON.stringify(
      Object.keys(d)
        .sort()
        .map((k) => [k, d[k]]),
    );
  }
  return key.endsWith("Accounts") || key === "offsetAccount"
    ? t
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean)
        .join(",")
    : t;
}

/** Later rows that give a rule column a value other than the first row's. */
function conflicts(id: string, rows: readonly DecodedRow[]): Issue[] {
  const first = rows[0]!;
  const out: Issue[] = [];
  for (const r of rows.slice(1)) {
    for (const key of RULE_COLUMNS) {
      const mine = canonical(key, r.values[key]);
      const theirs = canonical(key, first.values[key]);
      if (mine === "" || mine === theirs) continue;
      const column = headerOf(key);
      const shown = (v: unknown) => (textOf(v).trim() === "" ? "(blank)" : `"${textOf(v).trim()}"`);
      out.push(
        issue(
          "ALLOCATION_ROW_CONFLICT",
          `Rule ${id}: this row says ${column} ${shown(r.values[key])}, but the rule's first row (row ${first.row}) says ${shown(first.values[key])}. A rule's ${column} is given on its first row; leave it blank on the others (or give each rule its own id).`,
          { table: ALLOCATION_RULES.name, row: r.row, column },
        ),
      );
    }
  }
  return out;
}

export function decodeAllocationRules(
  raw: RawTable | undefined,
  date: IsoDate,
  only?: readonly string[],
): { rules: AllocationRule[]; issues: Issue[] } {
  const t = decodeTable(ALLOCATION_RULES, raw, [], true);
  const issues: Issue[] = [...t.issues];
  const groups = new Map<string, ValidRow<typeof ALLOCATION_RULES>[]>();
  for (const r of validRows(t.rows)) {
    if (r.values.active === false) continue;
    const id = r.values.rule;
    if (only && !only.includes(id)) continue;
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  const rules: AllocationRule[] = [];
  for (const [id, rows] of groups) {
    const head = rows[0]!.values;
    const at = (column: string, row = rows[0]!.row) => ({ table: ALLOCATION_RULES.name, row, column });
    const text = (k: string, v: Record<string, unknown> = head) =>
      textOf(v[k]).trim() === "" ? undefined : textOf(v[k]);
    const conflict = conflicts(id, rows);
    if (conflict.length) {
      issues.push(...conflict);
      continue;
    }
    const fixed = head.fixedAmount;
    let source: AllocationRule["source"];
    if (fixed) {
      // the account a fixed amount credited back to its source credits; blank with an offset account (checkRule)
      const dims = parseDimensions(text("sourceDimensions"));
      source = {
        fixedAmount: fixed.toString(),
        account: text("sourceAccounts")?.trim() ?? "",
        ...(dims ? { dimensions: dims } : {}),
      };
    } else {
      const sel = parseSelector(text("sourceAccounts"), text("sourceDimensions"));
      if (typeof sel === "string") {
        issues.push(issue("ALLOCATION_SOURCE", `Rule ${id}: ${sel}.`, at("Source accounts")));
        continue;
      }
      source = sel;
    }
    const basisSel =
      text("basisAccounts") || text("basisDimensions")
        ? parseSelector(text("basisAccounts"), text("basisDimensions"))
        : undefined;
    if (typeof basisSel === "string") {
      issues.push(issue("ALLOCATION_BASIS", `Rule ${id}: ${basisSel}.`, at("Basis accounts")));
      continue;
    }
    const destinations: (AllocationDestination | Issue)[] = rows.map((r, i) => {
      const v = r.values;
      const pct = v.percentage;
      const weight = v.weight;
      const dimensions = parseDimensions(v.destinationDimensions) ?? {};
      // a row's own basis: its basis accounts and dimensions, each blank one the first row's
      const accounts = text("basisAccounts", v) ?? text("basisAccounts");
      const dims = text("basisDimensions", v) ?? text("basisDimensions");
      const same =
        canonical("basisAccounts", accounts) === canonical("basisAccounts", text("basisAccounts")) &&
        canonical("basisDimensions", dims) === canonical("basisDimensions", text("basisDimensions"));
      const own = i === 0 || same ? undefined : parseSelector(accounts, dims);
      if (typeof own === "string") return issue("ALLOCATION_BASIS", `Rule ${id}: ${own}.`, at("Basis accounts", r.row));
      return {
        account: String(v.destinationAccount),
        dimensions,
        ...(pct ? { percentage: pct.toString() } : {}),
        ...(weight ? { weight: weight.toString() } : {}),
        ...(own ? { basis: narrowBasis(own, dimensions) } : {}),
      };
    });
    const bad = destinations.filter((d): d is Issue => "code" in d);
    if (bad.length) {
      issues.push(...bad);
      continue;
    }
    const offsetAccount = text("offsetAccount")?.trim();
    const offsetDims = parseDimensions(text("offsetDimensions"));
    rules.push({
      id,
      description: text("description") ?? "",
      method: head.method,
      source,
      destinations: destinations as AllocationDestination[],
      ...(basisSel ? { basis: basisSel } : {}),
      offset: offsetAccount ? { account: offsetAccount, ...(offsetDims ? { dimensions: offsetDims } : {}) } : "source",
      date,
      row: rows[0]!.row,
    });
  }
  return { rules, issues };
}
