/**
 * A port that counts the app's readTable calls per table: a delegate (not a prototype child, so the adapter's own
 * calls to this.readTable are not counted as the app's reads).
 *
 * Example: const { port, reads } = counted(wb); await send(port)("trial-balance", …); reads.get("tblJournal") → undefined
 */
import type { WorkbookPort } from "../../src/ports/workbook";

export function counted(inner: WorkbookPort): { port: WorkbookPort; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const port = Object.fromEntries(
    (Object.getOwnPropertyNames(Object.getPrototypeOf(inner)) as (keyof WorkbookPort)[])
      .filter((k) => typeof inner[k] === "function" && (k as string) !== "constructor")
      .map((k) => [k, (inner[k] as (...a: unknown[]) => unknown).bind(inner)]),
  ) as unknown as WorkbookPort;
  port.readTable = (name: string) => {
    reads.set(name, (reads.get(name) ?? 0) + 1);
    return inner.readTable(name);
  };
  return { port, reads };
}
