/**
 * A cell or decoded value as text, for keys and messages: "" for blank (null or undefined), an Excel error
 * value as its code, anything else as String() gives it. `String(v)` alone turns an error value
 * ({ error: "#N/A" }) into "[object Object]" (lint: @typescript-eslint/no-base-to-string).
 *
 * Example: textOf(null) → ""; textOf({ error: "#N/A" }) → "#N/A"; textOf(12.5) → "12.5"; textOf(" a ") → " a "
 */
export function textOf(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "object" && "error" in v && typeof v.error === "string") return v.error;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- numbers, booleans, Dates, lists: String() is the text
  return String(v);
}
