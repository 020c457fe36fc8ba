/**
 * The Journals tab: the draft and failed lines of tblJournal per period and
 * journal, a "Post through" date (default: the end of the earliest Open
 * period with drafts), "Validate" (the posting checks for the chosen user,
 * nothing written) and "Post journals" (postJournals as one run), then the
 * result sentence and the issues, each located on its tblJournal cell.
 *
 * Example: Post through 2026-03-31, "Post journals" →
 *   "Posted 14 vouchers (GL-000321..GL-000334), 52 lines as RUN-000045."
 */
import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { postJournals } from "../../app/postJournals";
import { validateJournals } from "../../app/validateJournals";
import type { Issue } from "../../core/issues/issue";
import { DraftSummary } from "../journals/DraftSummary";
import { postOutcome, validateOutcome } from "../journals/journalOutcome";
import { useJournalDrafts } from "../journals/useJournalDrafts";
import { usePaneEnv } from "../paneEnv";
import { IssueList } from "../shell/IssueList";
import { NeedsUser } from "../shell/NeedsUser";
import { OperationProgress } from "../shell/OperationProgress";
import { Outcome, type OutcomeValue } from "../shell/Outcome";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  date: { flexGrow: 1, flexBasis: "140px", minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function JournalsTab() {
  const styles = useStyles();
  const env = usePaneEnv();
  const { user, bump } = usePaneSession();
  const op = useOperation();
  const drafts = useJournalDrafts();
  const [through, setThrough] = useState("");
  const [touched, setTouched] = useState(false);
  const [outcome, setOutcome] = useState<OutcomeValue | undefined>(undefined);
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  const suggested = drafts.view?.through;

  useEffect(() => {
    if (!touched && suggested !== undefined) setThrough(suggested);
  }, [suggested, touched]);

  const badDate = through !== "" && !DATE.test(through);
  const options = user && !badDate ? { user, clock: env.clock, ...(through ? { through } : {}) } : undefined;

  const validate = async () => {
    if (!options) return;
    setOutcome(undefined);
    setIssues([]);
    const r = await op.run("Validating journals", () => validateJournals(env.port, options));
    if (!r) return;
    setOutcome(validateOutcome(r, through));
    setIssues(r.issues.filter((i) => i.code !== "NOTHING_TO_POST"));
  };

  const post = async () => {
    if (!options) return;
    setOutcome(undefined);
    setIssues([]);
    const r = await op.run("Posting journals", () => postJournals(env.port, options));
    if (!r) return;
    setOutcome(postOutcome(r, through));
    setIssues(r.issues.filter((i) => i.code !== "NOTHING_TO_POST"));
    if (r.posted || r.refusalRecorded) {
      setTouched(false);
      bump();
    }
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
              type="date"
              value={through}
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
      {op.failure ? <IssueList issues={[op.failure]} label="Operation stopped" /> : null}
      <IssueList issues={issues} label="Journal issues" />
    </div>
  );
}
