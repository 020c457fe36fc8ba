/**
 * A cell formula calling CLOSEBOOK.* (src/core/formulas/cellFormula.ts) on the
 * hand-made ledger of functions.test.ts, worked by hand:
 *   1000: +500.00 (Feb), −120.00 (Mar) → BALANCE Mar = 380.00, Feb = 500.00
 *   1010: +109.00 (Mar, EUR 100.00); 4000: −109.00 (Mar, SALES); 6100 +120.00 (Mar, ADMIN)
 *   BALANCE(1000, Mar) − BALANCE(1000, Feb) = 380 − 500 = −120.00 = ACTIVITY(1000, Mar, Mar)
 *   0.1 + 0.2 in floats is 0.30000000000000004; through Amount it is 0.3 exactly.
 */
import fc from "fast-check";
import {
  callsClosebook,
  cellAddress,
  evaluateFormula,
  sheetEvaluator,
  type SheetCell,
} from "../../../src/core/formulas/cellFormula";
import { closebookFunctions } from "../../../src/core/formulas/functions";
import type { LedgerEntry } from "../../../src/core/ledger/types";
import { A, makeSetup } from "../../support/fixtures";

function line(
  entryNo: number,
  date: string,
  account: string,
  amount: string,
  accounting = amount,
  currency = "USD",
  dept = "",
): LedgerEntry {
  return {
    entryNo,
    voucher: `GL-${entryNo}`,
    date,
    period: date.slice(0, 7),
    account,
    dimensions: { Department: dept },
    currency,
    amount: A(amount),
    amountAccounting: A(accounting),
    description: "",
    source: "journal:GJ",
    runId: "RUN-1",
    settlementId: "",
    user: "alice",
    postedAt: "2026-04-01T00:00:00Z",
  };
}

const fns = closebookFunctions({
  ledger: [
    line(1, "2026-02-10", "1000", "500.00"),
    line(2, "2026-02-10", "3000", "-500.00"),
    line(3, "2026-03-05", "6100", "120.00", "120.00", "USD", "ADMIN"),
    line(4, "2026-03-05", "1000", "-120.00"),
    line(5, "2026-03-20", "1010", "100.00", "109.00", "EUR"),
    line(6, "2026-03-20", "4000", "-100.00", "-109.00", "EUR", "SALES"),
  ],
  setup: makeSetup(),
});
const none = () => ({ ok: true as const, value: "" });
const ev = (f: string) => {
  const r = evaluateFormula(f, fns, none);
  return r.ok ? r.value : r.error;
};

describe("evaluateFormula", () => {
  it("answers CLOSEBOOK calls and arithmetic over them as worked by hand", () => {
    expect(ev('=CLOSEBOOK.BALANCE("1000","2026-03")')).toBe(380);
    expect(ev('=CLOSEBOOK.BALANCE("1000","2026-03")-CLOSEBOOK.BALANCE("1000","2026-02")')).toBe(-120);
    expect(ev('=-CLOSEBOOK.BALANCE("4000:4999","2026-03","Department=SALES")')).toBe(109);
    expect(ev('=CLOSEBOOK.BALANCE("1010","2026-03",,"EUR")')).toBe(100);
    expect(ev('=_xldudf_CLOSEBOOK_ACTIVITY("1000","2026-03","2026-03")')).toBe(-120);
    expect(ev('=CLOSEBOOK.STATUS("2026-03")&"!"')).toBe("Open!");
    expect(ev("=0.1+0.2")).toBe(0.3);
    expect(ev('=(CLOSEBOOK.BALANCE("1000","2026-03")+20)/2*3')).toBe(600);
  });

  it("gives Excel's errors with a message, never a throw", () => {
    expect(evaluateFormula('=CLOSEBOOK.BALANCE("9999","2026-03")', fns, none)).toMatchObject({
      ok: false,
      error: "#VALUE!",
      message: 'No account matches "9999".',
    });
    expect(ev('=CLOSEBOOK.RATE("CHF","USD","2026-03-25")')).toBe("#N/A");
    expect(ev('=CLOSEBOOK.NOPE("1000")')).toBe("#NAME?");
    expect(ev('=AVERAGE(1,2)+CLOSEBOOK.BALANCE("1000","2026-03")')).toBe("#NAME?");
    expect(ev('=CLOSEBOOK.BALANCE("1000","2026-03"')).toBe("#VALUE!");
    expect(ev('=CLOSEBOOK.BALANCE("1000","2026-03"))')).toBe("#VALUE!");
    expect(ev('=CLOSEBOOK.BALANCE("1000","2026-03")/0')).toBe("#DIV/0!");
  });

  it("never throws on any text (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = evaluateFormula(`=CLOSEBOOK.BALANCE(${s})`, fns, none);
        expect(typeof r.ok).toBe("boolean");
      }),
    );
  });

  it("knows a CLOSEBOOK formula when it sees one", () => {
    expect(callsClosebook('=closebook.balance("1000","2026-03")')).toBe(true);
    expect(callsClosebook("=SUM(B3:B5)")).toBe(false);
    expect(cellAddress(2, 1)).toBe("B3");
    expect(cellAddress(0, 27)).toBe("AB1");
  });
});

describe("sheetEvaluator", () => {
  it("follows references to values and other formulas, and stops a cycle", () => {
    // A1 "1000", B1 "2026-03", C1 = BALANCE(A1, B1) = 380, D1 = C1 − BALANCE(A1, "2026-02") = −120, E1 = E1
    const cells: Record<string, SheetCell> = {
      A1: { value: "1000" },
      B1: { value: "2026-03" },
      C1: { formula: "=CLOSEBOOK.BALANCE(A1,$B$1)" },
      D1: { formula: '=C1-CLOSEBOOK.BALANCE($A1,"2026-02")' },
      E1: { formula: "=CLOSEBOOK.STATUS(E1)" },
      F1: { formula: "=SUM(C1:D1)" },
    };
    const valueAt = sheetEvaluator((r, c) => cells[cellAddress(r, c)], fns);
    expect(valueAt(0, 2)).toMatchObject({ ok: true, value: 380 });
    expect(valueAt(0, 3)).toMatchObject({ ok: true, value: -120 });
    expect(valueAt(0, 4)).toMatchObject({ ok: false, error: "#VALUE!" });
    expect(valueAt(0, 5)).toMatchObject({ ok: true, value: 260 }); // SUM(C1:D1) = 380 − 120
  });
});

describe("SUM", () => {
  it("adds ranges, cells and numbers, skipping text cells, exactly", () => {
    // A1 "x" (text, skipped), A2 0.1, A3 0.2, B1 = BALANCE(1000, Mar) = 380 → SUM(A1:A3, B1, 1) = 0.3 + 380 + 1 = 381.3
    const cells: Record<string, SheetCell> = {
      A1: { value: "x" },
      A2: { value: 0.1 },
      A3: { value: 0.2 },
      B1: { formula: '=CLOSEBOOK.BALANCE("1000","2026-03")' },
      C1: { formula: "=SUM(A1:A3,B1,1)" },
      D1: { formula: "=SUM(A2:A3)" },
      E1: { formula: "=A1:A3" },
    };
    const valueAt = sheetEvaluator((r, c) => cells[cellAddress(r, c)], fns);
    expect(valueAt(0, 2)).toMatchObject({ ok: true, value: 381.3 });
    expect(valueAt(0, 3)).toMatchObject({ ok: true, value: 0.3 });
    expect(valueAt(0, 4)).toMatchObject({ ok: false, error: "#VALUE!" });
  });
});
