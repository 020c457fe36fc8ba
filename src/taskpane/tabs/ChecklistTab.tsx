/**
 * The Checklist tab: a period's close checklist (issue #13). Tiles (past due,
 * due today, blocked, remaining), progress per area and per person, a "My
 * tasks" filter (the user chosen in the pane), and each task with its status,
 * due date (red when late), preparer and reviewer, what blocks it, its link
 * (a close step opens the Close tab; a range is selected in the workbook) and
 * Prepare / Review / Reopen / N/A with a note (a reason for Reopen and N/A),
 * signed through signChecklistTask as the pane's user — said plainly where
 * the user signs. "Generate checklist" when the period has none.
 *
 * Example: Period 2026-12, task T05 "Prepare" → note "bank statement agrees" → "Sign" →
 *   "T05 is now Prepared (RUN-000041)."; bob then "Review" → "T05 is now Reviewed (RUN-000042)."
 */
import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  Link,
  Option,
  Switch,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useMemo, useState } from "react";
import type { ChecklistView } from "../../app/paneViews";
import { sendOn, useSend } from "../shell/useSend";
import type { TaskAction } from "../../core/checklist/signoff";
import type { Issue } from "../../core/issues/issue";
import type { WorkbookPort } from "../../ports/workbook";
import {
  checklistView,
  needsReason,
  signedAsSentence,
  type Progress,
  type SignKind,
  type TaskLink,
  type TaskRow,
} from "../checklist/checklistModel";
import { usePaneEnv } from "../paneEnv";
import { IssueList } from "../shell/IssueList";
import { NeedsUser } from "../shell/NeedsUser";
import { OperationProgress } from "../shell/OperationProgress";
import { Outcome, type OutcomeValue } from "../shell/Outcome";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";
import { useWorkbookRead } from "../shell/useWorkbookRead";
import { periodLabel, plural } from "../shell/words";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  dropdown: { minWidth: 0, width: "100%", maxWidth: "240px" },
  tiles: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(90px, 1fr))",
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  tile: {
    display: "flex",
    flexDirection: "column",
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  number: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold },
  list: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  task: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "anywhere",
  },
  late: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  track: { height: "4px", backgroundColor: tokens.colorNeutralBackground5, borderRadius: tokens.borderRadiusSmall },
  fill: { height: "100%", backgroundColor: tokens.colorBrandBackground, borderRadius: tokens.borderRadiusSmall },
  buttons: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
});

const NO_MONTHS: ChecklistView["months"] = [];

const ACTION_TITLE: Record<SignKind, string> = { prepare: "Prepare", review: "Review", reopen: "Reopen", na: "N/A" };

/**
 * The tab's view of a period (undefined: the default one), computed in the command worker (no book sent to this
 * thread, #16): one read function per period, the same each time (the read cache keys on it).
 */
const checklistReads = new Map<string, (port: WorkbookPort) => Promise<ChecklistView>>();
function checklistRead(period: string | undefined): (port: WorkbookPort) => Promise<ChecklistView> {
  const key = period ?? "";
  let read = checklistReads.get(key);
  if (!read) checklistReads.set(key, (read = (port) => sendOn(port)("checklist-view", period ? { period } : {})));
  return read;
}

function action(kind: SignKind, note: string): TaskAction {
  const n = note.trim();
  if (kind === "reopen" || kind === "na") return { kind, reason: n };
  return n ? { kind, note: n } : { kind };
}

export function ChecklistTab() {
  const styles = useStyles();
  const env = usePaneEnv();
  const { user, bump, showTab } = usePaneSession();
  const op = useOperation();
  const send = useSend();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const read = useWorkbookRead("Reading the checklist", checklistRead(chosen));
  const [mine, setMine] = useState(false);
  const [signing, setSigning] = useState<{ task: string; kind: SignKind } | undefined>(undefined);
  const [note, setNote] = useState("");
  const [result, setResult] = useState<{ outcome: OutcomeValue; issues: readonly Issue[] } | undefined>(undefined);
  const [linkNote, setLinkNote] = useState<string | undefined>(undefined);

  const months = read.value?.months ?? NO_MONTHS;
  const periodId = chosen ?? read.value?.period ?? "";
  const period = months.find((p) => p.id === periodId);
  // the view read for another period (the one chosen is being read) is not shown as this one's
  const checklist = read.value?.period === periodId ? read.value.checklist : undefined;
  const me = user && read.value ? read.value.users.get(user.toLowerCase()) : undefined;
  const view = useMemo(() => (checklist ? checklistView(checklist.views, me, mine) : undefined), [checklist, me, mine]);

  const generate = async () => {
    if (!user || !period) return;
    setResult(undefined);
    const r = await op.run(`Generating the checklist of ${period.id}`, () =>
      send("generate-checklist", { period: period.id, user }),
    );
    if (!r) return;
    setResult({
      outcome: r.done
        ? {
            intent: "success",
            text: `Checklist of ${period.id}: ${plural(r.added ?? 0, "task")} added, ${r.updated ?? 0} refreshed from the template.`,
          }
        : { intent: "error", title: "Nothing was generated", text: `The checklist of ${period.id} stays as it was.` },
      issues: r.issues,
    });
    if (r.runId) bump();
  };

  const sign = async () => {
    if (!user || !period || !signing) return;
    const { task, kind } = signing;
    setResult(undefined);
    const r = await op.run(`${ACTION_TITLE[kind]} ${task}`, () =>
      send("sign-task", { period: period.id, task, action: action(kind, note), user }),
    );
    if (!r) return;
    setResult({
      outcome: r.done
        ? { intent: "success", text: `${task} is now ${r.task?.status ?? "signed"}${r.runId ? ` (${r.runId})` : ""}.` }
        : { intent: "error", title: `${ACTION_TITLE[kind]} refused`, text: `${task} stays as it was.` },
      issues: r.issues,
    });
    if (r.done) {
      setSigning(undefined);
      setNote("");
      bump();
    }
  };

  const follow = useCallback(
    (link: TaskLink) => {
      setLinkNote(undefined);
      if (link.kind === "step") showTab?.("close");
      else if (link.kind === "url") window.open(link.url, "_blank", "noopener");
      else if (env.openSheet)
        void env
          .openSheet(link.sheet, link.address)
          .then((ok) =>
            setLinkNote(ok ? undefined : `The range ${link.text} is not in this workbook (or its sheet is hidden).`),
          );
      else setLinkNote(`Select ${link.text} in the workbook.`);
    },
    [env, showTab],
  );

  return (
    <div className={styles.root}>
      {read.failure ? <IssueList issues={[read.failure]} label="The checklist could not be read" /> : null}
      <Field label="Period">
        <Dropdown
          className={styles.dropdown}
          value={period ? periodLabel(period) : periodId}
          selectedOptions={periodId ? [periodId] : []}
          onOptionSelect={(_, d) =>
            d.optionValue && (setChosen(d.optionValue), setSigning(undefined), setResult(undefined))
          }
        >
          {months.map((p) => (
            <Option key={p.id} value={p.id} text={periodLabel(p)}>
              {periodLabel(p)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {!user ? <NeedsUser /> : null}
      {checklist && view ? (
        checklist.tasks.length === 0 ? (
          <>
            <Outcome
              intent="info"
              text={`Period ${periodId} has no checklist yet. Generate it from the close template (tblCloseTemplate).`}
            />
            <div>
              <Button appearance="primary" disabled={op.busy || !user} onClick={() => void generate()}>
                Generate checklist
              </Button>
            </div>
          </>
        ) : (
          <>
            <ul className={styles.tiles} aria-label="Checklist tiles">
              <Tile label="Past due" value={view.tiles.pastDue} />
              <Tile label="Due today" value={view.tiles.dueToday} />
              <Tile label="Blocked" value={view.tiles.blocked} />
              <Tile label="Remaining" value={view.tiles.remaining} />
            </ul>
            <Switch
              label={user ? `My tasks (${user})` : "My tasks"}
              checked={mine}
              disabled={!user}
              onChange={(_, d) => setMine(d.checked)}
            />
            <ProgressList title="Progress by area" items={view.byArea} />
            <ProgressList title="Progress by person (who acts next)" items={view.byPerson} />
            {checklist.issues.length ? (
              <IssueList issues={checklist.issues} label="Sign-offs without their audit row" />
            ) : null}
            {linkNote ? <Outcome intent="warning" text={linkNote} /> : null}
            {view.rows.length === 0 ? (
              <Text className={styles.muted}>{mine ? `No task of ${periodId} is yours.` : "No tasks."}</Text>
            ) : null}
            <ul className={styles.list} aria-label="Checklist tasks">
              {view.rows.map((r) => (
                <li key={r.id} className={styles.task} aria-label={`Task ${r.id}`}>
                  <TaskLines row={r} onLink={follow} />
                  {user ? (
                    <div className={styles.buttons} role="group" aria-label={`Sign ${r.id}`}>
                      {(Object.keys(ACTION_TITLE) as SignKind[]).map((k) => (
                        <Button
                          key={k}
                          size="small"
                          appearance={signing?.task === r.id && signing.kind === k ? "primary" : "secondary"}
                          disabled={op.busy || !r.can[k]}
                          aria-label={`${ACTION_TITLE[k]} ${r.id}`}
                          onClick={() => (setSigning({ task: r.id, kind: k }), setNote(""), setResult(undefined))}
                        >
                          {ACTION_TITLE[k]}
                        </Button>
                      ))}
                    </div>
                  ) : null}
                  {user && signing?.task === r.id ? (
                    <>
                      <Field
                        label={needsReason(signing.kind) ? "Reason (required)" : "Note (optional)"}
                        hint={signedAsSentence(user)}
                      >
                        <Textarea value={note} resize="vertical" onChange={(_, d) => setNote(d.value)} />
                      </Field>
                      <div className={styles.buttons}>
                        <Button
                          appearance="primary"
                          disabled={op.busy || (needsReason(signing.kind) && !note.trim())}
                          onClick={() => void sign()}
                        >
                          {`Sign: ${ACTION_TITLE[signing.kind]} ${r.id}`}
                        </Button>
                        <Button disabled={op.busy} onClick={() => setSigning(undefined)}>
                          Cancel
                        </Button>
                      </div>
                    </>
                  ) : null}
                  {signing?.task === r.id && result ? (
                    <>
                      <Outcome {...result.outcome} />
                      <IssueList issues={result.issues} label="Sign-off issues" />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )
      ) : null}
      {op.busy ? <OperationProgress op={op} /> : null}
      {result && !signing ? (
        <>
          <Outcome {...result.outcome} />
          <IssueList issues={result.issues} label="Checklist issues" />
        </>
      ) : null}
      {op.failure ? <IssueList issues={[op.failure]} label="Operation stopped" /> : null}
    </div>
  );
}

function Tile({ label, value }: { readonly label: string; readonly value: number }) {
  const styles = useStyles();
  return (
    <li className={styles.tile} aria-label={`${label}: ${value}`}>
      <span className={styles.number}>{value}</span>
      <Caption1>{label}</Caption1>
    </li>
  );
}

function ProgressList({ title, items }: { readonly title: string; readonly items: readonly Progress[] }) {
  const styles = useStyles();
  return (
    <Field label={title}>
      <ul style={{ margin: 0, padding: 0, listStyleType: "none" }}>
        {items.map((p) => (
          <li key={p.name}>
            <Caption1>{p.text}</Caption1>
            {/* a plain bar, not role="progressbar": that role means "the pane is busy" (OperationProgress) */}
            <div className={styles.track} aria-hidden="true">
              <div className={styles.fill} style={{ width: `${p.percent}%` }} />
            </div>
          </li>
        ))}
      </ul>
    </Field>
  );
}

function TaskLines({ row: r, onLink }: { readonly row: TaskRow; readonly onLink: (l: TaskLink) => void }) {
  const styles = useStyles();
  return (
    <>
      <Text weight="semibold">
        {r.id} · {r.title}{" "}
        <Badge
          appearance="tint"
          color={
            r.status === "Reviewed" || r.status === "N/A"
              ? "success"
              : r.status === "Prepared"
                ? "brand"
                : r.changed
                  ? "danger"
                  : "informative"
          }
        >
          {r.status}
        </Badge>
      </Text>
      <Caption1>
        {r.area} ·{" "}
        <span className={r.late ? styles.late : undefined}>{r.late ? `Due ${r.due} (late)` : `Due ${r.due}`}</span> ·
        Preparer {r.preparer} · Reviewer {r.reviewer}
      </Caption1>
      {r.signed.length ? <Caption1 className={styles.muted}>{r.signed.join(" · ")}</Caption1> : null}
      {r.blocker ? <Caption1 className={styles.late}>{r.blocker}</Caption1> : null}
      {r.changed ? <Caption1 className={styles.late}>{r.changed}</Caption1> : null}
      {r.reason ? <Caption1 className={styles.muted}>Reason: {r.reason}</Caption1> : null}
      {r.link ? (
        <Link as="button" onClick={() => onLink(r.link!)}>
          {r.link.text}
        </Link>
      ) : null}
    </>
  );
}
