/**
 * The result of the last step previewed, posted or reversed in the Close tab:
 * one sentence (what was posted, as which run), the step's summary, and its
 * "Calculation trace" — key, formula with the numbers filled in, result — for
 * the first 50 rows (the preview sheet holds all, with inputs and rates).
 *
 * Example: <TracePanel result={{ title: "Revaluation", intent: "success", issues: [], proposal,
 *   sentence: "Posted 1 voucher (GL-000012), 2 ledger lines, as RUN-000004." }} />
 */
import { Body1, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { Outcome } from "../shell/Outcome";
import { traceNote, traceRows, type StepResult } from "./closeTabState";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  list: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, margin: 0, paddingLeft: tokens.spacingHorizontalL },
  key: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  formula: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function TracePanel({ result }: { readonly result: StepResult }) {
  const styles = useStyles();
  const { rows, total } = traceRows(result.proposal);
  return (
    <section aria-labelledby="close-result" className={styles.section}>
      <Subtitle2 as="h2" id="close-result" className={styles.heading}>
        Result: {result.title}
      </Subtitle2>
      <Outcome intent={result.intent} text={result.sentence} />
      {result.proposal ? (
        <section aria-labelledby="close-trace" className={styles.section}>
          <Subtitle2 as="h3" id="close-trace" className={styles.heading}>
            Calculation trace
          </Subtitle2>
          <Caption1 className={styles.muted}>{traceNote(rows.length, total, result.sheet)}</Caption1>
          {rows.length ? (
            <ol className={styles.list}>
              {rows.map((r, i) => (
                <li key={i}>
                  <Body1 className={styles.key}>{r.key}</Body1>
                  <br />
                  <Caption1 className={styles.formula}>
                    {r.formula} = {r.result}
                  </Caption1>
                </li>
              ))}
            </ol>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}
