/**
 * The proxy base of the fake: like office-js's ClientObject, every call is
 * queued on the request context and runs only at `context.sync()`; a property
 * can be read only after `load(...)` AND a successful `sync()`
 * (PropertyNotLoaded otherwise, also right after setting it); `isNullObject`
 * is known only after the sync that resolved the object.
 *
 * An object made by a method (getItem, getRange, getDataBodyRange, ...) is
 * resolved at its place in the queue, as in Excel: a range taken before a
 * resize keeps its old address. Navigation properties (worksheet.protection,
 * table.worksheet, range.format) resolve when first used.
 *
 * load() accepts what office-js accepts in practice: "a, b", ["a", "b"],
 * { select: "a,b" }, nested paths ("protection/protected", "items/name");
 * load() without names loads every scalar property of the object.
 *
 * Example:
 *   const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
 *   r.values                 // throws PropertyNotLoaded
 *   r.load("values"); r.values   // still throws: not synced yet
 *   await ctx.sync(); r.values   // [[""]]
 */
import type { FakeRequestContext } from "./context";
import { officeError, propertyNotLoaded, unmodelled } from "./errors";

export type LoadOption =
  string | readonly string[] | { select?: string | readonly string[]; expand?: string | readonly string[] } | undefined;

export interface LoadResult {
  readonly obj: FakeClientObject<unknown>;
  readonly name: string;
  readonly value: unknown;
}

export function loadNames(option: LoadOption): string[] {
  if (option === undefined) return [];
  const list = (x: string | readonly string[] | undefined): string[] =>
    x === undefined ? [] : typeof x === "string" ? x.split(",") : [...x];
  const raw =
    typeof option === "string" || Array.isArray(option)
      ? list(option as string | readonly string[])
      : [...list((option as { select?: string }).select), ...list((option as { expand?: string }).expand)];
  return raw.map((s) => s.trim()).filter((s) => s.length > 0);
}

const UNRESOLVED = Symbol("unresolved");

export abstract class FakeClientObject<T> {
  private resolved: T | null | typeof UNRESOLVED = UNRESOLVED;
  private nullKnown = false;
  private readonly loaded = new Map<string, unknown>();

  protected constructor(
    readonly context: FakeRequestContext,
    private readonly resolver: () => T | null,
    /** true: resolve at this point of the queue (objects made by methods); false: on first use */
    eager: boolean,
    protected readonly kind: string,
  ) {
    if (eager) context.enqueue({ where: kind, bytes: () => 0, run: () => void this.resolve() });
  }

  /** Whether the object does not exist (only after the sync that resolved it). */
  get isNullObject(): boolean {
    this.context.assertOpen();
    if (!this.nullKnown) throw propertyNotLoaded("isNullObject");
    return this.resolved === null;
  }

  load(option?: LoadOption): this {
    this.context.assertOpen();
    const names = loadNames(option);
    this.context.enqueue({
      where: `${this.kind}.load`,
      bytes: () => 16 + names.join(",").length,
      run: () => this.collect(names),
    });
    return this;
  }

  /** office-js: stop tracking a range. Nothing to do here; returns the object. */
  untrack(): this {
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }

  // ---------------------------------------------------------------- for the context and subclasses

  /** Runs in the batch: resolves once and remembers the result. */
  resolve(): T | null {
    if (this.resolved === UNRESOLVED) {
      this.resolved = this.resolver();
      this.context.noteResolved(this);
    }
    return this.resolved;
  }

  /** The resolved model object; a null object fails the batch with ItemNotFound. */
  protected target(): T {
    const t = this.resolve();
    if (t === null)
      throw officeError("ItemNotFound", `The requested resource doesn't exist (${this.kind} is a null object).`);
    return t;
  }

  markSynced(): void {
    this.nullKnown = true;
  }

  applyLoaded(name: string, value: unknown): void {
    this.loaded.set(name, value);
  }

  /** Runs in the batch: the values for a load of `names` on this object (nothing for a null object). */
  collect(names: readonly string[]): LoadResult[] {
    if (this.resolve() === null) return [];
    const wanted = names.length > 0 ? names : this.scalarNames();
    const out: LoadResult[] = [];
    for (const name of wanted) {
      const slash = name.indexOf("/");
      const head = slash < 0 ? name : name.slice(0, slash);
      const rest = slash < 0 ? [] : [name.slice(slash + 1)];
      const nav = this.navigate(head);
      if (nav) {
        for (const child of Array.isArray(nav) ? nav : [nav]) out.push(...child.collect(rest));
        if (Array.isArray(nav)) out.push({ obj: this, name: head, value: nav });
        continue;
      }
      if (rest.length > 0) throw officeError("InvalidArgument", `${this.kind} has no navigation property "${head}".`);
      out.push({ obj: this, name: head, value: this.readScalar(head) });
    }
    return out;
  }

  /** A loaded property, or PropertyNotLoaded. */
  protected loadedValue<V>(name: string): V {
    this.context.assertOpen();
    if (!this.loaded.has(name)) throw propertyNotLoaded(name);
    return this.loaded.get(name) as V;
  }

  /** Queues a write or method call; `bytes` is what it adds to the request. */
  protected queue(where: string, bytes: () => number, run: () => void): void {
    this.context.assertOpen();
    this.context.enqueue({
      where: `${this.kind}.${where}`,
      bytes,
      run: () => {
        this.context.noteChange();
        run();
      },
    });
  }

  protected unknownProperty(name: string): never {
    throw unmodelled(`loading ${this.kind}.${name}`);
  }

  /** The scalar properties load() without names loads. */
  protected abstract scalarNames(): string[];
  /** A scalar property's current value (a fresh copy). */
  protected abstract readScalar(name: string): unknown;
  /** A navigation property (an object, or a collection's items); undefined when `name` is not one. */
  protected navigate(_name: string): FakeClientObject<unknown> | FakeClientObject<unknown>[] | undefined {
    return undefined;
  }
}

/** The UTF-8 byte length of `v` as JSON (Excel on the web's 5 MB limit counts bytes: "東" is 3 bytes, an emoji 4). */
export function jsonLength(v: unknown): number {
  return utf8Length(JSON.stringify(v ?? null));
}

/** UTF-8 bytes of `s`, measured by the platform's encoder (independent of the adapter's own count). */
const encoder = new TextEncoder();
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}
