/**
 * One close step in the Close tab's list: its title (h3), a status badge
 * ("Not run", "Previewed", "Posted", "Reversed", "Failed", "Done", "Skipped"),
 * one line saying what it did or is for, and its buttons — for a step that
 * posts, "Preview <title>", "Post <title>" and, while it has a posted run,
 * "Reverse <title>"; for a check or report step, one "Run <title>".
 *
 * Example: <StepCard def={revaluation} badge="Posted" line="Posted as RUN-000004 (GL-000012) on 2026-04-02 by bob." canReverse … />
 */
import { Badge, Button, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
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
  head: { display: "flex", alignItems: "center", justifyContent: "space-between", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  title: { margin: 0, overflowWrap: "anywhere" },
  line: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
});

export interface StepCardProps {
  readonly def: CloseStepDef;
  readonly badge: BadgeText;
  readonly line: string;
  readonly busy: boolean;
  /** why Post (and Reverse) cannot be pressed now, shown as the buttons' title; undefined when they can */
  readonly blocked: string | undefined;
  readonly canReverse: boolean;
  onPreview(): void;
  onPost(): void;
  onReverse(): void;
}

export function StepCard({ def, badge, line, busy, blocked, canReverse, onPreview, onPost, onReverse }: StepCardProps) {
  const styles = useStyles();
  const id = `close-step-${def.id}`;
  return (
    <li className={styles.item} aria-labelledby={id}>
      <div className={styles.head}>
        <Subtitle2 as="h3" id={id} className={styles.title}>
          {def.title}
        </Subtitle2>
        <Badge appearance="tint" color={badgeColor(badge)}>
          {badge}
        </Badge>
      </div>
      <Caption1 className={styles.line}>
        {line}
      </Caption1>
      <div className={styles.buttons}>
        {posts(def) ? (
          <>
            <Button size="small" aria-label={`Preview ${def.title}`} disabled={busy} onClick={onPreview}>
              Preview
            </Button>
            <Button size="small" appearance={canReverse ? "secondary" : "primary"} aria-label={`Post ${def.title}`} disabled={busy} disabledFocusable={!busy && blocked !== undefined} title={blocked} onClick={onPost}>
              Post
            </Button>
          </>
        ) : (
          // a check or report posts nothing: one button runs it
          <Button size="small" aria-label={`Run ${def.title}`} disabled={busy} onClick={onPost}>
            Run
          </Button>
        )}
        {canReverse ? (
          <Button size="small" aria-label={`Reverse ${def.title}`} disabled={busy} disabledFocusable={!busy && blocked !== undefined} title={blocked} onClick={onReverse}>
            Reverse
          </Button>
        ) : null}
      </div>
    </li>
  );
}
