/**
 * The fiscal calendar as a table that fits a 320 px pane: period (with its
 * dates under it), status, access and seal. The period chosen in the
 * tab's "Period" Dropdown is highlighted.
 *
 * Example: <CalendarTable rows={rows} selected="2026-03" /> → a row
 *   "2026-03 / 2026-03-01 – 2026-03-31 | On hold | All | Sealed ✓ / 61 rows / ▸ Hash" (the hash shown when opened)
 */
import {
  Badge,
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
import type { PeriodStatus } from "../../core/ledger/types";
import { sealDetail, sealHash, type CalendarRow } from "./periodModel";

const useStyles = makeStyles({
  table: { tableLayout: "auto", width: "100%" },
  cell: {
    overflowWrap: "break-word",
    verticalAlign: "top",
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
  },
  head: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  nowrap: { whiteSpace: "nowrap" },
  sub: { display: "block", color: tokens.colorNeutralForeground3 },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  badge: { whiteSpace: "normal", height: "auto", minHeight: "20px", textAlign: "center" },
  hash: {
    fontFamily: tokens.fontFamilyMonospace,
    overflowWrap: "anywhere",
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
  },
});

const COLOR: Readonly<Record<PeriodStatus, "success" | "warning" | "informative">> = {
  Open: "success",
  "On hold": "warning",
  "Permanently closed": "informative",
};

export function CalendarTable({
  rows,
  selected,
}: {
  readonly rows: readonly CalendarRow[];
  readonly selected: string;
}) {
  const styles = useStyles();
  return (
    <Table size="extra-small" className={styles.table} aria-label="Fiscal calendar">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.head}>Period</TableHeaderCell>
          <TableHeaderCell className={styles.head}>Status</TableHeaderCell>
          <TableHeaderCell className={styles.head}>Access</TableHeaderCell>
          <TableHeaderCell className={styles.head}>Seal</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(({ period: p, seal }) => (
          <TableRow key={p.id} className={p.id === selected ? styles.selected : undefined}>
            <TableCell className={styles.cell}>
              {p.id}
              <Caption1 className={styles.sub}>
                <span className={styles.nowrap}>{p.start}</span>
                {p.start === p.end ? null : (
                  <>
                    {" – "}
                    <span className={styles.nowrap}>{p.end}</span>
                  </>
                )}
              </Caption1>
            </TableCell>
            <TableCell className={styles.cell}>
              <Badge
                appearance="tint"
                color={COLOR[p.status]}
                shape="rounded"
                className={p.status === "Permanently closed" ? styles.badge : styles.nowrap}
              >
                {p.status}
              </Badge>
            </TableCell>
            <TableCell className={styles.cell}>{p.access.trim() || "All"}</TableCell>
            <TableCell className={styles.cell}>
              <span className={styles.nowrap}>{seal ? "Sealed ✓" : "No"}</span>
              {seal ? <Caption1 className={styles.sub}>{sealDetail(seal)}</Caption1> : null}
              {seal ? (
                <details>
                  <summary>
                    <Caption1>Hash</Caption1>
                  </summary>
                  <span className={styles.hash}>{sealHash(seal)}</span>
                </details>
              ) : null}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
