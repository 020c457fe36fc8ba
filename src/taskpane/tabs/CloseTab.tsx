/**
 * The Close tab: the month-end close of one period ("Period": operating
 * periods, by default the earliest Open one), step by step. Each step shows a
 * badge and what it did; Preview writes its preview sheet (nothing posted),
 * Post posts it as a run (only in an Open period, by the chosen user), Reverse
 * cancels a posted run after asking for a reason. "Run all steps" is
 * closePeriod (`closebook close`) keeping the steps already posted: it posts
 * the others, in order, stopping at the first failure. The last
 * result shows its sentence, calculation trace and issues; a ProgressBar runs
 * during long work. Every action reloads the states (session.bump()).
 *
 * Example: Period 2026-03 (Open) → "Post Revaluation"
 *   → badge "Posted"; "Posted 1 voucher (GL-000012), 2 ledger lines, as RUN-000004."; trace rows
 */
import { Button, Caption1, Dropdown, Field, Option, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { closePeriod } from "../../app/closePeriod";
import { CLOSE_STEPS, reverseCloseStep, runCloseStep, type CloseStepDef, type CloseStepOutcome } from "../../app/closeStepByStep";
import { ReverseDialog } from "../close/ReverseDialog";
import { StepCard } from "../close/StepCard";
import { TracePanel } from "../close/TracePanel";
import { badgeFor, markFor, markKey, postBlocked, posts, resultFor, reversedResult, stepLine, type SessionMark, type StepResult } from "../close/closeTabState";
import { useCloseSteps } from "../close/useCloseSteps";
import { usePaneEnv } from "../paneEnv";
import { IssueList } from "../shell/IssueList";
import { NeedsUser } from "../shell/NeedsUser";
import { OperationProgress } from "../shell/OperationProgress";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL, minWidth: 0 },
  dropdown: { minWidth: 0, maxWidth: "100%" },
  list: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  all: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalXS },
});

type Mode = "preview" | "post";

export function CloseTab() {
  const styles = useStyles();
  const { port, clock } = usePaneEnv();
  const { user, bump } = usePaneSession();
  const op = useOperation();
  const [period, setPeriod] = useState("");
  const { choices, states, failure } = useCloseSteps(period, setPeriod);
  const [marks, setMarks] = useState<Readonly<Record<string, SessionMark | undefined>>>({});
  const [result, setResult] = useState<StepResult | undefined>(undefined);
  const [reversing, setReversing] = useState<CloseStepDef | undefined>(undefined);

  const selected = choices?.find((p) => p.id === period);
  const blocked = postBlocked(user, selected?.status);
  const ctx = { user: user ?? "", clock };
  const stateOf = (def: CloseStepDef) => states.find((s) => s.step === def.id);

  const remember = (def: CloseStepDef, mode: Mode, o: CloseStepOutcome) => {
    setMarks((m) => ({ ...m, [markKey(period, def.id)]: markFor(def, mode, o) }));
    setResult(resultFor(def, mode, o));
  };

  const runStep = (def: CloseStepDef, mode: Mode) =>
    void op.run(`${mode === "preview" ? "Previewing" : "Posting"} ${def.title} for ${period}`, async () => {
      try {
        remember(def, mode, await runCloseStep(port, { period, step: def.id, mode }, ctx));
      } finally {
        bump(); // a preview writes its sheet, a post its run: every tab reloads
      }
    });

  // the same close as `closebook close` (closePeriod), keeping the steps already posted
  const runAll = () =>
    void op.run(`Closing ${period}`, async () => {
      try {
        const r = await closePeriod(port, { period, preview: false, posted: "keep", onStep: (def, o) => remember(def, "post", o) }, ctx);
        const lost = r.steps.find((s) => s.id === undefined);
        if (lost) setResult({ title: "Run all steps", intent: "error", sentence: `Run all steps failed: ${lost.summary}.`, issues: lost.issues });
        else if (r.completed) setResult({ title: "Run all steps", intent: "success", sentence: `Every step of ${period} is done; the journal report and statements are written.`, issues: [] });
      } finally {
        bump();
      }
    });

  const reverse = (def: CloseStepDef, runId: string, reason: string) =>
    void op.run(`Reversing ${runId}`, async () => {
      try {
        const r = await reverseCloseStep(port, { runId, reason }, ctx);
        if (r.posted) setMarks((m) => ({ ...m, [markKey(period, def.id)]: undefined }));
        setResult(reversedResult(def.title, runId, r));
      } finally {
        setReversing(undefined);
        bump();
      }
    });

  const reversingState = reversing ? stateOf(reversing) : undefined;
  return (
    <div className={styles.root}>
      {user ? null : <NeedsUser />}
      <Field label="Period" hint={selected ? `Status: ${selected.status}${blocked && user ? ` — ${blocked}` : ""}` : choices ? "The calendar has no operating periods." : "Reading the calendar…"}>
        <Dropdown
          className={styles.dropdown}
          value={selected?.label ?? ""}
          selectedOptions={selected ? [selected.id] : []}
          disabled={op.busy || !choices?.length}
          onOptionSelect={(_, d) => {
            if (d.optionValue) setPeriod(d.optionValue);
            setResult(undefined);
          }}
        >
          {(choices ?? []).map((p) => (
            <Option key={p.id} value={p.id} text={p.label}>
              {p.label}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {selected ? (
        <>
          <ol className={styles.list} aria-label={`Close steps for ${selected.id}`}>
            {CLOSE_STEPS.map((def) => {
              const state = stateOf(def);
              const mark = marks[markKey(period, def.id)];
              return (
                <StepCard
                  key={def.id}
                  def={def}
                  badge={badgeFor(def, state?.state, mark)}
                  line={stepLine(def, state, mark)}
                  busy={op.busy}
                  blocked={blocked}
                  canReverse={posts(def) && state?.state === "posted"}
                  onPreview={() => runStep(def, "preview")}
                  onPost={() => runStep(def, "post")}
                  onReverse={() => setReversing(def)}
                />
              );
            })}
          </ol>
          <div className={styles.all}>
            <Button disabled={op.busy || blocked !== undefined} title={blocked} onClick={runAll}>
              Run all steps
            </Button>
            <Caption1 as="p" className={styles.muted}>
              Posts, in order, every step not yet posted, and stops at the first that fails.
            </Caption1>
          </div>
        </>
      ) : null}
      <OperationProgress op={op} />
      {result ? <TracePanel result={result} /> : null}
      <IssueList issues={[...(result?.issues ?? []), ...(op.failure ? [op.failure] : []), ...(failure ? [failure] : [])]} label={result ? `Issues: ${result.title}` : "Issues"} />
      <ReverseDialog
        open={reversing !== undefined && reversingState?.runId !== undefined}
        title={reversing?.title ?? ""}
        runId={reversingState?.runId ?? ""}
        vouchers={reversingState?.vouchers ?? ""}
        busy={op.busy}
        onReverse={(reason) => reversing && reversingState?.runId && reverse(reversing, reversingState.runId, reason)}
        onCancel={() => setReversing(undefined)}
      />
    </div>
  );
}
