/**
 * @jest-environment node
 */
/**
 * What crosses the pane's worker boundary (#16 point 1): structured clone drops classes; wire.ts tags and
 * revives them. Properties: any Amount and any Rate come back equal and usable; errors keep their class and
 * fields (a CommandRefused with its issue, a RowsMovedError, OperationCancelled).
 */
import fc from "fast-check";
import { CommandRefused } from "../../../src/app/commands";
import { CLOSE_STEPS } from "../../../src/core/close/steps";
import { issue } from "../../../src/core/issues/issue";
import { Amount } from "../../../src/core/money/amount";
import { Rate } from "../../../src/core/money/rate";
import { OperationCancelled } from "../../../src/taskpane/shell/cancelGate";
import { registerStepRefs } from "../../../src/taskpane/worker/stepRefs";
import { decode, encode, encodeTagged } from "../../../src/taskpane/worker/wire";

registerStepRefs();

const across = <T>(v: T): T => decode(structuredClone(encode(v))) as T;

test("a bare structured clone loses the Amount's class (why wire.ts exists)", () => {
  expect(structuredClone(Amount.parse("1.5"))).not.toBeInstanceOf(Amount);
});

test("any Amount comes back an equal Amount", () => {
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }), (units, scale) => {
      const a = Amount.fromUnits(units, scale);
      const b = across({ nested: [new Map([["x", a]])] }).nested[0]!.get("x")!;
      expect(b).toBeInstanceOf(Amount);
      expect(b.eq(a)).toBe(true);
      // and it computes: 1.23 added on both sides gives the same text
      expect(b.plus(Amount.parse("1.23")!).toString()).toBe(a.plus(Amount.parse("1.23")!).toString());
    }),
  );
});

test("a Rate comes back a Rate that converts the same", () => {
  // 1 EUR = 1.0845 USD: 100.00 EUR → 108.45 USD
  const r = Rate.parse("1.0845")!;
  const back = across(r);
  expect(back).toBeInstanceOf(Rate);
  expect(back.apply(Amount.parse("100.00")!, 2).toString()).toBe("108.45");
});

test("errors keep their class and fields; a registered step comes back the same object", () => {
  const refused = across(new CommandRefused("post-journals", [issue("UNEXPECTED", "locked by bob")]));
  expect(refused).toBeInstanceOf(CommandRefused);
  expect(refused.issues[0]!.message).toBe("locked by bob");
  expect(refused.message).toBe("locked by bob");
  expect(across(new OperationCancelled())).toBeInstanceOf(OperationCancelled);
  const plain = across(new TypeError("no such table"));
  expect(plain).toBeInstanceOf(Error);
  expect(plain.message).toBe("no such table");
  expect(across({ step: CLOSE_STEPS[0] }).step).toBe(CLOSE_STEPS[0]);
});

test("plain cells cross untagged (taken as they are, no decode walk on the main thread); anything tagged says so", () => {
  // any rows of plain cells (strings, numbers, booleans, null, Dates): nothing to tag, the same value back
  const cell = fc.oneof(
    fc.string(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.date({ noInvalidDate: true }),
  );
  fc.assert(
    fc.property(fc.array(fc.array(cell)), (rows) => {
      const { value, tagged } = encodeTagged(["tblLedger", rows]);
      expect(tagged).toBe(false);
      expect(structuredClone(value)).toEqual(["tblLedger", rows]);
    }),
  );
  // one Amount, one step or one function anywhere is tagged
  expect(encodeTagged([{ a: [Amount.parse("1.00")] }]).tagged).toBe(true);
  expect(encodeTagged({ step: CLOSE_STEPS[0] }).tagged).toBe(true);
  expect(encodeTagged({ onStep: () => undefined }, { fn: () => 1 }).tagged).toBe(true);
});
