/**
 * Reads a group workbook's consolidation tables (consolidationTables.ts) into
 * core values; every unreadable cell or bad rule is an issue naming table, row
 * and column, and the row is left out.
 *
 * Example: tblEntities row 2 [UK, Closebook UK, GBP, 120, full, 3900] →
 *   BAD_OWNERSHIP "Ownership % must be more than 0 and at most 100, not 120." at tblEntities row 2, Ownership %
 */
import type { AccountMapRule, EliminationRule, GroupEntity, TranslationRule } from "../core/consolidation/model";
import { DEFAULT_PARTNER_DIMENSION } from "../core/consolidation/model";
import { patternIsValid } from "../core/consolidation/patterns";
import { issue, type Issue, type IssueCode } from "../core/issues/issue";
import { Amount } from "../core/money";
import type { RawTable } from "../ports/workbook";
import { parseDimensions } from "./allocationRulesCodec";
import { decodeCell } from "./cells";
import {
  ACCOUNT_MAPPING,
  CONSOLIDATION_COMPANY_SETTING,
  ELIMINATION_RULES,
  ENTITIES,
  TRANSLATION_RULES,
} from "./consolidationTables";
import { decodeTable, normalizeHeader, validRows, type DecodedRow } from "./decodeTable";
import type { Key, TableDef } from "./defineTable";
import { SETTINGS } from "./tables";
import { textOf } from "../core/text/textOf";

type Raw = ReadonlyMap<string, RawTable | undefined>;
/** A decoded cell by key (checked against the row's declaration), trimmed; blank as "". */
const str = <T extends object>(v: T, k: keyof T & string): string => {
  const x: unknown = v[k];
  return textOf(x).trim();
};
const opt = <T extends object>(v: T, k: keyof T & string): string | undefined =>
  str(v, k) === "" ? undefined : str(v, k);

export interface GroupRules {
  readonly isGroup: boolean;
  readonly entities: GroupEntity[];
  readonly mapping: AccountMapRule[];
  readonly translation: TranslationRule[];
  readonly eliminations: EliminationRule[];
  readonly issues: Issue[];
}

/** whether the settings say "Consolidation company" = yes */
export function isConsolidationCompany(raw: Raw): boolean {
  const t = raw.get(SETTINGS.name);
  if (!t) return false;
  const si = t.headers.findIndex((h) => normalizeHeader(String(h)) === "setting");
  const vi = t.headers.findIndex((h) => normalizeHeader(String(h)) === "value");
  const row = t.rows.find((r) => normalizeHeader(textOf(r[si])) === normalizeHeader(CONSOLIDATION_COMPANY_SETTING));
  const d = row ? decodeCell("bool", row[vi] ?? null) : undefined;
  return d?.ok === true && d.value === true;
}

export function decodeGroupRules(raw: Raw): GroupRules {
  const issues: Issue[] = [];
  const rows = <D extends TableDef>(def: D) => {
    const t = decodeTable(def, raw.get(def.name), []);
    issues.push(...t.issues);
    return validRows(t.rows);
  };
  const bad = (def: TableDef, row: number, column: string, code: IssueCode, message: string) =>
    issues.push(issue(code, message, { table: def.name, row, column }));
  const pattern = <D extends TableDef>(def: D, r: DecodedRow<D>, key: Key<D>, column: string): boolean => {
    const p = str(r.values, key);
    if (patternIsValid(p)) return true;
    bad(
      def,
      r.row,
      column,
      "BAD_PATTERN",
      `"${p}" is not an account pattern (1300, 13*, 1300..1399, or a list of them).`,
    );
    return false;
  };

  const entities: GroupEntity[] = [];
  const ids = new Map<string, number>();
  for (const r of rows(ENTITIES)) {
    const v = r.values;
    const id = str(v, "id");
    const ownership = v.ownership;
    if (ids.has(id)) {
      bad(ENTITIES, r.row, "Entity", "DUPLICATE_ENTITY", `Entity ${id} is already declared on row ${ids.get(id)}.`);
      continue;
    }
    ids.set(id, r.row);
    if (!ownership.isPositive() || ownership.cmp(Amount.fromUnits(100n, 0)) > 0) {
      bad(
        ENTITIES,
        r.row,
        "Ownership %",
        "BAD_OWNERSHIP",
        `Ownership % must be more than 0 and at most 100, not ${ownership.toString()}.`,
      );
      continue;
    }
    entities.push({
      row: r.row,
      id,
      name: str(v, "name") || id,
      currency: str(v, "currency").toUpperCase(),
      ownership,
      method: v.method,
      ctaAccount: str(v, "ctaAccount"),
      ...(opt(v, "nciEquityAccount") ? { nciEquityAccount: str(v, "nciEquityAccount") } : {}),
      ...(opt(v, "nciIncomeAccount") ? { nciIncomeAccount: str(v, "nciIncomeAccount") } : {}),
    });
  }

  const mapping: AccountMapRule[] = rows(ACCOUNT_MAPPING)
    .filter((r) => pattern(ACCOUNT_MAPPING, r, "accounts", "Entity accounts"))
    .map((r) => ({
      row: r.row,
      entity: str(r.values, "entity"),
      accounts: str(r.values, "accounts"),
      groupAccount: str(r.values, "groupAccount"),
    }));

  const translation: TranslationRule[] = [];
  for (const r of rows(TRANSLATION_RULES)) {
    const v = r.values;
    if (!pattern(TRANSLATION_RULES, r, "accounts", "Accounts")) continue;
    if (!opt(v, "accounts") && !opt(v, "accountType")) {
      bad(
        TRANSLATION_RULES,
        r.row,
        "Accounts",
        "BAD_TRANSLATION_RULE",
        "Give the accounts or the account type the rule translates.",
      );
      continue;
    }
    translation.push({
      row: r.row,
      entity: str(v, "entity"),
      ...(opt(v, "accounts") ? { accounts: str(v, "accounts") } : {}),
      ...(v.accountType ? { accountType: v.accountType } : {}),
      method: v.method,
      rateType: v.rateType ?? "spot",
    });
  }

  const eliminations: EliminationRule[] = [];
  for (const r of rows(ELIMINATION_RULES)) {
    const v = r.values;
    if (!pattern(ELIMINATION_RULES, r, "accounts", "Source accounts")) continue;
    const dims = opt(v, "destinationDimensions");
    const parsed = dims === undefined ? undefined : parseDimensions(dims);
    if (dims !== undefined && !parsed) {
      bad(
        ELIMINATION_RULES,
        r.row,
        "Destination dimensions",
        "BAD_DIMENSIONS",
        `"${dims}" is not a list of dimension=value pairs.`,
      );
      continue;
    }
    const method = v.method;
    if (method === "fixed" && (v.fixedAmount === undefined || !opt(v, "destinationAccount"))) {
      bad(
        ELIMINATION_RULES,
        r.row,
        "Fixed amount",
        "BAD_ELIMINATION_RULE",
        "A fixed-amount rule needs a fixed amount and a destination account.",
      );
      continue;
    }
    eliminations.push({
      row: r.row,
      id: str(v, "id"),
      ...(opt(v, "activeFrom") ? { activeFrom: str(v, "activeFrom") } : {}),
      ...(opt(v, "activeTo") ? { activeTo: str(v, "activeTo") } : {}),
      method,
      entity: opt(v, "entity") ?? "*",
      accounts: str(v, "accounts"),
      partnerDimension: opt(v, "partnerDimension") ?? DEFAULT_PARTNER_DIMENSION,
      partner: opt(v, "partner") ?? "*",
      ...(opt(v, "destinationAccount") ? { destinationAccount: str(v, "destinationAccount") } : {}),
      ...(parsed ? { destinationDimensions: parsed } : {}),
      ...(v.fixedAmount !== undefined ? { fixedAmount: v.fixedAmount } : {}),
      ...(opt(v, "differenceAccount") ? { differenceAccount: str(v, "differenceAccount") } : {}),
    });
  }
  return { isGroup: isConsolidationCompany(raw), entities, mapping, translation, eliminations, issues };
}
