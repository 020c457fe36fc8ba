/**
 * The Rates tab: the rate table at a glance, the rate checks as of a date
 * ("As of", by default the end of the earliest Open period; missing, stale,
 * outlying and duplicate rates, the checks every posting runs first), and the
 * import from CSV text or a file (every row of the file, as one run) or from
 * the ECB. It reloads whenever any tab writes; an import bumps the session.
 *
 * Example: As of 2026-03-31 → "Check rates"
 *   → "As of 2026-03-31: 1 stale rate." and the STALE_RATE issue at tblRates row 2, Date;
 *   paste "Date,From,To,Rate\n2026-03-31,EUR,USD,1.0823" → "Import rates"
 *   → "Imported 1 rate from Rates CSV as RUN-000007 (none were in the table already)."
 */
import {
  Body1,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import { hasErrors, type Issue } from "../../core/issues/issue";
import type { IsoDate } from "../../core/ledger/types";
import type { RateSource } from "../../app/commands";
import type { ImportRatesResult } from "../../app/rates/importRates";
import { sendOn, useSend } from "../shell/useSend";
import { BusyStatus } from "../reports/BusyStatus";
import { RateTableSummary } from "../rates/RateTableSummary";
import { RatesImport } from "../rates/RatesImport";
import { csvDateRange, defaultAsOf, ecbRange, rateCheckHeadline, summarizeRates } from "../rates/rateSummary";
import { IssueList } from "../shell/IssueList";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";
import { useWorkbookRead } from "../shell/useWorkbookRead";
import type { WorkbookPort } from "../../ports/workbook";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL, minWidth: 0 },
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  row: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", gap: tokens.spacingHorizontalS },
  date: { flexGrow: 1, minWidth: "140px" },
});

interface Outcome {
  /** which section it belongs under */
  readonly from: "check" | "import";
  readonly ok: boolean;
  readonly text: string;
  readonly issues: readonly Issue[];
  readonly label: string;
}

function importOutcome(r: ImportRatesResult, source: string): Outcome {
  const already =
    r.skipped === 0
      ? "none were in the table already"
      : `${r.skipped} ${r.skipped === 1 ? "was" : "were"} in the table already`;
  const text =
    r.imported > 0
      ? `Imported ${r.imported} rate${r.imported === 1 ? "" : "s"} from ${source} as ${r.runId ?? "a run"} (${already}).`
      : r.skipped > 0 && !hasErrors(r.issues)
        ? `All ${r.skipped} rate${r.skipped === 1 ? "" : "s"} from ${source} ${r.skipped === 1 ? "is" : "are"} in tblRates already; nothing was written.`
        : `Nothing was imported from ${source}; tblRates is unchanged.`;
  return { from: "import", ok: r.imported > 0, text, issues: r.issues, label: "Rate import" };
}

const intentOf = (o: Outcome) =>
  o.ok
    ? "success"
    : o.issues.some((i) => i.severity === "error")
      ? "error"
      : o.issues.some((i) => i.severity === "warning")
        ? "warning"
        : "info";

const readRates = (port: WorkbookPort) => sendOn(port)("review-rates", {});

export function RatesTab() {
  const styles = useStyles();
  const send = useSend();
  const { user, bump } = usePaneSession();
  const op = useOperation();
  const { value: review, failure: loadFailure } = useWorkbookRead("Reading the rate table", readRates);
  const [asOf, setAsOf] = useState<IsoDate>("");
  const badAsOf = asOf !== "" && !ISO_DATE.test(asOf);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [lastAction, setLastAction] = useState<Outcome["from"]>("check");

  useEffect(() => {
    if (review) setAsOf((current) => current || defaultAsOf(review.periods) || "");
  }, [review]);

  const lines = useMemo(() => summarizeRates(review?.rates ?? []), [review]);
  const ecb = review && asOf ? ecbRange(review.periods, asOf) : undefined;

  const check = () => {
    setLastAction("check");
    void op.run(`Checking rates as of ${asOf}`, async () => {
      const r = await send("review-rates", { asOf });
      const findings = [...r.readIssues, ...(r.findings ?? [])];
      setOutcome({
        from: "check",
        ...rateCheckHeadline(findings, asOf),
        issues: findings,
        label: "Rate check findings",
      });
    });
  };

  const runImport = (source: RateSource, range: { from: IsoDate; to: IsoDate }) => {
    setLastAction("import");
    void op.run(`Importing rates from ${source.kind === "csv" ? source.name : "ECB"}`, async () => {
      if (!user) return;
      const r = await send("import-rates", { source, ...range, user });
      setOutcome(importOutcome(r, r.provider));
      if (r.imported > 0) bump();
    });
  };

  const importCsv = (text: string, name: string) => {
    const range = csvDateRange(text, name);
    setLastAction("import");
    if ("issues" in range)
      setOutcome({
        from: "import",
        ok: false,
        text: "Nothing was imported.",
        issues: range.issues,
        label: "Rate import",
      });
    else runImport({ kind: "csv", text, name }, range);
  };

  const result = (from: Outcome["from"]) => (
    <>
      {op.busy && lastAction === from ? <BusyStatus progress={op.progress} /> : null}
      {outcome?.from === from ? (
        <section aria-label={outcome.label} aria-live="polite" className={styles.section}>
          <MessageBar intent={intentOf(outcome)} layout="multiline">
            <MessageBarBody>{outcome.text}</MessageBarBody>
          </MessageBar>
          <IssueList issues={outcome.issues} label={outcome.label} />
        </section>
      ) : null}
      {op.failure && lastAction === from ? <IssueList issues={[op.failure]} label="Rates operation" /> : null}
    </>
  );

  return (
    <div className={styles.root}>
      <RateTableSummary
        lines={lines}
        accountingCurrency={review?.accountingCurrency}
        total={review?.rates.length ?? 0}
      />
      {loadFailure ? <IssueList issues={[loadFailure]} label="Rate table" /> : null}
      <section aria-labelledby="rates-check" className={styles.section}>
        <Subtitle2 as="h2" id="rates-check" className={styles.heading}>
          Rate checks
        </Subtitle2>
        <Body1>
          Looks for missing, stale, outlying and duplicate rates: the draft journal at its dates, revaluation accounts
          on the As-of date.
        </Body1>
        <div className={styles.row}>
          <Field
            label="As of"
            className={styles.date}
            validationState={badAsOf ? "error" : "none"}
            {...(badAsOf ? { validationMessage: "Give a date as YYYY-MM-DD." } : {})}
          >
            <Input
              type="text"
              inputMode="numeric"
              placeholder="YYYY-MM-DD"
              value={asOf}
              onChange={(_, d) => setAsOf(d.value)}
            />
          </Field>
          <Button appearance="primary" disabled={op.busy || !ISO_DATE.test(asOf)} onClick={check}>
            Check rates
          </Button>
        </div>
        {result("check")}
      </section>
      <RatesImport
        busy={op.busy}
        canWrite={user !== undefined}
        ecb={ecb}
        onImportCsv={importCsv}
        onImportEcb={() => ecb && runImport({ kind: "ecb" }, ecb)}
      />
      {result("import")}
    </div>
  );
}
