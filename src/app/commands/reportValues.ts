/**
 * The report values (values.ts holds the light ones the pane's first load carries): the journal report and
 * trial balance as text, thousands, the parts a published workbook may include, the empty chart, snapshots
 * read from text (the preview's upload).
 *
 * Example: formatJournalReport(result, "csv") → "Voucher,Date,…"; PUBLISH_PARTS → ["journal-report", "rates", …]
 */
export { formatJournalReport } from "../journalReport";
export { PUBLISH_PARTS } from "../publish";
export { formatTb, groupThousands } from "../trialBalanceReport";
export { emptyChart } from "../setupWorkbook";
export { parseSnapshot } from "../snapshot";
