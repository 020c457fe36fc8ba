/**
 * Commands of the period locks and the seal: change a period, the seal
 * receipt, verify (with or without a receipt), check, the audit log.
 *
 * Example: send("change-period", { action: { kind: "hold", period: "2026-03", reason: "March" }, user: "bob" })
 */
import { verifyAuditChain } from "../../core/audit/auditChain";
import type { PeriodAction } from "../../core/calendar/periodChange";
import { changePeriod } from "../changePeriod";
import { checkWorkbook } from "../checkWorkbook";
import { receiptFor, verifyReceipt } from "../sealReceipt";
import { ALL_TABLES, AUDIT } from "../../schema/tables";
import { verifyWorkbook } from "../verifyWorkbook";
import type { HandlerEnv } from "./env";

export const periodHandlers = {
  "change-period": (args: { action: PeriodAction; user: string }, env: HandlerEnv) =>
    changePeriod(env.port, args.action, { user: args.user, clock: env.clock }),
  /** the seal receipt of a held or closed period, at the clock's time (signed with `key` when given) */
  "seal-receipt": (args: { period: string; user: string; key?: string }, env: HandlerEnv) =>
    receiptFor(env.port, args.period, env.clock.now(), args.user, args.key),
  verify: (_args: Record<string, never>, env: HandlerEnv) => verifyWorkbook(env.port),
  "verify-receipt": (args: { text: string; source: string; key?: string }, env: HandlerEnv) =>
    verifyReceipt(env.port, args.text, args.source, args.key),
  check: (_args: Record<string, never>, env: HandlerEnv) => checkWorkbook(env.port),
  /** the audit log with the problems of its hash chain */
  "audit-log": async (_args: Record<string, never>, env: HandlerEnv) => {
    const { book } = (await env.session([AUDIT])).loaded;
    return { audit: book.audit, issues: verifyAuditChain(book.setup.where, book.audit) };
  },
  /**
   * the decoded book and its raw tables, for a view computed in the caller (the pane's tabs); `tables` (names)
   * reads those only (with the setup and tblRuns): a Book field of another table throws TableNotReadError
   */
  "read-book": async (args: { tables?: readonly string[] }, env: HandlerEnv) =>
    (await env.session(args.tables ? ALL_TABLES.filter((t) => args.tables!.includes(t.name)) : "all")).loaded,
};
