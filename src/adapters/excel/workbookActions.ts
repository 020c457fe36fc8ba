/**
 * Small Excel actions outside the port: open a sheet at an address (the pane's
 * "Open sheet" links), watch a table for changes and recalculate the workbook
 * (the CLOSEBOOK.* functions' index). Each takes the host's `run`
 * (`(batch) => Excel.run(batch)`), so only this folder touches the Excel API.
 *
 * Example:
 *   await openSheetAt(run, "Income statement 2026-11")   // activated, A1 selected → true
 *   await watchTable(run, "tblLedger", () => index.invalidate());
 *   await recalculateAll(run);
 */
type Run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Activates a visible sheet and selects `address`; false (nothing changed) when the sheet is missing, hidden or Excel refuses. */
export async function openSheetAt(run: Run, name: string, address = "A1"): Promise<boolean> {
  try {
    return await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name).load("visibility");
      await ctx.sync();
      if (ws.isNullObject || ws.visibility !== "Visible") return false;
      ws.activate();
      ws.getRange(address).select();
      await ctx.sync();
      return true;
    });
  } catch (e) {
    console.error(e);
    return false;
  }
}

/** Calls `changed` whenever the table changes (a user's edit or the add-in's own write); false when it cannot be watched. */
export async function watchTable(run: Run, table: string, changed: () => void): Promise<boolean> {
  try {
    await run(async (ctx) => {
      ctx.workbook.tables.getItem(table).onChanged.add(async () => changed());
      await ctx.sync();
    });
    return true;
  } catch {
    return false;
  }
}

/** A full recalculation, so formulas over data the add-in changed show it; failures are ignored (the next edit recalculates). */
export async function recalculateAll(run: Run): Promise<void> {
  await run(async (ctx) => {
    ctx.workbook.application.calculate(Excel.CalculationType.full);
    await ctx.sync();
  }).catch(() => undefined);
}
