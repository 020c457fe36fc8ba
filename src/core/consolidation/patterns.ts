/**
 * Account patterns, as D365's criteria syntax: "6100..6110" a range, "61*" a
 * prefix, "6100, 6110" a list, "*" or blank every account.
 *
 * Example: matchesPattern("1300", "13*") → true; matchesPattern("1300", "1000..1299, 2300") → false;
 *   patternIsValid("13*0") → false (a wildcard only at the end).
 */
export function matchesPattern(value: string, pattern: string): boolean {
  const p = pattern.trim();
  if (p === "" || p === "*") return true;
  return p.split(",").some((part) => matchesOne(value, part.trim()));
}

function matchesOne(value: string, part: string): boolean {
  if (part === "*") return true;
  const range = part.split("..");
  if (range.length === 2) {
    const [lo = "", hi = ""] = range.map((x) => x.trim());
    return compare(value, lo) >= 0 && compare(value, hi) <= 0;
  }
  if (part.endsWith("*")) return value.startsWith(part.slice(0, -1));
  return value === part;
}

/** numbers compare as numbers when both are digits of the same length, else as text */
function compare(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function patternIsValid(pattern: string): boolean {
  const p = pattern.trim();
  if (p === "" || p === "*") return true;
  return p.split(",").every((part) => {
    const x = part.trim();
    if (x === "") return false;
    if (x.includes(".."))
      return x.split("..").length === 2 && !x.includes("*") && x.split("..").every((y) => y.trim() !== "");
    return !x.slice(0, -1).includes("*");
  });
}
