/**
 * The lines waiting in tblJournal, per period and journal: a small table
 * (period with its dates, journal, lines with the failed ones named) that
 * fits a 320 px pane, with a total above it.
 *
 * Example: <DraftSummary groups={[{ period: "2026-03", journal: "GJ", drafts: 12, failed: 1, … }]} />
 *   → "13 lines to post in 1 journal" and one row "2026-03 | GJ | 13 (1 failed)"
 */
import {
  Body1,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { periodLabel, type DraftGroup } from "./draftModel";

const useStyles = makeStyles({
  table: { tableLayout: "auto", width: "100%" },
  scroll: { overflowX: "auto" },
  num: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap", width: "1%" },
  wrap: { overflowWrap: "break-word" },
  nowrap: { whiteSpace: "nowrap" },
  sub: { display: "block", color: tokens.colorNeutralForeground3 },
  failed: { display: "block", color: tokens.colorPaletteRedForeground1 },
});

export function DraftSummary({ groups }: { readonly groups: readonly DraftGroup[] }) {
  const styles = useStyles();
  if (groups.length === 0) return <Body1>No draft journal lines: everything in tblJournal is posted.</Body1>;
  const lines = groups.reduce((n, g) => n + g.drafts + g.failed, 0);
  const journals = new Set(groups.map((g) => g.journal)).size;
  return (
    <section aria-label="Draft lines per period">
      <Body1 as="p">
        {lines.toLocaleString("en-US")} line{lines === 1 ? "" : "s"} to post in {journals} journal
        {journals === 1 ? "" : "s"}
      </Body1>
      <div className={styles.scroll}>
        <Table size="extra-small" className={styles.table} aria-label="Draft lines per period and journal">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Period</TableHeaderCell>
              <TableHeaderCell>Journal</TableHeaderCell>
              <TableHeaderCell className={styles.num}>Lines</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.map((g) => (
              <TableRow key={`${g.period}\u0000${g.journal}`}>
                <TableCell className={styles.wrap}>
                  {periodLabel(g.period)}
                  {g.first ? (
                    <Caption1 className={styles.sub}>
                      <span className={styles.nowrap}>{g.first}</span>
                      {g.first === g.last ? null : (
                        <>
                          {" – "}
                          <span className={styles.nowrap}>{g.last}</span>
                        </>
                      )}
                    </Caption1>
                  ) : null}
                </TableCell>
                <TableCell className={styles.nowrap}>{g.journal || "(blank)"}</TableCell>
                <TableCell className={styles.num}>
                  {(g.drafts + g.failed).toLocaleString("en-US")}
                  {g.failed ? (
                    <Caption1 className={styles.failed}>{g.failed.toLocaleString("en-US")} failed</Caption1>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
