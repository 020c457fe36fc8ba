/**
 * The Reports tab: pick an operating period ("Period": by default the latest
 * with ledger entries, else the earliest Open one) and write its report
 * sheets — "Statements" (income statement, balance sheet, journal report),
 * "Journal report" (optionally journalizing the reported vouchers first, which
 * needs a chosen user) or "Trial balance". Afterwards it says which sheets were
 * written and which ended protected (a period that is not Open), the key
 * figures and the issues. Every report writes sheets, so it bumps the session.
 * Below, "Show ledger lines" drills from the figure selected on a report sheet
 * to its ledger lines (reports/LedgerLines.tsx).
 *
 * Example: Period 2026-03 (Open) → "Trial balance"
 *   → "Wrote the sheet Trial balance." · Total debit 2,009.00 USD · Total credit 2,009.00 USD · Debit − credit 0.00 USD
 */
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Option,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Issue } from "../../core/issues/issue";
import type { SheetWritten } from "../../app/periodReports";
import { sendOn, useSend } from "../shell/useSend";
import { BusyStatus } from "../reports/BusyStatus";
import { FigureList } from "../reports/FigureList";
import { LedgerLines } from "../reports/LedgerLines";
import { OpenSheetLinks } from "../shell/OpenSheetLinks";
import {
  defaultReportPeriod,
  journalFigures,
  periodLabel,
  sheetsText,
  statementsFigures,
  trialBalanceFigures,
  type Figure,
} from "../reports/reportSummary";
import { IssueList } from "../shell/IssueList";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";
import { useWorkbookRead } from "../shell/useWorkbookRead";
import type { WorkbookPort } from "../../ports/workbook";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL, minWidth: 0 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  dropdown: { minWidth: 0, maxWidth: "100%" },
  muted: { color: tokens.colorNeutralForeground2 },
});

interface Outcome {
  /** "Trial balance 2026-03" */
  readonly title: string;
  readonly sheets: readonly SheetWritten[];
  readonly figures: readonly Figure[];
  readonly issues: readonly Issue[];
}

const readPeriods = (port: WorkbookPort) => sendOn(port)("report-periods", {});

export function ReportsTab() {
  const styles = useStyles();
  const send = useSend();
  const { user, bump } = usePaneSession();
  const op = useOperation();
  const { value: choices, failure: loadFailure } = useWorkbookRead("Reading the calendar", readPeriods);
  const [period, setPeriod] = useState("");
  const [journalizeToo, setJournalizeToo] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);

  useEffect(() => {
    if (choices)
      setPeriod((current) =>
        current && choices.periods.some((p) => p.id === current)
          ? current
          : (defaultReportPeriod(choices.periods, choices.withEntries) ?? ""),
      );
  }, [choices]);

  const selected = choices?.periods.find((p) => p.id === period);
  const finish = (o: Outcome, wrote: boolean) => {
    setOutcome(o);
    if (wrote) bump();
  };

  const statements = () =>
    void op.run(`Writing the statements for ${period}`, async () => {
      const r = await send("statements-to-sheets", { period });
      finish(
        {
          title: `Statements ${period}`,
          sheets: r.sheets,
          figures: statementsFigures(r.statements),
          issues: r.statements.issues,
        },
        r.sheets.length > 0,
      );
    });

  const journal = () =>
    void op.run(
      `${journalizeToo ? "Journalizing and writing" : "Writing"} the journal report for ${period}`,
      async () => {
        const r = await send("journal-report-to-sheet", {
          period,
          ...(journalizeToo && user ? { journalizeAs: user } : {}),
        });
        finish(
          { title: `Journal report ${period}`, sheets: r.sheets, figures: journalFigures(r), issues: r.result.issues },
          r.sheets.length > 0 || r.journalized?.done === true,
        );
      },
    );

  const trialBalance = () =>
    void op.run(`Writing the trial balance for ${period}`, async () => {
      const r = await send("trial-balance-to-sheet", { period });
      finish(
        {
          title: `Trial balance ${period}`,
          sheets: r.sheets,
          figures: r.tb ? trialBalanceFigures(r.tb) : [],
          issues: r.issues,
        },
        r.sheets.length > 0,
      );
    });

  const disabled = op.busy || period === "";
  return (
    <div className={styles.root}>
      <section aria-labelledby="reports-choose" className={styles.section}>
        <Subtitle2 as="h2" id="reports-choose" className={styles.heading}>
          Period reports
        </Subtitle2>
        <Body1>Writes report sheets for one period. Sheets of a period that is not Open are protected.</Body1>
        <Field label="Period">
          <Dropdown
            className={styles.dropdown}
            value={selected ? periodLabel(selected) : ""}
            selectedOptions={period ? [period] : []}
            placeholder={choices ? "Choose a period" : "Reading the calendar…"}
            onOptionSelect={(_, d) => setPeriod(d.optionValue ?? "")}
          >
            {(choices?.periods ?? []).map((p) => (
              <Option key={p.id} value={p.id} text={periodLabel(p)}>
                {periodLabel(p)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {loadFailure ? <IssueList issues={[loadFailure]} label="Calendar" /> : null}
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={disabled} onClick={statements}>
            Statements
          </Button>
          <Button disabled={disabled} onClick={journal}>
            Journal report
          </Button>
          <Button disabled={disabled} onClick={trialBalance}>
            Trial balance
          </Button>
        </div>
        <Checkbox
          label="With Journal report, journalize the reported vouchers (each gets a JNL number, once)"
          checked={journalizeToo && user !== undefined}
          disabled={user === undefined || op.busy}
          onChange={(_, d) => setJournalizeToo(d.checked === true)}
        />
        {user === undefined ? (
          <Caption1 className={styles.muted}>
            Journalizing records who did it: choose who you are at the top first.
          </Caption1>
        ) : null}
      </section>
      <BusyStatus progress={op.progress} />
      {outcome ? (
        <section aria-labelledby="reports-result" aria-live="polite" className={styles.section}>
          <Subtitle2 as="h2" id="reports-result" className={styles.heading}>
            {outcome.title}
          </Subtitle2>
          <Body1>{sheetsText(outcome.sheets)}</Body1>
          <OpenSheetLinks sheets={outcome.sheets.map((x) => x.sheet)} />
          <FigureList figures={outcome.figures} label={`${outcome.title}: key figures`} />
          <IssueList issues={outcome.issues} label={`${outcome.title}: issues`} />
        </section>
      ) : null}
      {op.failure ? <IssueList issues={[op.failure]} label="Report" /> : null}
      <LedgerLines />
    </div>
  );
}
