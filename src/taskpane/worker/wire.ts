/**
 * What crosses between the pane's main thread and its command worker (commandWorker.ts): values made
 * structured-cloneable and back. Structured clone copies plain data, Maps, Sets, Dates and bigints, but an
 * Amount or a Rate arrives as a bare object (no methods), an Error loses its class, and a function cannot be
 * posted at all. So `encode` tags those — Amount as its units and scale, Rate as its fraction, an Error with its
 * name and own fields, a registered constant (a close step, the step lists: `registerWireRefs`) by its name, a function
 * by the id `fn` gives it (the caller's callbacks, e.g. close-period's onStep) — and `decode` revives them in
 * place on the other side (the clone is fresh, so only tagged nodes are replaced).
 *
 * Example: decode(structuredClone(encode({ a: Amount.parse("10.50") }))) → { a: Amount 10.50 } (a real Amount);
 *   encode(new RowsMovedError(…)) → { [WIRE]: ["error", { name: "RowsMovedError", message, fields }] },
 *   revived as a RowsMovedError (instanceof holds).
 */
import { CommandRefused } from "../../app/commands/refused";
import { Amount } from "../../core/money/amount";
import { Rate } from "../../core/money/rate";
import { RowsMovedError, SheetNotFoundError } from "../../ports/workbook";
import { OperationCancelled } from "../shell/cancelGate";

/** the one key of a tagged node */
export const WIRE = "__closebookWire";

type Tag =
  | readonly ["amount", bigint, number]
  | readonly ["rate", bigint, bigint]
  | readonly ["ref", string]
  /** a field whose getter threw TableNotReadError (src/schema/bookCodec.ts), with its message */
  | readonly ["unread", string];

/** the name of the error a Book field of a table not read throws (by name: the book decoder stays out of the pane's first load) */
const NOT_READ = "TableNotReadError";
type Tagged =
  | { readonly [WIRE]: Tag }
  | { readonly [WIRE]: readonly ["error", ErrorData] }
  | { readonly [WIRE]: readonly ["fn", number] };

interface ErrorData {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** the error's own enumerable fields (a RowsMovedError's rows, a CommandRefused's issues), encoded */
  readonly fields: Record<string, unknown>;
}

/**
 * Constants both sides hold, sent by name: the close steps (their functions cannot be posted) and their lists.
 * Registered by each side (stepRefs.ts: the worker at start, the main thread before its first command), so
 * this module does not pull the close steps into the pane's first load.
 */
const refs = { byValue: new Map<object, string>(), byName: new Map<string, object>() };

/** Registers lists of constants with an `id` (`{ CLOSE_STEPS }` → "CLOSE_STEPS", "CLOSE_STEPS:revaluation", …). */
export function registerWireRefs(lists: Readonly<Record<string, readonly { readonly id: string }[]>>): void {
  for (const [name, list] of Object.entries(lists)) {
    refs.byValue.set(list, name);
    refs.byName.set(name, list);
    for (const item of list) {
      refs.byValue.set(item, `${name}:${item.id}`);
      refs.byName.set(`${name}:${item.id}`, item);
    }
  }
}
const REFS = () => refs;

/** Errors revived with their class (instanceof holds on the other side); any other keeps its name on an Error. */
const ERROR_CLASSES: Record<string, { prototype: Error }> = {
  CommandRefused,
  OperationCancelled,
  RowsMovedError,
  SheetNotFoundError,
};

export interface EncodeOptions {
  /** a function found in the value: its id (the receiver calls back through it); without it functions are dropped */
  readonly fn?: (f: (...args: never[]) => unknown) => number;
}

export interface DecodeOptions {
  /** a function id from the other side: the function to call in its place */
  readonly fn?: (id: number) => (...args: unknown[]) => unknown;
}

/** "Map", "Set", "Date", …: by the built-in tag, so a Map made in another realm (a clone's) is still one */
const tagOf = (v: object): string => Object.prototype.toString.call(v).slice(8, -1);
const isBinary = (v: object) => ArrayBuffer.isView(v) || tagOf(v) === "ArrayBuffer";

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === Object.prototype || proto === null;
};

export function encode(value: unknown, options: EncodeOptions = {}): unknown {
  return encodeTagged(value, options).value;
}

/**
 * `encode`, saying whether it tagged anything: when not (`tagged` false: plain cells and shapes, as most port calls'
 * arguments are), the receiver takes the clone as it is, without decode's walk (on the pane's main thread, #16).
 */
export function encodeTagged(value: unknown, options: EncodeOptions = {}): { value: unknown; tagged: boolean } {
  let tagged = false;
  const tagging = <T>(t: T): T => ((tagged = true), t);
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "function") {
      const ref = REFS().byValue.get(v);
      if (ref) return tagging({ [WIRE]: ["ref", ref] });
      return options.fn ? tagging({ [WIRE]: ["fn", options.fn(v as (...args: never[]) => unknown)] }) : undefined;
    }
    if (typeof v !== "object" || v === null) return v;
    const ref = REFS().byValue.get(v);
    if (ref) return tagging({ [WIRE]: ["ref", ref] });
    const done = seen.get(v);
    if (done !== undefined) return done;
    if (v instanceof Amount) return tagging({ [WIRE]: ["amount", v.units, v.scale] });
    if (v instanceof Rate) {
      const r = v as unknown as { num: bigint; den: bigint };
      return tagging({ [WIRE]: ["rate", r.num, r.den] });
    }
    if (tagOf(v) === "Date" || isBinary(v)) return v;
    const tag = tagOf(v);
    if (tag === "Error" || v instanceof Error) {
      const e = v as Error;
      const fields: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(e)) if (k !== "name" && k !== "message") fields[k] = walk(x);
      const data: ErrorData = { name: e.name, message: e.message, stack: e.stack, fields };
      return tagging({ [WIRE]: ["error", data] });
    }
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      seen.set(v, out);
      for (let i = 0; i < v.length; i++) out[i] = walk(v[i]);
      return out;
    }
    if (tag === "Map") {
      const out = new Map<unknown, unknown>();
      seen.set(v, out);
      for (const [k, x] of v as Map<unknown, unknown>) out.set(walk(k), walk(x));
      return out;
    }
    if (tag === "Set") {
      const out = new Set<unknown>();
      seen.set(v, out);
      for (const x of v as Set<unknown>) out.add(walk(x));
      return out;
    }
    // a plain object, or an instance of a class not registered here: its own fields, as plain data
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const k of Object.keys(v)) {
      let x: unknown;
      try {
        x = walk((v as Record<string, unknown>)[k]);
      } catch (e) {
        // a Book field of a table the command did not read: the other side's field throws as this one does
        if (!(e instanceof Error) || e.name !== NOT_READ) throw e;
        out[k] = tagging({ [WIRE]: ["unread", e.message] });
        continue;
      }
      if (x !== undefined || isPlain(v)) out[k] = x;
    }
    return out;
  };
  const out = walk(value);
  return { value: out, tagged };
}

function revive(tagged: Tagged, options: DecodeOptions, walk: (v: unknown) => unknown): unknown {
  const tag = tagged[WIRE];
  switch (tag[0]) {
    case "amount":
      return Amount.fromUnits(tag[1], tag[2]);
    case "rate":
      return Object.setPrototypeOf({ num: tag[1], den: tag[2] }, Rate.prototype) as Rate;
    case "unread":
      return undefined; // only as an object's field (decode's object walk defines its getter)
    case "ref": {
      const v = REFS().byName.get(tag[1]);
      if (!v) throw new Error(`unknown constant "${tag[1]}" from the other thread`);
      return v;
    }
    case "fn": {
      const id = tag[1];
      return options.fn ? options.fn(id) : undefined;
    }
    case "error": {
      const data = tag[1];
      const known = ERROR_CLASSES[data.name];
      // a real Error (so it is one to Object.prototype.toString too) with the class's prototype
      const e = new Error(data.message) as Error & Record<string, unknown>;
      if (known) Object.setPrototypeOf(e, known.prototype);
      for (const [k, x] of Object.entries(data.fields)) e[k] = walk(x);
      Object.defineProperty(e, "message", { value: data.message, writable: true, configurable: true });
      Object.defineProperty(e, "name", { value: data.name, writable: true, configurable: true });
      if (data.stack) Object.defineProperty(e, "stack", { value: data.stack, writable: true, configurable: true });
      return e;
    }
  }
}

/** Revives what `encode` tagged, in place (`value` is a fresh structured clone). */
export function decode(value: unknown, options: DecodeOptions = {}): unknown {
  const seen = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== "object" || v === null) return v;
    if (WIRE in v) return revive(v as Tagged, options, walk);
    if (seen.has(v)) return v;
    seen.add(v);
    const tag = tagOf(v);
    if (tag === "Date" || isBinary(v)) return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === "object" && x !== null) v[i] = walk(x);
      }
      return v;
    }
    if (tag === "Map") {
      const m = v as Map<unknown, unknown>;
      for (const [k, x] of [...m]) {
        const k2 = walk(k);
        const x2 = walk(x);
        if (k2 !== k) m.delete(k);
        if (k2 !== k || x2 !== x) m.set(k2, x2);
      }
      return m;
    }
    if (tag === "Set") {
      const set = v as Set<unknown>;
      for (const x of [...set]) {
        const x2 = walk(x);
        if (x2 !== x) {
          set.delete(x);
          set.add(x2);
        }
      }
      return set;
    }
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const x = o[k];
      if (typeof x !== "object" || x === null) continue;
      const t = WIRE in x ? (x as { [WIRE]: Tag })[WIRE] : undefined;
      if (t?.[0] === "unread") {
        const message = t[1];
        Object.defineProperty(o, k, {
          enumerable: true,
          configurable: true,
          get: () => {
            throw Object.assign(new Error(message), { name: NOT_READ });
          },
        });
      } else o[k] = walk(x);
    }
    return o;
  };
  return walk(value);
}
