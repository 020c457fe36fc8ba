/**
 * Voucher numbers as a person reads them on one line: consecutive numbers (same prefix, same digit width, each one
 * more than the last) joined as `post` prints its run ("GL-050001..GL-050500"), the rest one by one, in the given order.
 *
 * Example: ["GL-000001", "GL-000002", "GL-000003", "GL-000007"] → "GL-000001..GL-000003, GL-000007";
 *   a 1,000-voucher reversal GL-050501 … GL-051500 → "GL-050501..GL-051500".
 */
const NUMBERED = /^(.*?)(\d+)$/;

export function voucherRanges(vouchers: readonly string[]): string {
  const parts: string[] = [];
  let first: string | undefined;
  let last = "";
  let prefix: string | undefined;
  let digits = "";
  const flush = (): void => {
    if (first !== undefined) parts.push(first === last ? first : `${first}..${last}`);
  };
  for (const v of vouchers) {
    const m = NUMBERED.exec(v);
    const follows =
      m !== null &&
      prefix !== undefined &&
      m[1] === prefix &&
      m[2]!.length === digits.length &&
      BigInt(m[2]!) === BigInt(digits) + 1n;
    if (follows) {
      last = v;
      digits = m[2]!;
      continue;
    }
    flush();
    first = last = v;
    prefix = m?.[1];
    digits = m?.[2] ?? "";
  }
  flush();
  return parts.join(", ");
}
