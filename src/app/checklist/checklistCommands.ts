/**
 * Use cases of the close checklist, shared by the CLI and (later) the pane:
 * show a period's checklist, generate it from the template, sign a task
 * (start, prepare, review, reopen, N/A), and give a reconciliation its
 * supporting balance. Every write is a run with its audit rows; every refusal
 * is an issue naming table, row and column, and nothing is written then.
 *
 * Example: await signChecklistTask(port, { period: "2026-01", task: "T05", action: { kind: "review", note: "ok" } }, { user: "bob", clock })
 *   → { done: true, runId: "RUN-000032", issues: [] }; tblCloseTasks row 5 Reviewed by bob; audit "task-review".
 */
import { draft } from "../../core/audit/auditChain";
import { effectiveTemplate, generateTasks } from "../../core/checklist/generate";
import { parseSheetRange, sumRange } from "../../core/checklist/rangeRef";
import { ledgerBalanceAt } from "../../core/checklist/reconciliation";
import { signTask, type TaskAction } from "../../core/checklist/signoff";
import { viewTasks } from "../../core/checklist/state";
import { validateTemplate } from "../../core/checklist/template";
import { type CloseTask } from "../../core/checklist/types";
import { hasErrors, issue, type Issue } from "../../core/issues/issue";
import type { FiscalPeriod } from "../../core/ledger/types";
import { Amount } from "../../core/money";
import type { Clock } from "../../ports/clock";
import type { CellValue, WorkbookPort } from "../../ports/workbook";
import { decodeChecklist } from "../../schema/checklistCodec";
import { CLOSE_TASKS, CLOSE_TEMPLATE, RECONCILIATIONS } from "../../schema/checklistTables";
import { ACCOUNTS, PERIODS } from "../../schema/tables";
import { decodeCell } from "../../schema/cells";
import { normalizeHeader } from "../../schema/decodeTable";
import { encodeRecord } from "../../schema/records";
import { readBook, readSession, writeSession, type Session, type Source } from "../operation";
import { writeReportSheet } from "../reports";
import { closeStatusReport } from "./checklistReport";
import { findPeriod, periodChecklist, type PeriodChecklist } from "./checklistState";
import { writeChecklistRun, type WriteOutcome } from "./checklistRun";
import { cellsByHeader, header, headers, where as located } from "../../schema/typedCells";

export interface Ctx {
  readonly user: string;
  readonly clock: Clock;
}

const today = (clock: Clock) => clock.now().slice(0, 10);

/** Sign-offs of a locked period are sealed with it: reopen the period first. */
function lockedRefusal(p: FiscalPeriod): Issue | undefined {
  if (p.status === "Open") return undefined;
  return issue(
    "PERIOD_LOCKED",
    `Period ${p.id} is ${p.status}; its checklist was sealed with it. Reopen the period (with a reason) to change it.`,
    located(PERIODS, "status", p.row || undefined),
  );
}
const errorsOnly = (xs: readonly Issue[]) => xs.filter((i) => i.severity === "error");

/** A write to a period's checklist opened: the session, its book, the decoded checklist tables and the period — or what blocks it. */
interface OpenChecklist {
  readonly session: Session;
  readonly book: Session["loaded"]["book"];
  readonly raw: Session["loaded"]["raw"];
  readonly data: ReturnType<typeof decodeChecklist>;
  readonly p: FiscalPeriod;
}
async function openChecklist(source: Source, period: string, ctx: Ctx): Promise<OpenChecklist | WriteOutcome> {
  const session: Session = await writeSession(source, ctx);
  const { book, raw, issues: read } = session.loaded;
  const data = decodeChecklist(raw);
  const p = findPeriod(book, period);
  if ("code" in p) return { done: false, issues: [p] };
  if (hasErrors(read) || hasErrors(data.issues))
    return { done: false, issues: [...errorsOnly(read), ...errorsOnly(data.issues)] };
  return { session, book, raw, data, p };
}

/** A period's checklist as it stands (read only). */
export async function readChecklist(
  source: Source,
  period: string,
  clock: Clock,
): Promise<{ checklist?: PeriodChecklist; issues: Issue[] }> {
  const { book, raw, issues } = await readBook(source);
  const data = decodeChecklist(raw);
  const p = findPeriod(book, period);
  if ("code" in p) return { issues: [...issues, p] };
  const checklist = periodChecklist(book, data, p, today(clock), raw);
  return { checklist, issues: [...issues, ...data.issues, ...checklist.issues] };
}

/** Writes the sheet "Close status <period>" (protected once the period is locked, like every report). */
export async function writeCloseStatus(
  source: Source,
  period: string,
  clock: Clock,
): Promise<{ sheet?: string; issues: Issue[] }> {
  const session = await readSession(source);
  const r = await readChecklist(session, period, clock);
  if (!r.checklist) return { issues: r.issues };
  const sheet = closeStatusReport(r.checklist);
  await writeReportSheet(session.port, session.loaded.book, sheet, r.checklist.period.id);
  return { sheet: sheet.sheet, issues: [] };
}

function taskCells(t: CloseTask): Record<string, CellValue> {
  const row = encodeRecord(CLOSE_TASKS, [], t);
  return Object.fromEntries(CLOSE_TASKS.columns.map((c, i) => [c.header, row[i] ?? null]));
}

/** Generates (or regenerates, keeping sign-offs) the period's tasks from the template. */
export async function generateChecklist(
  source: Source,
  period: string,
  ctx: Ctx,
): Promise<WriteOutcome & { added?: number; updated?: number }> {
  const session = await writeSession(source, ctx);
  const { book, raw, issues: read } = session.loaded;
  const data = decodeChecklist(raw);
  const p = findPeriod(book, period);
  if ("code" in p) return { done: false, issues: [p] };
  const decoded = errorsOnly(data.issues);
  const where = (i: Issue) => `${i.code}|${i.at?.table}|${i.at?.row}|${i.at?.column}`;
  const seen = new Set(decoded.map(where));
  // a due offset the codec could not read is reported once, with the text typed
  const problems = [
    ...errorsOnly(read),
    ...decoded,
    ...validateTemplate(data.template, book.setup.users, book.setup.where).filter((i) => !seen.has(where(i))),
  ];
  const locked = lockedRefusal(p);
  if (locked) problems.push(locked);
  if (p.kind !== "operating")
    problems.push(
      issue(
        "NOT_OPERATING",
        `Period ${p.id} is not an operating month; checklists are per month.`,
        located(PERIODS, "id", p.row || undefined),
      ),
    );
  const template = effectiveTemplate(data.template, data.reconcile);
  if (!template.length)
    problems.push(
      issue(
        "EMPTY_TEMPLATE",
        `The close template (${CLOSE_TEMPLATE.name}) has no tasks and no account is flagged Reconcile.`,
        located(CLOSE_TEMPLATE),
      ),
    );
  if (hasErrors(problems)) return { done: false, issues: problems };
  const g = generateTasks(template, p, data.calendar, data.tasks);
  if (!g.add.length && !g.update.length)
    return {
      done: true,
      added: 0,
      updated: 0,
      issues: [
        issue(
          "NO_CHANGE",
          `The checklist of ${p.id} is already up to date with the template.`,
          { table: CLOSE_TASKS.name },
          "info",
        ),
      ],
    };
  const now = ctx.clock.now();
  const out = await writeChecklistRun(session, {
    step: "checklist-generate",
    period: p.id,
    appends: [{ def: CLOSE_TASKS, rows: g.add.map((t) => encodeRecord(CLOSE_TASKS, [], t)) }],
    updates: g.update.map((t) => ({
      def: CLOSE_TASKS,
      keyColumns: headers(CLOSE_TASKS, ["period", "id"]),
      row: t.row!,
      cells: cellsByHeader(CLOSE_TASKS, {
        title: t.title,
        area: t.area,
        preparer: t.preparer,
        reviewer: t.reviewer,
        due: t.due,
        dependsOn: t.dependsOn,
        link: t.link,
        automatic: t.automatic,
        account: t.account,
      }),
    })),
    audit: [
      draft(now, ctx.user, "checklist-generate", {
        subject: p.id,
        newValue: `${g.add.length} added, ${g.update.length} refreshed`,
        detail: g.add.map((t) => t.id).join(", "),
      }),
    ],
  });
  return { ...out, added: g.add.length, updated: g.update.length };
}

const ACTION_NAME: Record<TaskAction["kind"], string> = {
  start: "task-start",
  prepare: "task-prepare",
  review: "task-review",
  reopen: "task-reopen",
  na: "task-na",
};

export async function signChecklistTask(
  port: Source,
  req: { period: string; task: string; action: TaskAction },
  ctx: Ctx,
): Promise<WriteOutcome & { task?: CloseTask }> {
  const r = await signChecklistTasks(
    port,
    { period: req.period, steps: [{ task: req.task, action: req.action }] },
    ctx,
  );
  return {
    done: r.done,
    issues: r.issues,
    ...(r.runId ? { runId: r.runId } : {}),
    ...(r.tasks?.[0] ? { task: r.tasks[0] } : {}),
  };
}

/**
 * Several sign-offs in one run (each checked against the state the ones before
 * it left; all or nothing), one audit row each, naming its signer (a step's
 * `user`, default the run's user: the demo signs as alice and bob in one run).
 */
export async function signChecklistTasks(
  source: Source,
  req: { period: string; steps: readonly { task: string; action: TaskAction; user?: string }[] },
  ctx: Ctx,
): Promise<WriteOutcome & { tasks?: CloseTask[] }> {
  const opened = await openChecklist(source, req.period, ctx);
  if ("issues" in opened) return opened;
  const { session, book, raw, data, p } = opened;
  const locked = lockedRefusal(p);
  if (locked) return { done: false, issues: [locked] };
  const now = ctx.clock.now();
  const cl = periodChecklist(book, data, p, now.slice(0, 10), raw);
  const ledger = new Map([...cl.recon].map(([a, r]) => [a, r.ledger]));
  let tasks = cl.tasks;
  const signed: CloseTask[] = [];
  const audit = [];
  for (const step of req.steps) {
    const view = viewTasks(tasks, now.slice(0, 10), ledger).find(
      (v) => v.task.id.toLowerCase() === step.task.trim().toLowerCase(),
    );
    if (!view)
      return {
        done: false,
        issues: [
          issue(
            "UNKNOWN_TASK",
            `The checklist of ${p.id} has no task "${step.task}"${cl.tasks.length ? "" : " (generate it first: closebook checklist FILE --period P --generate)"}.`,
            located(CLOSE_TASKS, "id"),
          ),
        ],
      };
    const recon = view.task.account ? cl.recon.get(view.task.account) : undefined;
    const signer = step.user ?? ctx.user;
    const r = signTask(view, step.action, signer, {
      where: book.setup.where,
      users: book.setup.users,
      now,
      ...(recon ? { recon } : {}),
    });
    if (!r.task) return { done: false, issues: r.issues };
    const t = r.task;
    const a = step.action;
    const reason = a.kind === "reopen" || a.kind === "na" ? a.reason : "";
    const detail = [
      a.kind === "prepare" && a.evidence ? `evidence ${a.evidence}` : "",
      "note" in a && a.note ? `note ${a.note}` : "",
      view.suspended
        ? `ledger balance changed after sign-off: ${view.suspended.old.toString()} → ${view.suspended.now.toString()}`
        : "",
      t.signedBalance && t.account ? `ledger balance ${t.signedBalance.toString()}` : "",
    ]
      .filter(Boolean)
      .join("; ");
    audit.push(
      draft(now, signer, ACTION_NAME[a.kind], {
        subject: `${p.id} ${t.id}`,
        oldValue: view.status,
        newValue: t.status,
        reason,
        detail,
      }),
    );
    tasks = tasks.map((x) => (x.id === t.id ? t : x));
    const i = signed.findIndex((x) => x.id === t.id);
    if (i >= 0) signed[i] = t;
    else signed.push(t);
  }
  const updates = signed.map((t) => {
    const cells = taskCells(t);
    delete cells[header(CLOSE_TASKS, "period")];
    delete cells[header(CLOSE_TASKS, "id")];
    return { def: CLOSE_TASKS, keyColumns: headers(CLOSE_TASKS, ["period", "id"]), row: t.row!, cells };
  });
  const out = await writeChecklistRun(session, {
    step: "checklist-sign",
    period: p.id,
    updates,
    audit,
    parameters: { tasks: signed.map((t) => t.id), actions: req.steps.map((x) => x.action.kind) },
  });
  return { ...out, tasks: signed };
}

const SOURCE = { table: RECONCILIATIONS.name, column: header(RECONCILIATIONS, "source") };

/** Reads a supporting balance from a sheet range: "Bank!B2:B40" sums its numbers (rangeRef.ts). */
async function fromSheetRange(port: WorkbookPort, ref: string): Promise<Amount | Issue[]> {
  const r = parseSheetRange(ref);
  if (typeof r === "string") return [issue("BAD_RANGE", `${r}.`, SOURCE)];
  const cells = await port.readRange(r.sheet, r.block);
  if (!cells)
    return [issue("MISSING_SHEET", `The workbook has no sheet ${r.sheet}; check the name in ${ref.trim()}.`, SOURCE)];
  const s = sumRange(r, cells, SOURCE);
  return s.issues.length ? s.issues : s.sum;
}

/** Reads a supporting balance from a table column ("tblBank[Balance]" sums the column) or a sheet range. */
async function fromTable(port: WorkbookPort, ref: string): Promise<Amount | Issue | Issue[]> {
  if (ref.includes("!")) return fromSheetRange(port, ref);
  const m = /^\s*([A-Za-z_][\w.]*)\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(ref);
  if (!m)
    return issue(
      "BAD_RANGE",
      `"${ref}" is not a table column such as tblBankStatement[Balance] or a sheet range such as Bank!B2:B40.`,
      SOURCE,
    );
  const t = await port.readTable(m[1]!);
  if (!t) return issue("MISSING_TABLE", `The workbook has no table ${m[1]}.`, { table: m[1]! });
  const i = t.headers.findIndex((h) => normalizeHeader(String(h)) === normalizeHeader(m[2]!));
  if (i < 0) return issue("MISSING_COLUMN", `Table ${m[1]} has no column "${m[2]}".`, { table: m[1]!, column: m[2]! });
  let sum = Amount.ZERO;
  for (let r = 0; r < t.rows.length; r++) {
    const d = decodeCell("amount", t.rows[r]![i] ?? null);
    if (!d.ok) return issue("BAD_CELL", `${m[2]} ${d.problem}.`, { table: m[1]!, row: r + 1, column: m[2]! });
    if (d.value) sum = sum.plus(d.value as Amount);
  }
  return sum;
}

/** Records the supporting balance of a reconciliation (typed, or read from a table column or a sheet range) with the difference it leaves. */
export async function setReconciliation(
  from: Source,
  req: { period: string; account: string; supporting?: string; range?: string },
  ctx: Ctx,
): Promise<WriteOutcome & { difference?: Amount; ledger?: Amount }> {
  const opened = await openChecklist(from, req.period, ctx);
  if ("issues" in opened) return opened;
  const { session, book, raw, data, p } = opened;
  const port = session.port;
  const account = req.account.trim();
  if (!book.setup.accounts.has(account))
    return {
      done: false,
      issues: [
        issue(
          "UNKNOWN_ACCOUNT",
          `Account ${account} does not exist in the chart of accounts.`,
          located(ACCOUNTS, "number"),
        ),
      ],
    };
  let supporting: Amount | Issue | Issue[] | undefined;
  if (req.range) supporting = await fromTable(port, req.range);
  else
    supporting =
      Amount.parse((req.supporting ?? "").replace(/,/g, "").trim()) ??
      issue(
        "BAD_AMOUNT",
        `The supporting balance "${req.supporting ?? ""}" is not an amount.`,
        located(RECONCILIATIONS, "supporting"),
      );
  if (!(supporting instanceof Amount))
    return { done: false, issues: Array.isArray(supporting) ? supporting : [supporting] };
  const cl = periodChecklist(book, data, p, ctx.clock.now().slice(0, 10), raw);
  const ledger = cl.recon.get(account)?.ledger ?? ledgerBalanceAt(book.ledger, book.setup, p, account);
  const items = Amount.sum(data.items.filter((i) => i.period === p.id && i.account === account).map((i) => i.amount));
  const difference = ledger.minus(supporting).minus(items);
  const now = ctx.clock.now();
  const source = req.range ? req.range.trim() : "typed";
  const existing = data.recons.filter((r) => r.period === p.id && r.account === account).pop();
  const record = { period: p.id, account, supporting, source, ledger, difference, updatedBy: ctx.user, updatedAt: now };
  const out = await writeChecklistRun(session, {
    step: "reconciliation",
    period: p.id,
    ...(existing?.row
      ? {
          updates: [
            {
              def: RECONCILIATIONS,
              keyColumns: headers(RECONCILIATIONS, ["period", "account"]),
              row: existing.row,
              cells: Object.fromEntries(
                RECONCILIATIONS.columns.map((c, i) => [c.header, encodeRecord(RECONCILIATIONS, [], record)[i] ?? null]),
              ),
            },
          ],
        }
      : { appends: [{ def: RECONCILIATIONS, rows: [encodeRecord(RECONCILIATIONS, [], record)] }] }),
    audit: [
      draft(now, ctx.user, "reconciliation", {
        subject: `${p.id} ${account}`,
        oldValue: existing?.supporting?.toString() ?? "",
        newValue: supporting.toString(),
        detail: `source ${source}; ledger ${ledger.toString()}; items ${items.toString()}; difference ${difference.toString()}`,
      }),
    ],
  });
  return { ...out, difference, ledger };
}
