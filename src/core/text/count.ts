/**
 * A count with its noun, as people write it: one place for plurals in every
 * message the app and the CLI print (the pane's words.ts uses it too).
 *
 * Example: count(1, "voucher") → "1 voucher"; count(1234, "ledger line") → "1,234 ledger lines";
 *   count(2, "entry", "entries") → "2 entries"
 */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
