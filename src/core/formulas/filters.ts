/**
 * The account and dimension arguments of the CLOSEBOOK.* functions, parsed
 * once into predicates. An account is one number ("4000", or 4000 typed as a
 * number), a range of numbers ("4000:4999", both ends included, compared as
 * text of equal length, or as numbers when both ends are whole numbers), a
 * wildcard ("6*" any tail, "4?00" one character), or a list of these ("1000,1010").
 * A dimension filter is "Department=SALES", several joined by ";" (all must
 * hold); values match case-insensitively; "Department=" means blank.
 *
 * Example: accountFilter("4000:4999") → matches "4000", "4510", not "5000";
 *          accountFilter("6*") → "6100", "6900"; dimensionFilter("Department=Sales", ["Department"])
 *          → matches { Department: "SALES" }; dimensionFilter("Region=EU", ["Department"]) → #VALUE! message.
 */

export type Problem = { readonly problem: string };

export function isProblem<T>(x: T | Problem): x is Problem {
  return typeof x === "object" && x !== null && "problem" in x;
}

export type AccountMatch = (account: string) => boolean;

function onePattern(text: string): AccountMatch | Problem {
  const t = text.trim();
  if (t === "") return { problem: "an account is empty" };
  const range = /^([^:]+):([^:]+)$/.exec(t);
  if (range) {
    const lo = range[1]!.trim();
    const hi = range[2]!.trim();
    if (/^\d+$/.test(lo) && /^\d+$/.test(hi)) {
      const a = BigInt(lo);
      const b = BigInt(hi);
      if (a > b) return { problem: `the range "${t}" starts after it ends` };
      return (acct) => /^\d+$/.test(acct) && BigInt(acct) >= a && BigInt(acct) <= b;
    }
    if (lo > hi) return { problem: `the range "${t}" starts after it ends` };
    return (acct) => acct >= lo && acct <= hi;
  }
  if (/[*?]/.test(t)) {
    const re = new RegExp(
      `^${t
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")}$`,
      "i",
    );
    return (acct) => re.test(acct);
  }
  const upper = t.toUpperCase();
  return (acct) => acct.toUpperCase() === upper;
}

/** The accounts an account argument selects; a problem for an empty or backwards one. */
export function accountFilter(arg: string | number): AccountMatch | Problem {
  if (typeof arg === "number") {
    if (!Number.isInteger(arg) || arg < 0) return { problem: `${arg} is not an account number` };
    return onePattern(String(arg));
  }
  const parts = arg.split(",");
  const matchers: AccountMatch[] = [];
  for (const p of parts) {
    const m = onePattern(p);
    if (isProblem(m)) return m;
    matchers.push(m);
  }
  return matchers.length === 1 ? matchers[0]! : (acct) => matchers.some((m) => m(acct));
}

export type DimensionMatch = (dims: Readonly<Record<string, string>>) => boolean;

/** A dimension filter over the declared dimensions; undefined or "" = every line. */
export function dimensionFilter(
  arg: string | undefined,
  declared: readonly string[],
): DimensionMatch | undefined | Problem {
  if (arg === undefined || arg.trim() === "") return undefined;
  const tests: [string, string][] = [];
  for (const part of arg.split(";")) {
    if (part.trim() === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) return { problem: `"${part.trim()}" is not a dimension filter like "Department=SALES"` };
    const name = part.slice(0, eq).trim();
    const dim = declared.find((d) => d.toUpperCase() === name.toUpperCase());
    if (!dim) return { problem: `there is no dimension "${name}" (dimensions: ${declared.join(", ") || "none"})` };
    tests.push([
      dim,
      part
        .slice(eq + 1)
        .trim()
        .toUpperCase(),
    ]);
  }
  if (tests.length === 0) return undefined;
  return (dims) => tests.every(([d, v]) => (dims[d] ?? "").toUpperCase() === v);
}
