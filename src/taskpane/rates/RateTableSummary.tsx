/**
 * The rate table at a glance: one row per currency pair and rate type with
 * its latest date and that rate as quoted (Rate's decimal text, "per 100"
 * when the quotation unit is not 1), and how many rows the pair has.
 *
 * Example: <RateTableSummary lines={summarizeRates(review.rates)} accountingCurrency="USD" />
 *   → "EUR→USD spot · 2 rows | 2026-03-20 | 1.09"
 */
import {
  Caption1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { RatePairLine } from "./rateSummary";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, minWidth: 0 },
  heading: { margin: 0 },
  table: { tableLayout: "auto", width: "100%" },
  cell: { overflowWrap: "anywhere", verticalAlign: "top" },
  date: { whiteSpace: "nowrap", verticalAlign: "top" },
  detail: { display: "block", color: tokens.colorNeutralForeground2 },
  number: { overflowWrap: "anywhere", textAlign: "end", verticalAlign: "top", fontVariantNumeric: "tabular-nums" },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface RateTableSummaryProps {
  readonly lines: readonly RatePairLine[];
  readonly accountingCurrency: string | undefined;
  /** rows of tblRates in all */
  readonly total: number;
}

export function RateTableSummary({ lines, accountingCurrency, total }: RateTableSummaryProps) {
  const styles = useStyles();
  return (
    <section aria-labelledby="rates-summary" className={styles.section}>
      <Subtitle2 as="h2" id="rates-summary" className={styles.heading}>
        Rate table
      </Subtitle2>
      {lines.length === 0 ? (
        <Caption1 className={styles.muted}>tblRates has no readable rates yet. Import them below.</Caption1>
      ) : (
        <>
          <Caption1 className={styles.muted}>
            {total} rate{total === 1 ? "" : "s"} in tblRates
            {accountingCurrency ? `; the ledger is in ${accountingCurrency}` : ""}. Latest rate per pair:
          </Caption1>
          <Table size="extra-small" className={styles.table} aria-label="Latest rate per currency pair">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Pair</TableHeaderCell>
                <TableHeaderCell>Latest</TableHeaderCell>
                <TableHeaderCell>Rate</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {lines.map((l) => (
                <TableRow key={`${l.pair} ${l.type}`}>
                  <TableCell className={styles.cell}>
                    {l.pair}
                    <Caption1 className={styles.detail}>
                      {l.type} · {l.rows} row{l.rows === 1 ? "" : "s"}
                    </Caption1>
                  </TableCell>
                  <TableCell className={styles.date}>{l.latest}</TableCell>
                  <TableCell className={styles.number}>{l.rate}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
