/**
 * Use case: ledger settlement — settle marked entries (whole or partial),
 * settle automatically by rule, or reverse a settlement; preview or post.
 * The realized exchange gain/loss voucher goes to the ledger and the settled
 * amounts to the settlements register (tblSettlements), in one run. Nothing
 * dated in a fiscal year closed by a year-end close is settled or reversed, and
 * the open items leave out what that close carried into openings.
 *
 * Example: await settle(port, { kind: "marked", entries: [12, 57], date: "2026-03-31" }, "post", ctx)
 *   → SET-000001 settles entries 12 and 57; realized gain 20.00 posted as GL-000301.
 */
import { autoSettle, reverseSettlement, settleMarked, settlePartial, type Mark } from "../core/close/settlement";
import { openItems, toSettlementRows, type OpenItem, type SettlementRecord } from "../core/close/settlementModel";
import { closedYears } from "../core/close/yearEndState";
import { issue } from "../core/issues/issue";
import type { AccountNumber, IsoDate } from "../core/ledger/types";
import { encodeRecords } from "../schema/records";
import { SETTLEMENTS } from "../schema/tables";
import { cellChange, rawCell } from "../schema/typedCells";
import type { Proposal } from "../core/close/proposal";
import { postProposal, previewProposal, type StepContext } from "./closeRuns";
import type { StepMode, StepOutcome } from "./closeSteps";
import { ALL_BUT_JOURNAL } from "./loadBook";
import { readBook, readSession, type Source } from "./operation";
import { findSequence, isIssue } from "./sequences";

export type SettleRequest =
  | {
      readonly kind: "marked";
      readonly entries: readonly (number | Mark)[];
      readonly date: IsoDate;
      readonly account?: AccountNumber;
      readonly partial?: boolean;
    }
  | {
      readonly kind: "auto";
      readonly date: IsoDate;
      readonly from?: IsoDate;
      readonly accounts?: readonly AccountNumber[];
      readonly sameDimensions?: boolean;
    }
  | { readonly kind: "reverse"; readonly settlementId: string; readonly date: IsoDate };

export interface SettleOutcome extends StepOutcome {
  readonly settlements: readonly SettlementRecord[];
}

export async function settle(
  source: Source,
  request: SettleRequest,
  mode: StepMode,
  ctx: StepContext,
): Promise<SettleOutcome> {
  const port = await readSession(source, ALL_BUT_JOURNAL);
  const { book, raw, issues } = port.loaded;
  const seq = findSequence(book, "settlement");
  if (isIssue(seq)) return { issues: [...issues, seq], settlements: [] };
  const closed = closedYears(book.setup.periods, book.ledger);
  const base = {
    setup: book.setup,
    ledger: book.ledger,
    settlements: book.settlements,
    nextSettlementNo: seq.next,
    settlementPrefix: seq.prefix,
    closedYears: closed,
  };
  if (request.kind === "reverse") {
    const r = reverseSettlement({
      where: book.setup.where,
      ledger: book.ledger,
      settlements: book.settlements,
      settlementId: request.settlementId,
      date: request.date,
      closedYears: closed,
    });
    if (mode === "preview") return previewOf(port, r);
    const t = raw.get(SETTLEMENTS.name);
    const cell = (row: number, key: "settlementId" | "status" | "reversedOn") =>
      rawCell(SETTLEMENTS, t, row, key) ?? null;
    const updates = (t?.rows ?? []).flatMap((_, i) =>
      cell(i + 1, "settlementId") === request.settlementId
        ? [
            cellChange(SETTLEMENTS, i + 1, "status", "reversed", cell(i + 1, "status")),
            cellChange(SETTLEMENTS, i + 1, "reversedOn", request.date, cell(i + 1, "reversedOn")),
          ]
        : [],
    );
    if (r.settlements.length === 0) return { proposal: r.proposal, issues: r.proposal.issues, settlements: [] };
    const posted = await postProposal(port, r.proposal, ctx, { updates, allowEmpty: true });
    return { proposal: r.proposal, posted, issues: posted.issues, settlements: posted.posted ? r.settlements : [] };
  }
  const result =
    request.kind === "auto"
      ? autoSettle({
          ...base,
          date: request.date,
          ...(request.from ? { from: request.from } : {}),
          ...(request.accounts ? { accounts: request.accounts } : {}),
          ...(request.sameDimensions ? { sameDimensions: true } : {}),
        })
      : (request.partial ? settlePartial : settleMarked)({
          ...base,
          marked: request.entries,
          date: request.date,
          ...(request.account ? { account: request.account } : {}),
        });
  if (mode === "preview") return previewOf(port, result);
  if (result.settlements.length === 0)
    return {
      proposal: result.proposal,
      issues: [
        ...result.proposal.issues,
        ...(result.proposal.issues.length ? [] : [issue("NOTHING_TO_SETTLE", "Nothing to settle.", undefined, "info")]),
      ],
      settlements: [],
    };
  // each register row names the run that posts it (its id is reserved before the rows are written)
  const rows = (runId: string) =>
    encodeRecords(
      SETTLEMENTS,
      [],
      toSettlementRows(result.settlements).map((r) => ({ ...r, runId })),
    );
  const posted = await postProposal(port, result.proposal, ctx, {
    appends: [{ table: SETTLEMENTS.name, rows }],
    reserve: [{ name: "settlement", next: result.nextSettlementNo }],
    allowEmpty: true,
  });
  return {
    proposal: result.proposal,
    posted,
    issues: posted.issues,
    settlements: posted.posted ? result.settlements : [],
  };
}

/** A settlement previewed: its sheet written unless the proposal has errors. */
async function previewOf(
  source: Source,
  r: { readonly proposal: Proposal; readonly settlements: readonly SettlementRecord[] },
): Promise<SettleOutcome> {
  const preview = await previewProposal(source, r.proposal);
  return { proposal: r.proposal, preview, issues: r.proposal.issues, settlements: r.settlements };
}

export async function listOpenItems(source: Source, account?: AccountNumber): Promise<OpenItem[]> {
  const { book } = await readBook(source, ALL_BUT_JOURNAL);
  return openItems(book.ledger, book.settlements, book.setup.accounts, account, {
    closedYears: closedYears(book.setup.periods, book.ledger),
  });
}
