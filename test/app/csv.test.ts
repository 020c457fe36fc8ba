import fc from "fast-check";
import { parseCsv } from "../../src/app/csv";

describe("parseCsv: worked examples", () => {
  it("the documented example: quoted comma and doubled quotes", () => {
    expect(parseCsv('a,b\n"1,5","say ""hi"""\n')).toEqual([
      ["a", "b"],
      ["1,5", 'say "hi"'],
    ]);
  });
  it("embedded newlines (LF and CRLF) inside quotes stay in the field", () => {
    expect(parseCsv('a,b\n"line1\nline2",x\n"p\r\nq",y')).toEqual([
      ["a", "b"],
      ["line1\nline2", "x"],
      ["p\r\nq", "y"],
    ]);
  });
  it("CRLF line endings", () => {
    expect(parseCsv("a,b\r\nc,d\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
  it("bare CR line endings", () => {
    expect(parseCsv("a,b\rc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });
  it("a leading byte-order mark is dropped", () => {
    expect(parseCsv("\uFEFFDate,Amount\n2026-03-31,10")).toEqual([
      ["Date", "Amount"],
      ["2026-03-31", "10"],
    ]);
    expect(parseCsv("\uFEFFDate,Amount")[0]![0]).toBe("Date");
  });
  it("a BOM only counts at the very start", () => {
    expect(parseCsv("a,\uFEFFb")).toEqual([["a", "\uFEFFb"]]);
  });
  it("';' is the separator when the header has more ';' than ','", () => {
    expect(parseCsv("Date;Amount;Note\n2026-03-31;1,5;x,y")).toEqual([
      ["Date", "Amount", "Note"],
      ["2026-03-31", "1,5", "x,y"],
    ]);
  });
  it("',' wins a tie and when there is no ';'", () => {
    expect(parseCsv("a;b,c\n1;2,3")).toEqual([
      ["a;b", "c"],
      ["1;2", "3"],
    ]);
    expect(parseCsv("a,b\n1;2,3")).toEqual([
      ["a", "b"],
      ["1;2", "3"],
    ]);
  });
  it("separators inside quoted header fields do not count toward detection", () => {
    // ','-separated; the quoted first header holds two ';'  → still ','
    expect(parseCsv('"a;b;c",x\n1,2')).toEqual([
      ["a;b;c", "x"],
      ["1", "2"],
    ]);
    // ';'-separated (a European export) with commas inside quoted headers → still ';'
    expect(parseCsv('"Amount, EUR";"Account, no";Date\n1,50;1100;2026-03-31')).toEqual([
      ["Amount, EUR", "Account, no", "Date"],
      ["1,50", "1100", "2026-03-31"],
    ]);
  });
  it("blank lines are kept as rows of one empty field, so row numbers match the file", () => {
    expect(parseCsv("a,b\n\nc,d\n")).toEqual([["a", "b"], [""], ["c", "d"]]);
    expect(parseCsv("a,b\r\n\r\n\r\nc,d")).toEqual([["a", "b"], [""], [""], ["c", "d"]]);
  });
  it("a trailing newline adds no row; a missing one loses nothing", () => {
    expect(parseCsv("a,b\n1,2\n")).toHaveLength(2);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });
  it("empty fields, at the ends too", () => {
    expect(parseCsv("a,,b,\n,")).toEqual([
      ["a", "", "b", ""],
      ["", ""],
    ]);
  });
  it("quoted empty fields", () => {
    expect(parseCsv('"",x\n"",""')).toEqual([
      ["", "x"],
      ["", ""],
    ]);
  });
  it("a last line that is just a quoted empty field is a row", () => {
    expect(parseCsv('a\n""')).toEqual([["a"], [""]]);
    expect(parseCsv('a\n""\n')).toEqual([["a"], [""]]);
  });
  it("a quote inside an unquoted field is literal", () => {
    expect(parseCsv('ab"c,d')).toEqual([['ab"c', "d"]]);
  });
  it("text after a closing quote is appended to the field", () => {
    expect(parseCsv('"ab"c,d')).toEqual([["abc", "d"]]);
  });
  it("spaces are kept", () => {
    expect(parseCsv(" a , b ")).toEqual([[" a ", " b "]]);
  });
  it("empty text → no rows", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\uFEFF")).toEqual([]);
  });
});

describe("parseCsv: round trip (property)", () => {
  const fieldChars = fc.constantFrom("a", "b", "1", " ", ",", ";", '"', "\n", "\r\n", "é");
  const arbField = fc.array(fieldChars, { maxLength: 6 }).map((xs) => xs.join(""));
  const arbGrid = fc
    .integer({ min: 1, max: 5 })
    .chain((cols) =>
      fc.array(fc.array(arbField, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }),
    );

  function quote(f: string): string {
    return `"${f.replace(/"/g, '""')}"`;
  }
  /** RFC 4180 writer: quotes a field when it holds a separator, a quote or a line break. */
  function write(grid: string[][], sep: string, eol: string, quoteAll: boolean, terminate: boolean): string {
    const lines = grid.map((row) => row.map((f) => (quoteAll || /[,;"\r\n]/.test(f) ? quote(f) : f)).join(sep));
    return lines.join(eol) + (terminate ? eol : "");
  }

  it("rows ending in a line break parse back to the grid", () => {
    fc.assert(
      fc.property(
        arbGrid,
        fc.constantFrom(",", ";"),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.boolean(),
        (grid, sep, eol, quoteAll, bom) => {
          // a ';'-separated file is only recognisable from a header with at least one ';'
          fc.pre(sep === "," || grid[0]!.length >= 2);
          const text = (bom ? "\uFEFF" : "") + write(grid, sep, eol, quoteAll, true);
          expect(parseCsv(text)).toEqual(grid);
        },
      ),
    );
  });

  it("with every field quoted, no final line break is needed", () => {
    fc.assert(
      fc.property(arbGrid, fc.constantFrom(",", ";"), fc.constantFrom("\n", "\r\n"), (grid, sep, eol) => {
        fc.pre(sep === "," || grid[0]!.length >= 2);
        expect(parseCsv(write(grid, sep, eol, true, false))).toEqual(grid);
      }),
    );
  });
});

/**
 * The reader as it was before it went a record at a time and cut runs with slice (issue #14: a 1M-line
 * journal import): a character at a time. The new one must read every text exactly as this one did.
 */
function referenceParseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let semicolons = 0;
  let commas = 0;
  let inQuotes = false;
  let atStart = true;
  for (let k = 0; k < src.length; k++) {
    const ch = src[k];
    if (inQuotes) {
      if (ch === '"') {
        if (src[k + 1] === '"') k++;
        else inQuotes = false;
      }
      continue;
    }
    if (ch === "\n" || ch === "\r") break;
    if (ch === '"' && atStart) inQuotes = true;
    if (ch === ";") semicolons++;
    if (ch === ",") commas++;
    atStart = ch === ";" || ch === ",";
  }
  const sep = semicolons > commas ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let fieldWasQuoted = false;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = fieldWasQuoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
      fieldWasQuoted = false;
    } else if (ch === "\n" || ch === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      fieldWasQuoted = false;
      if (ch === "\r" && src[i + 1] === "\n") i++;
    } else field += ch;
    i++;
  }
  if (field !== "" || row.length || fieldWasQuoted) {
    row.push(field);
    rows.push(row);
  }
  const unescape = (t: string): string => {
    const needs = (x: string): boolean => {
      const c = x.charAt(0);
      if (c === "=" || c === "+" || c === "@" || c === "\t" || c === "\r") return true;
      if (c === "-") return !/^-\d+(\.\d+)?$/.test(x);
      return c === "'" && needs(x.slice(1));
    };
    return t.charAt(0) === "'" && needs(t.slice(1)) ? t.slice(1) : t;
  };
  return rows.map((r) => r.map(unescape));
}

describe("parseCsv reads every text as the character-at-a-time reader did", () => {
  const pieces = ["a", "bc", ",", ";", '"', '""', "\n", "\r", "\r\n", " ", "'", "=1", "-5", "x y", "\ufeff"];
  it("random texts of quotes, separators, line ends and formula prefixes", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join("");
        expect(parseCsv(text)).toEqual(referenceParseCsv(text));
      }),
      { numRuns: 3000 },
    );
  });
  it("a journal-like file", () => {
    const text = 'Journal,Voucher,Debit\r\nGJ,"V,1",10.00\r\nGJ,V2,"=SUM(A1)"\r\n\r\n"",x,\r\n';
    expect(parseCsv(text)).toEqual(referenceParseCsv(text));
    expect(parseCsv(text)[2]).toEqual(["GJ", "V2", "=SUM(A1)"]);
  });
});
