/**
 * A tiny company as plain setup data, for app-level tests through a port:
 * the fixtures' setup (USD ledger; EUR, GBP, JPY; FY2026; alice, bob) in SetupData form.
 */
import { postJournals } from "../../src/app/postJournals";
import { setupWorkbook, type SetupData } from "../../src/app/setupWorkbook";
import type { Clock } from "../../src/ports/clock";
import type { WorkbookPort } from "../../src/ports/workbook";
import type { JournalLine } from "../../src/core/ledger/types";
import { journal, makeSetup } from "./fixtures";

export function smallCompany(journal: JournalLine[] = []): SetupData {
  const s = makeSetup();
  return {
    settings: s.settings,
    currencies: [...s.currencies.values()],
    accounts: [...s.accounts.values()],
    dimensions: s.dimensions,
    dimensionValues: [...s.dimensionValues.values()].flatMap((m) => [...m.values()]),
    periods: s.periods,
    users: [...s.users.values()],
    rates: s.rates,
    journal,
  };
}

/** March's drafts of the small company (USD and EUR, two departments) and one April voucher. */
export const MARCH_DRAFTS = `
  D-1 2026-03-10 1000 USD Dr 1500.00
  D-1 2026-03-10 4000 USD Cr 1500.00 dept=SALES
  D-2 2026-03-12 6100 USD Dr 400.00 dept=ADMIN
  D-2 2026-03-12 2000 USD Cr 400.00
  D-3 2026-03-20 1010 EUR Dr 100.00
  D-3 2026-03-20 4000 EUR Cr 100.00
  D-4 2026-04-02 1100 USD Dr 250.00
  D-4 2026-04-02 4000 USD Cr 250.00`;

/** Sets the small company up in `port` with `drafts` and posts them all as `ctx.user`; fails the test if nothing posts. */
export async function postedSmallCompany<P extends WorkbookPort>(
  port: P,
  ctx: { user: string; clock: Clock },
  drafts = MARCH_DRAFTS,
): Promise<P> {
  await setupWorkbook(port, smallCompany(journal(drafts)));
  const posted = await postJournals(port, ctx);
  if (!posted.posted)
    throw new Error(`the small company did not post: ${posted.issues.map((i) => i.message).join("; ")}`);
  return port;
}
