import fc from "fast-check";
import type { ExchangeRate, RateType } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money/amount";
import { Rate } from "../../../src/core/money/rate";
import { RateTable } from "../../../src/core/rates/rateTable";

function rate(
  date: string,
  from: string,
  to: string,
  value: string,
  quotationUnit = 1,
  type: RateType = "spot",
): ExchangeRate {
  const r = Rate.parse(value);
  if (!r) throw new Error(`fixture: ${value}`);
  return { date, from, to, type, rate: r, quotationUnit, source: "test" };
}
function amt(text: string): Amount {
  const a = Amount.parse(text);
  if (!a) throw new Error(`fixture: ${text}`);
  return a;
}
/** The factor applied to 1,000,000 units, to 6 places: a readable, exact-enough fingerprint. */
function per1m(factor: Rate): string {
  return factor.apply(amt("1000000"), 6).toString();
}
function isoDay(base: string, plusDays: number): string {
  return new Date(Date.parse(`${base}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
}

describe("latest rate on or before the date", () => {
  // EUR→USD on every odd day of March 2026: rate 1.00 + day/100 (03-01 → 1.01, 03-31 → 1.31),
  // given in scrambled order so the table has to sort them.
  const odd = Array.from({ length: 16 }, (_, k) => 2 * k + 1); // 1, 3, …, 31
  const scrambled = [...odd].sort((x, y) => ((x * 7) % 17) - ((y * 7) % 17));
  const rates = scrambled.map((d) =>
    rate(`2026-03-${String(d).padStart(2, "0")}`, "EUR", "USD", (1 + d / 100).toFixed(2)),
  );
  const table = new RateTable(rates, "USD");

  it("on a rate date that date's rate; between dates the earlier one", () => {
    for (let day = 1; day <= 31; day++) {
      const date = `2026-03-${String(day).padStart(2, "0")}`;
      const expectedDay = day % 2 === 1 ? day : day - 1;
      const q = table.find("EUR", "USD", date);
      expect(q).toBeDefined();
      expect(q!.date).toBe(`2026-03-${String(expectedDay).padStart(2, "0")}`);
      expect(q!.factor.toString()).toBe((1 + expectedDay / 100).toFixed(2).replace(/0+$/, "").replace(/\.$/, ""));
    }
  });
  it("after the last date, the last rate (2026-03-31 → 1.31)", () => {
    const q = table.find("EUR", "USD", "2026-04-15")!;
    expect(q.date).toBe("2026-03-31");
    expect(q.factor.toString()).toBe("1.31");
    expect(q.how).toBe("EUR→USD spot 2026-03-31 1.31/1");
  });
  it("nothing before the first date", () => {
    expect(table.find("EUR", "USD", "2026-02-28")).toBeUndefined();
    expect(table.find("USD", "EUR", "2026-02-28")).toBeUndefined();
  });

  it("matches a linear scan for random rate dates and query dates (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: -10, max: 420 }),
        (offsets, queryOffset) => {
          const list = offsets.map((o) =>
            rate(isoDay("2025-01-01", o), "GBP", "USD", `1.${String(o).padStart(3, "0")}`),
          );
          const t = new RateTable(list, "USD");
          const query = isoDay("2025-01-01", queryOffset);
          const eligible = offsets.filter((o) => o <= queryOffset);
          const q = t.find("GBP", "USD", query);
          if (eligible.length === 0) {
            expect(q).toBeUndefined();
            return;
          }
          const best = Math.max(...eligible);
          expect(q!.date).toBe(isoDay("2025-01-01", best));
          expect(q!.factor.eq(Rate.parse(`1.${String(best).padStart(3, "0")}`)!)).toBe(true);
        },
      ),
    );
  });
});

describe("inverse", () => {
  const table = new RateTable([rate("2026-03-31", "EUR", "USD", "1.25")], "USD");
  it("USD→EUR from EUR→USD 1.25 is 1/1.25 = 0.8", () => {
    const q = table.find("USD", "EUR", "2026-03-31")!;
    expect(q.factor.toString()).toBe("0.8");
    expect(q.how).toBe("1 / (EUR→USD spot 2026-03-31 1.25/1)");
    expect(q.date).toBe("2026-03-31");
  });
  it("converts 100 USD to 80.00 EUR", () => {
    expect(table.find("USD", "EUR", "2026-04-01")!.factor.apply(amt("100"), 2).toString()).toBe("80.00");
  });
});

describe("quotation units", () => {
  const table = new RateTable([rate("2026-03-31", "JPY", "USD", "0.6712", 100)], "USD");
  it("100 JPY = 0.6712 USD → factor 0.006712; 12,345 JPY → 82.86 USD", () => {
    const q = table.find("JPY", "USD", "2026-03-31")!;
    expect(q.factor.toString()).toBe("0.006712");
    expect(q.how).toBe("JPY→USD spot 2026-03-31 0.6712/100");
    // 12345 × 0.006712 = 82.85964
    expect(q.factor.apply(amt("12345"), 2).toString()).toBe("82.86");
  });
  it("inverse: 1 USD = 100 / 0.6712 = 148.9868… JPY", () => {
    // 100 / 0.6712 = 1,000,000 / 6712 = 148.986889…  (6712 × 148 = 993,376; 6,624 / 6712 = 0.98689)
    const q = table.find("USD", "JPY", "2026-03-31")!;
    expect(q.factor.apply(amt("1"), 4).toString()).toBe("148.9869");
    expect(q.factor.apply(amt("82.86"), 0).toString()).toBe("12345");
  });
});

describe("triangulation through the base currency", () => {
  // EUR→USD 1.08 on 03-30; 100 JPY → 0.67 USD on 03-31.
  const rates = [rate("2026-03-30", "EUR", "USD", "1.08"), rate("2026-03-31", "JPY", "USD", "0.67", 100)];
  const table = new RateTable(rates, "USD");

  it("EUR→JPY = 1.08 × 100/0.67 = 161.1940…, dated by the older leg", () => {
    // 108 / 0.67 = 10800 / 67 = 161.194029850746…  (67 × 161 = 10787; 13/67 = 0.19402985…)
    const q = table.find("EUR", "JPY", "2026-03-31")!;
    expect(per1m(q.factor)).toBe("161194029.850746");
    expect(q.date).toBe("2026-03-30");
    expect(q.how).toBe("EUR→USD spot 2026-03-30 1.08/1 × 1 / (JPY→USD spot 2026-03-31 0.67/100)");
    // 100 EUR → 16,119.40 JPY (16119.4029…)
    expect(q.factor.apply(amt("100"), 2).toString()).toBe("16119.40");
  });
  it("JPY→EUR = 0.0067 / 1.08: 100,000 JPY → 620.37 EUR", () => {
    // 100000 × 0.0067 = 670 USD; 670 / 1.08 = 620.370370…
    const q = table.find("JPY", "EUR", "2026-03-31")!;
    expect(q.factor.apply(amt("100000"), 2).toString()).toBe("620.37");
  });
  it("a missing leg on the date means no rate: on 03-30 JPY→USD is not yet known", () => {
    expect(table.find("EUR", "JPY", "2026-03-30")).toBeUndefined();
  });
  it("a missing leg entirely means no rate", () => {
    expect(table.find("EUR", "CHF", "2026-03-31")).toBeUndefined();
  });
  it("no triangulation when the base is one side of the pair", () => {
    // EUR→GBP and GBP→USD exist, but USD is the base: EUR→USD is not crossed through GBP
    const t = new RateTable(
      [rate("2026-03-31", "EUR", "GBP", "0.85"), rate("2026-03-31", "GBP", "USD", "1.27")],
      "USD",
    );
    expect(t.find("EUR", "USD", "2026-03-31")).toBeUndefined();
    expect(t.find("USD", "EUR", "2026-03-31")).toBeUndefined();
  });
  it("a direct rate beats triangulation", () => {
    const t = new RateTable([...rates, rate("2026-03-31", "EUR", "JPY", "160")], "USD");
    const q = t.find("EUR", "JPY", "2026-03-31")!;
    expect(q.factor.toString()).toBe("160");
    expect(q.how).toBe("EUR→JPY spot 2026-03-31 160/1");
  });
});

describe("rate types are kept apart", () => {
  const table = new RateTable(
    [
      rate("2026-03-31", "EUR", "USD", "1.08", 1, "spot"),
      rate("2026-03-31", "EUR", "USD", "1.07", 1, "average"),
      rate("2026-01-01", "EUR", "USD", "1.01", 1, "historical"),
    ],
    "USD",
  );
  it("spot by default", () => {
    expect(table.find("EUR", "USD", "2026-03-31")!.factor.toString()).toBe("1.08");
  });
  it("average and historical each find their own", () => {
    expect(table.find("EUR", "USD", "2026-03-31", "average")!.factor.toString()).toBe("1.07");
    expect(table.find("EUR", "USD", "2026-03-31", "historical")!.factor.toString()).toBe("1.01");
  });
  it("a type with no rates finds nothing (no fallback to spot)", () => {
    expect(table.find("EUR", "USD", "2026-03-31", "budget")).toBeUndefined();
  });
  it("a type's inverse and triangulation stay within that type", () => {
    // only spot has JPY→USD; average cannot cross EUR→JPY
    const t = new RateTable(
      [rate("2026-03-31", "EUR", "USD", "1.07", 1, "average"), rate("2026-03-31", "JPY", "USD", "0.67", 100, "spot")],
      "USD",
    );
    expect(t.find("EUR", "JPY", "2026-03-31", "average")).toBeUndefined();
    expect(t.find("USD", "EUR", "2026-03-31", "spot")).toBeUndefined();
  });
});

describe("direct and inverse quotes of the same pair", () => {
  it("on the same date the direct quote is preferred", () => {
    const t = new RateTable(
      [rate("2026-03-31", "USD", "EUR", "0.81"), rate("2026-03-31", "EUR", "USD", "1.25")],
      "USD",
    );
    expect(t.find("EUR", "USD", "2026-03-31")!.factor.toString()).toBe("1.25"); // not 1/0.81
    expect(t.find("USD", "EUR", "2026-03-31")!.factor.toString()).toBe("0.81"); // not 1/1.25
  });
  it("a more recent inverse quote beats an older direct one", () => {
    const t = new RateTable([rate("2026-03-01", "EUR", "USD", "1.25"), rate("2026-03-15", "USD", "EUR", "0.8")], "USD");
    // 03-10: only the direct 1.25 is dated on or before
    expect(t.find("EUR", "USD", "2026-03-10")!.factor.toString()).toBe("1.25");
    // 03-20: the inverse of 0.8 dated 03-15 is newer → 1/0.8 = 1.25 exactly; use a distinct value below
    const t2 = new RateTable(
      [rate("2026-03-01", "EUR", "USD", "1.25"), rate("2026-03-15", "USD", "EUR", "0.5")],
      "USD",
    );
    const q = t2.find("EUR", "USD", "2026-03-20")!;
    expect(q.factor.toString()).toBe("2"); // 1 / 0.5
    expect(q.date).toBe("2026-03-15");
    expect(q.how).toBe("1 / (USD→EUR spot 2026-03-15 0.5/1)");
  });
});

describe("same currency", () => {
  it("is 1, dated the query date, even with no rates at all", () => {
    const q = new RateTable([], "USD").find("EUR", "EUR", "2026-03-31")!;
    expect(q.factor.eq(Rate.ONE)).toBe(true);
    expect(q.date).toBe("2026-03-31");
    expect(q.how).toBe("EUR=EUR");
  });
});
