/**
 * One close step in the Close tab's list: its title (h3), a status badge
 * ("Not run", "Previewed", "Posted", "Reversed", "Failed", "Done", "Skipped"),
 * one line saying what it did or is for, and its buttons — for a step that
 * posts, "Preview <title>", "Post <title>" and, while it has a posted run,
 * "Reverse <title>"; for a check or report step, one "Run <title>". Post is
 * disabled, with the reason under the buttons, when the step is posted or an
 * earlier step failed (closeGuards.postGuard); only the next step's button is
 * primary. What the step did last (its result, trace and issues) is shown
 * inside the card (`children`), and the card scrolls into view when it changes.
 *
 * Example: <StepCard def={revaluation} badge="Posted" line="Posted as RUN-000004 (GL-000012) on 2026-04-02 by bob." canReverse … />
 */
import { Badge, Button, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useEffect, useRef, type ReactNode } from "react";
import type { CloseStepDef } from "../../app/closeStepByStep";
import { badgeColor, posts, type BadgeText } from "./closeTabState";

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  head: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  title: { margin: 0, overflowWrap: "anywhere" },
  line: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  guard: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
});

export interface StepCardProps {
  readonly def: CloseStepDef;
  readonly badge: BadgeText;
  readonly line: string;
  readonly busy: boolean;
  /** why Post (and Reverse) cannot be pressed now, shown as the buttons' title; undefined when they can */
  readonly blocked: string | undefined;
  readonly canReverse: boolean;
  /** why this step's Post is disabled (posted already, an earlier step failed), shown under the buttons */
  readonly guard?: string | undefined;
  /** the next step to do: its main button is the primary one */
  readonly next?: boolean;
  /** what the step did last: result, trace, issues */
  /** the checklist task signing this step: "T04 Reviewed · prepared by closebook · reviewed by bob" */
  readonly signoff?: string | undefined;
  readonly children?: ReactNode;
  /** changes when a new result arrives: the card scrolls into view */
  readonly resultKey?: number;
  onPreview(): void;
  onPost(): void;
  onReverse(): void;
}

export function StepCard({
  def,
  badge,
  line,
  busy,
  blocked,
  canReverse,
  guard,
  next = false,
  signoff,
  children,
  resultKey,
  onPreview,
  onPost,
  onReverse,
}: StepCardProps) {
  const styles = useStyles();
  const id = `close-step-${def.id}`;
  const card = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (resultKey) card.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [resultKey]);
  const postReason = blocked ?? guard;
  return (
    <li className={styles.item} aria-labelledby={id} ref={card}>
      <div className={styles.head}>
        <Subtitle2 as="h3" id={id} className={styles.title}>
          {def.title}
        </Subtitle2>
        <Badge appearance="tint" color={badgeColor(badge)} data-step-badge="">
          {badge}
        </Badge>
      </div>
      <Caption1 className={styles.line}>{line}</Caption1>
      {signoff ? (
        <Caption1 className={styles.line} data-step-signoff="">
          Checklist: {signoff}
        </Caption1>
      ) : null}
      <div className={styles.buttons}>
        {posts(def) ? (
          <>
            <Button size="small" aria-label={`Preview ${def.title}`} disabled={busy} onClick={onPreview}>
              Preview
            </Button>
            <Button
              size="small"
              appearance={next ? "primary" : "secondary"}
              aria-label={`Post ${def.title}`}
              aria-describedby={guard && !blocked ? `${id}-guard` : undefined}
              disabled={busy}
              disabledFocusable={!busy && postReason !== undefined}
              title={postReason}
              onClick={onPost}
            >
              Post
            </Button>
          </>
        ) : (
          // a check or report posts nothing: one button runs it
          <Button
            size="small"
            appearance={next ? "primary" : "secondary"}
            aria-label={`Run ${def.title}`}
            disabled={busy}
            onClick={onPost}
          >
            Run
          </Button>
        )}
        {canReverse ? (
          <Button
            size="small"
            aria-label={`Reverse ${def.title}`}
            disabled={busy}
            disabledFocusable={!busy && blocked !== undefined}
            title={blocked}
            onClick={onReverse}
          >
            Reverse
          </Button>
        ) : null}
      </div>
      {guard && !blocked && posts(def) ? (
        <Caption1 id={`${id}-guard`} className={styles.guard}>
          {guard}
        </Caption1>
      ) : null}
      {children}
    </li>
  );
}
