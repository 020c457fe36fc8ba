/**
 * Reads allocation rules from tblAllocationRules: one row per destination,
 * rows sharing a Rule id form one rule. Selector texts: "6100", "6100,6110",
 * "6100-6199" (a range) or "61*" (a prefix); dimension texts
 * "Department=ADMIN; CostCenter=CC100".
 *
 * Example rows: (R1, Rent to departments, fixedPercentage, 6100, Department=ADMIN, , 6100,
 * Department=SALES, 60) and (R1, …, 6100, Department=ADMIN, 40) → one rule moving 60 % and
 * 40 % of ADMIN's rent, credited back to the source.
 */
import type { AccountSelector, AllocationDestination, AllocationMethod, AllocationRule } from "../core/close/allocationRules";
import { issue, type Issue } from "../core/issues/issue";
import type { DimensionSet, IsoDate } from "../core/ledger/types";
import type { Amount, Rate } from "../core/money";
import type { RawTable } from "../ports/workbook";
import { decodeTable } from "./decodeTable";
import { ALLOCATION_RULES } from "./tables";

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
  for (const token of (accounts ?? "").split(",").map((t) => t.trim()).filter(Boolean)) {
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

export function decodeAllocationRules(raw: RawTable | undefined, date: IsoDate, only?: readonly string[]): { rules: AllocationRule[]; issues: Issue[] } {
  const t = decodeTable(ALLOCATION_RULES, raw, [], true);
  const issues: Issue[] = [...t.issues];
  const groups = new Map<string, typeof t.rows>();
  for (const r of t.rows) {
    if (r.invalid || r.values.active === false) continue;
    const id = String(r.values.rule);
    if (only && !only.includes(id)) continue;
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  const rules: AllocationRule[] = [];
  for (const [id, rows] of groups) {
    const head = rows[0]!.values;
    const at = (column: string) => ({ table: ALLOCATION_RULES.name, row: rows[0]!.row, column });
    const text = (k: string) => (head[k] === undefined ? undefined : String(head[k]));
    const fixed = head.fixedAmount as Amount | undefined;
    let source: AllocationRule["source"];
    if (fixed) {
      const acct = text("sourceAccounts");
      if (!acct) {
        issues.push(issue("ALLOCATION_SOURCE", `Rule ${id}: a fixed amount needs one source account (what an offset to the source credits).`, at("Source accounts")));
        continue;
      }
      const dims = parseDimensions(text("sourceDimensions"));
      source = { fixedAmount: fixed.toString(), account: acct, ...(dims ? { dimensions: dims } : {}) };
    } else {
      const sel = parseSelector(text("sourceAccounts"), text("sourceDimensions"));
      if (typeof sel === "string") {
        issues.push(issue("ALLOCATION_SOURCE", `Rule ${id}: ${sel}.`, at("Source accounts")));
        continue;
      }
      source = sel;
    }
    const basisSel = text("basisAccounts") || text("basisDimensions") ? parseSelector(text("basisAccounts"), text("basisDimensions")) : undefined;
    if (typeof basisSel === "string") {
      issues.push(issue("ALLOCATION_BASIS", `Rule ${id}: ${basisSel}.`, at("Basis accounts")));
      continue;
    }
    const destinations: AllocationDestination[] = rows.map((r) => {
      const v = r.values;
      const pct = v.percentage as Rate | undefined;
      const weight = v.weight as Rate | undefined;
      return {
        account: String(v.destinationAccount),
        dimensions: parseDimensions(v.destinationDimensions as string | undefined) ?? {},
        ...(pct ? { percentage: pct.toString() } : {}),
        ...(weight ? { weight: weight.toString() } : {}),
      };
    });
    const offsetAccount = text("offsetAccount");
    const offsetDims = parseDimensions(text("offsetDimensions"));
    rules.push({
      id,
      description: text("description") ?? "",
      method: String(head.method) as AllocationMethod,
      source,
      destinations,
      ...(basisSel ? { basis: basisSel } : {}),
      offset: offsetAccount ? { account: offsetAccount, ...(offsetDims ? { dimensions: offsetDims } : {}) } : "source",
      date,
      row: rows[0]!.row,
    });
  }
  return { rules, issues };
}
