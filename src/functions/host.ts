/**
 * The CLOSEBOOK.* functions' side of the shared runtime: one ledger index for
 * every formula cell, built on the first call from the workbook (the Excel
 * adapter, one read of the tables) and dropped when the ledger changes — by
 * the table's onChanged, or by the add-in's own writes through
 * `ledgerChanged()` (the pane calls it after a write) — then Excel is asked to
 * recalculate, so the formulas answer from the new ledger. `loadFunctions` is
 * injectable so the cache and its invalidation are testable without Excel.
 *
 * The command map that reads the book is imported on the first call (functionsFromPort).
 *
 * Example: const host = functionsHost(() => loadFromExcel(run));
 *   await host.functions()   // builds once; 1,000 cells share it
 *   host.ledgerChanged()     // next call rebuilds
 */
import { closebookFunctions, type ClosebookFunctions } from "../core/formulas/functions";
import type { WorkbookPort } from "../ports/workbook";

export interface FunctionsHost {
  functions(): Promise<ClosebookFunctions>;
  ledgerChanged(): void;
}

export function functionsHost(
  load: () => Promise<ClosebookFunctions>,
  onInvalidated: () => void = () => undefined,
): FunctionsHost {
  let cached: Promise<ClosebookFunctions> | undefined;
  return {
    functions() {
      if (!cached) {
        const building = load();
        cached = building;
        // a failed build is not kept: the next call tries again
        building.catch(() => {
          if (cached === building) cached = undefined;
        });
      }
      return cached;
    },
    ledgerChanged() {
      cached = undefined;
      onInvalidated();
    },
  };
}

/**
 * The functions over a workbook read through the port (one read phase). The command map is imported on the first
 * call, not with functions.js: Excel loads that file with the pane (the shared runtime), and the book decoder has
 * no place in the pane's first load (#16 point 1; webpack.config.js' first-load guard checks every entry).
 */
export async function functionsFromPort(port: WorkbookPort): Promise<ClosebookFunctions> {
  const { commandsFor } = await import(/* webpackChunkName: "commands-map" */ "../app/commands");
  const { book } = await commandsFor({ port })("read-book", {});
  return closebookFunctions(book);
}
