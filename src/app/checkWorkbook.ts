/**
 * Use case: check a workbook against the schema and the ledger's invariants.
 * Reports missing tables and columns, unexpected columns, every cell that
 * cannot be read, cross-table setup problems, duplicate entry numbers and
 * unbalanced vouchers in the posted ledger, broken seals, and ledger rows, seals,
 * statuses and audit rows that disagree with the runs table (integrity.ts).
 *
 * Example: a workbook whose tblLedger lost its "Amount (accounting)" column →
 *   error "Table tblLedger has no column "Amount (accounting)"." [MISSING_COLUMN]
 */
import { issue, type Issue } from "../core/issues/issue";
import { unbalancedVouchers } from "../core/ledger/balance";
import { verifySeals } from "../core/seal/verifySeals";
import { validateSetup } from "../core/setup/validateSetup";
import type { WorkbookPort } from "../ports/workbook";
import { tableHeaders } from "../schema/defineTable";
import { normalizeHeader } from "../schema/decodeTable";
import { ACCOUNTS, ALL_TABLES, LEDGER, PERIODS } from "../schema/tables";
import { decodeGroupRules, isConsolidationCompany } from "../schema/consolidationCodec";
import { GROUP_TABLES } from "../schema/consolidationTables";
import type { RawTable } from "../ports/workbook";
import { integrityIssues } from "./integrityGuard";
import { readBook } from "./operation";
import { columnIndex, where } from "../schema/typedCells";
import { textOf } from "../core/text/textOf";

export async function checkWorkbook(port: WorkbookPort): Promise<Issue[]> {
  const loaded = await readBook(port);
  const { book, issues, raw } = loaded;
  const out: Issue[] = [...issues];
  const dims = book.setup.dimensions.map((d) => d.name);
  // a group workbook's own tables (not in ALL_TABLES: an entity workbook has none): every cell decoded
  const group = isConsolidationCompany(raw) ? await readGroupTables(port) : undefined;
  if (group) out.push(...decodeGroupRules(new Map([...raw, ...group])).issues);
  for (const def of group ? [...ALL_TABLES, ...GROUP_TABLES] : ALL_TABLES) {
    const t = raw.get(def.name) ?? group?.get(def.name);
    if (!t) continue;
    const expected = new Set(tableHeaders(def, def.dimensionsAfter ? dims : []).map(normalizeHeader));
    for (const h of t.headers) {
      if (!expected.has(normalizeHeader(String(h))))
        out.push(
          issue(
            "UNEXPECTED_COLUMN",
            `Table ${def.name} has a column "${h}" that Closebook does not use.`,
            { table: def.name, column: String(h) },
            "warning",
          ),
        );
    }
  }
  const rowOf = (table: string, col: number) => {
    const t = raw.get(table);
    const map = new Map<string, number>();
    t?.rows.forEach((r, i) => {
      const k = r[col];
      if (k !== null && k !== undefined && !map.has(textOf(k))) map.set(textOf(k), i + 1);
    });
    return (key: string) => map.get(key);
  };
  out.push(...validateSetup(book.setup, { account: rowOf(ACCOUNTS.name, 0), period: rowOf(PERIODS.name, 0) }));
  const ledger = raw.get(LEDGER.name);
  const entryCol = columnIndex(LEDGER, ledger, "entryNo");
  const seen = new Map<string, number>();
  ledger?.rows.forEach((r, i) => {
    const v = entryCol >= 0 ? r[entryCol] : null;
    if (v === null || v === undefined || typeof v === "object") return;
    const first = seen.get(String(v));
    if (first !== undefined)
      out.push(
        issue(
          "DUPLICATE_ENTRY",
          `Entry number ${String(v)} appears twice (first at row ${first}).`,
          where(LEDGER, "entryNo", i + 1),
        ),
      );
    else seen.set(String(v), i + 1);
  });
  out.push(...unbalancedVouchers(book.ledger, book.setup.where.ledger.table));
  out.push(...verifySeals(book.setup.where, book.ledger, book.seals, book.sealRows));
  out.push(...integrityIssues(loaded));
  return out;
}

async function readGroupTables(port: WorkbookPort): Promise<Map<string, RawTable | undefined>> {
  const out = new Map<string, RawTable | undefined>();
  for (const def of GROUP_TABLES) out.set(def.name, await port.readTable(def.name));
  return out;
}
