/**
 * What a caller gives every command besides its arguments: the workbook port
 * and the clock. The dispatcher (index.ts) adds the cross-cutting concerns
 * around the handler; `observe` hears how each ended.
 *
 * Example: { port: new MemoryWorkbook(), clock: systemClock, observe: (t) => console.log(t.name, t.ms) }
 */
import type { Clock } from "../../ports/clock";
import type { WorkbookPort } from "../../ports/workbook";
import type { TableNeeds } from "../loadBook";
import type { Session } from "../operation";

export interface CommandTiming {
  readonly name: string;
  readonly ms: number;
  /** "ok", "refused" (a thrown refusal turned into issues) or "failed" (rethrown) */
  readonly ended: "ok" | "refused" | "failed";
}

export interface CommandEnv {
  readonly port: WorkbookPort;
  readonly clock: Clock;
  /** called once per command when it ends (timing, logging); optional */
  readonly observe?: (timing: CommandTiming) => void;
}

/**
 * What a handler gets: the caller's env and the command's operation (src/app/operation.ts),
 * opened by the dispatcher on first use and shared by every use case the handler calls
 * (the workbook read once; a write upgrades it in place). Commands that read no book
 * (set up, snapshot, export) never open it. `needs`: the tables the command reads (default
 * every one); a later call needing more reads the missing ones then.
 */
export interface HandlerEnv extends CommandEnv {
  session(needs?: TableNeeds): Promise<Session>;
}

/** A handler: plain-data arguments in, the use case's result out. */
export type Handler<A, R> = (args: A, env: HandlerEnv) => Promise<R>;
