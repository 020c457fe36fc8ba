/**
 * Exchange-rate lookup: the latest rate of a type on or before a date, for a
 * currency pair, directly, inverted, or crossed through one triangulation
 * currency. Rates are stored as "Q units of FROM = R units of TO".
 *
 * Example (rates: 2026-03-30 EUR→USD 1.08, 2026-03-31 100 JPY→USD 0.67):
 *   find("EUR","USD","2026-03-31")  → 1.08 (dated 03-30, the latest on or before)
 *   find("USD","EUR","2026-03-31")  → 1/1.08 (inverse)
 *   find("EUR","JPY","2026-03-31")  → 1.08 / 0.0067 = 161.19… (through USD)
 *   find("EUR","USD","2026-03-01")  → none when no EUR rate is dated on or before
 */
import type { CurrencyCode, ExchangeRate, IsoDate, RateType } from "../ledger/types";
import { Rate } from "../money";

export interface RateQuote {
  /** multiply a FROM amount by this to get TO */
  readonly factor: Rate;
  /** how it was found, for traces: "EUR→USD spot 2026-03-30 1.08/1" */
  readonly how: string;
  /** the oldest rate date used */
  readonly date: IsoDate;
}

interface Point {
  readonly date: IsoDate;
  readonly factor: Rate;
  readonly label: string;
}

export class RateTable {
  private readonly byPair = new Map<string, Point[]>();
  /** lookups repeat (every line of a day in a currency): remember each answer */
  private readonly memo = new Map<string, RateQuote | null>();

  constructor(
    rates: readonly ExchangeRate[],
    private readonly triangulation: CurrencyCode,
  ) {
    for (const r of rates) {
      const key = `${r.type}|${r.from}|${r.to}`;
      let list = this.byPair.get(key);
      if (!list) this.byPair.set(key, (list = []));
      list.push({
        date: r.date,
        factor: Rate.quoted(r.rate, r.quotationUnit),
        label: `${r.from}→${r.to} ${r.type} ${r.date} ${r.rate.toString()}/${r.quotationUnit}`,
      });
    }
    for (const list of this.byPair.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  private latest(type: RateType, from: CurrencyCode, to: CurrencyCode, date: IsoDate): Point | undefined {
    const list = this.byPair.get(`${type}|${from}|${to}`);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length - 1;
    let found: Point | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = list[mid]!;
      if (p.date <= date) {
        found = p;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  private direct(type: RateType, from: CurrencyCode, to: CurrencyCode, date: IsoDate): RateQuote | undefined {
    const d = this.latest(type, from, to, date);
    const i = this.latest(type, to, from, date);
    // prefer the more recent of the direct and the inverse quote; direct on a tie
    if (d && (!i || d.date >= i.date)) return { factor: d.factor, how: d.label, date: d.date };
    if (i) return { factor: i.factor.inverse(), how: `1 / (${i.label})`, date: i.date };
    return undefined;
  }

  /** The factor from one currency to another, or undefined when no rate applies. */
  find(from: CurrencyCode, to: CurrencyCode, date: IsoDate, type: RateType = "spot"): RateQuote | undefined {
    const key = `${type}|${from}|${to}|${date}`;
    const known = this.memo.get(key);
    if (known !== undefined) return known ?? undefined;
    const found = this.lookup(from, to, date, type);
    this.memo.set(key, found ?? null);
    return found;
  }

  private lookup(from: CurrencyCode, to: CurrencyCode, date: IsoDate, type: RateType): RateQuote | undefined {
    if (from === to) return { factor: Rate.ONE, how: `${from}=${to}`, date };
    const direct = this.direct(type, from, to, date);
    if (direct) return direct;
    const base = this.triangulation;
    if (base === from || base === to) return undefined;
    const a = this.direct(type, from, base, date);
    const b = this.direct(type, base, to, date);
    if (!a || !b) return undefined;
    return { factor: a.factor.times(b.factor), how: `${a.how} × ${b.how}`, date: a.date < b.date ? a.date : b.date };
  }
}
