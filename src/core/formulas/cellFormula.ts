/**
 * A cell formula that calls CLOSEBOOK.* functions, evaluated by the core
 * evaluator (functions.ts) without Excel: for `closebook publish` (formulas
 * become values) and the browser preview's grid. The grammar is the small part
 * of Excel's a management report needs: numbers, "text", cell references on
 * the same sheet (A1, $B$3), + - * / and & , parentheses, unary minus, and
 * calls of CLOSEBOOK.BALANCE / ACTIVITY / RATE / STATUS (also as saved in a
 * file, _xldudf_CLOSEBOOK_BALANCE) with omitted arguments (`,,`). Anything
 * else is #NAME? with a message; a bad argument is the function's #VALUE! / #N/A.
 * Sums of amounts go through Amount (exact), not floats.
 *
 * Example: with B2 = "2026-03",
 *   evaluateFormula('=CLOSEBOOK.BALANCE("4000",B2)-CLOSEBOOK.BALANCE("4000","2026-02")', fns, cellAt)
 *   → { ok: true, value: -1609 }   (March's closing −1609.00 less February's 0)
 */
import { Amount } from "../money";
import type { Arg, ClosebookFunctions } from "./functions";

export type CellResult =
  | { readonly ok: true; readonly value: number | string; readonly amount?: Amount }
  | { readonly ok: false; readonly error: string; readonly message: string };

/** What a referenced cell holds: its value, or the result of its own formula. */
export type CellLookup = (row: number, column: number) => CellResult;

const CALL = /(?:CLOSEBOOK\.|_xldudf_CLOSEBOOK_)(BALANCE|ACTIVITY|RATE|STATUS)\s*\(/i;

/** Whether a formula text calls a CLOSEBOOK.* function. */
export function callsClosebook(formula: string): boolean {
  return CALL.test(formula);
}

type Token =
  | { t: "num"; v: string }
  | { t: "str"; v: string }
  | { t: "ref"; row: number; column: number }
  | { t: "range"; top: number; left: number; bottom: number; right: number }
  | { t: "fn"; name: string }
  | { t: "op"; v: string };

const nameError = (message: string): CellResult => ({ ok: false, error: "#NAME?", message });
const valueError = (message: string): CellResult => ({ ok: false, error: "#VALUE!", message });

/** "AB" → 27 (0-based column index of A = 0). */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function tokenize(text: string): Token[] | CellResult {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ws = /^\s+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    const str = /^"((?:[^"]|"")*)"/.exec(rest);
    const num = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    const fn = /^(?:CLOSEBOOK\.|_xldudf_CLOSEBOOK_)([A-Z]+)\s*(?=\()/i.exec(rest);
    const ref = /^\$?([A-Z]{1,3})\$?(\d+)(?![\w.(])/i.exec(rest);
    const range = /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)(?![\w.(])/i.exec(rest);
    const sum = /^SUM\s*(?=\()/i.exec(rest);
    let token: Token;
    let length: number;
    if (str) [token, length] = [{ t: "str", v: str[1]!.replace(/""/g, '"') }, str[0].length];
    else if (fn) [token, length] = [{ t: "fn", name: fn[1]!.toUpperCase() }, fn[0].length];
    else if (sum) [token, length] = [{ t: "fn", name: "SUM()" }, sum[0].length];
    else if (range) {
      const [r1, r2] = [Number(range[2]) - 1, Number(range[4]) - 1];
      const [c1, c2] = [columnIndex(range[1]!), columnIndex(range[3]!)];
      token = {
        t: "range",
        top: Math.min(r1, r2),
        bottom: Math.max(r1, r2),
        left: Math.min(c1, c2),
        right: Math.max(c1, c2),
      };
      length = range[0].length;
    } else if (ref)
      [token, length] = [{ t: "ref", row: Number(ref[2]) - 1, column: columnIndex(ref[1]!) }, ref[0].length];
    else if (num) [token, length] = [{ t: "num", v: num[0] }, num[0].length];
    else if ("+-*/&(),".includes(rest[0]!)) [token, length] = [{ t: "op", v: rest[0]! }, 1];
    else {
      const word = /^[\w.]+/.exec(rest)?.[0] ?? rest[0]!;
      return nameError(
        `"${word}" is not something Closebook evaluates (only CLOSEBOOK.* calls, SUM, cells, numbers, text and + - * / &).`,
      );
    }
    out.push(token);
    i += length;
  }
  return out;
}

const isResult = (x: unknown): x is CellResult => typeof x === "object" && x !== null && "ok" in x;

/** The value of `formula` ("=…" or without "="); `cellAt` answers a referenced cell (0-based row and column). */
export function evaluateFormula(formula: string, fns: ClosebookFunctions, cellAt: CellLookup): CellResult {
  const tokens = tokenize(formula.replace(/^\s*=/, ""));
  if (isResult(tokens)) return tokens;
  let at = 0;
  const peek = () => tokens[at];
  const isOp = (v: string) => {
    const t = peek();
    return t?.t === "op" && t.v === v;
  };
  const syntax = (what: string): CellResult => valueError(`The formula ${formula} is not well formed: ${what}.`);

  const binary = (a: CellResult, op: string, b: CellResult): CellResult => {
    if (!a.ok) return a;
    if (!b.ok) return b;
    if (op === "&") return { ok: true, value: `${a.value}${b.value}` };
    const x = typeof a.value === "number" ? a.value : Number(a.value);
    const y = typeof b.value === "number" ? b.value : Number(b.value);
    if (!Number.isFinite(x) || !Number.isFinite(y) || a.value === "" || b.value === "")
      return valueError(`${op} needs numbers, not ${JSON.stringify(a.value)} and ${JSON.stringify(b.value)}.`);
    const ax = a.amount ?? Amount.fromNumber(x);
    const by = b.amount ?? Amount.fromNumber(y);
    if ((op === "+" || op === "-") && ax && by) {
      const amount = op === "+" ? ax.plus(by) : ax.minus(by);
      return { ok: true, value: amount.toNumber(), amount };
    }
    if (op === "/" && y === 0) return { ok: false, error: "#DIV/0!", message: "Division by zero." };
    return { ok: true, value: op === "*" ? x * y : op === "/" ? x / y : op === "+" ? x + y : x - y };
  };

  const sumOf = (): CellResult => {
    at++; // "("
    let total: CellResult = { ok: true, value: 0, amount: Amount.ZERO };
    const add = (v: CellResult, strict: boolean) => {
      if (!v.ok || typeof v.value === "number" || strict) total = binary(total, "+", v);
    };
    for (;;) {
      const t = peek();
      if (t?.t === "range") {
        at++;
        if ((t.bottom - t.top + 1) * (t.right - t.left + 1) > 100_000)
          return valueError("SUM over more than 100,000 cells.");
        for (let r = t.top; r <= t.bottom; r++) for (let c = t.left; c <= t.right; c++) add(cellAt(r, c), false);
      } else if (t?.t === "ref" && tokens[at + 1]?.t === "op") {
        const next = tokens[at + 1] as { v: string };
        if (next.v === "," || next.v === ")") {
          at++;
          add(cellAt(t.row, t.column), false); // a referenced text cell is skipped, as Excel's SUM does
        } else add(expr(), true);
      } else add(expr(), true);
      if (!total.ok) return total;
      if (isOp(",")) at++;
      else if (isOp(")")) {
        at++;
        return total;
      } else return syntax("a , or ) is missing in SUM");
    }
  };

  const call = (name: string): CellResult => {
    if (name === "SUM()") return sumOf();
    at++; // "("
    const args: Arg[] = [];
    if (isOp(")")) at++;
    else
      for (;;) {
        if (isOp(",") || isOp(")"))
          args.push(undefined); // an omitted argument
        else {
          const v = expr();
          if (!v.ok) return v;
          args.push(v.value);
        }
        if (isOp(",")) at++;
        else if (isOp(")")) {
          at++;
          break;
        } else return syntax(peek() ? "a , or ) is missing between arguments" : "a ) is missing");
      }
    if (name === "BALANCE") return fns.balance(args[0], args[1], args[2], args[3]);
    if (name === "ACTIVITY") return fns.activity(args[0], args[1], args[2], args[3], args[4]);
    if (name === "RATE") return fns.rate(args[0], args[1], args[2], args[3]);
    if (name === "STATUS") return fns.status(args[0]);
    return nameError(`CLOSEBOOK.${name} is not a Closebook function (BALANCE, ACTIVITY, RATE, STATUS).`);
  };

  const primary = (): CellResult => {
    const t = peek();
    if (!t) return syntax("it ends too early");
    if (t.t === "op" && (t.v === "-" || t.v === "+")) {
      at++;
      const v = primary();
      if (t.v === "+" || !v.ok) return v;
      return binary({ ok: true, value: 0, amount: Amount.ZERO }, "-", v);
    }
    if (t.t === "op" && t.v === "(") {
      at++;
      const v = expr();
      if (!isOp(")")) return syntax("a ) is missing");
      at++;
      return v;
    }
    at++;
    if (t.t === "num") return { ok: true, value: Number(t.v), ...amountOf(t.v) };
    if (t.t === "str") return { ok: true, value: t.v };
    if (t.t === "ref") return cellAt(t.row, t.column);
    if (t.t === "fn") return call(t.name);
    if (t.t === "range") return valueError("A range such as B4:B9 is taken only by SUM.");
    return syntax(`unexpected "${t.v}"`);
  };

  const term = (): CellResult => {
    let v = primary();
    while (isOp("*") || isOp("/")) {
      const op = (tokens[at++] as { v: string }).v;
      v = binary(v, op, primary());
    }
    return v;
  };

  const sum = (): CellResult => {
    let v = term();
    while (isOp("+") || isOp("-")) {
      const op = (tokens[at++] as { v: string }).v;
      v = binary(v, op, term());
    }
    return v;
  };

  function expr(): CellResult {
    let v = sum();
    while (isOp("&")) {
      at++;
      v = binary(v, "&", sum());
    }
    return v;
  }

  const result = expr();
  if (result.ok && at < tokens.length) return syntax(`unexpected text after the end`);
  return result;
}

function amountOf(text: string): { amount?: Amount } {
  const a = Amount.parse(text);
  return a ? { amount: a } : {};
}

/** A cell as the sheet evaluator sees it: a formula (text with "="), or a plain value. */
export type SheetCell = { readonly formula: string } | { readonly value: number | string | boolean | null };

/**
 * Every cell of a sheet through one memo: a CLOSEBOOK.* formula is evaluated
 * (its references answered by the cells they name, formulas among them
 * evaluated in turn), a plain value is itself, a blank is "". A formula
 * beyond the grammar (no CLOSEBOOK.* call, say =AVERAGE(B4:B9)) is `#NAME?`,
 * unless `otherFormula` answers it (e.g. with the value Excel cached). A cycle is #VALUE!.
 *
 * Example: B3 '=CLOSEBOOK.BALANCE(A3,"2026-03")', A3 "4000" → valueAt(2, 1) = { ok: true, value: -1609 }
 */
export function sheetEvaluator(
  cellAt: (row: number, column: number) => SheetCell | undefined,
  fns: ClosebookFunctions,
  otherFormula: (row: number, column: number, formula: string) => CellResult | undefined = () => undefined,
): (row: number, column: number) => CellResult {
  const memo = new Map<string, CellResult | "busy">();
  const valueAt = (row: number, column: number): CellResult => {
    const key = `${row},${column}`;
    const seen = memo.get(key);
    if (seen === "busy") return valueError("The formula refers to itself (a circular reference).");
    if (seen) return seen;
    const cell = cellAt(row, column);
    let r: CellResult;
    if (cell === undefined) r = { ok: true, value: "" };
    else if ("formula" in cell) {
      memo.set(key, "busy");
      r = evaluateFormula(cell.formula, fns, valueAt);
      if (!r.ok && r.error === "#NAME?" && !callsClosebook(cell.formula))
        r = otherFormula(row, column, cell.formula) ?? r;
    } else {
      const v = cell.value;
      r = { ok: true, value: v === null ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : v };
    }
    memo.set(key, r);
    return r;
  };
  return valueAt;
}

/** "B3" for 0-based (2, 1). */
export function cellAddress(row: number, column: number): string {
  let letters = "";
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}
