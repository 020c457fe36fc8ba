/**
 * The closed-period seal: a SHA-256 chain over a period's ledger rows in
 * canonical form (canonical.ts). Each row's hash covers the previous row's
 * hash; the first row chains from the previous seal's hash, so seals chain
 * across periods. Stored as "$<version>$<hex>" so the format can evolve.
 *
 * Worked example: period 2026-01 holds entries 1 and 2, no earlier seal:
 *   h1 = SHA-256("" + canonicalRow(entry 1)), h2 = SHA-256(h1 + canonicalRow(entry 2))
 *   seal = { period "2026-01", count 2, firstEntry 1, lastEntry 2, hash "$1$"+h2, previousHash "" }
 * Sealing 2026-02 next starts from h2: its first row hash is SHA-256(h2 + row 3).
 * Each sealed row is also kept (tblSealRows) with its hash and a 4-hex-digit
 * fingerprint per column, so a verify can name the changed row and column.
 */
import { fingerprint } from "../crypto/fingerprint";
import { sha256Text, type HashText } from "../crypto/hashing";
import type { LedgerEntry } from "../ledger/types";
import { Amount } from "../money";
import { canonicalFields, canonicalRow, SEAL_VERSION } from "./canonical";

export interface SealRecord {
  /** 1-based data row in the seals table, when read from a workbook (the record's source; not hashed) */
  readonly row?: number;
  readonly period: string;
  readonly version: number;
  readonly status: "sealed" | "unsealed";
  readonly firstEntry?: number;
  readonly lastEntry?: number;
  readonly count: number;
  readonly debit: Amount;
  readonly credit: Amount;
  readonly hash: string;
  readonly previousHash: string;
  readonly sealedBy: string;
  readonly sealedAt: string;
  readonly reason: string;
  readonly runId: string;
}

export interface SealRow {
  readonly period: string;
  readonly entryNo: number;
  /** 1-based position of the row within the sealed period */
  readonly position: number;
  readonly hash: string;
  readonly fingerprints: string;
  readonly runId: string;
}

export function stripVersion(hash: string): string {
  const m = /^\$\d+\$(.*)$/.exec(hash);
  return m ? m[1]! : hash;
}

export function versioned(hex: string, version = SEAL_VERSION): string {
  return `$${version}$${hex}`;
}

export function rowFingerprints(e: LedgerEntry): string {
  return canonicalFields(e).map(fingerprint).join("");
}

/** canonicalRow per entry object (entries are immutable): a verification's two passes (withHashes) build it once. */
const canonicalOf = new WeakMap<LedgerEntry, string>();

export function rowHash(previous: string, e: LedgerEntry, hash: HashText = sha256Text): string {
  let row = canonicalOf.get(e);
  if (row === undefined) canonicalOf.set(e, (row = canonicalRow(e)));
  return hash(stripVersion(previous) + row);
}

/** The period's rows, in ledger order. */
export function periodRows(ledger: readonly LedgerEntry[], period: string): LedgerEntry[] {
  return ledger.filter((e) => e.period === period);
}

export interface SealMeta {
  readonly period: string;
  readonly previousHash: string;
  readonly user: string;
  readonly now: string;
  readonly reason: string;
  readonly runId: string;
}

export function computeSeal(ledger: readonly LedgerEntry[], meta: SealMeta): { seal: SealRecord; rows: SealRow[] } {
  const rows = periodRows(ledger, meta.period);
  let prev = stripVersion(meta.previousHash);
  let debit = Amount.ZERO;
  let credit = Amount.ZERO;
  const sealRows: SealRow[] = rows.map((e, i) => {
    prev = rowHash(prev, e);
    if (e.amountAccounting.isPositive()) debit = debit.plus(e.amountAccounting);
    else credit = credit.minus(e.amountAccounting);
    return {
      period: meta.period,
      entryNo: e.entryNo,
      position: i + 1,
      hash: versioned(prev),
      fingerprints: rowFingerprints(e),
      runId: meta.runId,
    };
  });
  const seal: SealRecord = {
    period: meta.period,
    version: SEAL_VERSION,
    status: "sealed",
    firstEntry: rows[0]?.entryNo,
    lastEntry: rows[rows.length - 1]?.entryNo,
    count: rows.length,
    debit,
    credit,
    hash: versioned(prev),
    previousHash: meta.previousHash,
    sealedBy: meta.user,
    sealedAt: meta.now,
    reason: meta.reason,
    runId: meta.runId,
  };
  return { seal, rows: sealRows };
}

/** The seal record in force for each period: the last one written for it. */
export function activeSeals(seals: readonly SealRecord[]): Map<string, SealRecord> {
  const out = new Map<string, SealRecord>();
  for (const s of seals) out.set(s.period, s);
  return out;
}

export function sealedPeriods(seals: readonly SealRecord[]): Set<string> {
  return new Set([...activeSeals(seals).values()].filter((s) => s.status === "sealed").map((s) => s.period));
}

/** The hash a new seal chains from: the last "sealed" record written, or "" for the first. */
export function chainHead(seals: readonly SealRecord[]): string {
  for (let i = seals.length - 1; i >= 0; i--) if (seals[i]!.status === "sealed") return seals[i]!.hash;
  return "";
}
