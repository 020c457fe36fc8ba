/**
 * The Journals tab: the draft and failed lines of tblJournal per period and
 * journal, a "Post through" date (default: the end of the earliest Open
 * period with drafts), "Validate" (the posting checks for the chosen user,
 * nothing written) and "Post journals" (postJournals as one run), then the
 * result sentence and the issues, each located on its tblJournal cell.
 * "Posted journal runs" lists the latest journal postings, each with
 * "Reverse RUN-…" (a reason required; reverseRun, as `closebook reverse`).
 *
 * Example: Post through 2026-03-31, "Post journals" →
 *   "Posted 14 vouchers (GL-000321..GL-000334), 52 lines as RUN-000045."
 */
import { Button, Caption1, Field, Input, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Issue } from "../../core/issues/issue";
import { JOURNAL, LEDGER } from "../../schema/tables";
import { postedSentence } from "../close/closeTabState";
import { ReverseDialog } from "../close/ReverseDialog";
import { DraftSummary } from "../journals/DraftSummary";
import type { JournalRunView } from "../journals/journalRuns";
import { postOutcome, validateOutcome } from "../journals/journalOutcome";
import { useJournalDrafts } from "../journals/useJournalDrafts";
import { useSend } from "../shell/useSend";
import { IssueList } from "../shell/IssueList";
import { NeedsUser } from "../shell/NeedsUser";
import { OpenSheetLinks } from "../shell/OpenSheetLinks";
import { OperationProgress } from "../shell/OperationProgress";
import { Outcome, type OutcomeValue } from "../shell/Outcome";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "flex-end",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
  },
  date: { flexGrow: 1, flexBasis: "140px", minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  runs: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  run: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    overflowWrap: "anywhere",
  },
  heading: { margin: 0 },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function JournalsTab() {
  const styles = useStyles();
  const send = useSend();
  const { user, bump } = usePaneSession();
  const op = useOperation();
  const drafts = useJournalDrafts();
  const [through, setThrough] = useState("");
  const [touched, setTouched] = useState(false);
  // the suggestion never lands in a field the user is in: typed text would be appended to it ("2026-11-302026-11-30")
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<OutcomeValue | undefined>(undefined);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const [reversing, setReversing] = useState<JournalRunView | undefined>(undefined);
  // the sheets the last post or reversal wrote (Validate writes none)
  const [written, setWritten] = useState<readonly string[]>([]);
  const suggested = drafts.view?.through;

  useEffect(() => {
    if (!touched && !editing && suggested !== undefined) setThrough(suggested);
  }, [suggested, touched, editing]);

  const badDate = through !== "" && !DATE.test(through);
  const options = user && !badDate ? { user, ...(through ? { through } : {}) } : undefined;

  const validate = async () => {
    if (!options) return;
    setOutcome(undefined);
    setIssues([]);
    setWritten([]);
    const r = await op.run("Validating journals", () => send("validate-journals", options));
    if (!r) return;
    setOutcome(validateOutcome(r, through));
    setIssues(r.issues.filter((i) => i.code !== "NOTHING_TO_POST"));
  };

  const post = async () => {
    if (!options) return;
    setOutcome(undefined);
    setIssues([]);
    const r = await op.run("Posting journals", () => send("post-journals", options));
    if (!r) return;
    setOutcome(postOutcome(r, through));
    setWritten(r.posted ? [JOURNAL.sheet, LEDGER.sheet] : []);
    setIssues(r.issues.filter((i) => i.code !== "NOTHING_TO_POST"));
    // "Post through" stays on the date just posted through (it does not jump to the next period's end)
    if (r.posted) setTouched(true);
    if (r.posted || r.refusalRecorded) bump();
  };

  const reverse = async (run: JournalRunView, reason: string) => {
    if (!user) return;
    setOutcome(undefined);
    setIssues([]);
    const r = await op.run(`Reversing ${run.runId}`, () => send("reverse-run", { runId: run.runId, user, reason }));
    setReversing(undefined);
    if (!r) return;
    const done = postedSentence(r, `Reversed ${run.runId} with`);
    setWritten(done ? [LEDGER.sheet] : []);
    setOutcome(
      done
        ? { intent: "success", text: done }
        : { intent: "error", title: "Nothing was reversed", text: `${run.runId} was not reversed.` },
    );
    setIssues(r.issues);
    if (r.posted) bump();
  };

  return (
    <div className={styles.root}>
      {drafts.failure ? <IssueList issues={[drafts.failure]} label="The journal could not be read" /> : null}
      {drafts.view ? <DraftSummary groups={drafts.view.groups} /> : null}
      {!user ? (
        <NeedsUser />
      ) : (
        <div className={styles.actions}>
          <Field
            label="Post through"
            className={styles.date}
            hint="Lines dated later stay drafts. Empty: post every draft line."
            validationState={badDate ? "error" : "none"}
            {...(badDate ? { validationMessage: "Give a date as YYYY-MM-DD, or leave it empty." } : {})}
          >
            <Input
              // ISO text, as every date in the workbook and the pane (a native date picker shows the browser's order)
              type="text"
              inputMode="numeric"
              placeholder="YYYY-MM-DD"
              value={through}
              onFocus={() => setEditing(true)}
              onBlur={() => setEditing(false)}
              onChange={(_, d) => {
                setTouched(true);
                setThrough(d.value);
              }}
            />
          </Field>
          <div className={styles.buttons}>
            <Button disabled={op.busy || !options} onClick={() => void validate()}>
              Validate
            </Button>
            <Button appearance="primary" disabled={op.busy || !options} onClick={() => void post()}>
              Post journals
            </Button>
          </div>
        </div>
      )}
      <OperationProgress op={op} />
      {outcome ? <Outcome {...outcome} /> : null}
      {outcome?.intent === "success" && written.length ? <OpenSheetLinks sheets={written} /> : null}
      {op.failure ? <IssueList issues={[op.failure]} label="Operation stopped" /> : null}
      <IssueList issues={issues} label="Journal issues" />
      {drafts.view?.runs.length ? (
        <section aria-labelledby="journal-runs">
          <Subtitle2 as="h2" id="journal-runs" className={styles.heading}>
            Posted journal runs
          </Subtitle2>
          <ul className={styles.runs}>
            {drafts.view.runs.map((r) => (
              <li key={r.runId} className={styles.run}>
                <Caption1>
                  {r.runId} · {r.line}
                </Caption1>
                <Button
                  size="small"
                  aria-label={`Reverse ${r.runId}`}
                  disabled={op.busy || !user}
                  onClick={() => setReversing(r)}
                >
                  Reverse
                </Button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ReverseDialog
        open={reversing !== undefined}
        title={`journal posting ${reversing?.runId ?? ""}`}
        runId={reversing?.runId ?? ""}
        vouchers={reversing?.vouchers ?? ""}
        busy={op.busy}
        after="The draft lines stay marked Posted; enter corrected lines as new drafts."
        onReverse={(reason) => reversing && void reverse(reversing, reason)}
        onCancel={() => setReversing(undefined)}
      />
    </div>
  );
}
