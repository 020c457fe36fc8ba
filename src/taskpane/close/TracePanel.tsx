/**
 * The result of a step previewed, posted or reversed, shown inside that step's
 * card in the Close tab (or under "Run all steps"): one sentence (what was
 * posted, as which run), and its "Calculation trace" — each row a sentence with
 * the account's name, thousand separators and currencies (shell/words.ts) — for
 * the first 50 rows (the preview sheet holds all, with inputs and rates).
 *
 * Example: <TracePanel id="revaluation" accountNames={names} result={{ title: "Revaluation", intent: "success", issues: [], proposal,
 *   sentence: "Posted 1 voucher (GL-000012), 2 ledger lines, as RUN-000004." }} />
 *   → "1010 Bank EUR · EUR: round(730,316.04 × 1.063021) − 780,506.63 = 776,341.29 − 780,506.63 → USD -4,165.34"
 */
import { Body1, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { OpenSheetLinks } from "../shell/OpenSheetLinks";
import { Outcome } from "../shell/Outcome";
import { namedKey, readableFormula, readableResult } from "../shell/words";
import { traceNote, traceRows, type StepResult } from "./closeTabState";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
  },
  key: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  formula: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere", color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface TracePanelProps {
  readonly result: StepResult;
  /** makes the headings' ids unique in the tab (the step's id) */
  readonly id: string;
  readonly accountNames: ReadonlyMap<string, string>;
}

export function TracePanel({ result, id, accountNames }: TracePanelProps) {
  const styles = useStyles();
  const { rows, total } = traceRows(result.proposal);
  return (
    <section aria-labelledby={`close-result-${id}`} className={styles.section}>
      <Subtitle2 as="h4" id={`close-result-${id}`} className={styles.heading}>
        Result: {result.title}
      </Subtitle2>
      <Outcome intent={result.intent} text={result.sentence} />
      <OpenSheetLinks sheets={result.sheets ?? []} />
      {result.proposal ? (
        <section aria-labelledby={`close-trace-${id}`} className={styles.section}>
          <Subtitle2 as="h4" id={`close-trace-${id}`} className={styles.heading}>
            Calculation trace
          </Subtitle2>
          <Caption1 className={styles.muted}>{traceNote(rows.length, total, result.sheet)}</Caption1>
          {rows.length ? (
            <ol className={styles.list}>
              {rows.map((r, i) => (
                <li key={i}>
                  <Body1 className={styles.key}>{namedKey(r.key, accountNames)}</Body1>
                  <br />
                  <Caption1 className={styles.formula}>
                    {readableFormula(r.formula)} → {readableResult(r.result)}
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
