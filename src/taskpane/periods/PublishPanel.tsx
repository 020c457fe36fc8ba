/**
 * The Periods tab's "Publish": the chosen period as a new read-only workbook
 * (src/app/publish.ts, as `closebook publish`), downloaded. A period On hold or
 * Permanently closed publishes as is; an Open one only with "Draft copy"
 * ticked (every sheet marked DRAFT). The published sheets are built in memory
 * and turned into an .xlsx by the host (`env.saveXlsx`: the preview's server);
 * a host without one says to use the CLI.
 *
 * Example: 2026-11 (On hold), Publish → "Downloaded closebook-2026-11-published.xlsx: 2026-11, 14 sheets, 412 ledger rows, …"
 */
import { Button, Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { MemoryWorkbook } from "../../adapters/memory/memoryWorkbook";
import { publishPeriod } from "../../app/publish";
import { snapshotOf } from "../../app/snapshot";
import type { Issue } from "../../core/issues/issue";
import type { FiscalPeriod } from "../../core/ledger/types";
import { usePaneEnv } from "../paneEnv";
import { IssueList } from "../shell/IssueList";
import { Outcome, type OutcomeValue } from "../shell/Outcome";
import type { Operation } from "../shell/useOperation";
import { publishChoice, publishedFileName, publishedSentence } from "./publishModel";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
});

export function PublishPanel({ period, user, op }: { period: FiscalPeriod | undefined; user: string; op: Operation }) {
  const styles = useStyles();
  const env = usePaneEnv();
  const [draft, setDraft] = useState(false);
  const [shown, setShown] = useState<{ outcome: OutcomeValue; issues: readonly Issue[] } | undefined>(undefined);
  if (!period) return null;
  const choice = publishChoice(period.id, period.status, draft);

  const publish = async () => {
    setShown(undefined);
    const save = env.saveXlsx;
    if (!save) {
      setShown({
        outcome: {
          intent: "warning",
          title: "Publish from the command line",
          text: `This host cannot build an .xlsx file in the pane yet: run "closebook publish FILE --period ${period.id} --out SHARED.xlsx".`,
        },
        issues: [],
      });
      return;
    }
    const file = publishedFileName("closebook", period.id, draft);
    const r = await op.run(`Publishing ${period.id}`, async () => {
      const target = new MemoryWorkbook();
      const result = await publishPeriod(env.port, target, { period: period.id, user, now: env.clock.now(), draft });
      if (!result.published) return { result, bytes: 0 };
      const snapshot = await snapshotOf(target, { reports: target.reports() });
      return { result, bytes: await save(snapshot, file) };
    });
    if (!r) return;
    const { result } = r;
    setShown({
      outcome: result.published
        ? {
            intent: draft ? "warning" : "success",
            text: publishedSentence(file, period.id, result.sheets.length, result.ledgerRows, draft),
          }
        : { intent: "error", title: "Nothing was published", text: `Period ${period.id} was not published.` },
      issues: result.issues,
    });
  };

  return (
    <>
      <div className={styles.row} role="group" aria-label="Publish">
        <Button disabled={op.busy || !choice.allowed} onClick={() => void publish()}>
          Publish {period.id}
        </Button>
        <Checkbox
          label="Draft copy"
          checked={draft}
          disabled={op.busy}
          onChange={(_, d) => setDraft(d.checked === true)}
        />
      </div>
      {!choice.allowed && choice.why ? <Outcome intent="info" text={choice.why} /> : null}
      {shown ? (
        <>
          <Outcome {...shown.outcome} />
          <IssueList issues={shown.issues} label="Publish issues" />
        </>
      ) : null}
    </>
  );
}
