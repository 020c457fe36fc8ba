/**
 * Verify for a published workbook (publish.ts): a file with tblPublished and
 * no setup tables. Recomputes the published period's seal from the ledger
 * rows the file contains (src/core/seal/verifySeals, limited to that period),
 * checks that seal's chain from the seal records before it, that the seal
 * matches the one tblPublished names, and that no row of another period was
 * added. verifyWorkbook hands such a file here.
 *
 * Example: a one-cent edit to entry 3's "Amount (accounting)" on the Ledger sheet →
 *   error tblLedger row 3, Amount (accounting): Entry 3 in sealed period 2026-03 was changed
 *   (Amount (accounting)). [SEAL_ROW_CHANGED]
 */
import { issue, type Issue } from "../core/issues/issue";
import { activeSeals, stripVersion } from "../core/seal/seal";
import { verifySeals } from "../core/seal/verifySeals";
import type { RawTable, WorkbookPort } from "../ports/workbook";
import { decodeBook } from "../schema/bookCodec";
import { decodeTable } from "../schema/decodeTable";
import { DIMENSIONS, LEDGER, PUBLISHED, SEALS, SEAL_ROWS } from "../schema/tables";
import { where } from "../schema/typedCells";

export interface PublishedInfo {
  readonly period: string;
  readonly status: string;
  readonly draft: boolean;
  readonly sealHash: string;
}

export interface PublishedVerify {
  readonly issues: Issue[];
  readonly sealedPeriods: number;
  readonly sealedRows: number;
  readonly auditRows: number;
  readonly published?: PublishedInfo;
}

export async function verifyPublished(port: WorkbookPort, marker: RawTable): Promise<PublishedVerify> {
  const decoded = decodeTable(PUBLISHED, marker, []);
  const out: Issue[] = decoded.issues.filter((i) => i.severity === "error");
  const row = decoded.rows[0];
  if (!row || decoded.rows.length !== 1) {
    out.push(
      issue("PUBLISHED_MARKER", `${PUBLISHED.name} must hold exactly one row (it holds ${decoded.rows.length}).`, {
        table: PUBLISHED.name,
      }),
    );
    return { issues: out, sealedPeriods: 0, sealedRows: 0, auditRows: 0 };
  }
  const v = row.values;
  const info: PublishedInfo = {
    period: String(v.period ?? ""),
    status: String(v.status ?? ""),
    draft: v.draft === true,
    sealHash: String(v.sealHash ?? ""),
  };
  const names = [DIMENSIONS.name, LEDGER.name, SEALS.name, SEAL_ROWS.name];
  const raw = new Map<string, RawTable | undefined>();
  for (const n of names) raw.set(n, await port.readTable(n));
  const { book, issues } = decodeBook((n) => raw.get(n));
  out.push(...issues.filter((i) => i.severity === "error" && i.at && names.includes(i.at.table)));
  const p = info.period;
  out.push(...verifySeals(book.setup.where, book.ledger, book.seals, book.sealRows, new Set([p])));
  const seal = activeSeals(book.seals).get(p);
  if (!seal || seal.status !== "sealed") {
    out.push(
      issue(
        "PUBLISHED_NO_SEAL",
        `The file publishes period ${p} but carries no seal of it in ${SEALS.name}.`,
        where(SEALS, "period"),
      ),
    );
  } else if (stripVersion(seal.hash) !== stripVersion(info.sealHash)) {
    out.push(
      issue(
        "PUBLISHED_SEAL_MISMATCH",
        `${PUBLISHED.name} names seal ${info.sealHash} for ${p}, but the seal record carried is ${seal.hash}.`,
        where(PUBLISHED, "sealHash", 1),
      ),
    );
  }
  for (const e of book.ledger) {
    if (e.period !== p)
      out.push(
        issue(
          "PUBLISHED_ROW_ADDED",
          `Entry ${e.entryNo} (period ${e.period}) is not a row of the published period ${p}: it was added to the file.`,
          where(LEDGER, "period", e.row),
        ),
      );
  }
  return { issues: out, sealedPeriods: seal ? 1 : 0, sealedRows: seal?.count ?? 0, auditRows: 0, published: info };
}
