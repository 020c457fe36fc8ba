/**
 * A tiny company as plain setup data, for app-level tests through a port:
 * the fixtures' setup (USD ledger; EUR, GBP, JPY; FY2026; alice, bob) in SetupData form.
 */
import type { SetupData } from "../../src/app/setupWorkbook";
import type { JournalLine } from "../../src/core/ledger/types";
import { makeSetup } from "./fixtures";

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
