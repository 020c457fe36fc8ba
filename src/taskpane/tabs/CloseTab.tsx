/**
 * The Close tab: the month-end close of one period ("Period": operating
 * periods, by default the earliest Open one), step by step. At the top, the
 * close summary ("November 2026: 5 of 7 done · next: Allocations · then …").
 * Each step shows a badge and what it did; Preview writes its preview sheet
 * (nothing posted); Post first shows what will be posted (vouchers, lines,
 * total debit, accounts) and asks to confirm — with a required override reason
 * while the period still has draft journal lines (audited, as `closebook close
 * --override`); Post is disabled with its reason when the step is posted or an
 * earlier step failed; Reverse cancels a posted run after asking for a reason.
 * "Run all steps" is closePeriod (`closebook close`) keeping the steps already
 * posted. A step's result, calculation trace and issues appear inside its card,
 * scrolled into view, and are announced to screen readers. Every action reloads
 * the states (session.bump()).
 *
 * Example: Period 2026-11 (Open) → "Post Revaluation" → "Post Revaluation?  Will post 1 voucher, 2 ledger lines,
 *   total debit USD 4,165.34." → "Post now" → badge "Posted"; in the card: "Posted 1 voucher (GL-000012), 2 ledger lines, as RUN-000004."
 */
import { Button, Caption1, Dropdown, Field, Option, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { CloseStepDef, CloseStepOutcome } from "../../app/closeStepByStep";
import { CLOSE_STEPS } from "../../core/close/steps";
import { ConfirmPostDialog } from "../close/ConfirmPostDialog";
import { ReverseDialog } from "../close/ReverseDialog";
import { StepCard } from "../close/StepCard";
import { DRAFTS_STEP, postStep } from "../close/postStep";
import { TracePanel } from "../close/TracePanel";
import { closeSummary, draftsWarning, postGuard, postSummary, type PostSummary } from "../close/closeGuards";
import {
  badgeFor,
  markFor,
  markKey,
  postBlocked,
  posts,
  resultFor,
  reversedResult,
  stepLine,
  type SessionMark,
  type StepResult,
} from "../close/closeTabState";
import { useCloseSteps } from "../close/useCloseSteps";
import { useSend } from "../shell/useSend";
import { IssueList } from "../shell/IssueList";
import { NeedsUser } from "../shell/NeedsUser";
import { OperationProgress } from "../shell/OperationProgress";
import { Outcome } from "../shell/Outcome";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalL, minWidth: 0 },
  dropdown: { minWidth: 0, maxWidth: "100%" },
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  muted: { color: tokens.colorNeutralForeground2, margin: 0 },
  summary: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  all: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalXS },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
  },
});

type Mode = "preview" | "post";
/** the step (or Run all, def undefined) waiting for the user's confirmation */
type Confirming = { readonly def: CloseStepDef | undefined; readonly summary?: PostSummary; readonly what?: string };
const RUN_ALL = "run-all";
const VERIFY = DRAFTS_STEP;

export function CloseTab() {
  const styles = useStyles();
  const send = useSend();
  const { user, bump } = usePaneSession();
  const op = useOperation();
  const [period, setPeriod] = useState("");
  const { choices, states, failure, drafts, accountNames, currency, signoffs } = useCloseSteps(period, setPeriod);
  const [marks, setMarks] = useState<Readonly<Record<string, SessionMark | undefined>>>({});
  // each step's last result, shown in its card; n moves so the card scrolls into view
  const [results, setResults] = useState<Readonly<Record<string, { result: StepResult; n: number } | undefined>>>({});
  const [active, setActive] = useState<string | undefined>(undefined);
  const [announce, setAnnounce] = useState("");
  const [reversing, setReversing] = useState<CloseStepDef | undefined>(undefined);
  const [confirming, setConfirming] = useState<Confirming | undefined>(undefined);

  const selected = choices?.find((p) => p.id === period);
  const blocked = postBlocked(user, selected?.status);
  const who = user ?? "";
  const stateOf = (def: CloseStepDef) => states.find((s) => s.step === def.id);
  const badges = CLOSE_STEPS.map((def) => badgeFor(def, stateOf(def)?.state, marks[markKey(period, def.id)]));
  // the drafts check's failure is overridden in the post's confirmation (with a reason) instead of blocking it
  const guards = CLOSE_STEPS.map((def) => ({
    title: def.title,
    state: stateOf(def),
    mark: marks[markKey(period, def.id)],
    overridable: def === VERIFY && drafts > 0,
  }));
  const nextIndex = badges.findIndex((b) => b !== "Posted" && b !== "Done" && b !== "Skipped");
  const overrideNeeded = draftsWarning(drafts, period);

  const show = (id: string, result: StepResult) => {
    setResults((r) => ({ ...r, [markKey(period, id)]: { result, n: (r[markKey(period, id)]?.n ?? 0) + 1 } }));
    setAnnounce(`${result.title}: ${result.sentence}`);
  };
  const remember = (def: CloseStepDef, mode: Mode, o: CloseStepOutcome) => {
    setMarks((m) => ({ ...m, [markKey(period, def.id)]: markFor(def, mode, o) }));
    show(def.id, resultFor(def, mode, o));
  };
  // every operation reloads the tab's reads afterwards (a preview writes its sheet, a post its run)
  const work = (id: string, label: string, body: () => Promise<void>) => {
    setActive(id);
    void op.run(label, async () => {
      try {
        await body();
      } finally {
        bump();
      }
    });
  };

  const runStep = (def: CloseStepDef, mode: Mode) =>
    work(def.id, `${mode === "preview" ? "Previewing" : "Running"} ${def.title} for ${period}`, async () =>
      remember(def, mode, await send("run-close-step", { period, step: def.id, mode, user: who })),
    );

  // Post: the proposal first (its preview sheet written), then the confirmation with what it will post
  const askPost = (def: CloseStepDef) =>
    work(def.id, `Preparing to post ${def.title} for ${period}`, async () => {
      const o = await send("run-close-step", { period, step: def.id, mode: "preview", user: who });
      if (o.status !== "ok" || !o.proposal) return remember(def, "preview", o);
      setConfirming({ def, summary: postSummary(o.proposal, accountNames, currency) });
    });

  // with a reason: the drafts override is audited first (postStep.ts), then the step posts
  const post = (def: CloseStepDef, reason: string) =>
    work(def.id, `Posting ${def.title} for ${period}`, async () => {
      setConfirming(undefined);
      const r = await postStep(send, { period, step: def.id, reason, user: who });
      if (r.override && VERIFY) remember(VERIFY, "post", r.override);
      if (r.outcome) remember(def, "post", r.outcome);
      else if (r.override)
        show(def.id, {
          title: def.title,
          intent: "error",
          sentence: `${def.title} was not posted: the drafts override failed (${r.override.summary}).`,
          issues: r.override.issues,
        });
    });

  // the same close as `closebook close` (closePeriod), keeping the steps already posted
  const runAll = (reason: string) =>
    work(RUN_ALL, `Closing ${period}`, async () => {
      setConfirming(undefined);
      const overrideDrafts = reason ? { overrideDrafts: { reason } } : {};
      const r = await send("close-period", {
        period,
        preview: false,
        posted: "keep",
        ...overrideDrafts,
        onStep: (def, o) => {
          remember(def, "post", o);
          op.step(`${def.title} done`); // the progress names the step just finished
        },
        user: who,
      });
      const lost = r.steps.find((s) => s.id === undefined);
      const failed = r.steps.find((s) => s.status === "failed");
      if (lost)
        show(RUN_ALL, {
          title: "Run all steps",
          intent: "error",
          sentence: `Run all steps failed: ${lost.summary}.`,
          issues: lost.issues,
        });
      else if (r.completed)
        show(RUN_ALL, {
          title: "Run all steps",
          intent: "success",
          sentence: `Every step of ${period} is done; the journal report and statements are written.`,
          issues: [],
        });
      else if (failed)
        show(RUN_ALL, {
          title: "Run all steps",
          intent: "error",
          sentence: `Stopped at ${failed.step}: ${failed.summary}. Its card shows the issues.`,
          issues: [],
        });
    });

  const reverse = (def: CloseStepDef, runId: string, reason: string) =>
    work(def.id, `Reversing ${runId}`, async () => {
      try {
        const r = await send("reverse-close-step", { runId, reason, user: who });
        if (r.posted) setMarks((m) => ({ ...m, [markKey(period, def.id)]: undefined }));
        show(def.id, reversedResult(def.title, runId, r));
      } finally {
        setReversing(undefined);
      }
    });

  const inCard = (id: string) => {
    const shown = results[markKey(period, id)]?.result;
    const unexpected = active === id && op.failure ? [op.failure] : [];
    return (
      <>
        {active === id ? <OperationProgress op={op} /> : null}
        {shown ? <TracePanel id={id} result={shown} accountNames={accountNames} /> : null}
        <IssueList issues={[...(shown?.issues ?? []), ...unexpected]} label={`Issues: ${shown?.title ?? id}`} />
      </>
    );
  };

  const reversingState = reversing ? stateOf(reversing) : undefined;
  const remainingPosts = CLOSE_STEPS.filter((def, i) => posts(def) && badges[i] !== "Posted").map((d) => d.title);
  return (
    <div className={styles.root}>
      {user ? null : <NeedsUser />}
      <div role="status" aria-live="polite" className={styles.hidden}>
        {announce}
      </div>
      <Field
        label="Period"
        hint={
          selected
            ? `Status: ${selected.status}${blocked && user ? ` — ${blocked}` : ""}`
            : choices
              ? "The calendar has no operating periods."
              : "Reading the calendar…"
        }
      >
        <Dropdown
          className={styles.dropdown}
          value={selected?.label ?? ""}
          selectedOptions={selected ? [selected.id] : []}
          disabled={op.busy || !choices?.length}
          onOptionSelect={(_, d) => {
            if (d.optionValue) setPeriod(d.optionValue);
            setActive(undefined);
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
          <Text as="p" className={styles.summary} aria-label="Close summary">
            {closeSummary(
              selected.name,
              selected.status,
              CLOSE_STEPS.map((def, i) => ({ title: def.title, badge: badges[i]! })),
            )}
          </Text>
          {overrideNeeded && selected.status === "Open" ? (
            <Caption1 className={styles.muted}>{overrideNeeded}</Caption1>
          ) : null}
          <ol className={styles.list} aria-label={`Close steps for ${selected.id}`}>
            {CLOSE_STEPS.map((def, i) => {
              const state = stateOf(def);
              const mark = marks[markKey(period, def.id)];
              return (
                <StepCard
                  key={def.id}
                  def={def}
                  badge={badges[i]!}
                  line={stepLine(def, state, mark)}
                  busy={op.busy}
                  blocked={blocked}
                  guard={posts(def) ? postGuard(guards, i) : undefined}
                  next={i === nextIndex}
                  signoff={signoffs.get(def.id)}
                  canReverse={posts(def) && state?.state === "posted"}
                  resultKey={results[markKey(period, def.id)]?.n}
                  onPreview={() => runStep(def, "preview")}
                  onPost={() => (posts(def) ? askPost(def) : runStep(def, "post"))}
                  onReverse={() => setReversing(def)}
                >
                  {inCard(def.id)}
                </StepCard>
              );
            })}
          </ol>
          <div className={styles.all}>
            <Button
              disabled={op.busy || blocked !== undefined}
              title={blocked}
              onClick={() =>
                setConfirming({
                  def: undefined,
                  what: remainingPosts.length
                    ? `Posts, in order: ${remainingPosts.join(", ")}; then writes the journal report and statements.`
                    : "Every posting step is posted: runs the checks and writes the journal report and statements.",
                })
              }
            >
              Run all steps
            </Button>
            <Caption1 as="p" className={styles.muted}>
              Posts, in order, every step not yet posted, and stops at the first that fails.
            </Caption1>
            {results[markKey(period, RUN_ALL)] ? (
              <Outcome
                intent={results[markKey(period, RUN_ALL)]!.result.intent}
                text={results[markKey(period, RUN_ALL)]!.result.sentence}
              />
            ) : null}
            {active === RUN_ALL ? inCard(RUN_ALL) : null}
          </div>
        </>
      ) : null}
      {active === undefined ? <OperationProgress op={op} /> : null}
      <IssueList issues={failure ? [failure] : []} label="Issues" />
      <ConfirmPostDialog
        open={confirming !== undefined}
        title={confirming?.def?.title ?? "all steps"}
        summary={confirming?.summary}
        what={confirming?.what}
        drafts={overrideNeeded}
        busy={op.busy}
        onPost={(reason) => (confirming?.def ? post(confirming.def, reason) : runAll(reason))}
        onCancel={() => setConfirming(undefined)}
      />
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
