/**
 * Workbook corruptions for the bad-input fuzz test (test/fuzz/badInput.fuzz.test.ts):
 * fast-check arbitraries describing a corruption as plain data, and `applyCorruption`,
 * which applies one to a mutable copy of a MemoryWorkbook snapshot. The corrupted
 * workbook is then built with `MemoryWorkbook.from` (see workbookCase.ts), so
 * structural damage (a missing table, a renamed or missing column, a blank row in
 * the middle of an append-only table) needs no special port access.
 *
 * Row and column choices are drawn as free naturals and reduced modulo the table's
 * size when applied, so a corruption stays meaningful whatever the corruptions
 * before it did to the table. Long text (32,767 characters) is drawn as
 * `{ long: "x" }` and materialised when applied, so counterexamples print short.
 */
import fc from "fast-check";
import { MAX_TEXT_LENGTH } from "../../../src/adapters/memory/memoryWorkbook";
import type { CellValue } from "../../../src/ports/workbook";
import { normalizeHeader } from "../../../src/schema/decodeTable";
import { SETTING_KEYS } from "../../../src/schema/settingsKeys";
import { ALL_TABLES } from "../../../src/schema/tables";

/** A cell value, or very long text made of `long` repeated to Excel's maximum length. */
export type Cell = CellValue | { readonly long: string };

export interface MutableTable {
  name: string;
  sheet: string;
  headers: string[];
  numberFormats: string[];
  rows: CellValue[][];
}

export type HeaderChange = "suffix" | "upper" | "spaces" | "nbsp" | "cyrillic" | "generic";

export type Corruption =
  | { readonly kind: "missingTable"; readonly table: string }
  | { readonly kind: "renameHeader"; readonly table: string; readonly column: number; readonly change: HeaderChange }
  | { readonly kind: "missingColumn"; readonly table: string; readonly column: number }
  | { readonly kind: "extraColumn"; readonly table: string; readonly value: Cell }
  | {
      readonly kind: "setCell";
      readonly table: string;
      readonly row: number;
      readonly column: number;
      readonly value: Cell;
    }
  | {
      readonly kind: "setNamedCell";
      readonly table: string;
      readonly row: number;
      readonly column: string;
      readonly value: Cell;
    }
  | { readonly kind: "duplicateRow"; readonly table: string; readonly row: number; readonly at: number }
  | { readonly kind: "copyKey"; readonly table: string; readonly from: number; readonly to: number }
  | { readonly kind: "blankRow"; readonly table: string; readonly at: number }
  | { readonly kind: "deleteRow"; readonly table: string; readonly row: number }
  | { readonly kind: "junkRow"; readonly table: string; readonly values: readonly Cell[] }
  | { readonly kind: "setting"; readonly label: string; readonly value: Cell }
  | { readonly kind: "balancedAmount"; readonly voucher: string; readonly value: Cell }
  | { readonly kind: "accrual"; readonly voucher: string; readonly value: Cell }
  | { readonly kind: "rate"; readonly row: number; readonly value: Cell }
  | { readonly kind: "startedRun"; readonly tail: number; readonly parameters: string; readonly vouchers: string }
  | { readonly kind: "seal"; readonly period: string; readonly status: string }
  | { readonly kind: "lockException"; readonly period: string; readonly user: string; readonly until: Cell }
  | { readonly kind: "unprotect"; readonly sheet: string };

export const TABLE_NAMES: readonly string[] = ALL_TABLES.map((t) => t.name);

// ------------------------------------------------------------------ values

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

/** Text that is not what a number or date cell should hold, formula-like text, unicode. */
export const BAD_TEXTS: readonly string[] = [
  "abc",
  "1,234.50",
  "31/03/2026",
  "03/31/2026",
  "31.03.2026",
  "March 31",
  "31 March 2026",
  "2026-3-31",
  "2026/03/31",
  "20260331",
  "2026-03-31T10:00:00",
  "2026-02-30",
  "=SUM(A1)",
  "=1/0",
  "+A1",
  "@SUM(1)",
  "-0",
  "1e3",
  "NaN",
  "Infinity",
  "TRUE",
  "",
  " ",
  "1 000",
  "(100.00)",
  "$100",
  "100.005",
  "  42  ",
  "9999999999999999.99",
  "123456789012345.67",
  "99999999999999999999999",
  "0.000000000001",
  "Ünïcödé",
  "日本語テキスト",
  "🙂💶",
  "e\u0301",
  "שלום",
  "\u200B",
  "\u00A0100\u00A0",
  "\uD800",
  "line\nbreak",
];

export const BAD_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  1.5,
  0.1 + 0.2,
  100.005,
  1e15,
  -1e15,
  9.99e300,
  -9.99e300,
  1e-12,
  -1e-12,
  5e-324,
  60,
  61,
  2958465,
  2958466,
  46112,
  46112.75,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 2,
  999999999999999.9,
  123456789.123,
  -42,
];

export const ERROR_VALUES: readonly CellValue[] = [
  "#N/A",
  "#VALUE!",
  "#REF!",
  "#DIV/0!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
].map((error) => ({ error }));

export const DATES: readonly Date[] = [
  utc(2026, 3, 31),
  utc(2026, 3, 31, 13, 45),
  utc(1900, 1, 1),
  utc(9999, 12, 31),
  utc(2025, 12, 31),
  utc(2027, 1, 1),
  utc(2026, 2, 28),
];

/** Values that are well-formed but may be wrong where they land: other ids, statuses, codes. */
export const PLAUSIBLE: readonly CellValue[] = [
  "1010",
  "9999",
  "1900",
  "1950",
  "6900",
  " 1010 ",
  "USD",
  "EUR",
  "usd",
  "XXX",
  "JPY",
  "SALES",
  "OLD",
  "NOPE",
  "Department",
  "2026-03",
  "2026-13",
  "FY2026",
  "2026-03-31",
  "2026-02-15",
  "Open",
  "On hold",
  "Permanently closed",
  "Draft",
  "Posted",
  "Error",
  "committed",
  "rolled back",
  "alice",
  "carol",
  "nobody",
  "GL-000001",
  "voucher",
  "run",
  "spot",
  "asset",
  100,
  3,
  7,
];

const LONG: readonly Cell[] = [{ long: "x" }, { long: "é" }, { long: "🙂" }];

export const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...BAD_TEXTS) },
  { weight: 5, arbitrary: fc.constantFrom(...BAD_NUMBERS) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 3, arbitrary: fc.constantFrom(...ERROR_VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  { weight: 4, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom(...LONG) },
);

/** Amounts that may still balance a voucher: huge, tiny, text, too many decimals. */
const amountArb: fc.Arbitrary<Cell> = fc.constantFrom<Cell>(
  1e15,
  999999999999999,
  999999999999999.9,
  99999999999999.98,
  12345678901234.56,
  9.99e300,
  1e-12,
  0.01,
  -5,
  0,
  "9999999999999999.99",
  "99999999999999999999999",
  "123456789012345.67",
  "12345678901234.56",
  "0.000000000001",
  "1,234.50",
  " 100.00 ",
  "1e3",
  true,
  { error: "#N/A" },
  null,
);

const rateValueArb: fc.Arbitrary<Cell> = fc.constantFrom<Cell>(
  1e-12,
  1e-6,
  0.000001,
  123456789,
  999999999999999,
  999999999999,
  9.99e300,
  1e15,
  0,
  -1.0825,
  "1.0825",
  "1,0825",
  "abc",
  true,
  null,
  { error: "#DIV/0!" },
);

export function materialise(v: Cell): CellValue {
  if (v !== null && typeof v === "object" && "long" in v)
    return v.long.repeat(Math.floor(MAX_TEXT_LENGTH / v.long.length));
  return v;
}

// ------------------------------------------------------------------ corruptions

const tableArb = fc.constantFrom(...TABLE_NAMES);
/** tables that hold rows after setup and a first posting, weighted towards them */
const populatedArb = fc.constantFrom(
  "tblSettings",
  "tblAccounts",
  "tblDimensions",
  "tblDimensionValues",
  "tblCurrencies",
  "tblRates",
  "tblPeriods",
  "tblUsers",
  "tblSequences",
  "tblJournal",
  "tblLedger",
  "tblRuns",
  "tblAudit",
);
const anyTableArb = fc.oneof({ weight: 3, arbitrary: populatedArb }, { weight: 1, arbitrary: tableArb });
const index = fc.nat({ max: 10_000 });
const SETTING_LABELS = SETTING_KEYS.map((k) => k.label);
const settingValueArb: fc.Arbitrary<Cell> = fc.oneof(
  cellArb,
  fc.constantFrom<Cell>(
    "EUR",
    "XXX",
    "usd",
    "JPY",
    "6900",
    "9999",
    "1950",
    "secret",
    "13",
    "0",
    "halfEven",
    "down",
    "largestLine",
    "bogus",
    "",
    2,
    13,
    0,
  ),
);

/** a setting's value changed */
export const settingArb: fc.Arbitrary<Corruption> = fc.record({
  kind: fc.constant("setting" as const),
  label: fc.constantFrom(...SETTING_LABELS),
  value: settingValueArb,
});
/** both sides of a two-line draft voucher set to the same (odd) amount, so it may still balance */
export const balancedAmountArb: fc.Arbitrary<Corruption> = fc.record({
  kind: fc.constant("balancedAmount" as const),
  voucher: fc.constantFrom("D-1", "D-2", "D-3", "D-4", "D-6"),
  value: amountArb,
});
/** every line of a draft voucher marked (or badly marked) Auto-reverse: posted with a reversal in the next period */
export const accrualArb: fc.Arbitrary<Corruption> = fc.record({
  kind: fc.constant("accrual" as const),
  voucher: fc.constantFrom("D-1", "D-2", "D-3", "D-4", "D-5", "D-6"),
  value: fc.constantFrom<Cell>(true, "TRUE", "yes", 1, 2, "maybe", { error: "#N/A" }),
});
/** an exchange rate set to an extreme or unreadable value */
export const rateArb: fc.Arbitrary<Corruption> = fc.record({
  kind: fc.constant("rate" as const),
  row: index,
  value: rateValueArb,
});

export const corruptionArb: fc.Arbitrary<Corruption> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("missingTable" as const), table: tableArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("renameHeader" as const),
      table: anyTableArb,
      column: index,
      change: fc.constantFrom<HeaderChange>("suffix", "upper", "spaces", "nbsp", "cyrillic", "generic"),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("missingColumn" as const), table: anyTableArb, column: index }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("extraColumn" as const), table: anyTableArb, value: cellArb }),
  },
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant("setCell" as const),
      table: anyTableArb,
      row: index,
      column: index,
      value: cellArb,
    }),
  },
  {
    weight: 6,
    arbitrary: fc.oneof(
      fc.record({
        kind: fc.constant("setNamedCell" as const),
        table: fc.constant("tblJournal"),
        row: index,
        column: fc.constantFrom(
          "Account",
          "Currency",
          "Department",
          "Date",
          "Debit",
          "Credit",
          "Rate",
          "Status",
          "Journal",
          "Draft voucher",
          "Auto-reverse",
        ),
        value: cellArb,
      }),
      fc.record({
        kind: fc.constant("setNamedCell" as const),
        table: fc.constant("tblLedger"),
        row: index,
        column: fc.constantFrom(
          "Entry no",
          "Voucher",
          "Date",
          "Period",
          "Account",
          "Currency",
          "Amount",
          "Amount (accounting)",
          "Run id",
          "Posted at",
        ),
        value: cellArb,
      }),
      fc.record({
        kind: fc.constant("setNamedCell" as const),
        table: fc.constant("tblPeriods"),
        row: index,
        column: fc.constantFrom("Period", "Kind", "Start", "End", "Status", "Access"),
        value: cellArb,
      }),
      fc.record({
        kind: fc.constant("setNamedCell" as const),
        table: fc.constant("tblSequences"),
        row: index,
        column: fc.constantFrom("Sequence", "Prefix", "Next"),
        value: cellArb,
      }),
      fc.record({
        kind: fc.constant("setNamedCell" as const),
        table: fc.constant("tblCurrencies"),
        row: index,
        column: fc.constantFrom("Currency", "Precision"),
        value: cellArb,
      }),
      fc.record({
        kind: fc.constant("setNamedCell" as const),
        table: fc.constant("tblAudit"),
        row: index,
        column: fc.constantFrom("Seq", "At", "Action", "Hash"),
        value: cellArb,
      }),
      fc.record({
        kind: fc.constant("setNamedCell" as const),
        table: fc.constant("tblRuns"),
        row: index,
        column: fc.constantFrom("Run id", "Step", "Parameters", "Started at", "Lines"),
        value: cellArb,
      }),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("duplicateRow" as const), table: populatedArb, row: index, at: index }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant("copyKey" as const), table: populatedArb, from: index, to: index }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("blankRow" as const), table: anyTableArb, at: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("deleteRow" as const), table: populatedArb, row: index }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("junkRow" as const),
      table: tableArb,
      values: fc.array(cellArb, { minLength: 1, maxLength: 30 }),
    }),
  },
  { weight: 4, arbitrary: settingArb },
  { weight: 4, arbitrary: balancedAmountArb },
  { weight: 1, arbitrary: accrualArb },
  { weight: 2, arbitrary: rateArb },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("startedRun" as const),
      tail: index,
      parameters: fc.constantFrom(
        "tails",
        "abc",
        '{"tails":{"tblLedger":-1}}',
        '{"tails":{"tblLedger":1.5}}',
        '{"tails":{"tblLedger":"0"}}',
        '{"tails":{"tblNope":0}}',
        '{"tails":{"tblAudit":0}}',
        '{"restore":[{"table":"tblLedger","row":1,"column":"Amount","value":0}]}',
        '{"restore":[{"table":"tblJournal","row":999,"column":"Status","value":"Draft"},{"table":"tblJournal","row":1,"column":"Nope","value":1}]}',
        '{"restore":[{"table":"tblSequences","row":1,"column":"Next","value":{"x":1}}]}',
        '{"period":{"row":999,"status":"Open","access":"All"}}',
        '{"period":{"row":3,"status":"Open","access":"All"}}',
        "{}",
        "",
      ),
      vouchers: fc.constantFrom("", "GL-000001", "GL-000001..GL-000002", "GL-000001..GL-000099", "x..y"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("seal" as const),
      period: fc.constantFrom("2026-03", "2026-02", "FY2026", ""),
      status: fc.constantFrom("sealed", "unsealed", "bogus"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("lockException" as const),
      period: fc.constantFrom("2026-03", "2026-04", "nope"),
      user: fc.constantFrom("alice", "*", "bob", ""),
      until: fc.oneof(cellArb, fc.constant<Cell>("2026-12-31T00:00:00Z")),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("unprotect" as const),
      sheet: fc.constantFrom("Ledger", "Calendar", "Audit", "Runs", "Seals", "Seal rows", "Lock exceptions"),
    }),
  },
);

// ------------------------------------------------------------------ applying

function find(tables: MutableTable[], name: string): MutableTable | undefined {
  return tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
}

function col(t: MutableTable, header: string): number {
  return t.headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(header));
}

const CYRILLIC: Readonly<Record<string, string>> = { A: "А", a: "а", e: "е", o: "о", E: "Е", O: "О", p: "р", c: "с" };

function renamed(h: string, change: HeaderChange): string {
  switch (change) {
    case "suffix":
      return `${h} x`;
    case "upper":
      return `  ${h.toUpperCase()} `;
    case "spaces":
      return h.replace(/ /g, "   ");
    case "nbsp":
      return h.replace(/ /g, "\u00A0");
    case "cyrillic": {
      const i = [...h].findIndex((ch) => CYRILLIC[ch] !== undefined);
      return i < 0 ? `${h}ь` : h.slice(0, i) + CYRILLIC[h[i]!]! + h.slice(i + 1);
    }
    case "generic":
      return "Column1";
  }
}

/** A header not clashing (case-insensitively) with the others, as Excel would make it. */
function unique(t: MutableTable, h: string, except: number): string {
  let name = h;
  for (let n = 2; t.headers.some((x, i) => i !== except && x.toLowerCase() === name.toLowerCase()); n++)
    name = `${h}${n}`;
  return name;
}

function rowOf(t: MutableTable, values: Readonly<Record<string, CellValue>>): CellValue[] {
  return t.headers.map((h) => {
    const k = Object.keys(values).find((x) => normalizeHeader(x) === normalizeHeader(h));
    return k === undefined ? null : (values[k] ?? null);
  });
}

/** Applies one corruption to `tables` (in place); `protectedSheets` is edited for "unprotect". */
export function applyCorruption(tables: MutableTable[], protectedSheets: string[], c: Corruption): void {
  if (c.kind === "unprotect") {
    const i = protectedSheets.findIndex((s) => s.toLowerCase() === c.sheet.toLowerCase());
    if (i >= 0) protectedSheets.splice(i, 1);
    return;
  }
  if (c.kind === "missingTable") {
    const i = tables.findIndex((t) => t.name.toLowerCase() === c.table.toLowerCase());
    if (i >= 0) tables.splice(i, 1);
    return;
  }
  if (c.kind === "setting") {
    const t = find(tables, "tblSettings");
    if (!t) return;
    const s = col(t, "Setting");
    const v = col(t, "Value");
    if (s < 0 || v < 0) return;
    const r = t.rows.find((row) => typeof row[s] === "string" && normalizeHeader(row[s]) === normalizeHeader(c.label));
    if (r) r[v] = materialise(c.value);
    else t.rows.push(rowOf(t, { Setting: c.label, Value: materialise(c.value) }));
    return;
  }
  if (c.kind === "balancedAmount") {
    const t = find(tables, "tblJournal");
    if (!t) return;
    const [dv, debit, credit] = [col(t, "Draft voucher"), col(t, "Debit"), col(t, "Credit")];
    if (dv < 0 || debit < 0 || credit < 0) return;
    for (const r of t.rows) {
      if (r[dv] !== c.voucher) continue;
      if (r[debit] !== null) r[debit] = materialise(c.value);
      else if (r[credit] !== null) r[credit] = materialise(c.value);
    }
    return;
  }
  if (c.kind === "accrual") {
    const t = find(tables, "tblJournal");
    const [dv, ar] = t ? [col(t, "Draft voucher"), col(t, "Auto-reverse")] : [-1, -1];
    if (!t || dv < 0 || ar < 0) return;
    for (const r of t.rows) if (r[dv] === c.voucher) r[ar] = materialise(c.value);
    return;
  }
  if (c.kind === "rate") {
    const t = find(tables, "tblRates");
    const k = t ? col(t, "Rate") : -1;
    if (!t || k < 0 || t.rows.length === 0) return;
    t.rows[c.row % t.rows.length]![k] = materialise(c.value);
    return;
  }
  if (c.kind === "startedRun") {
    const runs = find(tables, "tblRuns");
    if (!runs) return;
    const ledgerRows = find(tables, "tblLedger")?.rows.length ?? 0;
    const parameters =
      c.parameters === "tails"
        ? JSON.stringify({ journal: "", through: "", tails: { tblLedger: c.tail % (ledgerRows + 1) } })
        : c.parameters;
    runs.rows.push(
      rowOf(runs, {
        "Run id": "RUN-000099",
        Step: "post-journals",
        Period: "",
        Parameters: parameters,
        User: "alice",
        "Started at": new Date(Date.UTC(2026, 2, 31, 12)),
        Status: "started",
        Vouchers: c.vouchers,
        Lines: 2,
        Note: "",
      }),
    );
    return;
  }
  if (c.kind === "seal") {
    const t = find(tables, "tblSeals");
    if (!t) return;
    t.rows.push(
      rowOf(t, {
        Period: c.period,
        Version: 1,
        Status: c.status,
        Count: 0,
        Hash: "$1$00",
        "Previous hash": "",
        "Sealed by": "bob",
        Reason: "fuzz",
      }),
    );
    return;
  }
  if (c.kind === "lockException") {
    const t = find(tables, "tblLockExceptions");
    if (!t) return;
    t.rows.push(
      rowOf(t, { Period: c.period, User: c.user, Until: materialise(c.until), Reason: "fuzz", "Created by": "bob" }),
    );
    return;
  }

  const t = find(tables, c.table);
  if (!t) return;
  const width = t.headers.length;
  switch (c.kind) {
    case "renameHeader": {
      const i = c.column % width;
      t.headers[i] = unique(t, renamed(t.headers[i]!, c.change), i);
      return;
    }
    case "missingColumn": {
      if (width <= 1) return;
      const i = c.column % width;
      t.headers.splice(i, 1);
      t.numberFormats.splice(i, 1);
      for (const r of t.rows) r.splice(i, 1);
      return;
    }
    case "extraColumn": {
      t.headers.push(unique(t, "Notes", -1));
      t.numberFormats.push("General");
      const v = materialise(c.value);
      for (const r of t.rows) r.push(v);
      return;
    }
    case "setCell":
    case "setNamedCell": {
      const j = c.kind === "setCell" ? c.column % width : col(t, c.column);
      if (j < 0) return;
      if (t.rows.length === 0) t.rows.push(t.headers.map(() => null));
      t.rows[c.row % t.rows.length]![j] = materialise(c.value);
      return;
    }
    case "duplicateRow": {
      if (t.rows.length === 0) return;
      const copy = [...t.rows[c.row % t.rows.length]!];
      t.rows.splice(c.at % (t.rows.length + 1), 0, copy);
      return;
    }
    case "copyKey": {
      if (t.rows.length < 2) return;
      const from = c.from % t.rows.length;
      let to = c.to % t.rows.length;
      if (to === from) to = (to + 1) % t.rows.length;
      t.rows[to]![0] = t.rows[from]![0] ?? null;
      return;
    }
    case "blankRow": {
      // in the middle when there is one; an all-blank only row would make the table empty
      const at = t.rows.length < 2 ? t.rows.length : 1 + (c.at % (t.rows.length - 1));
      t.rows.splice(
        at,
        0,
        t.headers.map(() => null),
      );
      return;
    }
    case "deleteRow": {
      if (t.rows.length === 0) return;
      t.rows.splice(c.row % t.rows.length, 1);
      return;
    }
    case "junkRow": {
      t.rows.push(t.headers.map((_, i) => materialise(c.values[i % c.values.length] ?? null)));
      return;
    }
  }
}

/** A short printable form of a corruption (long text abbreviated). */
export function describeCorruption(c: Corruption): string {
  return JSON.stringify(c, (_k, v: unknown) => {
    if (typeof v === "number" && Object.is(v, -0)) return "-0";
    if (typeof v === "number" && !Number.isFinite(v)) return String(v);
    if (typeof v === "string" && v.length > 60) return `${v.slice(0, 60)}… (${v.length} chars)`;
    return v;
  });
}
