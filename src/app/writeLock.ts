/**
 * The write lock (co-authoring, issue #17 risk 8): before any write, the writer
 * claims the one row of tblWriteLock (user, operation, claimed at, expires,
 * token); a second writer finds a live claim that is not its own and is
 * refused with who holds it; the claim is cleared when the write ends, and a
 * claim past its expiry (a writer that crashed or closed its pane) is taken
 * over, as is one of the same user (left by their own pane that crashed or
 * was closed mid-write). Being a row in the workbook, a co-author's pane sees it.
 * writeProtected (protectedSheets.ts) claims for every use case; a workbook
 * made before the table existed gets it created on the first write.
 *
 * Best effort, not a mutex: Excel has no compare-and-swap, and co-authors'
 * changes reach each other only after a sync and a merge (seconds), so two
 * writers starting within that window can both claim. The run protocol and
 * the integrity checks still catch a half-written run.
 *
 * Example: alice claims at 10:00:00 for "post journals" (expires 10:15:00);
 *   bob at 10:01 → WRITE_LOCKED "alice is writing (post journals) since
 *   2026-03-31T10:00:00.000Z, until 2026-03-31T10:15:00.000Z at the latest";
 *   bob at 10:16 → takes it over.
 */
import { issue, type Issue } from "../core/issues/issue";
import type { CellValue, WorkbookPort } from "../ports/workbook";
import { decodeTable } from "../schema/decodeTable";
import { numberFormats, tableHeaders } from "../schema/defineTable";
import { encodeRecords } from "../schema/records";
import { WRITE_LOCK } from "../schema/tables";
import { where } from "../schema/typedCells";

/** Who writes: the claim's row. */
export interface WriteClaim {
  readonly user: string;
  /** what is being written, shown to the refused writer ("post journals") */
  readonly operation: string;
  /** ISO timestamp of the claim (the clock's now) */
  readonly now: string;
}

/** How long a claim holds before another writer may take it over. */
export const WRITE_LOCK_TTL_MS = 15 * 60 * 1000;

/** Claims held by this session, per port: a write nested in another write (recovery inside a command) reuses the claim. */
const held = new WeakMap<WorkbookPort, { token: string; depth: number }>();

let counter = 0;
function newToken(): string {
  counter += 1;
  const rnd =
    typeof globalThis.crypto?.randomUUID === "function"
      ? globalThis.crypto.randomUUID()
      : Math.random().toString(36).slice(2);
  return `${rnd}-${counter}`;
}

interface Holder {
  readonly user: string;
  readonly operation: string;
  readonly claimedAt: string;
  readonly expires: string;
  readonly token: string;
}

function iso(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return typeof v === "string" ? v : "";
}

async function currentHolder(
  port: WorkbookPort,
): Promise<{ exists: boolean; headers?: readonly string[]; holder?: Holder }> {
  const raw = await port.readTable(WRITE_LOCK.name);
  if (!raw) return { exists: false };
  const row = decodeTable(WRITE_LOCK, raw, [], true).rows.find((r) => !r.invalid && r.values.user);
  if (!row) return { exists: true, headers: raw.headers };
  const v = row.values;
  return {
    exists: true,
    headers: raw.headers,
    holder: {
      user: String(v.user),
      operation: String(v.operation ?? ""),
      claimedAt: iso(v.claimedAt),
      expires: iso(v.expires),
      token: String(v.token ?? ""),
    },
  };
}

/** The claim's cells in the order of the table's own headers (a column the user removed is left out, one they added is blank). */
function byHeaders(row: readonly CellValue[], headers: readonly string[]): CellValue[] {
  const ours = tableHeaders(WRITE_LOCK, []).map((h) => h.trim().toLowerCase());
  return headers.map((h) => {
    const i = ours.indexOf(String(h).trim().toLowerCase());
    return i < 0 ? null : (row[i] ?? null);
  });
}

function lockedIssue(h: Holder): Issue {
  return issue(
    "WRITE_LOCKED",
    `${h.user} is writing to this workbook (${h.operation || "a write"}) since ${h.claimedAt || "an unknown time"}, until ${h.expires} at the latest; nothing was written. Try again when they are done.`,
    where(WRITE_LOCK, "user", 1),
  );
}

/** Thrown by withWriteLock (and writeProtected) when another session holds a live claim; nothing was written. */
export class WriteLockedError extends Error {
  override readonly name = "WriteLockedError";
  constructor(readonly issue: Issue) {
    super(issue.message);
  }
}

export function isWriteLocked(e: unknown): e is WriteLockedError {
  return e instanceof WriteLockedError;
}

/**
 * The WRITE_LOCKED issue when another session holds a live claim at `now`
 * (openForWrite asks before repairing: a co-author's run in progress looks
 * interrupted, and their open sheets look unprotected), else undefined.
 */
export async function lockedByOther(port: WorkbookPort, user: string, now: string): Promise<Issue | undefined> {
  if (held.get(port)) return undefined;
  const { holder } = await currentHolder(port);
  return holder && blocks(holder, user, now) ? lockedIssue(holder) : undefined;
}

/** A claim blocks `user` while it is live and someone else's (a user's own claim is one their crashed or closed pane left: taken over). */
function blocks(holder: Holder, user: string, now: string): boolean {
  const expires = Date.parse(holder.expires); // unreadable: taken over, or a damaged row would lock everyone out
  return Number.isFinite(expires) && expires > Date.parse(now) && holder.user.toLowerCase() !== user.toLowerCase();
}

/**
 * Runs `work` holding the write lock, or throws WriteLockedError (nothing
 * written) when another session holds a live claim. The caller unprotects
 * the lock's sheet around it (writeProtected); a lock table this call had to
 * create is protected with `password` when the write ends.
 */
export async function withWriteLock<R>(
  port: WorkbookPort,
  claim: WriteClaim,
  password: string,
  work: () => Promise<R>,
): Promise<R> {
  const mine = held.get(port);
  if (mine) {
    mine.depth += 1;
    try {
      return await work();
    } finally {
      mine.depth -= 1;
    }
  }
  const { exists, headers, holder } = await currentHolder(port);
  const nowMs = Date.parse(claim.now);
  if (holder && blocks(holder, claim.user, claim.now)) throw new WriteLockedError(lockedIssue(holder));
  const token = newToken();
  const row = encodeRecords(
    WRITE_LOCK,
    [],
    [
      {
        user: claim.user,
        operation: claim.operation,
        claimedAt: claim.now,
        expires: new Date(nowMs + WRITE_LOCK_TTL_MS).toISOString(),
        token,
      },
    ],
  );
  if (exists) await port.replaceRows(WRITE_LOCK.name, [byHeaders(row[0]!, headers ?? [])]);
  else
    await port.createTable(
      {
        name: WRITE_LOCK.name,
        sheet: WRITE_LOCK.sheet,
        headers: tableHeaders(WRITE_LOCK, []),
        numberFormats: numberFormats(WRITE_LOCK, []),
      },
      row,
    );
  held.set(port, { token, depth: 0 });
  const release = async () => {
    held.delete(port);
    await port.replaceRows(WRITE_LOCK.name, []);
    if (!exists && !(await port.isProtected(WRITE_LOCK.sheet))) await port.protect(WRITE_LOCK.sheet, password);
  };
  let result: R;
  try {
    result = await work();
  } catch (e) {
    await release().catch(() => undefined); // the original error wins
    throw e;
  }
  await release();
  return result;
}
