/**
 * Builds the in-memory Setup from plain setup data (as the demo generator and
 * tests produce it), without a workbook round trip.
 *
 * Example: setupFromData(demoCompany()).accounts.get("1110")?.currency === "EUR"
 */
import type { Setup } from "../core/ledger/book";
import type { DimensionValue } from "../core/ledger/types";
import { WORKBOOK_WHERE } from "../schema/where";
import type { SetupData } from "./setupWorkbook";

export function setupFromData(data: SetupData): Setup {
  const dimensionValues = new Map<string, Map<string, DimensionValue>>(data.dimensions.map((d) => [d.name, new Map()]));
  for (const v of data.dimensionValues) dimensionValues.get(v.dimension)?.set(v.value, v);
  return {
    settings: data.settings,
    currencies: new Map(data.currencies.map((c) => [c.code, c])),
    accounts: new Map(data.accounts.map((a) => [a.number, a])),
    dimensions: data.dimensions,
    dimensionValues,
    rates: data.rates ?? [],
    periods: data.periods,
    users: new Map(data.users.map((u) => [u.name.toLowerCase(), u])),
    where: WORKBOOK_WHERE,
  };
}
