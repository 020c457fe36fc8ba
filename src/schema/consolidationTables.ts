/**
 * A group workbook's own tables (issue #12), declared like every other table.
 * They are not in ALL_TABLES: `closebook init --group` adds them (GROUP_TABLES)
 * to a workbook whose setting "Consolidation company" is yes; entity workbooks
 * never carry them.
 *
 * Example rows:
 *   tblEntities          [UK, Closebook UK, GBP, 80, full, 3900, 3950, 8900]
 *   tblAccountMapping    [UK, 1100..1199, 1100]
 *   tblTranslationRules  [*, 4000..4999, , weightedAverage, spot]
 *   tblEliminationRules  [IC1, 2026-01-01, , netChange, *, "1300, 2300", TradingPartner, *, , , , 6990]
 * The consolidated lines themselves are tblLedger rows of the consolidation run: dimension
 * Entity, the package and worksheet column in the description, the run id in Run id.
 */
import { ACCOUNT_TYPES, RATE_TYPES } from "../core/ledger/types";
import { TRANSLATION_METHODS } from "../core/consolidation/model";
import { col, defineTable, type TableDef } from "./defineTable";

export const ENTITIES = defineTable({
  name: "tblEntities",
  sheet: "Entities",
  description:
    "The legal entities this group consolidates: currency, ownership and method, CTA and non-controlling-interest accounts.",
  columns: [
    col("id", "Entity", "text", {
      required: true,
      description: "the id its packages carry (and its trading-partner value)",
    }),
    col("name", "Name", "text"),
    col("currency", "Accounting currency", "text", { required: true }),
    col("ownership", "Ownership %", "amount", { required: true, description: "0 < x ≤ 100" }),
    col("method", "Method", "enum", {
      required: true,
      values: ["full", "proportional"],
      description:
        "full: 100 % of every balance, the non-controlling interest computed; proportional: ownership % of every balance",
    }),
    col("ctaAccount", "CTA account", "text", {
      required: true,
      description: "the group account the translation difference posts to",
    }),
    col("nciEquityAccount", "NCI equity account", "text", {
      description: "full method below 100 %: the non-controlling interest's equity",
    }),
    col("nciIncomeAccount", "NCI income account", "text", {
      description: "full method below 100 %: the non-controlling interest's share of net income",
    }),
  ],
});

export const ACCOUNT_MAPPING = defineTable({
  name: "tblAccountMapping",
  sheet: "Account mapping",
  description:
    "Entity accounts to group accounts, first matching row of the entity, then of *; an account no row maps keeps its number.",
  columns: [
    col("entity", "Entity", "text", { required: true, description: "an entity id, or * for every entity" }),
    col("accounts", "Entity accounts", "text", {
      required: true,
      description: "1100..1199, 11*, 1100, 1110 or one account",
    }),
    col("groupAccount", "Group account", "text", { required: true }),
  ],
});

export const TRANSLATION_RULES = defineTable({
  name: "tblTranslationRules",
  sheet: "Translation rules",
  description:
    "Which rate translates which group accounts: by account range, else by account type; without a row assets and liabilities go at the current rate, revenue and expense at the period's average, equity at historical rates.",
  columns: [
    col("entity", "Entity", "text", { required: true, description: "an entity id, or *" }),
    col("accounts", "Accounts", "text", { description: "group accounts: 4000..4999, 4*, …; blank: by account type" }),
    col("accountType", "Account type", "enum", { values: ACCOUNT_TYPES }),
    col("method", "Method", "enum", { required: true, values: TRANSLATION_METHODS }),
    col("rateType", "Rate type", "enum", { values: RATE_TYPES, description: "blank: spot" }),
  ],
});

export const ELIMINATION_RULES = defineTable({
  name: "tblEliminationRules",
  sheet: "Elimination rules",
  description:
    "Intercompany eliminations (D365's): Net change takes out the matching balances of both entities of a pair; Fixed amount posts a given amount. A mismatch between two sides goes to the difference account, or is an error without one.",
  columns: [
    col("id", "Rule", "text", { required: true }),
    col("activeFrom", "Active from", "date"),
    col("activeTo", "Active to", "date"),
    col("method", "Method", "enum", { required: true, values: ["netChange", "fixed"] }),
    col("entity", "Entity", "text", { description: "entity id or pattern; blank or *: every entity" }),
    col("accounts", "Source accounts", "text", {
      required: true,
      description: "group accounts, wildcards allowed: 13*, 1300..1399; fixed amount: one account (credited)",
    }),
    col("partnerDimension", "Partner dimension", "text", { description: "blank: TradingPartner" }),
    col("partner", "Partner filter", "text", { description: "entity ids or pattern; blank or *: any partner" }),
    col("destinationAccount", "Destination account", "text", {
      description: "blank: the source account; fixed amount: the account debited",
    }),
    col("destinationDimensions", "Destination dimensions", "text", {
      description: "blank: the source's; e.g. TradingPartner=",
    }),
    col("fixedAmount", "Fixed amount", "amount", { description: "fixed method, group currency" }),
    col("differenceAccount", "Difference account", "text", {
      description: "where a mismatch between the two sides goes",
    }),
  ],
});

/** a group workbook's tables, in sheet order */
export const GROUP_TABLES: readonly TableDef[] = [ENTITIES, ACCOUNT_MAPPING, TRANSLATION_RULES, ELIMINATION_RULES];

/** the setting that makes a workbook a group workbook */
export const CONSOLIDATION_COMPANY_SETTING = "Consolidation company";
