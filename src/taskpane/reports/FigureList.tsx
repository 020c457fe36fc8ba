/**
 * Key figures of a report as a two-column definition list that wraps at
 * 320 px: label on the left, value (right-aligned, tabular digits) on the right.
 *
 * Example: <FigureList figures={[{ label: "Balance-sheet check", value: "0.00 USD" }]} />
 */
import { makeStyles, tokens } from "@fluentui/react-components";
import type { Figure } from "./reportSummary";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.4fr)",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  pair: { display: "contents" },
  label: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
  value: {
    margin: 0,
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    overflowWrap: "anywhere",
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export function FigureList({ figures, label }: { readonly figures: readonly Figure[]; readonly label: string }) {
  const styles = useStyles();
  if (figures.length === 0) return null;
  return (
    <dl className={styles.list} aria-label={label}>
      {figures.map((f) => (
        <div key={f.label} className={styles.pair}>
          <dt className={styles.label}>{f.label}</dt>
          <dd className={styles.value}>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
