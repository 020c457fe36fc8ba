/**
 * The Periods tab's "Publish": the chosen period as a new read-only workbook
 * (src/app/publish.ts, as `closebook publish`), downloaded. A period On hold or
 * Permanently closed publishes as is; an Open one only with "Draft copy"
 * ticked (every sheet marked DRAFT). The .xlsx is built in the pane itself and
 * downloaded (publishDownload.ts), in Excel on the web and desktop and in the
 * preview alike, with the workbook's CLOSEBOOK.* report sheets as values.
 *
 * Example: 2026-11 (On hold), Publish → "Downloaded closebook-2026-11-published.xlsx: 2026-11, 14 sheets, 412 ledger rows, …"
 */
import { Button, Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { Issue } from "../../core/issues/issue";
import type { FiscalPeriod } from "../../core/ledger/types";
import { usePaneEnv } from "../paneEnv";
import { IssueList } from "../shell/IssueList";
import { Outcome, type OutcomeValue } from "../shell/Outcome";
import type { Operation } from "../shell/useOperation";
import { useSend } from "../shell/useSend";
import { paneTask } from "../worker/paneTasks";
import { saveBytes } from "./publishDownload";
import { publishChoice, publishedFileName, publishedSentence } from "./publishModel";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
});

export function PublishPanel({ period, user, op }: { period: FiscalPeriod | undefined; user: string; op: Operation }) {
  const styles = useStyles();
  const env = usePaneEnv();
  const send = useSend();
  const [draft, setDraft] = useState(false);
  const [shown, setShown] = useState<{ outcome: OutcomeValue; issues: readonly Issue[] } | undefined>(undefined);
  if (!period) return null;
  const choice = publishChoice(period.id, period.status, draft);

  const publish = async () => {
    setShown(undefined);
    const file = publishedFileName("closebook", period.id, draft);
    const r = await op.run(`Publishing ${period.id}`, async () => {
      // built where the commands run (the command worker): neither the publish nor exceljs on this thread
      const { result, bytes } = await paneTask(send)("publish-xlsx", {
        period: period.id,
        user,
        now: env.clock.now(),
        draft,
      });
      return { result, size: bytes ? saveBytes(bytes, file) : 0 };
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
