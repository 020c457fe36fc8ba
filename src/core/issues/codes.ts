/**
 * Every issue code in one place: the union `IssueCode`, each with its default
 * severity and the form of its message (a call site fills in the details, "…").
 * `issue()` takes only these codes, so a misspelt code does not compile.
 *
 * Example: issue("UNKNOWN_ACCOUNT", "Account 9999 does not exist in the chart of accounts.", at)
 *   → severity "error" (ISSUE_CODES.UNKNOWN_ACCOUNT.severity); a call may still pass another.
 */
import type { Severity } from "./issue";

export interface IssueCodeInfo {
  /** the severity an issue with this code has unless its call site says otherwise */
  readonly severity: Severity;
  /** the message's form; "…" marks what the call site fills in */
  readonly message: string;
}

export const ISSUE_CODES = {
  ACCOUNT_CURRENCY: { severity: "error", message: "Account … only takes …, not …." },
  ALLOCATION_BAD_NUMBER: { severity: "error", message: 'the fixed amount "…" is not a number.' },
  ALLOCATION_BAD_RANGE: { severity: "error", message: "the … account range …..… ends before it starts." },
  ALLOCATION_BASIS: { severity: "error", message: "Rule …: …." },
  ALLOCATION_BASIS_SIGN: {
    severity: "error",
    message: "the basis balances as of … are on both sides; a basis must be all debit or all credit.",
  },
  ALLOCATION_BASIS_ZERO: {
    severity: "warning",
    message: "…: the basis of destination … (…) as of … is zero; it gets nothing.",
  },
  ALLOCATION_DUPLICATE_RULE: { severity: "error", message: "… appears more than once in the run." },
  ALLOCATION_METHOD: { severity: "error", message: 'unknown method "…" (use …).' },
  ALLOCATION_NEGATIVE_WEIGHT: { severity: "error", message: "destination … (…) has a negative … …." },
  ALLOCATION_NOTHING_ALLOCATED: {
    severity: "warning",
    message: "…: after rounding to … decimals nothing of … is allocated; no voucher.",
  },
  ALLOCATION_NO_BASIS: { severity: "error", message: "uses the basis method but names no basis accounts." },
  ALLOCATION_NO_DATE: { severity: "error", message: "has no posting date." },
  ALLOCATION_NO_DESTINATIONS: { severity: "error", message: "has no destinations." },
  ALLOCATION_NO_PERIOD: {
    severity: "error",
    message: "has no source range: give the rule a from and to date, or run it for a period.",
  },
  ALLOCATION_PERCENT_OVER_100: { severity: "error", message: "the percentages add up to … %, more than 100 %." },
  ALLOCATION_ROW_CONFLICT: {
    severity: "error",
    message:
      "Rule …: this row says … …, but the rule's first row (row …) says …. A rule's … is given on its first row; l…",
  },
  ALLOCATION_SOURCE: { severity: "error", message: "Rule …: …." },
  ALLOCATION_ZERO_BASIS: {
    severity: "error",
    message: "the basis as of … is zero for every destination; nothing to allocate by.",
  },
  ALLOCATION_ZERO_SOURCE: { severity: "error", message: "the source balance of … is zero; nothing to allocate." },
  ALLOCATION_ZERO_WEIGHTS: { severity: "error", message: "every destination's … is zero; nothing to allocate by." },
  ALREADY_POSTED: { severity: "info", message: "… was already posted by …; left out." },
  ALREADY_REVERSED: { severity: "error", message: "Settlement … was already reversed…." },
  ALREADY_SETTLED: { severity: "error", message: "Entry … is already settled (…)." },
  AMOUNT_TOO_LARGE: {
    severity: "error",
    message: "Draft voucher … converts to amounts beyond the 15 significant digits a cell keeps exactly.",
  },
  AUDIT_CHAIN_BROKEN: {
    severity: "error",
    message: "Audit row … (…) does not match its hash: it or the row before it was changed.",
  },
  AUDIT_ROWS_MISSING: {
    severity: "error",
    message: "Run … (…, …) has no rows in the audit log (… rows remain): audit rows were deleted….",
  },
  AUDIT_SEQUENCE: { severity: "error", message: "Audit row … has number …: rows were removed, inserted or reordered." },
  AUTOMATIC_TASK: { severity: "error", message: "Task … is prepared by its close step (…): run or post the step." },
  BAD_ACCESS: { severity: "error", message: "Access must be All, None or a user group." },
  BAD_ACCOUNT: {
    severity: "error",
    message: 'Give an account: a number, a range like "4000:4999" or a wildcard like "6*".',
  },
  BAD_AMOUNT: { severity: "error", message: 'The supporting balance "…" is not an amount.' },
  BAD_CELL: { severity: "error", message: "…: the value …." },
  BAD_DATE: { severity: "error", message: '"…" is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.' },
  BAD_DIMENSION: { severity: "error", message: 'Dimension filter "…": ….' },
  BAD_DIMENSIONS: { severity: "error", message: '"…" is not a list of dimension=value pairs.' },
  BAD_DUE_OFFSET: {
    severity: "error",
    message: "Task …: the due offset must be a whole number of business days from BD-… to BD+….",
  },
  BAD_ELIMINATION_RULE: {
    severity: "error",
    message:
      "Elimination rule … (fixed amount) needs one entity of the group, one source account of the group chart and…",
  },
  BAD_OWNERSHIP: { severity: "error", message: "Ownership % must be more than 0 and at most 100, not …." },
  BAD_PATTERN: {
    severity: "error",
    message: '"…" is not an account pattern (1300, 13*, 1300..1399, or a list of them).',
  },
  BAD_PERIOD: { severity: "error", message: "Period … ends before it starts." },
  BAD_RANGE: {
    severity: "error",
    message: '"…" is not a table column such as tblBankStatement[Balance] or a sheet range such as Bank!B2:B40.',
  },
  BAD_RATE: { severity: "error", message: "Rate must be positive." },
  BAD_REQUEST: { severity: "error", message: 'The … date "…" is not a date (YYYY-MM-DD).' },
  BAD_SETTING: { severity: "error", message: "Fiscal year start month must be 1 to 12, not …." },
  BAD_TASK_ID: { severity: "error", message: "A template task needs an id." },
  BAD_TRANSLATION_RULE: { severity: "error", message: "Give the accounts or the account type the rule translates." },
  BAD_UNTIL: { severity: "error", message: "An exception must end in the future (until …)." },
  BALANCE_SHEET_CHECK: {
    severity: "error",
    message: "The balance sheet as of … does not balance: assets …, liabilities and equity … (difference …).",
  },
  BLOCKED_ACCOUNT: { severity: "error", message: "Account … … is blocked for posting." },
  CHECKLIST_NOT_GENERATED: {
    severity: "error",
    message:
      "The close checklist of … has not been generated (closebook checklist FILE --period … --generate), so none o…",
  },
  CHECKLIST_OPEN: {
    severity: "error",
    message: "Task … … is … (…, due ……); it must be Reviewed or N/A before … is locked.",
  },
  CHECKLIST_SEAL_ADDED: { severity: "error", message: "Task … was added to the sealed checklist of …." },
  CHECKLIST_SEAL_CHANGED: {
    severity: "error",
    message: "Task … in the sealed checklist of … was changed (…) after the period was locked.",
  },
  CHECKLIST_SEAL_DELETED: { severity: "error", message: "Task … of the sealed checklist of … was deleted." },
  CHECKLIST_SEAL_REORDERED: {
    severity: "error",
    message: "The tasks of the sealed checklist of … were reordered or the seal row altered.",
  },
  CHECKLIST_UNREADABLE: {
    severity: "error",
    message: "The close checklist cannot be read (…); fix it before locking ….",
  },
  CIRCULAR_DEPENDENCY: { severity: "error", message: "Tasks … depend on each other in a circle." },
  CLOSING_PERIOD_LEFT_OUT: {
    severity: "info",
    message: "… ledger line(s) posted in closing periods (year-end closing) are left out of the income statement.",
  },
  CLOSING_PERIOD_MISSING: { severity: "error", message: "… has no closing period for the closing vouchers." },
  CONFIRM_REQUIRED: { severity: "error", message: "Closing period … permanently cannot be undone; confirm it." },
  CONSOLIDATION_FAILED: { severity: "error", message: "consolidation …: …" },
  CONTROLLER_REQUIRED: {
    severity: "error",
    message: "Only a controller may lock … with open checklist tasks; … is not one.",
  },
  CORRUPT_PACKAGE: { severity: "error", message: "… has no checksum row at its end: it was cut or edited." },
  CURRENCY_MISMATCH: { severity: "error", message: "Package … is in …, but … says … keeps its books in …." },
  DAILY_JOURNAL_IN_GROUP: {
    severity: "error",
    message:
      'Journal … (… line…) cannot post: this is a group workbook (setting "Consolidation company" = yes), which ta…',
  },
  DEBIT_AND_CREDIT: { severity: "error", message: "Enter either a debit or a credit, not both." },
  DECIMALS: { severity: "error", message: "Voucher …: … … has more decimals than …." },
  DIFFERENT_ACCOUNTS: {
    severity: "error",
    message: "Marked entries are on different accounts (…); a settlement settles one account.",
  },
  DRAFTS_IN_PERIOD: { severity: "error", message: "… draft or failed journal lines are dated in … (rows ……)." },
  DRAFT_PACKAGE: {
    severity: "warning",
    message: "Package … is a draft: …'s period … is …, so its figures may still change.",
  },
  DUPLICATE_COLUMN: { severity: "warning", message: 'Table … has two columns named "…"; the first is used.' },
  DUPLICATE_ENTITY: { severity: "error", message: "Package …: entity … was already given by …." },
  DUPLICATE_ENTRY: { severity: "error", message: "Entry number … appears twice (first at row …)." },
  DUPLICATE_IMPORT: {
    severity: "error",
    message: "This content of … was already imported into … by run … (…); import it again only if you mean to.",
  },
  DUPLICATE_KEY: { severity: "error", message: 'Setting "…" is already in … row …; the import is refused.' },
  DUPLICATE_MARK: { severity: "error", message: "Entry … is marked twice." },
  DUPLICATE_RATE: { severity: "error", message: "… gives …→… … … twice: … and …." },
  DUPLICATE_TASK: { severity: "error", message: "Task id … is used twice (first at row …)." },
  ECB_CURRENCY_SKIPPED: {
    severity: "info",
    message: "ECB rates for … are not imported: … not in the currencies table.",
  },
  ECB_MALFORMED: { severity: "error", message: "…: …." },
  ECB_NO_ACCOUNTING_RATE: {
    severity: "error",
    message: "… has no … rate on the days asked for (…); rates in … cannot be derived from it.",
  },
  ECB_NO_DAYS: { severity: "warning", message: "… has no rates…." },
  ECB_NO_RATE: {
    severity: "warning",
    message: "The ECB publishes no reference rate for … in …; enter … rates another way (e.g. a CSV import).",
  },
  ECB_NO_RATES: {
    severity: "error",
    message: '… holds no dated rates (<Cube time="…">); is it an ECB reference-rate file?',
  },
  ELIMINATION_DIFFERENCE: { severity: "warning", message: "Elimination rule …: …, posted to …." },
  ELIMINATION_MISMATCH: {
    severity: "error",
    message:
      "Elimination rule …: …; not eliminated (name a difference account in the rule, or correct the entities' book…",
  },
  EMPTY_FILE: { severity: "error", message: "… is empty." },
  EMPTY_TEMPLATE: {
    severity: "error",
    message: "The close template (tblCloseTemplate) has no tasks and no account is flagged Reconcile.",
  },
  EQUITY_HISTORY_MISMATCH: {
    severity: "error",
    message:
      "Entity …: account … (historical rate) closes at … … but its dated changes add up to …; the package must lis…",
  },
  FISCAL_YEAR_UNKNOWN: { severity: "error", message: "There is no fiscal year … in the periods table." },
  FOREIGN_PACKAGE: {
    severity: "error",
    message: "… is not a Closebook consolidation package: its first row must be ….",
  },
  FX_DATES: { severity: "error", message: "The fiscal-year start … is after the revaluation date …." },
  FX_GAIN_LOSS_ACCOUNT: {
    severity: "error",
    message: "The unrealized gain or loss account … is missing, unknown or blocked.",
  },
  FX_NO_REPORTING_AMOUNT: {
    severity: "warning",
    message: "…: … ledger line(s) have no reporting amount, so the group is revalued in … only.",
  },
  INACTIVE_ACCOUNT: { severity: "error", message: "Account … … is inactive." },
  INACTIVE_DIMENSION_VALUE: { severity: "error", message: '… value "…" is inactive.' },
  LEDGER_ROWS_MISSING: {
    severity: "error",
    message:
      "Run … wrote … ledger rows (rows …..…), but only … with its run id remain: ledger rows were deleted or their…",
  },
  LEDGER_ROW_OUTSIDE_RUN: {
    severity: "error",
    message:
      "Ledger row … (entry …, voucher …) names run …, which wrote … rows (rows …..…): this row was typed or pasted…",
  },
  LEDGER_ROW_WITHOUT_RUN: {
    severity: "error",
    message:
      "Ledger row … (entry …, voucher …) …: only a committed posting run writes the ledger, so this row was typed…",
  },
  LOCK_ROLE_REQUIRED: {
    severity: "error",
    message: '… may not change period locks: that needs the role … (setting "Lock roles"); …. …',
  },
  MISSING_COLUMN: { severity: "error", message: 'Table … has no column "…".' },
  MISSING_DIMENSION: { severity: "error", message: "… is required." },
  MISSING_FILE: { severity: "error", message: "… does not exist." },
  MISSING_RATE: { severity: "error", message: "Entity …: no … rate …→… for … (…); add it to …." },
  MISSING_SEQUENCE: { severity: "error", message: 'The sequences table has no "…" row.' },
  MISSING_SETTING: {
    severity: "error",
    message:
      "Earlier years' results (…) are still on revenue and expense accounts and the setting \"Retained earnings acc…",
  },
  MISSING_SHEET: { severity: "error", message: "The workbook has no sheet …; check the name in …." },
  MISSING_TABLE: { severity: "error", message: "The workbook has no table …." },
  MISSING_VALUE: { severity: "error", message: "… is empty; it is required." },
  NCI_ACCOUNT_MISSING: {
    severity: "error",
    message: "Entity … is owned … % (full method): its … must be an account of the group chart.",
  },
  NEGATIVE_AMOUNT: { severity: "error", message: "… is negative; enter a positive amount in the other column." },
  NEXT_YEAR_MISSING: {
    severity: "error",
    message:
      "… (with its opening period starting the day after …) must exist before … can be closed: create it from the…",
  },
  NEXT_YEAR_WILL_BE_CREATED: {
    severity: "info",
    message:
      "Posting creates … (…..…) from the calendar pattern first; this preview shows its openings as if it existed.",
  },
  NON_POSITIVE_RATE: {
    severity: "error",
    message: "… gives …→… … … as …; a rate and its quotation unit must be positive.",
  },
  NOTHING_MARKED: { severity: "error", message: "No entries are marked for settlement." },
  NOTHING_NEW: { severity: "info", message: "All … rate… from … for … … already in …; nothing was written." },
  NOTHING_TO_CHANGE: { severity: "info", message: "Every setting in … already holds its value; nothing changed." },
  NOTHING_TO_JOURNALIZE: {
    severity: "info",
    message: "Every voucher from … to …… already has a journalizing number; nothing was journalized.",
  },
  NOTHING_TO_PAIR: {
    severity: "error",
    message: "Entry … has nothing left in … to pair; settle it with a full settlement.",
  },
  NOTHING_TO_POST: { severity: "info", message: "… proposes nothing to post." },
  NOTHING_TO_SETTLE: { severity: "info", message: "Nothing to settle." },
  NOT_ASSIGNED: { severity: "error", message: "… is not the preparer of … (…) nor a controller." },
  NOT_A_FIGURE: { severity: "error", message: "…: …" },
  NOT_A_GROUP: {
    severity: "error",
    message:
      'This workbook\'s setting "Consolidation company" is not yes: create a group workbook with "closebook init --…',
  },
  NOT_A_PACKAGE: { severity: "error", message: "… is not a consolidation package." },
  NOT_JOURNALIZED: { severity: "error", message: "The journal report has errors; nothing was journalized." },
  NOT_NETTING: { severity: "error", message: "The marked amounts net to … ……, not zero; nothing is settled." },
  NOT_OPEN_ITEM: {
    severity: "error",
    message: "Entry … is a line of a reversed year-end close (or its reversal); it is not an open item.",
  },
  NOT_OPERATING: { severity: "error", message: "Period … is not an operating month; checklists are per month." },
  NOT_PREPARED: {
    severity: "error",
    message: "Task … is …; only a Prepared task (or one changed after sign-off) can be reviewed.",
  },
  NOT_REVERSIBLE: { severity: "error", message: "Run … is …; only a committed run can be reversed." },
  NOT_SEALED: {
    severity: "warning",
    message: "Period … is … but has no seal in force: its status was changed outside Closebook.",
  },
  NOT_SETTLE_ACCOUNT: { severity: "error", message: "Entry … is on account …, which is not a settlement account." },
  NO_AMOUNT: { severity: "error", message: "Enter a debit or a credit." },
  NO_CHANGE: { severity: "info", message: "The checklist of … is already up to date with the template." },
  NO_CURRENCIES: { severity: "error", message: "There is no currency other than … to import rates for." },
  NO_PACKAGE: { severity: "warning", message: "Entity … has no package: it is left out of this consolidation." },
  NO_PERIOD: { severity: "error", message: "… falls in no period of the fiscal calendar." },
  NO_RANGE: { severity: "error", message: "Give a period (e.g. 2026-03), or a from and a to." },
  NO_RATE: {
    severity: "error",
    message: "No … exchange rate …→… on or before …: … balances are not revalued at … rates.",
  },
  NO_REALIZED_ACCOUNT: {
    severity: "error",
    message: "Settlement … on account … has a realized exchange …, but the settings name no realized … account.",
  },
  NO_RULES: { severity: "error", message: "No active allocation rules… in …." },
  NO_SELECTION: { severity: "error", message: "Select a figure's cell on a trial balance or statement sheet first." },
  OVER_SETTLEMENT: { severity: "error", message: "the amount to settle … exceeds what remains (…)." },
  PACKAGE_ARITHMETIC: { severity: "error", message: "Opening … + activity … is not closing …." },
  PARTIAL_AMOUNT: { severity: "error", message: "Entry …: partial settlement pairs whole remainders; give no amount." },
  PARTNER_NOT_IN_GROUP: {
    severity: "warning",
    message: "Elimination rule …: … … has trading partner …, which is not consolidated; … left in.",
  },
  PERIOD_ACCESS: { severity: "error", message: "Period … is restricted: only group … may post." },
  PERIOD_LOCKED: {
    severity: "error",
    message: "Period … is …; its checklist was sealed with it. Reopen the period (with a reason) to change it.",
  },
  PERIOD_NOT_OPEN: { severity: "error", message: "Period … is …; nothing can be posted into it." },
  PERIOD_OPEN: {
    severity: "error",
    message: "Period … is Open: put it on hold (or close it) before packaging it, or package it with --draft.",
  },
  PERIOD_OVERLAP: { severity: "error", message: "Period … (…..…) overlaps … (…..…)." },
  PERIOD_PERMANENT: {
    severity: "error",
    message: "Period … is permanently closed; it can never be reopened or changed.",
  },
  PERIOD_SEALED: {
    severity: "error",
    message: "Period … is sealed; reopen it (with a reason) before posting into it.",
  },
  PERIOD_SEAL_MISSING: {
    severity: "error",
    message: "Period … was made … by …, but no seal of it is in force: its seal record was deleted or altered.",
  },
  PERIOD_STATUS_MISMATCH: {
    severity: "error",
    message:
      "Period … reads …, but the last change Closebook made to it, …, left it …: its status was changed outside Cl…",
  },
  PUBLISHED_DRAFT: { severity: "warning", message: "Published … (…) as a DRAFT: every sheet is marked so." },
  PUBLISHED_MARKER: { severity: "error", message: "… must hold exactly one row (it holds …)." },
  PUBLISHED_NO_SEAL: { severity: "error", message: "The file publishes period … but carries no seal of it in …." },
  PUBLISHED_ROW_ADDED: {
    severity: "error",
    message: "Entry … (period …) is not a row of the published period …: it was added to the file.",
  },
  PUBLISHED_SEAL_MISMATCH: { severity: "error", message: "… names seal … for …, but the seal record carried is …." },
  PUBLISH_FORMULA_ERROR: { severity: "warning", message: "…!… …: … Published as …." },
  PUBLISH_NOT_SEALED: {
    severity: "error",
    message:
      "Period … is … but has no seal in force (its status was changed outside Closebook); nothing was published. R…",
  },
  PUBLISH_OPEN_PERIOD: {
    severity: "error",
    message:
      "Period … is Open: only a period On hold or Permanently closed is published. Put it on hold first, or publis…",
  },
  PUBLISH_REFUSED: { severity: "error", message: "The ledger has unreadable rows; nothing was published." },
  RATES_HTTP_ERROR: { severity: "error", message: "… answered HTTP ……; nothing was imported. Try again later." },
  RATES_PROVIDER_FAILED: { severity: "error", message: "… failed: …. Nothing was imported." },
  RATES_UNREACHABLE: {
    severity: "error",
    message: "Could not fetch …: …. Check the connection (or the proxy address) and try again.",
  },
  RATE_CURRENCY_SKIPPED: {
    severity: "info",
    message: "Rates in … from … are not imported: not in the currencies table.",
  },
  RATE_OUTLIER: {
    severity: "warning",
    message: "…→… … moved … from … on … to … on … (per unit), more than …; check it.",
  },
  RATE_OUT_OF_RANGE: { severity: "info", message: "… row… of … … dated outside …..… and not imported (first: row …)." },
  REASON_REQUIRED: { severity: "error", message: "Give a reason for reversing …." },
  RECEIPT_AUDIT_MISMATCH: {
    severity: "error",
    message:
      "The audit log had … rows ending in … when period … was sealed; now it has ……: audit rows were deleted or re…",
  },
  RECEIPT_FORGED: {
    severity: "error",
    message:
      "…'s signature does not match its contents under the key given: the receipt was altered or signed with anoth…",
  },
  RECEIPT_MISMATCH: {
    severity: "error",
    message:
      "The workbook has no seal of period … with the receipt's hash ……: what was sealed on … was changed, or the s…",
  },
  RECEIPT_NOT_SIGNED: {
    severity: "info",
    message:
      "… is not signed: it proves the workbook against itself only if the receipt was kept where the workbook's ed…",
  },
  RECEIPT_SUPERSEDED: {
    severity: "warning",
    message:
      "Period … was reopened or sealed again after this receipt; it proves what was sealed on …, not the period as…",
  },
  RECEIPT_UNREADABLE: { severity: "error", message: "… is not a Closebook seal receipt: …." },
  RECEIPT_UNSIGNED: {
    severity: "error",
    message: "… is not signed, but a receipt key was given: it cannot be trusted.",
  },
  RECON_DIFFERENCE: {
    severity: "error",
    message: "Reconciliation of … has an unexplained difference of …; explain it.",
  },
  RECON_NO_SUPPORT: { severity: "error", message: "Reconciliation of …: give the supporting balance first." },
  REPEATED_RATE: { severity: "info", message: "The rate … appears again with the same value (first at …)." },
  REPEATED_RUN: {
    severity: "error",
    message: "… of … was already posted as … on … by …; reverse that run before posting it again.",
  },
  REPORT_REFUSED: {
    severity: "error",
    message:
      "… would read …; nothing was written (the changes are listed below). Restore the sealed rows, or reopen the…",
  },
  RETAINED_EARNINGS_ACCOUNT: { severity: "error", message: "No retained earnings account: set one in the settings." },
  REVERSAL_BEFORE_SETTLEMENT: { severity: "error", message: "The reversal date … is before the settlement date …." },
  ROLES_FROM_GROUPS: {
    severity: "info",
    message:
      "tblUsers has no … column (a workbook from before roles), so roles are read from group names: a group named…",
  },
  ROUNDING_ACCOUNT: {
    severity: "error",
    message:
      "Voucher … has a conversion rounding difference, and the settings' rounding account … is missing, inactive o…",
  },
  ROWS_MOVED: {
    severity: "error",
    message:
      "Rows of … were sorted, inserted, deleted or edited while Closebook was writing (data row …, …, no longer ho…",
  },
  RUN_INTERRUPTED: { severity: "warning", message: "Run … did not finish; its … ledger rows are left out." },
  RUN_ROLLED_BACK: { severity: "warning", message: "Run … did not finish; it was rolled back." },
  RUN_ROW_MISSING: {
    severity: "error",
    message: "Audit row … (…) names run …, which is not in …: the run's row was deleted.",
  },
  SEAL_CHAIN_BROKEN: {
    severity: "error",
    message:
      "The seal of period … (row …) does not chain from the seal before it: a seal record was altered, removed or…",
  },
  SEAL_MISMATCH: {
    severity: "error",
    message: "… carries seal … for … …, but …'s seal of … is …: the package is not what the workbook closed.",
  },
  SEAL_NOT_VERIFIED: {
    severity: "error",
    message: "… reads …: the figures shown include changes made after sealing (listed below). Run closebook verify.",
  },
  SEAL_RECORD_ALTERED: { severity: "error", message: "The seal record of period … does not match its sealed rows." },
  SEAL_ROWS_ALTERED: {
    severity: "error",
    message: "Period … was sealed with … rows, but … sealed-row records remain.",
  },
  SEAL_ROW_ADDED: { severity: "error", message: "Entry … was added to sealed period …." },
  SEAL_ROW_CHANGED: { severity: "error", message: "Entry … in sealed period … was changed (…)." },
  SEAL_ROW_DELETED: { severity: "error", message: "Entry … in sealed period … was deleted." },
  SEAL_ROW_RECORD_DELETED: {
    severity: "error",
    message: "The sealed-row record of entry … (position … of period …) was deleted from …; the ledger row itse…",
  },
  SEAL_ROW_REORDERED: {
    severity: "error",
    message: "Entry … in sealed period … is out of its sealed order (expected entry … here).",
  },
  SEAL_WITHOUT_RUN: {
    severity: "error",
    message:
      "The seal in force for period … names run …, which is not a committed hold or close of …: the seal record wa…",
  },
  SEPARATION_OF_DUTIES: {
    severity: "error",
    message: '… posted … journal line… in period … (… rows …); with the setting "Separate lock from posting" on,…',
  },
  SETTING_NOT_IMPORTED: { severity: "error", message: "… cannot be changed by an import…; the import is refused." },
  SETTLEMENT_BEFORE_ENTRY: {
    severity: "error",
    message: "The settlement date … is before the latest marked entry's date ….",
  },
  SETTLEMENT_ID_USED: {
    severity: "error",
    message: "Settlement id … is already used; advance the settlement sequence.",
  },
  SETTLEMENT_IN_CLOSED_YEAR: { severity: "error", message: "Run … settled on …, …." },
  SETTLEMENT_LINE: { severity: "error", message: "Entry … was posted by settlement …; it cannot be settled itself." },
  SHEET_PASSWORD: {
    severity: "error",
    message:
      'The system sheets cannot be unprotected with the "Protection password" setting (…); nothing was written. Co…',
  },
  SHEET_REPROTECTED: { severity: "warning", message: 'Sheet "…" was not protected; its protection was restored.' },
  SHEET_UNPROTECTED: { severity: "warning", message: 'Sheet "…" is not protected.' },
  SIGNOFF_NOT_AUDITED: {
    severity: "error",
    message:
      "Task … of … reads …, but the audit log's last sign-off of it says …: the status was changed outside Closebo…",
  },
  STALE_RATE: {
    severity: "warning",
    message: "The … rate …→… used on … is dated …, … days earlier (more than …; needed by …).",
  },
  STATUS_EDITED: {
    severity: "error",
    message:
      "Period … is sealed but its status reads Open: the status was changed outside Closebook. It stays locked unt…",
  },
  TABLE_FULL: {
    severity: "error",
    message: "… would hold … rows after the import; a worksheet holds 1,048,576 rows, … below the heading row.",
  },
  TABLE_LAYOUT: {
    severity: "error",
    message:
      "Table … does not have Closebook's columns in Closebook's order (…); rows cannot be added to it, so nothing…",
  },
  TASK_BLOCKED: { severity: "error", message: "Task … is blocked by …: not Reviewed or N/A yet." },
  TIE_OUT_DIFFERENCE: { severity: "error", message: "…: the statement shows …, the trial balance …." },
  UNBALANCED: {
    severity: "error",
    message: "Voucher … does not balance: debits …, credits … (difference …) in accounting currency.",
  },
  UNBALANCED_RANGE: {
    severity: "error",
    message: "The journal from … to … does not balance: debits …, credits … (difference …).",
  },
  UNEXPECTED: {
    severity: "error",
    message: "… stopped: …. Nothing half-written stays: the next operation repairs an interrupted run.",
  },
  UNEXPECTED_COLUMN: { severity: "warning", message: 'Table … has a column "…" that Closebook does not use.' },
  UNKNOWN_ACCOUNT: { severity: "error", message: "Account … does not exist in the chart of accounts." },
  UNKNOWN_COLUMN: { severity: "warning", message: 'Column "…" is not a column of …; it is ignored.' },
  UNKNOWN_CURRENCY: {
    severity: "error",
    message: "… … not in the currencies table; add … there first to import … rates.",
  },
  UNKNOWN_DEPENDENCY: { severity: "error", message: "Task … depends on …, which is not in the template." },
  UNKNOWN_DIMENSION: { severity: "error", message: "No dimension named …." },
  UNKNOWN_DIMENSION_VALUE: { severity: "error", message: '"…" is not a value of dimension ….' },
  UNKNOWN_ENTITY: { severity: "error", message: "Package …: entity … is not in …." },
  UNKNOWN_ENTRY: { severity: "error", message: "Entry … is not in the ledger." },
  UNKNOWN_GROUP: { severity: "warning", message: 'Period … is restricted to group "…", which no user belongs to.' },
  UNKNOWN_PERIOD: { severity: "error", message: 'There is no period "…" in the calendar.' },
  UNKNOWN_RUN: { severity: "error", message: "There is no run …." },
  UNKNOWN_SETTING: {
    severity: "error",
    message: '"…" is not a Closebook setting (the Settings sheet lists their names); the import is refused.',
  },
  UNKNOWN_SETTLEMENT: { severity: "error", message: "Settlement … is not in the settlements register." },
  UNKNOWN_TABLE: { severity: "error", message: 'There is no table "…"; choose one of ….' },
  UNKNOWN_TASK: { severity: "error", message: 'The checklist of … has no task "…"….' },
  UNKNOWN_USER: {
    severity: "error",
    message: 'User "…" is not in the users table; importing … needs a user with a lock role.',
  },
  UNMAPPED_ACCOUNT: {
    severity: "error",
    message: "Entity …: account … (balance … … in …) maps to no group account…; add a row to tblAccountMapping.",
  },
  UNREADABLE_ROW: {
    severity: "error",
    message: "Some cells of this line could not be read (see the issues for this row).",
  },
  VOUCHER_DATES: {
    severity: "error",
    message: "Draft voucher … has lines on several dates (…); a voucher has one date.",
  },
  VOUCHER_OUTSIDE_RANGE: {
    severity: "warning",
    message: "Voucher … also has lines dated …, outside … to …; the report shows only its lines in the range.",
  },
  WORKSHEET_CHECK: { severity: "warning", message: 'A check line of the consolidation worksheet "…" is not zero.' },
  WRITE_LOCKED: {
    severity: "error",
    message:
      "… is writing to this workbook (…) since …, until … at the latest; nothing was written. Try again when they…",
  },
  WRONG_PERIOD: { severity: "error", message: "Package … is for … (ending …), not … (ending …)." },
  YEAR_END_ALREADY_RUN: {
    severity: "warning",
    message:
      "… already has year-end lines that are not reversed (… groups): reverse the earlier run before posting this…",
  },
  YEAR_END_CROSS_YEAR_SETTLEMENT: {
    severity: "error",
    message: "Settlement … settles entries … of …..… against entries … outside it; reverse it before closing ….",
  },
  YEAR_END_LATER_YEAR_CLOSED: {
    severity: "error",
    message: "… is closed too (…) and its openings build on …'s: reverse the year-end close of … first.",
  },
  YEAR_END_NOT_CLOSED: { severity: "error", message: "… has no year-end close to reverse." },
  YEAR_END_OPENING_SETTLED: {
    severity: "error",
    message: "Entry … (…, …) of … is settled by …: reverse … before the year-end close of ….",
  },
  YEAR_END_RUN_DEPENDED_ON: {
    severity: "error",
    message:
      "… (a later year-end run of …) builds on …: reversing … alone would leave half a year-end close. Reverse the…",
  },
  YEAR_END_SETTLEMENT_DIFFERENCE: {
    severity: "warning",
    message:
      "…: the balance differs from its open items by … …; the difference is brought forward on a line of its own.…",
  },
  YEAR_END_UNBALANCED: {
    severity: "error",
    message: "The … voucher would not balance (accounting …, reporting …): the counted entries of … do not balance.",
  },
  YEAR_NOT_CLOSED: {
    severity: "warning",
    message:
      "Revenue and expense accounts carry … of earnings from before …; shown as earlier years' earnings until a ye…",
  },
  YTD_AFTER_PERIOD: { severity: "warning", message: "The fiscal year to date starts …, after the period starts …." },
} as const satisfies Readonly<Record<string, IssueCodeInfo>>;

export type IssueCode = keyof typeof ISSUE_CODES;

export function isIssueCode(code: string): code is IssueCode {
  return Object.prototype.hasOwnProperty.call(ISSUE_CODES, code);
}
