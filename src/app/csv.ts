/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and
 * newlines inside quotes, CRLF or LF, a leading byte-order mark. Blank lines are kept (as rows of one empty field) so row numbers match the file. Also detects
 * ';' as the separator when the header line has more ';' than ',' outside quotes.
 *
 * Example: parseCsv('a,b\n"1,5","say ""hi"""\n') → [["a","b"],["1,5",'say "hi"']]
 */
/**
 * ';' when the header record has more ';' than ',' outside quoted fields
 * (a quoted header such as "Amount, EUR" or one holding a line break does not count).
 */
function detectSeparator(src: string): ";" | "," {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"')
          i++; // a doubled quote stays inside the field
        else quoted = false;
      }
      continue;
    }
    if (ch === "\n" || ch === "\r") break;
    if (ch === '"' && fieldStart) quoted = true;
    if (ch === ";") semicolons++;
    if (ch === ",") commas++;
    fieldStart = ch === ";" || ch === ",";
  }
  return semicolons > commas ? ";" : ",";
}

export function parseCsv(text: string): string[][] {
  return [...csvRecords(text)];
}

/** The characters that end an unquoted run: the separator, CR, LF. */
const isBreak = (code: number, sep: number): boolean => code === sep || code === 10 || code === 13;

/**
 * parseCsv one record at a time, so a caller converting rows as they come never holds the whole file as
 * string arrays (a 1M-line journal import: about 500 MB less). Runs of plain characters are cut out of the
 * text with slice, not built a character at a time.
 */
export function* csvRecords(text: string): Generator<string[], void, undefined> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const sep = detectSeparator(src).charCodeAt(0);
  let row: string[] = [];
  let field = "";
  let quoted = false;
  /** the current field opened with a quote, so `""` at the very end is still a field */
  let fieldWasQuoted = false;
  let i = 0;
  const n = src.length;
  while (i < n) {
    if (quoted) {
      const q = src.indexOf('"', i);
      if (q < 0) {
        field += src.slice(i);
        i = n;
        break;
      }
      field += src.slice(i, q);
      if (src.charCodeAt(q + 1) === 34) {
        field += '"'; // a doubled quote
        i = q + 2;
      } else {
        quoted = false;
        i = q + 1;
      }
      continue;
    }
    const code = src.charCodeAt(i);
    if (code === 34 && field === "") {
      quoted = fieldWasQuoted = true;
      i++;
    } else if (code === sep) {
      row.push(field);
      field = "";
      fieldWasQuoted = false;
      i++;
    } else if (code === 10 || code === 13) {
      row.push(field);
      yield row.map(unescapeFormula);
      row = [];
      field = "";
      fieldWasQuoted = false;
      i += code === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
    } else {
      let j = i + 1;
      while (j < n && !isBreak(src.charCodeAt(j), sep)) j++;
      field += src.slice(i, j);
      i = j;
    }
  }
  if (field !== "" || row.length || fieldWasQuoted) {
    row.push(field);
    yield row.map(unescapeFormula);
  }
}

/**
 * CSV formula injection (OWASP): a cell starting with = + - @ tab or carriage
 * return is run as a formula by a spreadsheet opening the CSV, so every CSV
 * Closebook writes prefixes it with a single quote. A plain number (-100.00)
 * is left alone. So that the prefix can be taken off again on import
 * (`unescapeFormula`), a text that already starts with a quote before such a
 * text gets one more: "'=1" → "''=1".
 *
 * Example: escapeFormula("=HYPERLINK(\"x\")") → "'=HYPERLINK(\"x\")"; escapeFormula("-100.00") → "-100.00"
 */
function needsFormulaEscape(text: string): boolean {
  const c = text.charAt(0);
  if (c === "=" || c === "+" || c === "@" || c === "\t" || c === "\r") return true;
  if (c === "-") return !/^-\d+(\.\d+)?$/.test(text);
  return c === "'" && needsFormulaEscape(text.slice(1));
}

export function escapeFormula(text: string): string {
  return needsFormulaEscape(text) ? `'${text}` : text;
}

/** The inverse of escapeFormula, applied to every field import reads. */
export function unescapeFormula(text: string): string {
  return text.charAt(0) === "'" && needsFormulaEscape(text.slice(1)) ? text.slice(1) : text;
}

/** One CSV field: formula-escaped, then quoted (RFC 4180) when it holds a comma, quote or line break. */
export function csvCell(text: string): string {
  const s = escapeFormula(text);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
