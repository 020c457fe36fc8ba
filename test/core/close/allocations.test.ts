/**
 * Allocations (reference b4, worked example W3). Every expected number is
 * worked by hand in the comment beside it; amounts are cents-exact.
 *
 * Ledger fixtures are one entry a line: "date account accounting [dept=X] [txn=CUR:amount]"
 * (transaction currency and amount default to USD and the accounting amount).
 */
import fc from "fast-check";
import { allocateRules, type AllocationInput, type AllocationRule } from "../../../src/core/close/allocations";
import type { Proposal } from "../../../src/core/close/proposal";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { Amount } from "../../../src/core/money";
import { A, ACCOUNTS, acct, makeSetup } from "../../support/fixtures";

const setup = makeSetup({
  accounts: [
    ...ACCOUNTS,
    acct("6110", "Utilities", "expense"),
    acct("6190", "Other occupancy", "expense"),
    acct("6200", "Salaries", "expense"),
    acct("6300", "Advertising", "expense"),
    acct("6990", "Allocated overhead", "expense"),
    acct("9100", "Headcount (statistical)", "expense"),
    acct("9199", "Headcount contra", "expense"),
  ],
});

function ledger(text: string): LedgerEntry[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l, i) => {
      const [date, account, accounting, ...rest] = l.split(/\s+/);
      const opts = Object.fromEntries(rest.map((p) => p.split("=") as [string, string]));
      const [currency, amount] = opts.txn ? opts.txn.split(":") : ["USD", accounting];
      return {
        entryNo: i + 1,
        voucher: `GL-${i + 1}`,
        date: date!,
        period: date!.slice(0, 7),
        account: account!,
        dimensions: { Department: opts.dept ?? "" },
        currency: currency!,
        amount: A(amount!),
        amountAccounting: A(accounting!),
        description: "",
        source: "test",
        runId: "",
        settlementId: "",
        user: "alice",
        postedAt: "2026-04-01T00:00:00.000Z",
      };
    });
}

const dept = (d: string) => ({ Department: d });

function rule(extra: Partial<AllocationRule> & Pick<AllocationRule, "method" | "destinations">): AllocationRule {
  return {
    id: "R1",
    description: "Test rule",
    source: { accounts: ["6300"] },
    offset: "source",
    date: "2026-03-31",
    ...extra,
  };
}

function run(rules: AllocationRule[], entries: LedgerEntry[], extra: Partial<AllocationInput> = {}): Proposal {
  return allocateRules({ setup, ledger: entries, rules, from: "2026-03-01", to: "2026-03-31", ...extra });
}

/** voucher lines as "account dept amount" ("-" for a blank department) */
const lines = (p: Proposal, v = 0) =>
  p.vouchers[v]!.lines.map((l) => `${l.account} ${l.dimensions.Department || "-"} ${l.amountAccounting.toString()}`);
const codes = (p: Proposal) => p.issues.map((i) => i.code);
const destTrace = (p: Proposal) => p.trace.filter((t) => t.key.includes("→")).map((t) => [t.result, t.residue]);

/** balance of an account (and department) after posting the proposal onto the ledger */
function balanceAfter(entries: LedgerEntry[], p: Proposal, account: string, department?: string): string {
  const all = [
    ...entries.map((e) => ({ account: e.account, dimensions: e.dimensions, a: e.amountAccounting })),
    ...p.vouchers.flatMap((v) =>
      v.lines.map((l) => ({ account: l.account, dimensions: l.dimensions, a: l.amountAccounting })),
    ),
  ];
  return Amount.sum(
    all
      .filter((x) => x.account === account && (department === undefined || x.dimensions.Department === department))
      .map((x) => x.a),
  )
    .round(2)
    .toString();
}

const ADVERTISING = ledger(`
  2026-03-05 6300 4000.00
  2026-03-20 6300 6000.00
  2026-02-28 6300 999.00
  2026-04-01 6300 111.00`);

describe("allocations: W3", () => {
  test("A1 fixed percentage 70 / 30", () => {
    // source = 4,000.00 + 6,000.00 (Feb and Apr out of range) = 10,000.00; 70 % = 7,000.00, 30 % = 3,000.00
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          destinations: [
            { account: "6300", dimensions: dept("A"), percentage: "70" },
            { account: "6300", dimensions: dept("B"), percentage: "30" },
          ],
        }),
      ],
      ADVERTISING,
    );
    expect(p.issues).toEqual([]);
    expect(lines(p)).toEqual(["6300 A 7000.00", "6300 B 3000.00", "6300 - -10000.00"]);
  });

  test("A2 equally over two destinations: 50 / 50", () => {
    const p = run(
      [
        rule({
          method: "equally",
          destinations: [
            { account: "6300", dimensions: dept("A") },
            { account: "6300", dimensions: dept("B") },
          ],
        }),
      ],
      ADVERTISING,
    );
    expect(lines(p)).toEqual(["6300 A 5000.00", "6300 B 5000.00", "6300 - -10000.00"]);
  });

  test("A3 fixed value 500.00 at 20 / 40 / 40 → 100 / 200 / 200", () => {
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          source: { fixedAmount: "500.00", account: "6990" },
          destinations: [
            { account: "6100", dimensions: dept("A"), percentage: "20" },
            { account: "6100", dimensions: dept("B"), percentage: "40" },
            { account: "6100", dimensions: dept("C"), percentage: "40" },
          ],
        }),
      ],
      [],
    );
    expect(p.issues).toEqual([]);
    expect(lines(p)).toEqual(["6100 A 100.00", "6100 B 200.00", "6100 C 200.00", "6990 - -500.00"]);
  });

  test("A4 basis: advertising 10,000.00 by sales A 60,000 / B 30,000 / C 10,000", () => {
    // sales are credit balances (−60,000, −30,000, −10,000), used by magnitude; total 100,000
    // A: 10,000 × 60,000 / 100,000 = 6,000.00; B 3,000.00; C 1,000.00; offset −10,000.00 to the source
    const entries = [
      ...ADVERTISING,
      ...ledger(`
        2026-01-15 4000 -20000.00 dept=A
        2026-03-15 4000 -40000.00 dept=A
        2026-03-15 4000 -30000.00 dept=B
        2026-03-15 4000 -10000.00 dept=C
        2026-03-15 1100 100000.00
        2026-04-02 4000 -5000.00 dept=C`),
    ];
    const p = run(
      [
        rule({
          method: "basis",
          basis: { accounts: ["4000"] },
          destinations: ["A", "B", "C"].map((d) => ({ account: "6300", dimensions: dept(d) })),
        }),
      ],
      entries,
    );
    expect(p.issues).toEqual([]);
    expect(lines(p)).toEqual(["6300 A 6000.00", "6300 B 3000.00", "6300 C 1000.00", "6300 - -10000.00"]);
    const a = p.trace.find((t) => t.key === "R1 → 6300 · Department=A")!;
    expect(a.inputs).toEqual({
      source: "10000.00",
      basis: "-60000.00 (account 4000; Department=A)",
      "total basis": "100000.00",
    });
    expect(a.formula).toBe("10000.00 × 60000.00 / 100000.00");
    expect([a.result, a.residue]).toEqual(["6000.00", "0.00"]);
  });

  test("A5 1,000.00 equally over three: 333.34 / 333.33 / 333.33 (Σ 1,000.00)", () => {
    // 100,000 cents / 3 = 33,333 r 1 each; one cent left → the earliest of the equal remainders
    const p = run(
      [
        rule({
          method: "equally",
          source: { fixedAmount: "1000.00", account: "6990" },
          destinations: ["A", "B", "C"].map((d) => ({ account: "6100", dimensions: dept(d) })),
        }),
      ],
      [],
    );
    expect(lines(p)).toEqual(["6100 A 333.34", "6100 B 333.33", "6100 C 333.33", "6990 - -1000.00"]);
  });

  test("A6 zero source stops with a message and no voucher", () => {
    const p = run(
      [rule({ method: "equally", destinations: [{ account: "6300", dimensions: dept("A") }] })],
      ledger(`
      2026-03-05 6300 400.00
      2026-03-06 6300 -400.00`),
    );
    expect(p.vouchers).toEqual([]);
    expect(codes(p)).toEqual(["ALLOCATION_ZERO_SOURCE"]);
    expect(p.issues[0]!.message).toBe(
      "Allocation rule R1 (Test rule): the source balance of account 6300 from 2026-03-01 to 2026-03-31 is zero; nothing to allocate.",
    );
  });

  test("A6 a zero basis total stops with a message and no voucher", () => {
    const p = run(
      [
        rule({
          method: "basis",
          basis: { accounts: ["4000"] },
          destinations: ["A", "B"].map((d) => ({ account: "6300", dimensions: dept(d) })),
        }),
      ],
      [
        ...ADVERTISING,
        ...ledger(`
        2026-03-15 4000 -100.00 dept=A
        2026-03-16 4000 100.00 dept=A
        2026-03-15 4000 -100.00 dept=X`),
      ],
    );
    expect(p.vouchers).toEqual([]);
    expect(codes(p)).toEqual(["ALLOCATION_ZERO_BASIS"]);
    expect(p.issues[0]!.message).toBe(
      "Allocation rule R1 (Test rule): the basis (account 4000) as of 2026-03-31 is zero for every destination; nothing to allocate by.",
    );
  });

  test("A7 revaluation-only lines (transaction amount 0.00) are not allocated", () => {
    // 1010 holds EUR 1,000.00 = 1,082.50 USD, plus a revaluation line EUR 0.00 / USD 50.00 → source 1,082.50
    const entries = ledger(`
      2026-03-01 1010 1082.50 txn=EUR:1000.00
      2026-03-31 1010 50.00 txn=EUR:0`);
    const p = run(
      [
        rule({
          method: "equally",
          source: { accounts: ["1010"] },
          offset: { account: "6990", dimensions: {} },
          destinations: [
            { account: "6100", dimensions: dept("A") },
            { account: "6100", dimensions: dept("B") },
          ],
        }),
      ],
      entries,
    );
    expect(lines(p)).toEqual(["6100 A 541.25", "6100 B 541.25", "6990 - -1082.50"]);
    expect(p.trace[0]).toMatchObject({
      key: "R1 · source",
      result: "1082.50",
      inputs: { lines: "1", "revaluation-only lines left out": "1" },
    });
  });
});

describe("allocations: the largest-remainder split", () => {
  test("100.00 split 1:1:1 → 33.34 / 33.33 / 33.33, the extra cent shown as residue", () => {
    const p = run(
      [
        rule({
          method: "fixedWeight",
          source: { fixedAmount: "100.00", account: "6990" },
          destinations: ["A", "B", "C"].map((d) => ({ account: "6100", dimensions: dept(d), weight: "1" })),
        }),
      ],
      [],
    );
    expect(lines(p)).toEqual(["6100 A 33.34", "6100 B 33.33", "6100 C 33.33", "6990 - -100.00"]);
    expect(destTrace(p)).toEqual([
      ["33.34", "0.01"],
      ["33.33", "0.00"],
      ["33.33", "0.00"],
    ]);
    expect(p.trace[1]).toMatchObject({
      key: "R1 → 6100 · Department=A",
      inputs: { source: "100.00", weight: "1", "total weight": "3" },
      formula: "100.00 × 1 / 3",
    });
  });

  test("percentages 50 / 30 of 1,000.00 → 500.00 / 300.00, 200.00 stays on the source", () => {
    const entries = ledger(`2026-03-10 6100 1000.00`);
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          source: { accounts: ["6100"] },
          destinations: [
            { account: "6200", dimensions: dept("A"), percentage: "50" },
            { account: "6200", dimensions: dept("B"), percentage: "30" },
          ],
        }),
      ],
      entries,
    );
    expect(lines(p)).toEqual(["6200 A 500.00", "6200 B 300.00", "6100 - -800.00"]);
    expect(balanceAfter(entries, p, "6100")).toBe("200.00");
    expect(p.trace.find((t) => t.key === "R1 · kept on source")).toMatchObject({
      formula: "1000.00 × 20 / 100",
      result: "200.00",
    });
  });

  test("percentages with decimals: 33.3 / 33.3 of 0.10 → 0.03 / 0.03, 0.04 kept", () => {
    // 10 cents × 33.3 / 100 = 3.33 → 3 r .33 (twice); kept 10 × 33.4 / 100 = 3.34 → 3 r .34
    // one cent left → largest remainder .34 is the kept part → 0.03 / 0.03 / kept 0.04
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          source: { fixedAmount: "0.10", account: "6990" },
          destinations: [
            { account: "6100", dimensions: dept("A"), percentage: "33.3" },
            { account: "6100", dimensions: dept("B"), percentage: "33.3" },
          ],
        }),
      ],
      [],
    );
    expect(lines(p)).toEqual(["6100 A 0.03", "6100 B 0.03", "6990 - -0.06"]);
  });

  test("weights 1 : 2 : 3 of 100.00 → 16.67 / 33.33 / 50.00", () => {
    // 10,000 × 1/6 = 1,666 r 4; × 2/6 = 3,333 r 2; × 3/6 = 5,000 r 0; Σ 9,999, one cent → r 4 (A)
    const p = run(
      [
        rule({
          method: "fixedWeight",
          source: { fixedAmount: "100.00", account: "6990" },
          destinations: [1, 2, 3].map((w, i) => ({ account: "6100", dimensions: dept("ABC"[i]!), weight: String(w) })),
        }),
      ],
      [],
    );
    expect(lines(p)).toEqual(["6100 A 16.67", "6100 B 33.33", "6100 C 50.00", "6990 - -100.00"]);
  });

  test("a zero weight gets nothing and no voucher line", () => {
    const p = run(
      [
        rule({
          method: "fixedWeight",
          source: { fixedAmount: "90.00", account: "6990" },
          destinations: [0, 2, 1].map((w, i) => ({ account: "6100", dimensions: dept("ABC"[i]!), weight: String(w) })),
        }),
      ],
      [],
    );
    expect(lines(p)).toEqual(["6100 B 60.00", "6100 C 30.00", "6990 - -90.00"]);
    expect(destTrace(p)[0]).toEqual(["0.00", "0.00"]);
  });

  test("equally over 7 destinations of 100.00 → 14.29 ×4, 14.28 ×3", () => {
    // 10,000 / 7 = 1,428 r 4 each; Σ 9,996; four cents to the four earliest → 4 × 14.29 + 3 × 14.28 = 100.00
    const p = run(
      [
        rule({
          method: "equally",
          source: { fixedAmount: "100.00", account: "6990" },
          destinations: "ABCDEFG".split("").map((d) => ({ account: "6100", dimensions: dept(d) })),
        }),
      ],
      [],
    );
    expect(lines(p)).toEqual([
      "6100 A 14.29",
      "6100 B 14.29",
      "6100 C 14.29",
      "6100 D 14.29",
      "6100 E 14.28",
      "6100 F 14.28",
      "6100 G 14.28",
      "6990 - -100.00",
    ]);
  });
});

describe("allocations: basis", () => {
  const HEADCOUNT = ledger(`
    2026-03-10 6100 2000.00
    2026-01-01 9100 5 dept=SALES
    2026-01-01 9100 3 dept=ADMIN
    2026-02-01 9100 2 dept=OPS
    2026-01-01 9199 -10
    2026-04-15 9100 10 dept=OPS`);
  const rent = (extra: Partial<AllocationRule> = {}) =>
    rule({
      method: "basis",
      source: { accounts: ["6100"] },
      basis: { accounts: ["9100"] },
      destinations: ["SALES", "ADMIN", "OPS"].map((d) => ({ account: "6100", dimensions: dept(d) })),
      ...extra,
    });

  test("rent 2,000.00 by headcount 5 / 3 / 2 as of the rule date → 1,000.00 / 600.00 / 400.00", () => {
    // the OPS hire of 2026-04-15 is after the as-of date 2026-03-31; the 9199 contra is not basis
    const p = run([rent()], HEADCOUNT);
    expect(p.issues).toEqual([]);
    expect(lines(p)).toEqual(["6100 SALES 1000.00", "6100 ADMIN 600.00", "6100 OPS 400.00", "6100 - -2000.00"]);
  });

  test("a later as-of date takes the later balances: 5 / 3 / 12 → 500.00 / 300.00 / 1,200.00", () => {
    const p = run([rent({ date: "2026-04-30" })], HEADCOUNT);
    expect(lines(p)).toEqual(["6100 SALES 500.00", "6100 ADMIN 300.00", "6100 OPS 1200.00", "6100 - -2000.00"]);
  });

  test("a destination may name its own basis selector", () => {
    // SALES by 9100·SALES (5), ADMIN by 91*·OPS (2, the April hire excluded), total 7
    // 200,000 cents × 5 / 7 = 142,857 r 1; × 2 / 7 = 57,142 r 6; Σ 199,999 → one cent to ADMIN (r 6)
    const p = run(
      [
        rent({
          basis: undefined,
          destinations: [
            { account: "6100", dimensions: dept("SALES"), basis: { accounts: ["9100"], dimensions: dept("SALES") } },
            { account: "6100", dimensions: dept("ADMIN"), basis: { accountPrefix: "91", dimensions: dept("OPS") } },
          ],
        }),
      ],
      HEADCOUNT,
    );
    expect(lines(p)).toEqual(["6100 SALES 1428.57", "6100 ADMIN 571.43", "6100 - -2000.00"]);
  });

  test("a zero basis for one destination: it gets nothing, with a warning", () => {
    const p = run(
      [rent({ destinations: ["SALES", "NEW"].map((d) => ({ account: "6100", dimensions: dept(d) })) })],
      HEADCOUNT,
    );
    expect(lines(p)).toEqual(["6100 SALES 2000.00", "6100 - -2000.00"]);
    expect(p.issues.map((i) => [i.code, i.severity])).toEqual([["ALLOCATION_BASIS_ZERO", "warning"]]);
  });

  test("basis balances on both sides are refused", () => {
    const p = run([rent()], [...HEADCOUNT, ...ledger(`2026-03-01 9100 -7 dept=ADMIN`)]);
    expect(p.vouchers).toEqual([]);
    expect(codes(p)).toEqual(["ALLOCATION_BASIS_SIGN"]);
    expect(p.issues[0]!.message).toContain("6100 · Department=ADMIN -4");
  });

  test("the basis method without basis accounts is refused", () => {
    const p = run([rent({ basis: undefined })], HEADCOUNT);
    expect(codes(p)).toEqual(["ALLOCATION_NO_BASIS"]);
  });
});

describe("allocations: selecting the source", () => {
  const COSTS = ledger(`
    2026-03-02 6100 100.00 dept=ADMIN
    2026-03-03 6100 200.00 dept=SALES
    2026-03-04 6110 400.00 dept=ADMIN
    2026-03-05 6190 800.00
    2026-03-06 6200 1600.00 dept=ADMIN
    2026-03-07 4000 -3100.00`);
  const sourceOf = (source: AllocationRule["source"]) =>
    run(
      [
        rule({
          method: "equally",
          source,
          offset: { account: "6990", dimensions: {} },
          destinations: [{ account: "6990", dimensions: dept("X") }],
        }),
      ],
      COSTS,
    ).trace[0]!.result;

  test("by list: 6100, 6110 → 700.00", () => expect(sourceOf({ accounts: ["6100", "6110"] })).toBe("700.00"));
  test("by range: 6100..6190 → 1,500.00", () =>
    expect(sourceOf({ accountFrom: "6100", accountTo: "6190" })).toBe("1500.00"));
  test("by open range: 6110.. → 2,800.00", () => expect(sourceOf({ accountFrom: "6110" })).toBe("2800.00"));
  test("by prefix: 61* → 1,500.00", () => expect(sourceOf({ accountPrefix: "61" })).toBe("1500.00"));
  test("by dimension: 6* with Department=ADMIN → 2,100.00", () =>
    expect(sourceOf({ accountPrefix: "6", dimensions: dept("ADMIN") })).toBe("2100.00"));
  test("by blank dimension: 61* with Department blank → 800.00", () =>
    expect(sourceOf({ accountPrefix: "61", dimensions: dept("") })).toBe("800.00"));
  test("list or prefix: 6200 or 61* → 3,100.00", () =>
    expect(sourceOf({ accounts: ["6200"], accountPrefix: "61" })).toBe("3100.00"));

  test("offset 'source' credits each source balance: 6100·ADMIN 100, 6100·SALES 200, 6110·ADMIN 400", () => {
    const p = run(
      [
        rule({
          method: "equally",
          source: { accounts: ["6100", "6110"] },
          destinations: [{ account: "6990", dimensions: {} }],
        }),
      ],
      COSTS,
    );
    expect(lines(p)).toEqual(["6990 - 700.00", "6100 ADMIN -100.00", "6100 SALES -200.00", "6110 ADMIN -400.00"]);
    expect(lines(p).map((l) => l.split(" ")[0])).toEqual(["6990", "6100", "6100", "6110"]);
  });

  test("part of a multi-balance source: 50 % of 700.00 → credits 50.00 / 100.00 / 200.00", () => {
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          source: { accounts: ["6100", "6110"] },
          destinations: [{ account: "6990", dimensions: {}, percentage: "50" }],
        }),
      ],
      COSTS,
    );
    expect(lines(p)).toEqual(["6990 - 350.00", "6100 ADMIN -50.00", "6100 SALES -100.00", "6110 ADMIN -200.00"]);
  });

  test("part of a source with balances on both sides: 50 % of 1,000.00 − 200.00", () => {
    // S = 800.00, allocated 400.00; 6100: 1,000 × 400/800 = 500.00 → −500.00; 6110: −200 × ½ = −100.00 → +100.00
    const entries = ledger(`
      2026-03-02 6100 1000.00
      2026-03-03 6110 -200.00`);
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          source: { accounts: ["6100", "6110"] },
          destinations: [{ account: "6990", dimensions: {}, percentage: "50" }],
        }),
      ],
      entries,
    );
    expect(lines(p)).toEqual(["6990 - 400.00", "6100 - -500.00", "6110 - 100.00"]);
  });

  test("part of a source on both sides, by largest remainder: 30 % of 1.00 + 1.00 − 0.33", () => {
    // S = 1.67; 167 cents × 30 / 100 = 50 r 10, kept × 70 / 100 = 116 r 90 → kept takes the cent: 0.50 allocated
    // credits b × 50 / 167: 29.94, 29.94, −9.88 cents → floors 29, 29, −10, two cents left → 30, 30, −10
    const entries = ledger(`
      2026-03-02 6100 1.00
      2026-03-03 6110 1.00
      2026-03-04 6190 -0.33`);
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          source: { accountPrefix: "61" },
          destinations: [{ account: "6990", dimensions: {}, percentage: "30" }],
        }),
      ],
      entries,
    );
    expect(lines(p)).toEqual(["6990 - 0.50", "6100 - -0.30", "6110 - -0.30", "6190 - 0.10"]);
  });

  test("the rule's own range wins over the run's", () => {
    const entries = ledger(`
      2026-02-10 6300 50.00
      2026-03-10 6300 70.00`);
    const p = run(
      [
        rule({
          method: "equally",
          from: "2026-02-01",
          to: "2026-02-28",
          destinations: [{ account: "6990", dimensions: {} }],
        }),
      ],
      entries,
    );
    expect(lines(p)).toEqual(["6990 - 50.00", "6300 - -50.00"]);
    expect(p.parameters).toEqual({ rules: "R1", from: "2026-02-01", to: "2026-02-28", date: "2026-03-31" });
  });

  test("no range at all is refused", () => {
    const p = allocateRules({
      setup,
      ledger: ADVERTISING,
      rules: [rule({ method: "equally", destinations: [{ account: "6990", dimensions: {} }] })],
    });
    expect(codes(p)).toEqual(["ALLOCATION_NO_PERIOD"]);
  });
});

describe("allocations: offset, signs and vouchers", () => {
  test("fixed amount to a given offset account", () => {
    const p = run(
      [
        rule({
          method: "equally",
          source: { fixedAmount: "250.00", account: "6990" },
          offset: { account: "2000", dimensions: {} },
          destinations: [
            { account: "6100", dimensions: dept("A") },
            { account: "6100", dimensions: dept("B") },
          ],
        }),
      ],
      [],
    );
    expect(lines(p)).toEqual(["6100 A 125.00", "6100 B 125.00", "2000 - -250.00"]);
  });

  test("a ledger source to a given offset account leaves the source untouched", () => {
    const p = run(
      [
        rule({
          method: "equally",
          offset: { account: "6990", dimensions: dept("ALLOC") },
          destinations: [{ account: "6100", dimensions: dept("A") }],
        }),
      ],
      ADVERTISING,
    );
    expect(lines(p)).toEqual(["6100 A 10000.00", "6990 ALLOC -10000.00"]);
  });

  test("a negative source reverses the signs: −100.00 equally over 3 → −33.34 / −33.33 / −33.33, source +100.00", () => {
    const entries = ledger(`2026-03-10 6300 -100.00`);
    const p = run(
      [
        rule({
          method: "equally",
          destinations: ["A", "B", "C"].map((d) => ({ account: "6100", dimensions: dept(d) })),
        }),
      ],
      entries,
    );
    expect(lines(p)).toEqual(["6100 A -33.34", "6100 B -33.33", "6100 C -33.33", "6300 - 100.00"]);
    expect(destTrace(p)).toEqual([
      ["-33.34", "-0.01"],
      ["-33.33", "0.00"],
      ["-33.33", "0.00"],
    ]);
  });

  test("the voucher: one per rule, accounting currency, dated and described by the rule", () => {
    const p = run(
      [
        rule({
          id: "ADV",
          description: "Advertising",
          method: "equally",
          period: "FY2026-CLOSE",
          destinations: [{ account: "6100", dimensions: dept("A") }],
        }),
        rule({
          id: "FIX",
          description: "",
          method: "equally",
          date: "2026-03-30",
          source: { fixedAmount: "10.00", account: "6990" },
          destinations: [{ account: "6100", dimensions: {} }],
        }),
      ],
      ADVERTISING,
    );
    expect(p.step).toBe("allocation");
    expect(p.parameters).toEqual({
      rules: "ADV, FIX",
      from: "2026-03-01",
      to: "2026-03-31",
      date: "2026-03-31, 2026-03-30",
    });
    expect(p.vouchers.map((v) => [v.date, v.period, v.description])).toEqual([
      ["2026-03-31", "FY2026-CLOSE", "Allocation ADV: Advertising"],
      ["2026-03-30", undefined, "Allocation FIX"],
    ]);
    const l = p.vouchers[1]!.lines[0]!;
    expect([l.currency, l.amount.toString(), l.amountAccounting.toString(), l.dimensions, l.description]).toEqual([
      "USD",
      "10.00",
      "10.00",
      { Department: "" },
      "Allocation FIX",
    ]);
  });
});

describe("allocations: issues", () => {
  test("percentages over 100 % are refused", () => {
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          destinations: [
            { account: "6100", dimensions: dept("A"), percentage: "70" },
            { account: "6100", dimensions: dept("B"), percentage: "30.01" },
          ],
        }),
      ],
      ADVERTISING,
    );
    expect(p.vouchers).toEqual([]);
    expect(codes(p)).toEqual(["ALLOCATION_PERCENT_OVER_100"]);
    expect(p.issues[0]!.message).toBe(
      "Allocation rule R1 (Test rule): the percentages add up to 100.01 %, more than 100 %.",
    );
    expect(p.issues[0]!.at).toEqual({ table: "tblAllocationRules", column: "Percentage" });
  });

  test("bad and negative numbers, unknown accounts, no destinations", () => {
    expect(
      codes(
        run(
          [
            rule({
              method: "fixedWeight",
              row: 4,
              destinations: [
                { account: "6100", dimensions: {}, weight: "x" },
                { account: "6100", dimensions: {}, weight: "-1" },
                { account: "6999", dimensions: {}, weight: "1" },
              ],
            }),
          ],
          ADVERTISING,
        ),
      ),
    ).toEqual(["UNKNOWN_ACCOUNT", "ALLOCATION_BAD_NUMBER", "ALLOCATION_NEGATIVE_WEIGHT"]);
    expect(codes(run([rule({ method: "equally", destinations: [] })], ADVERTISING))).toEqual([
      "ALLOCATION_NO_DESTINATIONS",
    ]);
    expect(
      codes(
        run(
          [
            rule({
              method: "equally",
              source: { fixedAmount: "1.005", account: "6990" },
              destinations: [{ account: "6100", dimensions: {} }],
            }),
          ],
          [],
        ),
      ),
    ).toEqual(["ALLOCATION_BAD_NUMBER"]);
    expect(
      codes(
        run(
          [
            rule({
              method: "equally",
              source: { fixedAmount: "0", account: "6990" },
              destinations: [{ account: "6100", dimensions: {} }],
            }),
          ],
          [],
        ),
      ),
    ).toEqual(["ALLOCATION_ZERO_SOURCE"]);
  });

  test("every weight zero is refused", () => {
    const p = run(
      [rule({ method: "fixedPercentage", destinations: [{ account: "6100", dimensions: {}, percentage: "0" }] })],
      ADVERTISING,
    );
    expect(codes(p)).toEqual(["ALLOCATION_ZERO_WEIGHTS"]);
  });

  test("a failing rule gets no voucher; the other rules still do; duplicates are refused", () => {
    const good = rule({ id: "OK", method: "equally", destinations: [{ account: "6100", dimensions: {} }] });
    const bad = rule({
      id: "BAD",
      method: "equally",
      source: { accounts: ["6110"] },
      destinations: [{ account: "6100", dimensions: {} }],
    });
    const p = run([bad, good, good], ADVERTISING);
    expect(p.vouchers.map((v) => v.description)).toEqual(["Allocation OK: Test rule"]);
    expect(codes(p)).toEqual(["ALLOCATION_ZERO_SOURCE", "ALLOCATION_DUPLICATE_RULE"]);
  });

  test("nothing left after rounding: a warning and no voucher", () => {
    // 1 cent × 10 / 100 = 0 r 10; kept 1 × 90 / 100 = 0 r 90 → the cent stays on the source
    const p = run(
      [
        rule({
          method: "fixedPercentage",
          source: { fixedAmount: "0.01", account: "6990" },
          destinations: [{ account: "6100", dimensions: {}, percentage: "10" }],
        }),
      ],
      [],
    );
    expect(p.vouchers).toEqual([]);
    expect(p.issues.map((i) => [i.code, i.severity])).toEqual([["ALLOCATION_NOTHING_ALLOCATED", "warning"]]);
  });
});

describe("allocations: properties", () => {
  const DEPTS = ["A", "B", "C", ""];
  const entryArb = fc.record({
    account: fc.constantFrom("6100", "6110", "6190"),
    dept: fc.constantFrom(...DEPTS),
    cents: fc.integer({ min: -50_000_000, max: 50_000_000 }),
  });
  const methodArb = fc.oneof(
    fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 })
      .map((ws) => ({ method: "fixedWeight" as const, ws })),
    fc
      .array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 8 })
      .filter((ps) => ps.reduce((a, b) => a + b, 0) <= 10_000)
      .map((ws) => ({ method: "fixedPercentage" as const, ws })),
    fc.integer({ min: 1, max: 12 }).map((n) => ({ method: "equally" as const, ws: Array<number>(n).fill(1) })),
  );

  test("shares sum to the allocated total, vouchers balance, signs hold, zero weights get zero", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 10 }), methodArb, fc.boolean(), (gen, m, toSource) => {
        const entries = gen.map(
          (g, i) =>
            ledger(
              `2026-03-${String((i % 28) + 1).padStart(2, "0")} ${g.account} ${Amount.fromUnits(BigInt(g.cents), 2).toString()} dept=${g.dept}`,
            )[0]!,
        );
        const total = Amount.sum(entries.map((e) => e.amountAccounting));
        const destinations = m.ws.map((w, i) => ({
          account: "6200",
          dimensions: dept(`D${i}`),
          // percentages in hundredths: 1234 → "12.34"
          ...(m.method === "fixedPercentage"
            ? { percentage: Amount.fromUnits(BigInt(w), 2).toString() }
            : { weight: String(w) }),
        }));
        const p = run(
          [
            rule({
              method: m.method,
              source: { accountPrefix: "61" },
              offset: toSource ? "source" : { account: "6990", dimensions: {} },
              destinations,
            }),
          ],
          entries,
        );
        const sumWeights = m.ws.reduce((a, b) => a + b, 0);
        if (total.isZero()) return expect(codes(p)).toEqual(["ALLOCATION_ZERO_SOURCE"]);
        if (sumWeights === 0) return expect(codes(p)).toEqual(["ALLOCATION_ZERO_WEIGHTS"]);
        const shares = p.trace.filter((t) => t.key.includes("→")).map((t) => A(t.result));
        expect(shares).toHaveLength(m.ws.length);
        const allocated = Amount.sum(shares);
        const kept = p.trace.find((t) => t.key.endsWith("kept on source"));
        // what is allocated plus what stays on the source is the source, to the cent
        expect(allocated.plus(kept ? A(kept.result) : Amount.ZERO).eq(total)).toBe(true);
        if (m.method !== "fixedPercentage" || sumWeights === 10_000) expect(allocated.eq(total)).toBe(true);
        shares.forEach((s, i) => {
          expect(s.sign() === 0 || s.sign() === total.sign()).toBe(true);
          if (m.ws[i] === 0) expect(s.isZero()).toBe(true);
        });
        if (allocated.isZero()) return expect(p.vouchers).toEqual([]);
        expect(p.vouchers).toHaveLength(1);
        const v = p.vouchers[0]!;
        expect(Amount.sum(v.lines.map((l) => l.amountAccounting)).isZero()).toBe(true);
        const destLines = v.lines.filter((l) => l.account === "6200");
        expect(Amount.sum(destLines.map((l) => l.amountAccounting)).eq(allocated)).toBe(true);
        // credits on the source stay on each balance's side and within it
        if (toSource) {
          for (const l of v.lines.filter((x) => x.account !== "6200")) {
            const bal = A(balanceAfter(entries, { ...p, vouchers: [] }, l.account, l.dimensions.Department));
            const credit = l.amountAccounting.neg();
            expect(credit.sign()).toBe(bal.sign());
            expect(credit.abs().cmp(bal.abs()) <= 0).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  test("basis: shares follow the basis magnitudes and add up to the source", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }).filter((c) => c !== 0),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (cents, basis, credit) => {
          const entries = [
            ...ledger(`2026-03-10 6100 ${Amount.fromUnits(BigInt(cents), 2).toString()}`),
            ...basis.map(
              (b, i) =>
                ledger(`2026-03-01 9100 ${Amount.fromUnits(BigInt(credit ? -b : b), 2).toString()} dept=D${i}`)[0]!,
            ),
          ];
          const p = run(
            [
              rule({
                method: "basis",
                source: { accounts: ["6100"] },
                basis: { accounts: ["9100"] },
                destinations: basis.map((_, i) => ({ account: "6200", dimensions: dept(`D${i}`) })),
              }),
            ],
            entries,
          );
          if (basis.every((b) => b === 0)) return expect(codes(p)).toEqual(["ALLOCATION_ZERO_BASIS"]);
          const shares = p.trace.filter((t) => t.key.includes("→")).map((t) => A(t.result));
          expect(Amount.sum(shares).eq(Amount.fromUnits(BigInt(cents), 2))).toBe(true);
          shares.forEach((s, i) => {
            if (basis[i] === 0) expect(s.isZero()).toBe(true);
            expect(s.sign() === 0 || s.sign() === Math.sign(cents)).toBe(true);
          });
          expect(Amount.sum(p.vouchers[0]!.lines.map((l) => l.amountAccounting)).isZero()).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("allocation issues name columns tblAllocationRules has", () => {
  it("no destinations, no date, a reversed source range, a zero source: each at the rule's row, in a declared column or none", () => {
    // before: "Destinations", "Date", "From" and "Source" were named, none of them a column of tblAllocationRules
    const headers = new Set(Object.values(setup.where.allocationRules.columns));
    const bad = [
      rule({ method: "equally", destinations: [], row: 4 }),
      rule({ id: "R2", method: "equally", destinations: [{ account: "6110", dimensions: {} }], date: "", row: 6 }),
      rule({
        id: "R3",
        method: "equally",
        destinations: [{ account: "6110", dimensions: {} }],
        from: "2026-03-31",
        to: "2026-03-01",
        row: 8,
      }),
      rule({ id: "R4", method: "equally", destinations: [{ account: "6110", dimensions: {} }], row: 9 }), // 6300 has no balance
    ];
    const p = run(bad, []);
    expect(p.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([
      ["ALLOCATION_NO_DESTINATIONS", 4, "Destination account"],
      ["ALLOCATION_NO_DATE", 6, undefined],
      ["ALLOCATION_NO_PERIOD", 8, undefined],
      ["ALLOCATION_ZERO_SOURCE", 9, "Source accounts"],
    ]);
    for (const i of p.issues) if (i.at?.column) expect(headers.has(i.at.column)).toBe(true);
  });
});
