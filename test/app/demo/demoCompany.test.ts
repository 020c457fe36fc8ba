import { demoCompany, type DemoCompany } from "../../../src/app/demo/demoCompany";
import { starterSetup } from "../../../src/app/demo/starterSetup";
import { periodOfDate } from "../../../src/core/calendar/fiscalYear";
import type { JournalLine } from "../../../src/core/ledger/types";
import { Amount, Rate } from "../../../src/core/money";
import { SCHEMA_VERSION } from "../../../src/schema/tables";

/** Plain text of everything, with Amount and Rate as their decimal text. */
function serialize(d: DemoCompany): string {
  return JSON.stringify(d, (_key, value: unknown) => {
    if (value instanceof Amount) return `A:${value.toString()}`;
    if (value instanceof Rate) return `R:${value.toString()}`;
    return value;
  });
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

function signed(l: JournalLine): Amount {
  return (l.debit ?? Amount.ZERO).minus(l.credit ?? Amount.ZERO);
}

/** Every day of 2026, computed independently with UTC dates. */
function daysOf2026(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(2026, 0, 1); t <= Date.UTC(2026, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

const demo = demoCompany();

describe("starterSetup", () => {
  const s = starterSetup({ company: "Acme", accountingCurrency: "EUR", fiscalYearStart: 2026, startMonth: 7 });

  it("settings have the documented defaults", () => {
    expect(s.settings).toMatchObject({
      company: "Acme",
      accountingCurrency: "EUR",
      triangulationCurrency: "EUR",
      fiscalYearStartMonth: 7,
      roundingMode: "halfAwayFromZero",
      roundingPlacement: "roundingAccount",
      defaultRateType: "spot",
      schemaVersion: SCHEMA_VERSION,
    });
    expect(s.settings.reportingCurrency).toBeUndefined();
  });

  it("settings point at existing accounts of the right type", () => {
    const byNo = new Map(s.accounts.map((a) => [a.number, a]));
    const st = s.settings;
    expect(byNo.get(st.unrealizedGainAccount ?? "")?.type).toBe("revenue");
    expect(byNo.get(st.realizedGainAccount ?? "")?.type).toBe("revenue");
    expect(byNo.get(st.unrealizedLossAccount ?? "")?.type).toBe("expense");
    expect(byNo.get(st.realizedLossAccount ?? "")?.type).toBe("expense");
    expect(byNo.get(st.roundingAccount ?? "")?.number).toBe("6900");
    expect(byNo.get(st.retainedEarningsAccount ?? "")).toMatchObject({ number: "3900", type: "equity" });
  });

  it("has a 4-digit chart with unique numbers, cash in the accounting currency", () => {
    const numbers = s.accounts.map((a) => a.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers.every((n) => /^\d{4}$/.test(n))).toBe(true);
    expect(s.accounts.every((a) => a.active && !a.blocked && a.category !== "")).toBe(true);
    expect(s.accounts.find((a) => a.number === "1000")).toMatchObject({ name: "Cash EUR", currency: "EUR", type: "asset" });
  });

  it("currencies, dimensions, users and periods", () => {
    expect(s.currencies.map((c) => `${c.code}${c.precision}`)).toEqual(["USD2", "EUR2", "GBP2", "JPY0", "CHF2"]);
    expect(s.dimensions.map((d) => d.name)).toEqual(["Department", "CostCenter"]);
    expect(s.dimensionValues.map((v) => `${v.dimension}=${v.value}`)).toEqual(["Department=SALES", "Department=ADMIN", "CostCenter=CC100", "CostCenter=CC200"]);
    expect(s.users.map((u) => `${u.name}:${u.groups.join(",")}`)).toEqual(["alice:Accountants", "bob:Controllers", "admin:Accountants,Controllers"]);
    expect(s.periods).toHaveLength(14);
    expect(s.periods[1]).toMatchObject({ id: "2026-07", start: "2026-07-01" });
    expect(s.periods[13]).toMatchObject({ id: "FY2026-CLOSE", start: "2027-06-30" });
  });

  it("adds an accounting currency that is not among the five", () => {
    const c = starterSetup({ company: "Maple", accountingCurrency: "CAD", fiscalYearStart: 2026, startMonth: 1 });
    expect(c.currencies[0]).toEqual({ code: "CAD", name: "CAD", precision: 2 });
    expect(c.currencies).toHaveLength(6);
  });
});

describe("demoCompany", () => {
  it("is Northwind Trading Inc. in USD, fiscal year = calendar 2026", () => {
    expect(demo.settings.company).toBe("Northwind Trading Inc.");
    expect(demo.settings.accountingCurrency).toBe("USD");
    expect(demo.periods[1]).toMatchObject({ id: "2026-01", start: "2026-01-01" });
    expect(demo.periods[12]).toMatchObject({ id: "2026-12", end: "2026-12-31" });
  });

  it("has the foreign-currency accounts, revalued and settled as documented", () => {
    const byNo = new Map(demo.accounts.map((a) => [a.number, a]));
    expect(byNo.get("1010")).toMatchObject({ currency: "EUR", revalue: true, type: "asset" });
    expect(byNo.get("1020")).toMatchObject({ currency: "GBP", revalue: true });
    expect(byNo.get("1030")).toMatchObject({ currency: "JPY", revalue: true });
    expect(byNo.get("1110")).toMatchObject({ currency: "EUR", revalue: true, settle: true });
    expect(byNo.get("2010")).toMatchObject({ currency: "GBP", revalue: true, settle: true, type: "liability" });
    expect(byNo.get("2020")).toMatchObject({ currency: "JPY", revalue: true, settle: true, type: "liability" });
    const numbers = demo.accounts.map((a) => a.number);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it("is deterministic: same seed, same output; another seed, other amounts and rates", () => {
    expect(serialize(demoCompany())).toBe(serialize(demo));
    expect(serialize(demoCompany(2026))).toBe(serialize(demo));
    const other = demoCompany(7);
    expect(serialize(demoCompany(7))).toBe(serialize(other));
    const amounts = (d: DemoCompany): string => d.journal.map((l) => signed(l).toString()).join(" ");
    expect(amounts(other)).not.toBe(amounts(demo));
    const rates = (d: DemoCompany): string => d.rates.map((r) => r.rate.toString()).join(" ");
    expect(rates(other)).not.toBe(rates(demo));
  });

  it("lines are numbered drafts, each with exactly one positive debit or credit", () => {
    const bad = demo.journal.filter((l, i) => {
      const set = [l.debit, l.credit].filter((a) => a !== undefined);
      const ok = l.row === i + 1 && l.status === "Draft" && l.message === "" && l.postedVoucher === "" && l.description !== "" && l.rate === undefined && set.length === 1 && set[0]?.isPositive() === true;
      return !ok;
    });
    expect(bad).toEqual([]);
  });

  it("every draft voucher is one currency, one date, one journal, and balances in that currency", () => {
    const vouchers = groupBy(demo.journal, (l) => l.draftVoucher);
    expect(vouchers.size).toBeGreaterThan(200);
    for (const [id, lines] of vouchers) {
      expect(id).toMatch(/^D-\d{4}$/);
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(new Set(lines.map((l) => l.currency)).size).toBe(1);
      expect(new Set(lines.map((l) => l.date)).size).toBe(1);
      expect(new Set(lines.map((l) => l.journal)).size).toBe(1);
      const debits = Amount.sum(lines.map((l) => l.debit ?? Amount.ZERO));
      const credits = Amount.sum(lines.map((l) => l.credit ?? Amount.ZERO));
      expect(`${id} ${debits.toString()}`).toBe(`${id} ${credits.toString()}`);
      // the lines of a voucher are contiguous rows
      const rows = lines.map((l) => l.row);
      expect(rows[rows.length - 1]).toBe((rows[0] ?? 0) + rows.length - 1);
    }
  });

  it("draft vouchers are numbered in date order, journals are the month's", () => {
    const ids = [...new Set(demo.journal.map((l) => l.draftVoucher))];
    expect(ids[0]).toBe("D-0001");
    ids.forEach((id, i) => expect(id).toBe(`D-${String(i + 1).padStart(4, "0")}`));
    const dates = demo.journal.map((l) => l.date);
    expect(dates).toEqual([...dates].sort());
    expect(demo.journal.filter((l) => l.journal !== `GJ-${l.date.slice(0, 7)}`)).toEqual([]);
  });

  it("opens with the capital injection and the January rent", () => {
    const d1 = demo.journal.filter((l) => l.draftVoucher === "D-0001");
    expect(d1.map((l) => `${l.date} ${l.account} ${l.debit?.toString() ?? ""}/${l.credit?.toString() ?? ""}`)).toEqual(["2026-01-01 1000 500000.00/", "2026-01-01 3000 /500000.00"]);
    const d2 = demo.journal.filter((l) => l.draftVoucher === "D-0002");
    expect(d2.map((l) => `${l.account} ${signed(l).toString()}`)).toEqual(["6100 5600.00", "6100 8400.00", "1000 -14000.00"]);
  });

  it("a year of monthly activity, about 25-60 lines a month", () => {
    for (const seed of [2026, 1, 99]) {
      const months = groupBy(demoCompany(seed).journal, (l) => l.journal);
      expect([...months.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => `GJ-2026-${String(i + 1).padStart(2, "0")}`));
      for (const lines of months.values()) {
        expect(lines.length).toBeGreaterThanOrEqual(25);
        expect(lines.length).toBeLessThanOrEqual(70);
      }
    }
  });

  it("every line's account exists, is active and not blocked", () => {
    const byNo = new Map(demo.accounts.map((a) => [a.number, a]));
    const bad = demo.journal.filter((l) => {
      const a = byNo.get(l.account);
      return !a || !a.active || a.blocked;
    });
    expect(bad).toEqual([]);
  });

  it("currency-restricted accounts get only their currency; every currency is declared", () => {
    const byNo = new Map(demo.accounts.map((a) => [a.number, a]));
    const codes = new Set(demo.currencies.map((c) => c.code));
    const bad = demo.journal.filter((l) => {
      const restricted = byNo.get(l.account)?.currency;
      return !codes.has(l.currency) || (restricted !== undefined && restricted !== l.currency);
    });
    expect(bad).toEqual([]);
    // foreign activity is really there
    const currencies = new Set(demo.journal.map((l) => l.currency));
    expect([...currencies].sort()).toEqual(["EUR", "GBP", "JPY", "USD"]);
  });

  it("dimension values exist; P&L lines carry a department and cost center, balance sheet lines none", () => {
    const declared = demo.dimensions.map((d) => d.name).sort();
    const values = new Set(demo.dimensionValues.filter((v) => v.active).map((v) => `${v.dimension}=${v.value}`));
    const byNo = new Map(demo.accounts.map((a) => [a.number, a]));
    const bad = demo.journal.filter((l) => {
      if (Object.keys(l.dimensions).sort().join() !== declared.join()) return true;
      if (Object.entries(l.dimensions).some(([dim, value]) => value !== "" && !values.has(`${dim}=${value}`))) return true;
      const type = byNo.get(l.account)?.type;
      const pl = type === "revenue" || type === "expense";
      return pl ? l.dimensions["Department"] === "" || l.dimensions["CostCenter"] === "" : Object.values(l.dimensions).some((v) => v !== "");
    });
    expect(bad).toEqual([]);
    expect(new Set(demo.journal.map((l) => l.dimensions["Department"]))).toEqual(new Set(["", "SALES", "ADMIN"]));
    expect(new Set(demo.journal.map((l) => l.dimensions["CostCenter"]))).toEqual(new Set(["", "CC100", "CC200"]));
  });

  it("JPY amounts are whole yen; other amounts have at most 2 decimals", () => {
    const bad = demo.journal.filter((l) => {
      const a = l.debit ?? l.credit ?? Amount.ZERO;
      return l.currency === "JPY" ? a.decimalPlaces() !== 0 || a.scale !== 0 : a.decimalPlaces() > 2;
    });
    expect(bad).toEqual([]);
    expect(demo.journal.some((l) => l.currency === "JPY")).toBe(true);
  });

  it("receipts and payments never exceed their invoice", () => {
    const byRef = groupBy(
      demo.journal.filter((l) => ["1100", "1110", "2000", "2010", "2020"].includes(l.account)),
      (l) => /(INV|BILL)-\d{4}/.exec(l.description)?.[0] ?? "?",
    );
    expect(byRef.has("?")).toBe(false);
    for (const [ref, lines] of byRef) {
      const open = Amount.sum(lines.map(signed));
      if (ref.startsWith("INV")) expect(open.isNegative()).toBe(false);
      else expect(open.isPositive()).toBe(false);
    }
  });

  it("every line's date falls in an operating period", () => {
    const bad = demo.journal.filter((l) => periodOfDate(demo.periods, l.date)?.id !== l.date.slice(0, 7));
    expect(bad).toEqual([]);
  });

  it("has a spot rate for EUR, GBP and JPY for every day of 2026 and 2025-12-31", () => {
    const spot = demo.rates.filter((r) => r.type === "spot");
    for (const from of ["EUR", "GBP", "JPY"]) {
      const dates = spot.filter((r) => r.from === from).map((r) => r.date);
      expect(dates).toEqual(["2025-12-31", ...daysOf2026()]);
    }
    expect(spot).toHaveLength(3 * 366);
    // positive, to USD, at most 6 decimals, with a source
    const bad = demo.rates.filter((r) => r.to !== "USD" || !r.rate.isPositive() || (Amount.parse(r.rate.toString())?.decimalPlaces() ?? 99) > 6 || r.source === "");
    expect(bad).toEqual([]);
  });

  it("rates stay near their levels and quotation units are as documented", () => {
    const band = { EUR: [1.0, 1.16, 1], GBP: [1.18, 1.36, 1], JPY: [0.6, 0.74, 100] } as const;
    const bad = demo.rates.filter((r) => {
      const [lo, hi, unit] = band[r.from as keyof typeof band];
      return r.quotationUnit !== unit || !(r.rate.toNumber() > lo && r.rate.toNumber() < hi);
    });
    expect(bad).toEqual([]);
  });

  it("has one average rate per currency and month, dated the month end, the mean of the month's spot rates", () => {
    const avg = demo.rates.filter((r) => r.type === "average");
    expect(avg).toHaveLength(36);
    const eur = avg.filter((r) => r.from === "EUR").map((r) => r.date);
    expect(eur).toEqual(["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30", "2026-12-31"]);
    for (const a of avg) {
      const month = demo.rates.filter((r) => r.type === "spot" && r.from === a.from && r.date.startsWith(a.date.slice(0, 7)));
      const mean = month.reduce((s, r) => s + r.rate.toNumber(), 0) / month.length;
      expect(Math.abs(a.rate.toNumber() - mean)).toBeLessThan(0.000001);
    }
  });
});
