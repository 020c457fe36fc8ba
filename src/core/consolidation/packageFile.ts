/**
 * The consolidation package as a CSV a person can open in Excel: one header row,
 * then "meta" rows (key, value), "balance" rows, "equity" rows, and a last
 * "checksum" row (SHA-256 of everything above it, so a changed or cut file is
 * seen). Amounts are plain decimals with a point; dates yyyy-mm-dd; dimensions
 * "Name=Value; Name=Value". Reading validates every field with an issue naming
 * the file, the data row (1 = the row under the header) and the column.
 *
 * Example (uk-2026-03.csv):
 *   Record,Account,Dimensions,Currency,Period,Start,End,Opening,Activity,Closing,Date,Amount
 *   meta,Format,closebook-package/1,,,,,,,,,
 *   meta,Entity,UK,,,,,,,,,
 *   balance,1300,TradingPartner=US,USD,2026-03,2026-03-01,2026-03-31,800.00,200.00,1000.00,,
 *   equity,3000,,,,,,,,,2024-06-30,-1000.00
 *   checksum,5f1d…,,,,,,,,,,
 */
import { sha256Hex } from "../crypto/sha256";
import { issue, type Issue } from "../issues/issue";
import { PERIOD_STATUSES, type DimensionSet, type IsoDate, type PeriodStatus } from "../ledger/types";
import { Amount } from "../money";
import { isIsoDate } from "../rates/rateDates";
import type { EntityPackage, EquityChange, PackageLine } from "./model";

export const PACKAGE_FORMAT = "closebook-package/1";
export const PACKAGE_HEADER = [
  "Record",
  "Account",
  "Dimensions",
  "Currency",
  "Period",
  "Start",
  "End",
  "Opening",
  "Activity",
  "Closing",
  "Date",
  "Amount",
] as const;
const WIDTH = PACKAGE_HEADER.length;

const dimsText = (d: DimensionSet) =>
  Object.keys(d)
    .sort()
    .filter((k) => d[k])
    .map((k) => `${k}=${d[k]}`)
    .join("; ");
const pad = (r: string[]) => [...r, ...Array<string>(Math.max(0, WIDTH - r.length)).fill("")];
const canonical = (records: readonly (readonly string[])[]) => records.map((r) => r.join("\u001f")).join("\n");

export function packageRecords(pkg: EntityPackage, name = ""): string[][] {
  const meta = (k: string, v: string) => pad(["meta", k, v]);
  const rows: string[][] = [
    [...PACKAGE_HEADER],
    meta("Format", PACKAGE_FORMAT),
    meta("Entity", pkg.entity),
    meta("Name", name),
    meta("Currency", pkg.currency),
    meta("Period", pkg.period),
    meta("Period end", pkg.periodEnd),
    meta("Status", pkg.status),
    meta("Draft", pkg.draft ? "yes" : "no"),
    meta("Seal head", pkg.sealHead),
    ...pkg.lines.map((l) =>
      pad([
        "balance",
        l.account,
        dimsText(l.dimensions),
        l.currency,
        l.period,
        l.start,
        l.end,
        l.opening.toString(),
        l.activity.toString(),
        l.closing.toString(),
      ]),
    ),
    ...pkg.equityChanges.map((c) =>
      pad(["equity", c.account, dimsText(c.dimensions), "", "", "", "", "", "", "", c.date, c.amount.toString()]),
    ),
  ];
  rows.push(pad(["checksum", sha256Hex(canonical(rows))]));
  return rows;
}

function parseDims(text: string): DimensionSet | undefined {
  const out: Record<string, string> = {};
  for (const part of text
    .split(";")
    .map((x) => x.trim())
    .filter(Boolean)) {
    const i = part.indexOf("=");
    if (i <= 0) return undefined;
    out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** a package from a CSV file's records (parsed by the app); `file` names it in every issue */
export function packageFromRecords(
  records: readonly (readonly string[])[],
  file: string,
): { pkg?: EntityPackage; issues: Issue[] } {
  const header = records[0]?.map((x) => x.trim()) ?? [];
  if (PACKAGE_HEADER.some((h, i) => header[i] !== h)) {
    return {
      issues: [
        issue(
          "FOREIGN_PACKAGE",
          `${file} is not a Closebook consolidation package: its first row must be ${PACKAGE_HEADER.join(",")}.`,
          { table: file, row: 0 },
        ),
      ],
    };
  }
  const body = records.slice(1).filter((r) => r.some((c) => c.trim() !== ""));
  const issues: Issue[] = checksumIssues(records[0]!, body, file);
  const parsed: Parsed = { meta: new Map(), lines: [], equityChanges: [] };
  const rd = recordReader(file, issues);
  body.forEach((rec, i) => {
    rd.at(rec, i + 1);
    const kind = rd.cell("Record");
    const read = RECORDS.get(kind);
    if (read) read(rd, parsed);
    else
      issues.push(
        issue("BAD_CELL", `Record "${kind}" is not one of meta, balance, equity, checksum.`, rd.where("Record")),
      );
  });
  const m = metaOf(parsed, file, issues);
  if (issues.some((i) => i.severity === "error")) return { issues };
  return {
    pkg: {
      source: file,
      ...m,
      sealHead: parsed.meta.get("Seal head")?.value ?? "",
      lines: parsed.lines,
      equityChanges: parsed.equityChanges,
    },
    issues,
  };
}

/** The checksum row must end the file and match the rows above it. */
function checksumIssues(first: readonly string[], body: readonly (readonly string[])[], file: string): Issue[] {
  const last = body[body.length - 1];
  if (!last || last[0] !== "checksum")
    return [
      issue("CORRUPT_PACKAGE", `${file} has no checksum row at its end: it was cut or edited.`, {
        table: file,
        row: body.length,
      }),
    ];
  const expected = sha256Hex(
    canonical([
      first.map((x) => x.trim()),
      ...body.slice(0, -1).map((r) => (r.length === WIDTH ? r : pad([...r]).slice(0, WIDTH))),
    ]),
  );
  if (expected !== (last[1] ?? "").trim())
    return [
      issue("CORRUPT_PACKAGE", `${file} does not match its checksum: a figure was changed after it was written.`, {
        table: file,
        row: body.length,
        column: "Account",
      }),
    ];
  return [];
}

type Column = (typeof PACKAGE_HEADER)[number];
const COL = Object.fromEntries(PACKAGE_HEADER.map((h, i) => [h, i])) as Record<Column, number>;

interface Parsed {
  readonly meta: Map<string, { value: string; row: number }>;
  readonly lines: PackageLine[];
  readonly equityChanges: EquityChange[];
}

/** Reads the cells of one record at a time; a bad amount, date or dimension set is an issue at its cell. */
interface RecordReader {
  at(rec: readonly string[], row: number): void;
  readonly row: () => number;
  readonly raw: (i: number) => string | undefined;
  readonly where: (column: string) => { table: string; row: number; column: string };
  readonly cell: (k: Column) => string;
  readonly amount: (k: Column) => Amount | undefined;
  readonly date: (k: Column) => IsoDate | undefined;
  readonly dims: () => DimensionSet | undefined;
  readonly issues: Issue[];
}

function recordReader(file: string, issues: Issue[]): RecordReader {
  // a package repeats a few dates and dimension sets over many rows: each distinct text is checked once
  const dateOk = new Map<string, boolean>();
  const dimsOf = new Map<string, DimensionSet | undefined>();
  let r: readonly string[] = [];
  let row = 0;
  const where = (column: string) => ({ table: file, row, column });
  const cell = (k: Column) => {
    const v = r[COL[k]];
    return v === undefined ? "" : v.trim();
  };
  return {
    at(rec, n) {
      r = rec;
      row = n;
    },
    row: () => row,
    raw: (i) => r[i],
    where,
    cell,
    amount: (k) => {
      const a = Amount.parse(cell(k));
      if (!a)
        issues.push(issue("BAD_CELL", `${k} "${cell(k)}" is not an amount (a decimal number with a point).`, where(k)));
      return a;
    },
    date: (k) => {
      const v = cell(k);
      let ok = dateOk.get(v);
      if (ok === undefined) dateOk.set(v, (ok = isIsoDate(v)));
      if (ok) return v;
      issues.push(issue("BAD_CELL", `${k} "${v}" is not a date (yyyy-mm-dd).`, where(k)));
      return undefined;
    },
    dims: () => {
      const text = cell("Dimensions");
      let d = dimsOf.get(text);
      if (d === undefined && !dimsOf.has(text)) dimsOf.set(text, (d = parseDims(text)));
      if (!d)
        issues.push(issue("BAD_CELL", `Dimensions "${text}" must read Name=Value; Name=Value.`, where("Dimensions")));
      return d;
    },
    issues,
  };
}

/** Each kind of record read into the package (a checksum row was checked already). */
const RECORDS = new Map<string, (rd: RecordReader, out: Parsed) => void>([
  ["meta", (rd, out) => out.meta.set(rd.cell("Account"), { value: (rd.raw(2) ?? "").trim(), row: rd.row() })],
  ["balance", (rd, out) => balanceRecord(rd, out)],
  [
    "equity",
    (rd, out) => {
      const [a, dt, d] = [rd.amount("Amount"), rd.date("Date"), rd.dims()];
      if (a && dt && d && rd.cell("Account"))
        out.equityChanges.push({ row: rd.row(), account: rd.cell("Account"), dimensions: d, date: dt, amount: a });
    },
  ],
  ["checksum", () => undefined],
]);

/** A balance row: its amounts, dates and dimensions read, opening + activity = closing checked. */
function balanceRecord(rd: RecordReader, out: Parsed): void {
  const { cell, issues, where } = rd;
  const [opening, activity, closing, start, end, d] = [
    rd.amount("Opening"),
    rd.amount("Activity"),
    rd.amount("Closing"),
    rd.date("Start"),
    rd.date("End"),
    rd.dims(),
  ];
  if (!cell("Account")) issues.push(issue("MISSING_VALUE", "Account is empty.", where("Account")));
  if (!/^[A-Z]{3}$/.test(cell("Currency")))
    issues.push(issue("BAD_CELL", `Currency "${cell("Currency")}" is not a three-letter code.`, where("Currency")));
  if (opening && activity && closing && !opening.plus(activity).eq(closing))
    issues.push(
      issue(
        "PACKAGE_ARITHMETIC",
        `Opening ${opening.toString()} + activity ${activity.toString()} is not closing ${closing.toString()}.`,
        where("Closing"),
      ),
    );
  if (opening && activity && closing && start && end && d && cell("Account"))
    out.lines.push({
      row: rd.row(),
      account: cell("Account"),
      dimensions: d,
      currency: cell("Currency"),
      period: cell("Period"),
      start,
      end,
      opening,
      activity,
      closing,
    });
}

/** The package's meta rows: each one present, format, status, draft and period end valid; no balance after the period. */
function metaOf(
  parsed: Parsed,
  file: string,
  issues: Issue[],
): Pick<EntityPackage, "entity" | "currency" | "period" | "periodEnd" | "status" | "draft"> {
  const { meta } = parsed;
  const at = (row: number, column: string) => ({ table: file, row, column });
  const need = (k: string): string => {
    const m = meta.get(k);
    if (m && m.value !== "") return m.value;
    issues.push(issue("MISSING_VALUE", `The package names no ${k} (a meta row "${k}").`, { table: file, column: k }));
    return "";
  };
  const format = need("Format");
  if (format && format !== PACKAGE_FORMAT)
    issues.push(
      issue(
        "FOREIGN_PACKAGE",
        `${file} is in format "${format}", not ${PACKAGE_FORMAT}.`,
        at(meta.get("Format")!.row, "Dimensions"),
      ),
    );
  const [entity, currency, period, periodEnd, status, draft] = [
    need("Entity"),
    need("Currency"),
    need("Period"),
    need("Period end"),
    need("Status"),
    need("Draft"),
  ];
  if (status && !PERIOD_STATUSES.includes(status as PeriodStatus))
    issues.push(
      issue(
        "BAD_CELL",
        `Status "${status}" is not one of ${PERIOD_STATUSES.join(", ")}.`,
        at(meta.get("Status")!.row, "Dimensions"),
      ),
    );
  if (draft && draft !== "yes" && draft !== "no")
    issues.push(issue("BAD_CELL", `Draft "${draft}" must be yes or no.`, at(meta.get("Draft")!.row, "Dimensions")));
  if (status === "Open" && draft === "no")
    issues.push(
      issue("BAD_CELL", "An Open period's package must be marked Draft.", at(meta.get("Draft")!.row, "Dimensions")),
    );
  if (periodEnd && !isIsoDate(periodEnd))
    issues.push(
      issue(
        "BAD_CELL",
        `Period end "${periodEnd}" is not a date (yyyy-mm-dd).`,
        at(meta.get("Period end")!.row, "Dimensions"),
      ),
    );
  for (const l of parsed.lines)
    if (l.currency && currency && l.period > period)
      issues.push(
        issue("BAD_CELL", `Balance of ${l.period}, after the package's period ${period}.`, at(l.row!, "Period")),
      );
  return { entity, currency, period, periodEnd, status: status as PeriodStatus, draft: draft === "yes" };
}
