/**
 * Exchange rates from a CSV file's records (already split into fields: the
 * app layer's parseCsv reads the text; core stays free of it). Columns are
 * matched by header, in any order, case and spacing ignored:
 *   Date, From, To, Rate            required
 *   Rate type (or Type)             optional, default "spot"
 *   Quotation unit (or Unit)        optional, default 1
 *   Source                          optional, default the file name
 * Every cell is validated; each problem is an issue naming the file, the data
 * row (1 = the first row under the header, as importCsv counts) and the
 * column. Rows with a problem are left out; callers import all or nothing.
 *
 * Example: rates.csv
 *   Date,From,To,Rate,Quotation unit
 *   2026-03-31,JPY,USD,0.6661537515,100
 *   2026-03-31,GBP,USD,"1,2672",
 * → one row (JPY), and the error "rates.csv row 2, Rate: "1,2672" is not a
 *   number (use a decimal point, e.g. 1.2672)".
 */
import { issue, type Issue } from "../issues/issue";
import { RATE_TYPES, type ExchangeRate } from "../ledger/types";
import { Rate } from "../money";
import { isIsoDate } from "./rateDates";

/** A rate read from a CSV file, with its data row there. */
export interface CsvRate extends ExchangeRate {
  readonly row: number;
}

interface Column {
  readonly key: "date" | "from" | "to" | "rate" | "type" | "quotationUnit" | "source";
  readonly header: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: "date", header: "Date", aliases: [], required: true },
  { key: "from", header: "From", aliases: [], required: true },
  { key: "to", header: "To", aliases: [], required: true },
  { key: "rate", header: "Rate", aliases: [], required: true },
  { key: "type", header: "Rate type", aliases: ["type"], required: false },
  { key: "quotationUnit", header: "Quotation unit", aliases: ["unit"], required: false },
  { key: "source", header: "Source", aliases: [], required: false },
];

const CURRENCY = /^[A-Z][A-Z0-9]{1,9}$/;

function norm(h: string): string {
  return h
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");
}

export function ratesFromCsv(
  records: readonly (readonly string[])[],
  fileName: string,
): { rates: CsvRate[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const header = records[0];
  if (!header || header.every((h) => h.trim() === ""))
    return { rates: [], issues: [issue("EMPTY_FILE", `${fileName} is empty.`, { table: fileName })] };
  const position = new Map<Column["key"], number>();
  const used = new Set<number>();
  for (const c of COLUMNS) {
    const names = [norm(c.header), ...c.aliases];
    const i = header.findIndex((h) => names.includes(norm(h)));
    if (i >= 0) {
      position.set(c.key, i);
      used.add(i);
    } else if (c.required)
      issues.push(
        issue("MISSING_COLUMN", `${fileName} has no column "${c.header}".`, { table: fileName, column: c.header }),
      );
  }
  header.forEach((h, i) => {
    if (h.trim() !== "" && !used.has(i))
      issues.push(
        issue(
          "UNKNOWN_COLUMN",
          `Column "${h.trim()}" is not a rate column; it is ignored.`,
          { table: fileName, column: h.trim() },
          "warning",
        ),
      );
  });
  if (issues.some((i) => i.severity === "error")) return { rates: [], issues };

  const rates: CsvRate[] = [];
  records.slice(1).forEach((cells, i) => {
    const row = i + 1;
    if (cells.every((c) => c.trim() === "")) return;
    const cell = (key: Column["key"]) => {
      const p = position.get(key);
      return p === undefined ? "" : (cells[p] ?? "").trim();
    };
    const at = (column: string) => ({ table: fileName, row, column });
    const problems: Issue[] = [];
    const date = cell("date");
    if (date === "") problems.push(issue("MISSING_VALUE", "Date is empty; it is required.", at("Date")));
    else if (!isIsoDate(date))
      problems.push(issue("BAD_CELL", `Date "${date}" is not a date (write YYYY-MM-DD).`, at("Date")));
    const from = cell("from").toUpperCase();
    const to = cell("to").toUpperCase();
    for (const [column, code] of [
      ["From", from],
      ["To", to],
    ] as const) {
      if (code === "") problems.push(issue("MISSING_VALUE", `${column} is empty; it is required.`, at(column)));
      else if (!CURRENCY.test(code))
        problems.push(issue("BAD_CELL", `${column} "${code}" is not a currency code.`, at(column)));
    }
    if (from !== "" && from === to) problems.push(issue("BAD_CELL", `From and To are both ${from}.`, at("To")));
    const rateText = cell("rate");
    const rate = Rate.parse(rateText);
    if (rateText === "") problems.push(issue("MISSING_VALUE", "Rate is empty; it is required.", at("Rate")));
    else if (!rate)
      problems.push(
        issue(
          "BAD_CELL",
          `Rate "${rateText}" is not a number${rateText.includes(",") ? ` (use a decimal point, e.g. ${rateText.replace(",", ".")})` : ""}.`,
          at("Rate"),
        ),
      );
    else if (!rate.isPositive())
      problems.push(issue("NON_POSITIVE_RATE", `Rate ${rateText} must be positive.`, at("Rate")));
    const typeText = cell("type");
    const type = typeText === "" ? "spot" : RATE_TYPES.find((t) => t === typeText.toLowerCase());
    if (!type)
      problems.push(
        issue("BAD_CELL", `Rate type "${typeText}" is not one of ${RATE_TYPES.join(", ")}.`, at("Rate type")),
      );
    const unitText = cell("quotationUnit");
    const unit = unitText === "" ? 1 : Number(unitText);
    if (!Number.isSafeInteger(unit) || unit <= 0)
      problems.push(
        issue("BAD_CELL", `Quotation unit "${unitText}" is not a positive whole number.`, at("Quotation unit")),
      );
    issues.push(...problems);
    if (problems.length > 0 || !rate || !type) return;
    rates.push({
      row,
      date,
      from,
      to,
      type,
      rate,
      quotationUnit: unit,
      source: cell("source") || fileName,
    });
  });
  if (rates.length === 0 && !issues.some((i) => i.severity === "error"))
    issues.push(issue("EMPTY_FILE", `${fileName} has no data rows.`, { table: fileName }));
  return { rates, issues };
}
