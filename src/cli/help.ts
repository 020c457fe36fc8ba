/**
 * The CLI's --help texts, one per command, each used by its declaration in commandTable.ts (the
 * command list of `closebook --help` is made from the declarations' summaries). Keep them true:
 * test/cli/declarations.test.ts checks each usage line's flags against the declared ones.
 */
export const mainHelp = (
  commandList: string,
): string => `closebook — close the general ledger at period end, in an Excel workbook

Usage: closebook <command> FILE [options]

Commands:
${commandList}

Run "closebook <command> --help" for a command's options.
Exit codes: 0 done, 1 the workbook or input has errors (nothing was posted; a refusal by the period locks
is recorded in the audit log), 2 wrong usage, 3 an unexpected failure (one line; CLOSEBOOK_DEBUG=1 adds the stack).
Every command that changes FILE writes a temporary file and renames it over FILE, so FILE is never half-written.
Parts of FILE a command did not change are copied as they are (CLOSEBOOK_XLSX_PATCH=0: rewrite the whole workbook).
A command locks FILE while it runs (.FILE.closebook-lock): a second command on it exits 1; a save is refused
(exit 1, nothing written) when FILE is read-only or another program changed it since it was read.`;

export const HELP: Readonly<Record<string, string>> = {
  init: `Usage: closebook init FILE [--company NAME] [--currency USD] [--year 2026] [--start-month 1] [--empty-chart] [--group] [--force]

Creates FILE with every Closebook table (settings, accounts, dimensions, currencies, rates,
calendar, users, sequences, journal, ledger, runs, audit) and a starter chart of accounts.
The fiscal calendar holds one year: an opening period, 12 months and a closing period.
--empty-chart leaves the chart of accounts empty (and the settings naming accounts blank), to
import your own with "closebook import FILE --table accounts", then "--table settings".
--group creates a group workbook instead: setting "Consolidation company" = yes, the sheets Entities,
Account mapping, Translation rules and Elimination rules, the dimensions Entity and TradingPartner, and
group accounts 1300/2300 (intercompany), 3800 (CTA), 3950 and 8900 (non-controlling interests), 6990
(elimination differences). Consolidate into it with "closebook consolidate".
Refuses to overwrite an existing FILE unless --force is given.`,
  package: `Usage: closebook package FILE --period P --out PACKAGE.csv [--draft] [--entity ID] [--force]

Writes the entity workbook FILE's consolidation package for period P as a CSV a person can open:
meta rows (entity, currency, period, status, draft, seal chain head), for every month of the fiscal
year up to P the balances per account, dimensions and transaction currency (opening, activity,
closing, in the accounting currency), the dated changes of the equity accounts (earlier years'
results not closed are moved to retained earnings at each year's end), and a SHA-256 checksum row.
A period that is Open is refused unless --draft (the package is then marked draft wherever used).
--entity names the entity id the group knows it by (default: the setting Company).
FILE may be a group workbook, for a higher group: its consolidated equity keeps the dates of the
entities' changes (share capital, retained earnings per year) translated at its level.`,
  consolidate: `Usage: closebook consolidate FILE --period P --user NAME [--preview] PACKAGE.csv|ENTITY.xlsx ...

Consolidates the packages (or entity workbooks, packaged on the fly; a workbook given beside its
package file checks that file's seal) into the group workbook FILE for period P: accounts mapped
(tblAccountMapping), balances translated into the group currency (balance sheet at the current rate,
P&L at each month's average or weighted average, equity at historical rates, retained earnings per
year; tblTranslationRules), the CTA posted to each entity's CTA account, intercompany balances
eliminated (tblEliminationRules), non-controlling interests computed (full method below 100 %) or
ownership % rolled up (proportional). Posts the period's movement of the consolidated balances as a
run (lines carry the dimension Entity; "closebook reverse FILE --run RUN-… " takes it back; a second
run of the same period is refused naming the first) and writes the sheet "Consolidation P": one
column per entity, translation, eliminations, NCI, consolidated, with subtotals and check lines.
--preview writes the proposal and the worksheet, and posts nothing. Run "closebook statements" on
FILE for the consolidated income statement and balance sheet.`,
  demo: `Usage: closebook demo FILE [--seed 2026] [--post-through 2026-12-31] [--post | --no-post] [--tb PERIOD] [--publish] [--group] [--force]
       closebook demo FILE --lines N [--drafts D] [--force]

Creates the demo company Northwind Trading Inc. (USD ledger; EUR, GBP and JPY bank,
receivable and payable accounts; departments SALES and ADMIN; a year of daily rates and
monthly activity), generated from --seed. Unless --no-post is given (--post: the default), posts the draft
journal lines dated up to --post-through as user "admin", closes every month that ends by
then (closebook close: rate checks, settlement, revaluation, the allocation rule, journal
report and statements) and puts it on hold, closes the year when --post-through reaches its
end, prints the trial balance for --tb (default: the month of --post-through) and writes a
"Trial balance" sheet. Two January 2027 drafts stay in the journal, unposted. It prints the
seal chain's head but writes no seal receipt (period --hold --receipt-out does). --publish also writes
the last month held as FILE-PERIOD-published.xlsx (what closebook publish writes).
Each month's close checklist is signed (alice prepares, bob reviews) before its hold; the last month only
in part, held by a controller's override (see closebook checklist).
--group also writes FILE-de.xlsx (Northwind Europe GmbH, EUR, 100 %) and FILE-uk.xlsx (Northwind UK Ltd,
GBP, 80 %), with intercompany sales, balances and a loan booked with the dimension TradingPartner, each
month posted and held, and FILE-group.xlsx consolidating Northwind (NW) and both for every month held,
before the year-end close (worksheet "Consolidation P" and the statements per month).
--lines N instead makes a large book (issue #14's bench): the demo company's setup and N generated
ledger lines (2-line vouchers in USD, EUR, GBP and JPY on every day of 2026) posted as one run by
"admin", every period left open, plus D draft lines dated 2026-12-31 (journals NEW-2026-12) to post;
its rows are streamed into the file, so a million lines take minutes and under 1 GB of memory.`,
  import: `Usage: closebook import FILE --table TABLE --user NAME DATA.csv

TABLE is one of: accounts, currencies, rates, periods, users, dimensions, dimension-values, journal,
allocation-rules (rows of tblAllocationRules, checked as rules), settings (Setting, Value: an update
by the setting's name, each change audited with its old and new value).
Columns are matched by header name (case and spacing ignored); missing optional columns take
their defaults. Every row is validated as any input (journal lines get the full posting
validation, and the period locks: a refusal is recorded in the audit log); any error and nothing is
imported. Periods, users and the settings "Lock roles" / "Separate lock from posting" decide the
locks: importing them needs a lock role (a refusal is audited). Dates as YYYY-MM-DD, amounts with a
decimal point. Each problem names the CSV row and column (row 1 is the first data row, the file's second
line). DATA.csv must be UTF-8; a UTF-16 or Windows-1252/Latin-1 file is refused, naming its encoding.
An import that would take the table past a worksheet's 1,048,576 rows is refused before anything is checked.
A text starting with ' before = + - @ loses that quote (export adds it against formula injection).`,
  export: `Usage: closebook export FILE --table TABLE [--out DATA.csv]

Writes a table as CSV (to --out, or to stdout): its own header, dates as YYYY-MM-DD, numbers as
plain decimals. TABLE is any table, by its import name (accounts, allocation-rules, ledger, audit, …)
or its tbl name (tblLedger). What the importable tables export imports again unchanged.`,
  post: `Usage: closebook post FILE --user NAME [--journal NAME] [--through YYYY-MM-DD]

Validates every draft journal line (or those of one journal, or dated up to a date) and posts
them as vouchers into the ledger, all or nothing. Every problem is listed with its table, row
and column; with any error nothing is written. --user is the person posting: it is checked
against the users table and the period's access, and recorded on every ledger line.
In a group workbook (setting "Consolidation company" = yes) only closing-adjustment journals post
(a journal name starting ADJ, ACC or ACR, or containing "adjust"); any other journal is refused.
The ledger's rows are appended to, not read, while its row count is the one its runs recorded; otherwise
it is read and a row no run wrote refuses the posting. Closed periods' seals are checked by verify and close.`,
  tb: `Usage: closebook tb FILE (--period PERIOD | --from YYYY-MM-DD --to YYYY-MM-DD) [--by-dimension NAME[,NAME]] [--by-currency] [--format table|csv|json] [--write]

Prints the trial balance in accounting currency: per account the opening balance, the debits
and credits of the range, and the closing balance. PERIOD is a period id (2026-03) or a fiscal
year (FY2026). --write also stores it as a "Trial balance" sheet in FILE. When a sealed period it
reads (any up to its end) does not verify, the trial balance is still printed, the broken rows are
named by row and column, the exit code is 1 and --write writes nothing.`,
  lines: `Usage: closebook lines FILE --account A (--period P | --from F --to T) [--dimension D=V] [--figure movement|debit|credit|opening|closing] [--format table|csv|json]

Prints the ledger lines behind a trial balance figure: each with its tblLedger row, date, voucher,
account, description, amount in its transaction currency and in the accounting currency, then the
total, which equals the trial balance's figure. A is an account (4000), a range (4000:4999), a
wildcard (6*) or a list (1000,1010); D=V a dimension filter (Department=SALES; several joined by ";").
P is a period (2026-03) or fiscal year; F and T are dates or periods. --figure picks the column of
the trial balance: movement (debit − credit, the default), debit, credit, opening, closing. Read-only.`,
  period: `Usage: closebook period FILE --period PERIOD --user NAME --reason TEXT ACTION

ACTION is one of:
  --hold                      Open → On hold: refused while draft journal lines are dated in the period;
                              seals the period's ledger rows (a SHA-256 hash chain)
  --reopen                    On hold → Open: lifts the seal (its history is kept)
  --close --confirm           Open or On hold → Permanently closed: can never be reopened
  --access All|None|GROUP     who may post into the period while it is Open
  --exception USER|* --until YYYY-MM-DDTHH:MM:SSZ
                              lets USER (or * everyone) past the access restriction until then
Every change needs --reason and is recorded in the audit log with the old and new value.
Only a user whose Roles (tblUsers) include one of the setting "Lock roles" (default: controller, admin)
may do any of these; a refusal is recorded in the audit log too. With the setting "Separate lock from
posting" = yes, whoever posted journal lines in the period may not hold or close it, nor grant
themselves (or *) an exception.
--hold and --close print the seal chain's head; --receipt-out R.json also writes the seal receipt
(period, rows, seal hash, audit log length and head, time, user), signed with HMAC-SHA-256 under the
key in --receipt-key-file FILE or $CLOSEBOOK_RECEIPT_KEY when given. Keep it outside the workbook.
With the setting "Require a reviewed checklist to lock" (default yes), --hold and --close are refused
while a close checklist task of the period is not Reviewed or N/A (one issue per open task; a checklist
never generated for the period is refused too);
--override-checklist REASON lets a controller lock anyway (audited). The checklist is sealed with the period.`,
  verify: `Usage: closebook verify FILE [--receipt R.json [--receipt-key-file FILE]]

Recomputes the seal of every period On hold or Permanently closed over the ledger as it is now,
and reports each changed, added, deleted or reordered row by entry number and column; checks
the chain between seals and the audit log's hash chain; reports ledger rows no committed run
wrote, a period whose status or seal disagrees with the runs that changed it, and runs missing
from the audit log, and ledger amounts stored as text (Excel's SUM skips them). With --receipt, proves the receipt's period, every period sealed before it
and the audit rows up to the receipt are exactly as sealed (a recomputed forgery fails here);
a key (--receipt-key-file or $CLOSEBOOK_RECEIPT_KEY) also checks its signature. Exit code 1 on
any break. A published workbook (closebook publish) is checked by its period's seal: recomputed from
the ledger rows it contains and compared with the seal it carries; with --receipt, the receipt of
that period proves its rows (the audit log is not part of a published file).`,
  audit: `Usage: closebook audit FILE [--last N]

Prints the audit log (every posting, import, status change, override, refusal and recovery, with
user, time, old and new value and reason) and verifies its hash chain. Exit code 1 if it is broken.`,
  "journal-report": `Usage: closebook journal-report FILE (--period PERIOD | --from YYYY-MM-DD --to YYYY-MM-DD) [--source PREFIX] [--format table|csv|json] [--write] [--journalize --user NAME]

Prints the ledger journal report: every posted voucher of the range (or only entries whose source
starts with PREFIX, e.g. journal:GJ or close:) with its lines (date, voucher, account, name,
dimensions, currency, amount, debit, credit, description), a total per voucher, the overall total and
the balance check. Exit code 1 when a voucher or the range does not balance. PERIOD is a period id
(2026-03) or a fiscal year (FY2026). --write also stores it as the period's sheet ("Journal report
2026-03"; "Journal report" for a range) in FILE. A sealed period in the range that does not verify is
named (row and column) and makes the exit code 1; nothing is then written or journalized.
--journalize gives every reported voucher without one a single new journalizing number (sequence
"journalizing", JNL-000001, …) in tblJournalizing, as a run with an audit row; a voucher is
journalized once, so re-running journalizes nothing new. Journalized vouchers show their number.`,
  statements: `Usage: closebook statements FILE --period PERIOD [--by-dimension NAME]

Writes three sheets that read like statements and stay correct without the add-in: the income
statement (period, year to date, same period last year, variance and variance %; by dimension on request), the
balance sheet (assets = liabilities + equity + current-year earnings, with a check line that must be
0.00) and the ledger journal report (every voucher with its lines, totals, and a balance check).
Each statement has tie-out rows against the trial balance. Subtotals, totals and check lines are
Excel formulas (SUM over the lines above) with their values cached; the sheets print with the
column headings on every page, page X of Y and a footer naming company and period. The sheets are the period's own
("Income statement 2026-03", "Balance sheet 2026-03", "Journal report 2026-03"), so earlier periods'
statements stay. Sheets of a period that is not Open are protected. Nothing is written, and the exit
code is 1, when a sealed period the statements read does not verify (the broken rows are named).
Exit code 1 if the journal report or the balance-sheet check does not balance.`,
  "year-end": `Usage: closebook year-end FILE --year FY2026 --user NAME [--closing-vouchers] [--keep-detail] [--single "Department="] [--preview]
       closebook year-end FILE --year FY2026 --reverse --reason TEXT --user NAME

Posts opening vouchers on the first day of the next fiscal year (created from the calendar pattern
when missing): every balance-sheet account per dimension set and currency, settled entries left out
(--keep-detail carries each open item on its own line), and the year's net profit or loss into the
retained-earnings account of the settings. --closing-vouchers also posts closing vouchers in the
closing period that bring the year's P&L to zero. --single "Department=" closes the P&L of that
dimension into one value (blank here) instead of keeping the values. A second run of the same year
reverses the first and recreates it, or posts only the difference (setting "Year-end re-run").
--preview works before the next year exists (nothing is written to the calendar). --reverse takes
back every year-end run of that year (the first close and its delta re-runs) in one run; refused
while a later year is closed or an opening line is settled. Once a year is closed, nothing dated in
it is settled or has its settlement reversed, and open-items shows the openings, not the originals.`,
  close: `Usage: closebook close FILE --period PERIOD --user NAME [--preview] [--override-drafts --reason TEXT] [--year-end]

Runs the month-end close in the standard order and stops at the first step with errors:
verify journals are posted (draft lines dated in the period stop the close unless
--override-drafts with a reason, which is recorded), rate checks, automatic settlement (first, so
revaluation sees only open items), revaluation at the period end, the allocation rules, the
period-end adjustments (every accrual, accrual reversal and adjustment journal of the period, with
totals), the journal report and the statements (as sheets). Prints what
each step proposed or posted. --preview writes each step's preview sheet and posts nothing.
Running it again posts nothing twice. --year-end, after the last period of a fiscal year, adds the
year-end close (with closing vouchers).`,
  rates: `Usage: closebook rates FILE --check [--date YYYY-MM-DD] [--stale-days 5]
       closebook rates FILE --import ecb|RATES.csv --from YYYY-MM-DD [--to YYYY-MM-DD] --user NAME [--url BASE]

--check flags missing rates (for revaluation accounts and draft journal lines), stale rates (older
than --stale-days before --date), outliers (a day-to-day change over 5 %) and conflicting duplicates.
--import ecb fetches the European Central Bank's reference rates (EUR based) and converts them to the
accounting currency by triangulation; a CSV needs Date, From, To, Rate (and optionally Rate type,
Quotation unit, Source). Rates already in the table are skipped; a conflicting value stops the
import; all or nothing.`,
  revalue: `Usage: closebook revalue FILE --date YYYY-MM-DD --user NAME [--preview] [--rate-type spot|average|historical|budget] [--rate-date YYYY-MM-DD] [--include-pl [--pl-from YYYY-MM-DD]]

Foreign currency revaluation (Dynamics 365's delta method): for every account flagged Revalue,
per dimension set and transaction currency, new value = round(balance in currency × rate) and
unrealized gain/loss = new value − the accounting balance already booked (earlier revaluations
included). Balance-sheet accounts use their whole balance up to --date; profit-and-loss accounts
only with --include-pl (from --pl-from, default the fiscal year start). --preview writes the
vouchers and the calculation trace to a sheet without posting. Posting again at the same rates
proposes nothing.`,
  reverse: `Usage: closebook reverse FILE --run RUN-000012 --reason TEXT --user NAME

Reverses a committed run: its ledger lines negated into new vouchers on the same dates (the
periods must be open), as a run of its own; the original run is marked "reversed". A settlement
run also takes back every settlement it made (their realized differences negated, the register
rows marked reversed, the items open again). Nothing posted is changed or deleted. A year-end run
that a later run of the same year builds on is refused (reverse the whole year with year-end
--reverse), and so is a settlement run inside a year closed by a year-end close. The new vouchers
are printed as ranges, as post prints them (GL-050501..GL-051500).`,
  trace: `Usage: closebook trace FILE --run RUN-000012

Prints the calculation trace of a run, as kept in tblRunTrace (sheet "Run trace") when the run
was posted: per row what it computes for, the inputs, the rate (value, type, date, quotation unit,
how it was found), the formula with the numbers filled in, the result and the rounding residue —
enough to re-perform every voucher the run posted. Later previews do not change it.`,
  settle: `Usage: closebook settle FILE --date YYYY-MM-DD --user NAME (--entries N[:AMOUNT],N… [--account A] [--partial] | --auto [--account A,B] [--from D] [--same-dimensions] | --reverse SET-000001) [--preview]

Settles entries of accounts flagged Settle. --entries: the marked entries must net to zero (in their
currency when they share one, else in accounting currency); N:AMOUNT settles part of an entry;
--partial pairs debits and credits in date order. --auto pairs exact opposite amounts one to one in
date order. A realized exchange gain or loss is posted when the accounting amounts differ. The
settled amounts go to the settlements register (tblSettlements). --reverse undoes a settlement.`,
  "open-items": `Usage: closebook open-items FILE [--account A]

Lists the unsettled and partly settled entries of settle-flagged accounts, with what remains in
transaction and accounting currency. Exit code 1 (the list still printed) when a sealed period does
not verify; the broken rows are named.`,
  allocate: `Usage: closebook allocate FILE --period PERIOD --user NAME [--rules R1,R2] [--preview]

Runs the active rules of tblAllocationRules (one row per destination) over the period's balances:
fixed percentage (may total less than 100 %), fixed weight, equally, or in proportion to basis
balances. Shares are split by largest remainder, so they add up to the source to the cent. The
allocated total is credited to the source (or the offset account). Each destination row may name its
own basis (blank: the first row's); method, source, fixed amount and offset are given on a rule's
first row, and a later row that differs is an error naming it. A fixed amount with an offset account
needs no source account. Lines that only carry a
revaluation (amount 0 in their currency) are not allocated. Vouchers are dated the period's last day.
A rule is posted once per period: a run including a rule that an unreversed run already posted for
the period is refused, naming that run and the rule (reverse it, or leave the rule out with --rules).`,
  preview: `Usage: closebook preview [--port 3001] [--host 127.0.0.1] [--file book.xlsx] [--dir dist-preview]

Serves the browser preview until Ctrl-C: the real task pane beside a grid of an in-memory
workbook behind a fake Excel host, at http://127.0.0.1:3001/ (build it first with
"npm run build:preview"; "npm run preview" builds and starts it). The workbook starts as the
demo company posted, closed and sealed from January to October 2026, with November and December
drafts left to post and close; or as --file. "Open .xlsx" and "Download .xlsx" on the page move
workbooks in and out; nothing is written to disk. --port 0 picks a free port (the address is
printed). --dir is the preview build (default: dist-preview next to the CLI).`,
  publish: `Usage: closebook publish FILE --period PERIOD --out SHARED.xlsx [--include PARTS] [--draft] [--user NAME] [--force]
                        [--formulas values|sumifs]

Writes PERIOD as a new workbook for readers without the add-in; FILE is only read. Values only (no
formula, no link, no macro), every sheet protected: a cover "About this workbook" (company, period,
status, who closed it and when, the seal chain head, rows, algorithm, version, what each sheet holds,
how to verify), the income statement, balance sheet, trial balance of the period and year to date,
and the period's ledger lines (table tblLedger) with the seal records verify needs. --include (a
comma list of journal-report, rates, runs, audit, checklist; default all) picks the other sheets: the
journal report, the rates used, the period's runs, its audit-log extract, a checklist table when FILE
has one. Only a period On hold or Permanently closed is published; --draft publishes any period with
"DRAFT" in every sheet's name and title. Refused (exit 1, nothing written) when a sealed period it
reads does not verify. "closebook verify SHARED.xlsx" recomputes the seal from the file's ledger rows.
FILE's own sheets with CLOSEBOOK.* formulas (a management report) are copied with each such formula
turned into its value; --formulas sumifs makes a single ACTIVITY of the period a native SUMIFS over the
published Ledger sheet instead. SHARED.xlsx is not replaced without --force.`,
  checklist: `Usage: closebook checklist FILE --period PERIOD [--generate --user NAME] [--format table|csv|json] [--report]

Shows the close checklist of an operating month: each task's status (automatic tasks from their close
step's runs, the statements' from the close's statements run until a later run changes the period's
ledger; "Changed after sign-off" for a reconciliation whose ledger balance moved), due date (business
days from the period end over the setting "Working weekdays" and tblWorkCalendar's holidays), preparer,
reviewer, who signed and when, what blocks it; and tiles: past due, due today, blocked, remaining.
A status typed into the sheet by hand is read at its last audited sign-off (SIGNOFF_NOT_AUDITED).
--generate creates the tasks from tblCloseTemplate (plus one reconciliation per account flagged Reconcile);
run again, it adds new template tasks and refreshes unsigned ones, never touching a signed task.
The sheet colours each Status and a past-due Due with conditional formats (seen without the add-in).
--report also writes the sheet "Close status PERIOD" (per area, per person, every task, late or on time).`,
  task: `Usage: closebook task FILE --period PERIOD --task ID --user NAME ACTION [--note TEXT] [--evidence TEXT] [--reason TEXT]

ACTION is one of --start, --prepare, --review, --reopen (needs --reason), --na (needs --reason).
Only the task's preparer or reviewer (a user, or anyone holding the role named) or a controller signs;
the reviewer is never the preparer; a task whose dependencies are not Reviewed or N/A cannot be
prepared; a reconciliation cannot be prepared while its unexplained difference exceeds the setting
"Reconciliation tolerance". Automatic tasks are prepared by their close step's run. Every sign-off is
written to the audit log. Offline, --user is whoever types it: tamper-evident, not authenticated.`,
  recon: `Usage: closebook recon FILE --period PERIOD --account ACCOUNT --user NAME (--supporting AMOUNT | --range TABLE[COLUMN] | --range SHEET!RANGE)

Records the supporting balance of ACCOUNT's reconciliation (a bank statement, a subledger): typed, or
the sum of a column of a table in FILE, or the sum of the numbers of a range of any sheet ('Bank EUR'!B2:B40;
a text, date or error cell in the range is refused, naming the cell). Prints the ledger balance at period end (trial balance) and the
difference left after the reconciling items of tblReconItems (ledger = supporting + items).`,
  check: `Usage: closebook check FILE

Checks FILE against the schema (tables, columns, every cell) and the ledger's invariants
(unique entry numbers, balanced vouchers). Exit code 1 when there are errors.`,
};
