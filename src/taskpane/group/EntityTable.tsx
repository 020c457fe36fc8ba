/**
 * The Group tab's entities (see groupModel.entityRows): one small two-column table
 * per entity, so it reads at the pane's 320 px; a figure not computed yet is left out.
 *
 * Example: "UK" → Package uk.csv · 2026-03 | Status On hold, sealed $1$025279cff… | Assets USD 22,983.00 | … | CTA USD 3,926.25
 */
import { Subtitle2, Table, TableBody, TableCell, TableRow, makeStyles, tokens } from "@fluentui/react-components";
import type { EntityRow } from "./groupModel";

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  heading: { margin: 0 },
  label: { width: "45%", color: tokens.colorNeutralForeground2 },
  value: { overflowWrap: "anywhere" },
});

const FIGURES: readonly [keyof EntityRow, string][] = [
  ["packageText", "Package"],
  ["status", "Status"],
  ["state", "Draft or sealed"],
  ["assets", "Assets"],
  ["liabilities", "Liabilities"],
  ["equity", "Equity"],
  ["netIncome", "Net income"],
  ["cta", "CTA"],
  ["differences", "Elimination differences"],
];

export function EntityTable({ rows }: { readonly rows: readonly EntityRow[] }) {
  const styles = useStyles();
  return (
    <div className={styles.list}>
      {rows.map((r, i) => (
        <section key={`${r.entity}-${i}`} aria-label={`Entity ${r.entity}`}>
          <Subtitle2 as="h3" className={styles.heading}>
            {r.entity}
          </Subtitle2>
          <Table size="extra-small" aria-label={`Entity ${r.entity} figures`}>
            <TableBody>
              {FIGURES.filter(([k]) => r[k] !== undefined).map(([k, label]) => (
                <TableRow key={k}>
                  <TableCell className={styles.label}>{label}</TableCell>
                  <TableCell className={styles.value}>{r[k]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      ))}
    </div>
  );
}
