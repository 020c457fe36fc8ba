/**
 * Every `closebook` command, declared once (declare.ts): name, operand,
 * summary, flags with their types, --help text (help.ts) and what runs it.
 * runCli, `closebook --help` and the flag parsing are loops over this list.
 *
 * Example: COMMANDS.find((c) => c.name === "tb")!.flags["by-currency"] → "switch"
 */
import { audit, period, verify } from "./lockCommands";
import { checklistCommand, reconCommand, taskCommand } from "./checklistCommands";
import {
  allocateCommand,
  closeCommand,
  openItemsCommand,
  reverseCommand,
  revalueCommand,
  settleCommand,
  statementsCommand,
  yearEndCommand,
} from "./closeCommands";
import type { CliCommand } from "./declare";
import { exportCommand } from "./exportCommand";
import { consolidateCommand, packageCommand } from "./groupCommands";
import { HELP } from "./help";
import { check, post, tb } from "./journalCommands";
import { linesCommand } from "./linesCommand";
import { previewCommand } from "./previewCommand";
import { publishCommand } from "./publishCommand";
import { ratesCommand } from "./rateCommands";
import { journalReportCommand } from "./reportCommands";
import { demo, importCommand, init } from "./setupCommands";
import { traceCommand } from "./traceCommand";

const S = "switch" as const;
const T = "text" as const;
const I = "integer" as const;
/** --format of the commands that print a table */
const FORMAT = ["table", "csv", "json"] as const;

export const COMMANDS: readonly CliCommand[] = [
  {
    name: "init",
    operand: "FILE",
    summary: "create a blank Closebook workbook with every table and a starter chart of accounts",
    flags: { company: T, currency: T, year: I, "start-month": I, "empty-chart": S, group: S, force: S },
    help: HELP.init!,
    run: (c) => init(c.file, c.options, c.out, c.deps),
  },
  {
    name: "demo",
    operand: "FILE",
    summary: "create the demo company (Northwind Trading Inc.), post and close every month and the year",
    flags: {
      seed: I,
      "post-through": T,
      post: S,
      "no-post": S,
      tb: T,
      publish: S,
      group: S,
      force: S,
      lines: I,
      drafts: I,
    },
    help: HELP.demo!,
    run: (c) => demo(c.file, c.options, c.out, c.deps),
  },
  {
    name: "import",
    operand: "FILE",
    summary: "import a CSV file into a table (all or nothing)",
    flags: { table: T, user: T },
    help: HELP.import!,
    run: (c) => importCommand(c.file, c.rest, c.options, c.out, c.deps),
  },
  {
    name: "export",
    operand: "FILE",
    summary: "write any table as CSV (what import reads)",
    flags: { table: T, out: T },
    help: HELP.export!,
    run: (c) => exportCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "post",
    operand: "FILE",
    summary: "validate and post the draft journal lines",
    flags: { user: T, journal: T, through: T },
    help: HELP.post!,
    run: (c) => post(c.file, c.options, c.out, c.deps),
  },
  {
    name: "tb",
    operand: "FILE",
    summary: "print the trial balance for a period",
    flags: { period: T, from: T, to: T, "by-dimension": T, "by-currency": S, format: FORMAT, write: S },
    help: HELP.tb!,
    run: (c) => tb(c.file, c.options, c.out, c.deps),
  },
  {
    name: "lines",
    operand: "FILE",
    summary: "the ledger lines behind a trial balance figure (drill-down): account, period, dimension",
    flags: { account: T, period: T, from: T, to: T, dimension: T, figure: T, format: FORMAT },
    help: HELP.lines!,
    run: (c) => linesCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "check",
    operand: "FILE",
    summary: "check the workbook against the schema and the ledger's invariants",
    flags: {},
    help: HELP.check!,
    run: (c) => check(c.file, c.out, c.deps),
  },
  {
    name: "period",
    operand: "FILE",
    summary: "put a period on hold, reopen it, close it permanently, set its access, grant an exception",
    flags: {
      period: T,
      user: T,
      reason: T,
      hold: S,
      reopen: S,
      close: S,
      confirm: S,
      access: T,
      exception: T,
      until: T,
      "receipt-out": T,
      "receipt-key-file": T,
      "override-checklist": T,
    },
    help: HELP.period!,
    run: (c) => period(c.file, c.options, c.out, c.deps),
  },
  {
    name: "verify",
    operand: "FILE",
    summary: "recompute every closed-period seal and the audit chain; exit 1 on any break",
    flags: { receipt: T, "receipt-key-file": T },
    help: HELP.verify!,
    run: (c) => verify(c.file, c.out, c.options, c.deps),
  },
  {
    name: "audit",
    operand: "FILE",
    summary: "print the audit log and verify its hash chain",
    flags: { last: I },
    help: HELP.audit!,
    run: (c) => audit(c.file, c.options, c.out, c.deps),
  },
  {
    name: "statements",
    operand: "FILE",
    summary: "income statement, balance sheet and ledger journal report of a period, as sheets",
    flags: { period: T, "by-dimension": T },
    help: HELP.statements!,
    run: (c) => statementsCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "journal-report",
    operand: "FILE",
    summary: "the ledger journal report: every voucher with its lines and totals; journalize it",
    flags: { period: T, from: T, to: T, source: T, format: FORMAT, write: S, journalize: S, user: T },
    help: HELP["journal-report"]!,
    run: (c) => journalReportCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "publish",
    operand: "FILE",
    summary: "write a closed period as a new read-only workbook to share (values only; verify checks it)",
    flags: { period: T, out: T, include: T, draft: S, user: T, force: S, formulas: T },
    help: HELP.publish!,
    run: (c) => publishCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "package",
    operand: "FILE",
    summary: "write an entity's consolidation package of a period (CSV) for its group",
    flags: { period: T, out: T, draft: S, entity: T, force: S },
    help: HELP.package!,
    run: (c) => packageCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "consolidate",
    operand: "FILE",
    summary: "consolidate entity packages into a group workbook (init --group): translate, eliminate, NCI",
    flags: { period: T, user: T, preview: S },
    help: HELP.consolidate!,
    run: (c) => consolidateCommand(c.file, c.rest, c.options, c.out, c.deps),
  },
  {
    name: "year-end",
    operand: "FILE",
    summary: "the year-end close: opening balances of the next year, P&L into retained earnings",
    flags: {
      year: T,
      user: T,
      preview: S,
      "closing-vouchers": S,
      "keep-detail": S,
      single: T,
      reverse: S,
      reason: T,
    },
    help: HELP["year-end"]!,
    run: (c) => yearEndCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "close",
    operand: "FILE",
    summary: "the month-end close in one command: verify journals, rates, settlement, revaluation, allocations",
    flags: { period: T, user: T, preview: S, "override-drafts": S, reason: T, "year-end": S },
    help: HELP.close!,
    run: (c) => closeCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "rates",
    operand: "FILE",
    summary: "import exchange rates (ECB or CSV) and check them before a close",
    flags: { check: S, date: T, "stale-days": I, import: T, from: T, to: T, user: T, url: T },
    help: HELP.rates!,
    run: (c) => ratesCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "revalue",
    operand: "FILE",
    summary: "foreign currency revaluation (unrealized gain/loss), --preview or post",
    flags: { date: T, user: T, preview: S, "rate-type": T, "rate-date": T, "include-pl": S, "pl-from": T },
    help: HELP.revalue!,
    run: (c) => revalueCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "reverse",
    operand: "FILE",
    summary: "reverse a posted run by its id",
    flags: { run: T, reason: T, user: T },
    help: HELP.reverse!,
    run: (c) => reverseCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "trace",
    operand: "FILE",
    summary: 'print the calculation trace a posted run keeps (sheet "Run trace")',
    flags: { run: T },
    help: HELP.trace!,
    run: (c) => traceCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "settle",
    operand: "FILE",
    summary: "ledger settlement: marked entries, automatic by rule, or reverse a settlement",
    flags: {
      date: T,
      user: T,
      entries: T,
      account: T,
      partial: S,
      auto: S,
      from: T,
      "same-dimensions": S,
      reverse: T,
      preview: S,
    },
    help: HELP.settle!,
    run: (c) => settleCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "open-items",
    operand: "FILE",
    summary: "the open (unsettled) items per settle-flagged account",
    flags: { account: T },
    help: HELP["open-items"]!,
    run: (c) => openItemsCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "allocate",
    operand: "FILE",
    summary: "run the allocation rules of tblAllocationRules for a period",
    flags: { period: T, user: T, rules: T, preview: S },
    help: HELP.allocate!,
    run: (c) => allocateCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "checklist",
    operand: "FILE",
    summary: 'the close checklist of a period: generate it from the template, show it, write "Close status"',
    flags: { period: T, generate: S, user: T, format: FORMAT, report: S },
    help: HELP.checklist!,
    run: (c) => checklistCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "task",
    operand: "FILE",
    summary: "sign a checklist task: start, prepare, review, reopen, N/A (preparer ≠ reviewer)",
    flags: {
      period: T,
      task: T,
      user: T,
      start: S,
      prepare: S,
      review: S,
      reopen: S,
      na: S,
      note: T,
      evidence: T,
      reason: T,
    },
    help: HELP.task!,
    run: (c) => taskCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "recon",
    operand: "FILE",
    summary: "give an account reconciliation its supporting balance",
    flags: { period: T, account: T, user: T, supporting: T, range: T },
    help: HELP.recon!,
    run: (c) => reconCommand(c.file, c.options, c.out, c.deps),
  },
  {
    name: "preview",
    operand: "",
    summary: "the task pane in a browser beside a grid of an in-memory workbook (http://127.0.0.1:3001/)",
    flags: { port: I, host: T, file: T, dir: T },
    help: HELP.preview!,
    run: (c) => previewCommand(c.rest, c.options, c.out, c.deps),
  },
];
