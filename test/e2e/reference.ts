/**
 * The independent side of the end-to-end check: the same month closed
 * headlessly with the app layer's one-command close (closePeriod) on the
 * same starting workbook the preview serves, and the workbook the browser
 * downloads read back with the xlsx adapter. The pane's click-by-click close
 * must give the same ledger, line for line (amounts, accounts, dimensions,
 * vouchers), and a workbook whose seals and audit chain verify.
 *
 * Example: ledgerLines(book) → ["GL-000612|2026-11-30|7150|Department=|USD|0.00|-118.20|FX revaluation 2026-11-30", …]
 */
import { MemoryWorkbook } from "../../src/adapters/memory/memoryWorkbook";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { changePeriod } from "../../src/app/changePeriod";
import { closePeriod } from "../../src/app/closePeriod";
import { runDemo } from "../../src/app/demo/runDemo";
import { loadBook } from "../../src/app/loadBook";
import { postJournals } from "../../src/app/postJournals";
import type { Book } from "../../src/core/ledger/book";
import { fixedClock } from "../../src/ports/clock";
import type { WorkbookPort } from "../../src/ports/workbook";

export const PREVIEW_THROUGH = "2026-10-31";

export function ledgerLines(book: Book, period?: string): string[] {
  return book.ledger
    .filter((e) => period === undefined || e.period === period)
    .map((e) =>
      [
        e.voucher,
        e.date,
        e.account,
        Object.entries(e.dimensions)
          .map(([k, v]) => `${k}=${v}`)
          .join(","),
        e.currency,
        e.amount.toString(),
        e.amountAccounting.toString(),
        e.description,
      ].join("|"),
    );
}

/** The demo through October, then November posted, closed and put on hold by the app layer directly. */
export async function referenceClose(
  user: string,
  period: string,
  through: string,
): Promise<{ port: WorkbookPort; book: Book }> {
  const port = new MemoryWorkbook();
  const clock = fixedClock("2026-12-02T09:00:00.000Z");
  await runDemo(port, { through: PREVIEW_THROUGH, post: true, clock });
  const posted = await postJournals(port, { user, clock, through });
  if (!posted.posted) throw new Error(`reference posting failed: ${posted.issues.map((i) => i.message).join("; ")}`);
  const closed = await closePeriod(port, { period, preview: false }, { user, clock });
  if (!closed.completed)
    throw new Error(`reference close failed: ${JSON.stringify(closed.steps.filter((s) => s.status === "failed"))}`);
  const held = await changePeriod(
    port,
    { kind: "hold", period, reason: "reference", overrideChecklist: "reference: no checklist generated" },
    { user, clock },
  );
  if (!held.done) throw new Error(`reference hold failed: ${held.issues.map((i) => i.message).join("; ")}`);
  return { port, book: (await loadBook(port)).book };
}

export async function readDownloaded(bytes: Buffer): Promise<{ port: XlsxWorkbook; book: Book }> {
  const port = await XlsxWorkbook.load(bytes);
  return { port, book: (await loadBook(port)).book };
}
