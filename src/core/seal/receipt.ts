/**
 * The seal receipt: an anchor for the seal chain outside the workbook. A file
 * carries its own hashes, so whoever edits it can recompute them all (a "full
 * forgery"); a receipt written when a period is put on hold or closed, and kept
 * by the controller, records what the chain said then: the period, its row
 * count, the seal's hash (the head of the seal chain), the audit log's length
 * and last hash, the time and the user. Checking a workbook against it proves
 * that the period's ledger rows, every sealed period before it (their hashes
 * feed this one's), and the first `auditRows` audit rows are exactly what they
 * were at sealing. It proves nothing about rows, audit records or seals added
 * after it. Optionally signed with HMAC-SHA-256 under a key kept outside the
 * workbook, so the receipt itself cannot be forged by someone without the key.
 *
 * Example: hold 2026-03 (6 rows) → receipt
 *   {"format":"closebook-seal-receipt/1","period":"2026-03","runId":"RUN-000002","count":6,
 *    "hash":"$1$ab…","auditRows":2,"auditHead":"$1$cd…","time":"2026-04-05T09:00:00.000Z","user":"bob"}
 * Changing one sealed amount and recomputing every hash in the file changes the
 * recomputed head → RECEIPT_MISMATCH.
 */
import { sha256, toHex } from "../crypto/sha256";
import { issue, type Issue } from "../issues/issue";
import { cellAt, inTable } from "../issues/where";
import type { AuditRecord, LedgerEntry } from "../ledger/types";
import type { Setup } from "../ledger/book";
import { activeSeals, periodRows, rowHash, type SealRecord, stripVersion, versioned } from "./seal";

export const RECEIPT_FORMAT = "closebook-seal-receipt/1";

export interface SealReceipt {
  readonly format: string;
  readonly period: string;
  readonly runId: string;
  readonly count: number;
  /** the seal's hash: the head of the seal chain once this period was sealed */
  readonly hash: string;
  readonly auditRows: number;
  readonly auditHead: string;
  readonly time: string;
  readonly user: string;
  /** HMAC-SHA-256 (hex) of `receiptPayload`, when signed */
  readonly hmac?: string;
}

const FIELDS = ["format", "period", "runId", "count", "hash", "auditRows", "auditHead", "time", "user"] as const;

/** The signed text: the fields in a fixed order, as JSON. */
export function receiptPayload(r: SealReceipt): string {
  return JSON.stringify(FIELDS.map((f) => r[f]));
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** HMAC-SHA-256 (RFC 2104) of `message` under `key`, as hex. */
export function hmacSha256Hex(key: string, message: string): string {
  let k = utf8(key);
  if (k.length > 64) k = sha256(k);
  const pad = (x: number) => {
    const out = new Uint8Array(64);
    for (let i = 0; i < 64; i++) out[i] = (k[i] ?? 0) ^ x;
    return out;
  };
  const join = (a: Uint8Array, b: Uint8Array) => {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  return toHex(sha256(join(pad(0x5c), sha256(join(pad(0x36), utf8(message))))));
}

/** The receipt of the seal in force for `period`, as the book stands now (just after the hold or close). */
export function makeReceipt(
  book: { seals: readonly SealRecord[]; audit: readonly AuditRecord[] },
  period: string,
  time: string,
  user: string,
  key?: string,
): SealReceipt | undefined {
  const seal = activeSeals(book.seals).get(period);
  if (!seal || seal.status !== "sealed") return undefined;
  const last = book.audit[book.audit.length - 1];
  const r: SealReceipt = {
    format: RECEIPT_FORMAT,
    period,
    runId: seal.runId,
    count: seal.count,
    hash: seal.hash,
    auditRows: book.audit.length,
    auditHead: last?.hash ?? "",
    time,
    user,
  };
  return key ? { ...r, hmac: hmacSha256Hex(key, receiptPayload(r)) } : r;
}

/** Reads a receipt file's text; an issue naming the file when it is not one. */
export function parseReceipt(text: string, file: string): SealReceipt | Issue {
  const bad = (why: string) =>
    issue("RECEIPT_UNREADABLE", `${file} is not a Closebook seal receipt: ${why}.`, { table: file });
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return bad("it is not JSON");
  }
  if (!v || typeof v !== "object") return bad("it is not a JSON object");
  const o = v as Record<string, unknown>;
  if (o.format !== RECEIPT_FORMAT) return bad(`its format is not "${RECEIPT_FORMAT}"`);
  for (const f of ["period", "runId", "hash", "auditHead", "time", "user"] as const)
    if (typeof o[f] !== "string") return bad(`"${f}" is missing`);
  for (const f of ["count", "auditRows"] as const)
    if (typeof o[f] !== "number" || !Number.isInteger(o[f]) || o[f] < 0) return bad(`"${f}" is not a whole number`);
  if (o.hmac !== undefined && typeof o.hmac !== "string") return bad(`"hmac" is not text`);
  return o as unknown as SealReceipt;
}

/**
 * Checks a workbook against a receipt: its signature (when a key is given), a
 * seal of the period with the receipt's hash, that hash recomputed from the
 * ledger rows as they are now, and the audit log's first `auditRows` rows.
 * (The chain between seals and the audit chain are checked by verify itself.)
 */
export function checkReceipt(
  book: {
    ledger: readonly LedgerEntry[];
    seals: readonly SealRecord[];
    audit: readonly AuditRecord[];
    setup: Pick<Setup, "where">;
  },
  r: SealReceipt,
  file: string,
  key?: string,
): Issue[] {
  const out: Issue[] = [];
  if (key !== undefined) {
    if (!r.hmac)
      out.push(
        issue("RECEIPT_UNSIGNED", `${file} is not signed, but a receipt key was given: it cannot be trusted.`, {
          table: file,
        }),
      );
    else if (hmacSha256Hex(key, receiptPayload(r)) !== r.hmac)
      out.push(
        issue(
          "RECEIPT_FORGED",
          `${file}'s signature does not match its contents under the key given: the receipt was altered or signed with another key.`,
          { table: file },
        ),
      );
  }
  const seal = book.seals.find(
    (s) => s.period === r.period && s.status === "sealed" && stripVersion(s.hash) === stripVersion(r.hash),
  );
  if (!seal) {
    const now = activeSeals(book.seals).get(r.period);
    out.push(
      issue(
        "RECEIPT_MISMATCH",
        `The workbook has no seal of period ${r.period} with the receipt's hash ${r.hash}${now ? ` (its seal record reads ${now.hash})` : ""}: what was sealed on ${r.time} was changed, or the seals were recomputed.`,
        cellAt(book.setup.where.seals, "hash"),
      ),
    );
  } else {
    let head = seal.previousHash;
    const rows = periodRows(book.ledger, r.period);
    for (const e of rows) head = versioned(stripVersion(rowHash(head, e)));
    if (stripVersion(head) !== stripVersion(r.hash) || rows.length !== r.count) {
      out.push(
        issue(
          "RECEIPT_MISMATCH",
          `Period ${r.period}'s ledger rows no longer hash to the receipt's ${r.hash} (${rows.length} rows now, ${r.count} sealed): they were changed after ${r.time}.`,
          inTable(book.setup.where.ledger),
        ),
      );
    }
    const inForce = activeSeals(book.seals).get(r.period);
    if (inForce !== seal)
      out.push(
        issue(
          "RECEIPT_SUPERSEDED",
          `Period ${r.period} was reopened or sealed again after this receipt; it proves what was sealed on ${r.time}, not the period as it is now.`,
          cellAt(book.setup.where.seals, "status"),
          "warning",
        ),
      );
  }
  const at = book.audit[r.auditRows - 1];
  if (
    book.audit.length < r.auditRows ||
    (r.auditRows > 0 && stripVersion(at?.hash ?? "") !== stripVersion(r.auditHead))
  ) {
    out.push(
      issue(
        "RECEIPT_AUDIT_MISMATCH",
        `The audit log had ${r.auditRows} rows ending in ${r.auditHead} when period ${r.period} was sealed; now it has ${book.audit.length}${at ? ` and row ${r.auditRows} hashes to ${at.hash}` : ""}: audit rows were deleted or rewritten.`,
        cellAt(book.setup.where.audit, "hash", at ? r.auditRows : undefined),
      ),
    );
  }
  return out;
}
