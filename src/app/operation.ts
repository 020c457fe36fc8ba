/**
 * One operation opens the workbook once. A *session* is that open workbook:
 * `port` (use it for every read and write of the operation), `loaded` (the
 * decoded book, kept current as the operation writes through `port`), and
 * `writer` (who writes, once opened for writing). A use case takes a `Source`
 * — a port (it opens its own operation) or a session (it joins that one) — so
 * nested use cases (the close → every step; a pane's preview → post) share
 * one read. Writes go through one run ritual (writeRun in runRitual.ts).
 * An operation reads only the tables it needs (`TableNeeds`, loadBook.ts; default
 * every table): a use case joining a session with more needs reads the missing
 * tables then, once; a write reads them all. A book field not read throws.
 *
 * Example:
 *   const s = await openWrite(port, { user: "alice", clock });   // read + recovery, once
 *   await postProposal(s, revaluation, ctx);                      // no reread
 *   s.loaded.book.ledger.length                                   // includes the lines just posted:
 *   // the 2 appended ledger rows were decoded and added; tblRuns/tblAudit (small) decoded again
 *   const r = await openRead(port, [LEDGER, SEALS, SEAL_ROWS]);   // the trial balance's tables: no journal
 *   r.loaded.book.journal                                         // throws TableNotReadError
 */
import type { Issue } from "../core/issues/issue";
import { issue } from "../core/issues/issue";
import type { Clock } from "../ports/clock";
import type { WorkbookPort } from "../ports/workbook";
import type { TableDef } from "../schema/defineTable";
import { readAllTables, type LoadedBook, type TableNeeds } from "./loadBook";
import { protectionPassword, protectSystemSheets } from "./protectedSheets";
import { interruptedRuns, recover } from "./recover";
import { SessionState } from "./sessionState";
import { lockedByOther } from "./writeLock";

/** Who writes (the same shape as a close step's context). */
export interface Writer {
  readonly user: string;
  readonly clock: Clock;
}

export interface Session {
  /** the port of the operation: every read and write goes through it (writes keep `loaded` current) */
  readonly port: WorkbookPort;
  /** the port the session was opened on */
  readonly inner: WorkbookPort;
  /** the decoded book as of now */
  readonly loaded: LoadedBook;
  /** who writes, once the session is opened (or upgraded) for writing */
  readonly writer?: Writer;
}

export type Source = WorkbookPort | Session;

class OpenSession implements Session {
  writer?: Writer;
  /** issues of opening for writing (repairs, a co-author's lock), shown before the read issues */
  opening: Issue[] = [];
  constructor(
    readonly inner: WorkbookPort,
    readonly state: SessionState,
  ) {}
  get port(): WorkbookPort {
    return this.state.port;
  }
  get loaded(): LoadedBook {
    const l = this.state.loaded();
    return this.opening.length ? { ...l, issues: [...this.opening, ...l.issues] } : l;
  }
}

export function isSession(x: unknown): x is Session {
  return x instanceof OpenSession;
}

/**
 * Opens a read operation: the tables of `needs` (default every table) read and decoded once (runs that
 * never committed left out, with a warning).
 */
export async function openRead(port: WorkbookPort, needs: TableNeeds = "all"): Promise<Session> {
  const raw = await readAllTables(port, needs);
  const state = new SessionState(port, raw);
  await state.need(needs); // what is not a table (loadBook.ts' OPEN_JOURNAL)
  return new OpenSession(port, state);
}

/**
 * Opens a write operation: read, then — unless a co-author holds the write lock (their run looks
 * interrupted; nothing is repaired, the write itself is refused) — an interrupted run rolled back
 * (recover.ts) and system sheets left unprotected protected again, reading again only after a repair.
 */
export async function openWrite(port: WorkbookPort, writer: Writer): Promise<Session> {
  return writeSession(await openRead(port), writer);
}

/** The session itself (with the tables of `needs` it did not hold read now), or a read operation opened on the port. */
export async function readSession(source: Source, needs: TableNeeds = "all"): Promise<Session> {
  if (!isSession(source)) return openRead(source, needs);
  const s = source as OpenSession;
  if (s.state.isStaleNow) await s.state.reread();
  await s.state.need(needs);
  return s;
}

/** The book of the session, or of a read operation opened on the port (the drop-in for loadBook). */
export async function readBook(source: Source, needs: TableNeeds = "all"): Promise<LoadedBook> {
  return (await readSession(source, needs)).loaded;
}

/**
 * A session opened for writing, with the tables of `needs` read (default every one): the session itself once
 * opened for `writer`; a read session upgraded in place; a port opened. Repairing an interrupted run reads every
 * table first (its rows may be in any of them).
 */
export async function writeSession(source: Source, writer: Writer, needs: TableNeeds = "all"): Promise<Session> {
  const s = (await readSession(source, needs)) as OpenSession;
  if (s.writer && s.writer.user.toLowerCase() === writer.user.toLowerCase()) return s;
  s.writer = writer;
  if (interruptedRuns(s.state.loaded().book).length > 0) await s.state.need("all");
  const { book, raw } = s.state.loaded();
  // a co-author writing now: their run looks interrupted and their sheets unprotected; repair nothing
  const locked = await lockedByOther(s.port, writer.user, writer.clock.now());
  if (locked) {
    s.opening = [locked, ...s.opening.filter((i) => i.code !== "WRITE_LOCKED")];
    return s;
  }
  const repaired: Issue[] = [];
  if (interruptedRuns(book).length > 0)
    repaired.push(...(await recover(s.port, book, raw, writer.user, writer.clock.now())));
  for (const sheet of await protectSystemSheets(s.port, protectionPassword(book)))
    repaired.push(
      issue(
        "SHEET_REPROTECTED",
        `Sheet "${sheet}" was not protected; its protection was restored.`,
        { table: sheet },
        "warning",
      ),
    );
  s.opening = s.opening.filter((i) => i.code !== "WRITE_LOCKED");
  if (repaired.length === 0) return s;
  await s.state.reread();
  s.opening = [...repaired, ...s.opening];
  return s;
}

/**
 * The tails (headers and row count, loadBook.ts' TableTail) of tables a run appends to without reading their
 * rows; a table already read keeps its rows. Example: await appendTails(session, [LEDGER]);
 * tailOf(session.loaded.raw, "tblLedger") → 100000, with none of the ledger's rows read.
 */
export async function appendTails(session: Session, tables: readonly TableDef[]): Promise<void> {
  if (session instanceof OpenSession) await session.state.tail(tables.map((t) => t.name));
  else await readSession(session, tables);
}

/** Marks what the session holds as unknown (a write failed half-way): the next use reads the workbook again. */
export function staleSession(s: Session): void {
  if (s instanceof OpenSession) s.state.stale();
}

/** The port to write a report through: the session's, or the port itself (no read needed). */
export function portOf(source: Source): WorkbookPort {
  return isSession(source) ? source.port : source;
}
