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
import { PERIOD_STATUSES, type DimensionSet, type PeriodStatus } from "../ledger/types";
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
  const issues: Issue[] = [];
  const at = (row: number, column: string) => ({ table: file, row, column });
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
  const last = body[body.length - 1];
  if (!last || last[0] !== "checksum")
    issues.push(
      issue("CORRUPT_PACKAGE", `${file} has no checksum row at its end: it was cut or edited.`, {
        table: file,
        row: body.length,
      }),
    );
  else {
    const expected = sha256Hex(
      canonical([
        records[0]!.map((x) => x.trim()),
        ...body.slice(0, -1).map((r) => (r.length === WIDTH ? r : pad([...r]).slice(0, WIDTH))),
      ]),
    );
    if (expected !== (last[1] ?? "").trim())
      issues.push(
        issue(
          "CORRUPT_PACKAGE",
          `${file} does not match its checksum: a figure was changed after it was written.`,
          at(body.length, "Account"),
        ),
      );
  }
  const meta = new Map<string, { value: string; row: number }>();
  const lines: PackageLine[] = [];
  const equityChanges: EquityChange[] = [];
  // a package repeats a few dates and dimension sets over many rows: each distinct text is checked once
  const dateOk = new Map<string, boolean>();
  const dimsOf = new Map<string, DimensionSet | undefined>();
  const COL = Object.fromEntries(PACKAGE_HEADER.map((h, i) => [h, i])) as Record<
    (typeof PACKAGE_HEADER)[number],
    number
  >;
  let r: readonly string[] = [];
  let row = 0;
  const cell = (k: (typeof PACKAGE_HEADER)[number]) => {
    const v = r[COL[k]];
    return v === undefined ? "" : v.trim();
  };
  const amount = (k: (typeof PACKAGE_HEADER)[number]) => {
    const a = Amount.parse(cell(k));
    if (!a)
      issues.push(issue("BAD_CELL", `${k} "${cell(k)}" is not an amount (a decimal number with a point).`, at(row, k)));
    return a;
  };
  const date = (k: (typeof PACKAGE_HEADER)[number]) => {
    const v = cell(k);
    let ok = dateOk.get(v);
    if (ok === undefined) dateOk.set(v, (ok = isIsoDate(v)));
    if (ok) return v;
    issues.push(issue("BAD_CELL", `${k} "${v}" is not a date (yyyy-mm-dd).`, at(row, k)));
    return undefined;
  };
  const dims = () => {
    const text = cell("Dimensions");
    let d = dimsOf.get(text);
    if (d === undefined && !dimsOf.has(text)) dimsOf.set(text, (d = parseDims(text)));
    if (!d)
      issues.push(issue("BAD_CELL", `Dimensions "${text}" must read Name=Value; Name=Value.`, at(row, "Dimensions")));
    return d;
  };
  body.forEach((rec, i) => {
    r = rec;
    row = i + 1;
    const kind = cell("Record");
    if (kind === "meta") meta.set(cell("Account"), { value: (r[2] ?? "").trim(), row });
    else if (kind === "balance") {
      const [opening, activity, closing, start, end, d] = [
        amount("Opening"),
        amount("Activity"),
        amount("Closing"),
        date("Start"),
        date("End"),
        dims(),
      ];
      if (!cell("Account")) issues.push(issue("MISSING_VALUE", "Account is empty.", at(row, "Account")));
      if (!/^[A-Z]{3}$/.test(cell("Currency")))
        issues.push(
          issue("BAD_CELL", `Currency "${cell("Currency")}" is not a three-letter code.`, at(row, "Currency")),
        );
      if (opening && activity && closing && !opening.plus(activity).eq(closing))
        issues.push(
          issue(
            "PACKAGE_ARITHMETIC",
            `Opening ${opening.toString()} + activity ${activity.toString()} is not closing ${closing.toString()}.`,
            at(row, "Closing"),
          ),
        );
      if (opening && activity && closing && start && end && d && cell("Account"))
        lines.push({
          row,
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
    } else if (kind === "equity") {
      const [a, dt, d] = [amount("Amount"), date("Date"), dims()];
      if (a && dt && d && cell("Account"))
        equityChanges.push({ row, account: cell("Account"), dimensions: d, date: dt, amount: a });
    } else if (kind !== "checksum")
      issues.push(
        issue("BAD_CELL", `Record "${kind}" is not one of meta, balance, equity, checksum.`, at(row, "Record")),
      );
  });
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
  for (const l of lines)
    if (l.currency && currency && l.period > period)
      issues.push(
        issue("BAD_CELL", `Balance of ${l.period}, after the package's period ${period}.`, at(l.row!, "Period")),
      );
  if (issues.some((i) => i.severity === "error")) return { issues };
  return {
    pkg: {
      source: file,
      entity,
      currency,
      period,
      periodEnd,
      status: status as PeriodStatus,
      draft: draft === "yes",
      sealHead: meta.get("Seal head")?.value ?? "",
      lines,
      equityChanges,
    },
    issues,
  };
}
