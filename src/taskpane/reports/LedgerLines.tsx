/**
 * "Show ledger lines" (issue #16 point 7): reads the cell selected on a trial
 * balance or statement sheet (env.readSelection), works out its account, range
 * and figure from the sheet (drillTarget.ts), and lists the ledger lines
 * behind it (src/app/drilldown.ts): voucher, date, description, amount. Each
 * voucher is a link selecting that line's row on the Ledger sheet
 * (env.selectIssue on tblLedger). Shown only where the host can read the
 * selection. At most 200 lines are listed; `closebook lines` prints them all.
 *
 * Example: D7 (1000's Debit) selected on "Trial balance" → Show ledger lines
 *   → "1000 · Debit · 2026-03-01 to 2026-03-31" · "2 ledger lines · total USD 50.00, equal to the selected figure."
 *     GL-000004  2026-03-25  Customer receipt  USD 50.00   (click → Ledger row selected)
 */
import { Body1, Button, Caption1, Link, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { useSend } from "../shell/useSend";
import type { DrilledLines } from "../../core/drilldown/ledgerLines";
import { issue, type Issue } from "../../core/issues/issue";
import { LEDGER } from "../../schema/tables";
import { usePaneEnv } from "../paneEnv";
import { IssueList } from "../shell/IssueList";
import { useOperation } from "../shell/useOperation";
import { money } from "../shell/words";
import { drillTarget, type DrillTarget } from "./drillTarget";
import { drillTitle, linesSummary } from "./linesSummary";

const SHOWN = 200;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  line: {
    display: "grid",
    gridTemplateColumns: "auto minmax(0, 1fr) auto",
    columnGap: tokens.spacingHorizontalS,
    alignItems: "baseline",
    minWidth: 0,
  },
  text: { overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
  amount: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
});

interface Drilled {
  readonly target?: DrillTarget;
  readonly result?: DrilledLines;
  readonly issues: readonly Issue[];
}

export function LedgerLines() {
  const styles = useStyles();
  const { readSelection, selectIssue } = usePaneEnv();
  const op = useOperation();
  const send = useSend();
  const [drilled, setDrilled] = useState<Drilled | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  if (!readSelection) return null;

  const show = () =>
    void op.run("Reading the ledger lines of the selected figure", async () => {
      setNote(undefined);
      const cell = await readSelection();
      if (!cell) {
        setDrilled({
          issues: [issue("NO_SELECTION", "Select a figure's cell on a trial balance or statement sheet first.")],
        });
        return;
      }
      const target = drillTarget(cell);
      if ("problem" in target) {
        setDrilled({ issues: [issue("NOT_A_FIGURE", `${cell.address ?? cell.sheet}: ${target.problem}`)] });
        return;
      }
      const r = await send("drilldown", {
        account: target.account,
        from: target.from,
        to: target.to,
        figure: target.figure,
        ...(target.dimension ? { dimension: target.dimension } : {}),
      });
      setDrilled({ target, ...(r.result ? { result: r.result } : {}), issues: r.issues });
    });

  const select = (row: number | undefined, voucher: string) => {
    if (row === undefined) return;
    void selectIssue({ table: LEDGER.name, row }).then((ok) =>
      setNote(
        ok
          ? undefined
          : `The line of ${voucher} is no longer at row ${row} of the Ledger sheet (or the sheet is hidden).`,
      ),
    );
  };

  const r = drilled?.result;
  return (
    <section aria-labelledby="reports-drill" className={styles.section}>
      <Subtitle2 as="h2" id="reports-drill" className={styles.heading}>
        Ledger lines behind a figure
      </Subtitle2>
      <Body1>Select a figure on a trial balance or statement sheet, then show the ledger lines it adds up.</Body1>
      <div>
        <Button disabled={op.busy} onClick={show}>
          Show ledger lines
        </Button>
      </div>
      {drilled ? (
        <div aria-live="polite" className={styles.section}>
          {drilled.target ? (
            <Body1 as="p" className={styles.heading}>
              <strong>{drillTitle(drilled.target)}</strong>
            </Body1>
          ) : null}
          {r && drilled.target ? (
            <Body1 data-testid="ledger-lines-summary">{linesSummary(r, drilled.target.value)}</Body1>
          ) : null}
          {r && r.lines.length > 0 ? (
            <ul className={styles.list} aria-label="Ledger lines">
              {r.lines.slice(0, SHOWN).map((l) => (
                <li key={l.entryNo} className={styles.line}>
                  <Link
                    as="button"
                    onClick={() => select(l.row, l.voucher)}
                    aria-label={`${l.voucher} ${l.date}, ledger row ${l.row ?? ""}`}
                  >
                    {l.voucher}
                  </Link>
                  <span className={styles.text}>
                    {l.date}
                    {l.description ? ` · ${l.description}` : ""}
                    {r.accounts.length > 1 ? ` · ${l.account}` : ""}
                  </span>
                  <span className={styles.amount} data-amount={l.amountAccounting.toString()}>
                    {money(l.amountAccounting.toString(), r.currency)}
                    {l.currency !== r.currency ? ` (${money(l.amount.toString(), l.currency)})` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {r && r.lines.length > SHOWN ? (
            <Caption1 className={styles.muted}>
              The first {SHOWN} of {r.lines.length.toLocaleString("en-US")} lines; `closebook lines` prints them all.
            </Caption1>
          ) : null}
          {note ? <Caption1 role="status">{note}</Caption1> : null}
          <IssueList issues={drilled.issues} label="Ledger lines" />
        </div>
      ) : null}
      {op.failure ? <IssueList issues={[op.failure]} label="Ledger lines" /> : null}
    </section>
  );
}
