/**
 * Consolidation's plain data: the group's entities and rules (decoded from the
 * group workbook's tables) and an entity's package (decoded from a package
 * file). Every amount is an exact Amount; every row keeps its 1-based table
 * row so an issue can name it.
 *
 * Example: an 80 % GBP subsidiary
 *   { id: "UK", name: "Closebook UK", currency: "GBP", ownership: 80, method: "full",
 *     ctaAccount: "3900", nciEquityAccount: "3950", nciIncomeAccount: "8900" }
 * and one package line of it for 2026-03 (amounts in GBP, the entity's accounting currency)
 *   { account: "1300", dimensions: { TradingPartner: "US" }, currency: "USD", period: "2026-03",
 *     start: "2026-03-01", end: "2026-03-31", opening: 800.00, activity: 200.00, closing: 1000.00 }
 */
import type {
  AccountNumber,
  AccountType,
  CurrencyCode,
  DimensionSet,
  IsoDate,
  PeriodStatus,
  RateType,
} from "../ledger/types";
import type { Amount } from "../money";

export type ConsolidationMethod = "full" | "proportional";
export type TranslationMethod = "current" | "average" | "weightedAverage" | "historical";
export const TRANSLATION_METHODS: readonly TranslationMethod[] = [
  "current",
  "average",
  "weightedAverage",
  "historical",
];
export type EliminationMethod = "netChange" | "fixed";

/** the dimension that names the other entity of an intercompany balance */
export const DEFAULT_PARTNER_DIMENSION = "TradingPartner";
/** the dimension every consolidated ledger line carries: which entity it came from */
export const ENTITY_DIMENSION = "Entity";

export interface GroupEntity {
  readonly row?: number;
  readonly id: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  /** percent, 0 < x ≤ 100 */
  readonly ownership: Amount;
  readonly method: ConsolidationMethod;
  readonly ctaAccount: AccountNumber;
  /** full method below 100 %: the NCI's share of equity (balance sheet) and of net income (P&L) */
  readonly nciEquityAccount?: AccountNumber;
  readonly nciIncomeAccount?: AccountNumber;
}

/** entity account pattern → group account; "*" entity = every entity. Unmapped accounts keep their number. */
export interface AccountMapRule {
  readonly row?: number;
  readonly entity: string;
  /** "1000..1999", "13*", "1300,2300" or one account */
  readonly accounts: string;
  readonly groupAccount: AccountNumber;
}

/** which rate translates a group account: by account pattern, else by account type */
export interface TranslationRule {
  readonly row?: number;
  readonly entity: string;
  readonly accounts?: string;
  readonly accountType?: AccountType;
  readonly method: TranslationMethod;
  readonly rateType: RateType;
}

export interface EliminationRule {
  readonly row?: number;
  readonly id: string;
  readonly activeFrom?: IsoDate;
  readonly activeTo?: IsoDate;
  readonly method: EliminationMethod;
  /** "*" or an entity id */
  readonly entity: string;
  /** group accounts the rule eliminates (patterns as in mapping) */
  readonly accounts: string;
  readonly partnerDimension: string;
  /** trading-partner filter: "*" any non-blank partner, else a pattern of entity ids */
  readonly partner: string;
  /** blank: the source account */
  readonly destinationAccount?: AccountNumber;
  /** undefined: the source line's dimensions */
  readonly destinationDimensions?: DimensionSet;
  /** fixed method: the amount debited to the destination (credited to the source account) */
  readonly fixedAmount?: Amount;
  /** where a mismatch between the two sides goes; without it a mismatch is an error */
  readonly differenceAccount?: AccountNumber;
}

/** one package balance: account × dimensions × transaction currency × period, in the entity's accounting currency */
export interface PackageLine {
  readonly row?: number;
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly currency: CurrencyCode;
  readonly period: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly opening: Amount;
  readonly activity: Amount;
  readonly closing: Amount;
}

/** a dated change of an equity account (share capital, retained earnings), for historical translation */
export interface EquityChange {
  readonly row?: number;
  readonly account: AccountNumber;
  readonly dimensions: DimensionSet;
  readonly date: IsoDate;
  readonly amount: Amount;
}

export interface EntityPackage {
  /** the file (or workbook) it was read from, for issues and the consolidated lines */
  readonly source: string;
  readonly entity: string;
  readonly currency: CurrencyCode;
  /** the period consolidated; lines hold every operating period of its fiscal year up to it */
  readonly period: string;
  readonly periodEnd: IsoDate;
  readonly status: PeriodStatus;
  readonly draft: boolean;
  /** the entity's seal chain head for the period ("" when not sealed) */
  readonly sealHead: string;
  readonly lines: readonly PackageLine[];
  readonly equityChanges: readonly EquityChange[];
}
