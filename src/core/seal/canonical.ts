/**
 * Canonical, versioned serialization of a ledger row for the seal. Version 1:
 * a JSON array of the row's fields in a fixed order, with amounts as their
 * shortest exact decimal text, blank dimension values left out (so adding a
 * dimension later does not change old rows), and timestamps to the second
 * (a spreadsheet stores date-times as doubles; milliseconds do not survive).
 *
 * Example: entry 17, GL-000005, 2026-03-31, period 2026-03, account 1110,
 * Department SALES, EUR 100.00 / USD 108.25 →
 *   [17,"GL-000005","2026-03-31","2026-03","1110",{"Department":"SALES"},"EUR","100","108.25","","Sale","journal:GJ","RUN-000002","","alice","2026-04-01T09:00:00Z"]
 */
import type { LedgerEntry } from "../ledger/types";
import type { Amount } from "../money";

export const SEAL_VERSION = 1;

/**
 * The ledger fields a seal covers (keys of the ledger's columns; "dimensions" stands for every
 * dimension column), in serialization order (also the fingerprint order).
 */
export const SEALED_COLUMNS = [
  "entryNo",
  "voucher",
  "date",
  "period",
  "account",
  "dimensions",
  "currency",
  "amount",
  "amountAccounting",
  "amountReporting",
  "description",
  "source",
  "runId",
  "settlementId",
  "user",
  "postedAt",
] as const;

export function canonicalAmount(a: Amount | undefined): string {
  if (!a) return "";
  return a.round(a.decimalPlaces()).toString();
}

export function canonicalTimestamp(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  return new Date(Math.round(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function canonicalDimensions(d: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(d).sort()) if (d[k]) out[k] = d[k]!;
  return out;
}

/** The row's field values, in SEALED_COLUMNS order, as canonical texts. */
export function canonicalFields(e: LedgerEntry): string[] {
  return [
    String(e.entryNo),
    e.voucher,
    e.date,
    e.period,
    e.account,
    JSON.stringify(canonicalDimensions(e.dimensions)),
    e.currency,
    canonicalAmount(e.amount),
    canonicalAmount(e.amountAccounting),
    canonicalAmount(e.amountReporting),
    e.description,
    e.source,
    e.runId,
    e.settlementId,
    e.user,
    canonicalTimestamp(e.postedAt),
  ];
}

export function canonicalRow(e: LedgerEntry): string {
  const f = canonicalFields(e);
  return JSON.stringify([e.entryNo, f[1], f[2], f[3], f[4], canonicalDimensions(e.dimensions), ...f.slice(6)]);
}
