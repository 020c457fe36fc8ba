/**
 * `closebook reverse` names the vouchers it posted as ranges, as `post` does ("GL-050001..GL-050500"), not one by one
 * (a 1,000-voucher run printed 1,000 numbers on one line).
 */
import fc from "fast-check";
import { voucherRanges } from "../../src/cli/voucherRanges";

test("consecutive numbers of one prefix and width join into a range; a gap, another prefix or width starts a new one", () => {
  // GL-050001 … GL-051000 are 1,000 consecutive numbers: one range
  const thousand = Array.from({ length: 1000 }, (_, i) => `GL-${String(50001 + i).padStart(6, "0")}`);
  expect(voucherRanges(thousand)).toBe("GL-050001..GL-051000");
  // 1, 2, 3 then a gap to 7: two ranges, the lone 7 alone
  expect(voucherRanges(["GL-000001", "GL-000002", "GL-000003", "GL-000007"])).toBe("GL-000001..GL-000003, GL-000007");
  // another prefix breaks the range even when the numbers follow; so does another width (9 → 10 in "V9", "V10")
  expect(voucherRanges(["GL-000001", "RV-000002"])).toBe("GL-000001, RV-000002");
  expect(voucherRanges(["V9", "V10"])).toBe("V9, V10");
  // two in a row are a range, as post prints them; none is empty; one without digits stands alone
  expect(voucherRanges(["GL-1", "GL-2"])).toBe("GL-1..GL-2");
  expect(voucherRanges([])).toBe("");
  expect(voucherRanges(["OPENING", "OPENING"])).toBe("OPENING, OPENING");
});

test("the ranges name every voucher, in order, and no other", () => {
  const expand = (text: string): string[] =>
    text === ""
      ? []
      : text.split(", ").flatMap((part) => {
          const [a, b] = part.split("..");
          if (b === undefined) return [a!];
          const [, prefix, from] = /^(.*?)(\d+)$/.exec(a!)!;
          const to = Number(/(\d+)$/.exec(b)![1]);
          return Array.from(
            { length: to - Number(from) + 1 },
            (_, i) => `${prefix}${String(Number(from) + i).padStart(from!.length, "0")}`,
          );
        });
  const voucher = fc
    .tuple(fc.constantFrom("GL-", "RV-", "X"), fc.integer({ min: 0, max: 30 }), fc.constantFrom(2, 6))
    .map(([p, n, w]) => `${p}${String(n).padStart(w, "0")}`);
  fc.assert(
    fc.property(fc.array(voucher, { maxLength: 40 }), (vs) => {
      expect(expand(voucherRanges(vs))).toEqual(vs);
    }),
  );
});
