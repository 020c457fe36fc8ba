/**
 * The confirmation before a close step posts: what will be posted (vouchers,
 * ledger lines, total debit, the accounts), and — while the period still has
 * draft journal lines — the override: a required "Override reason" kept in the
 * audit log, as the CLI's `close --override`. Buttons "Post now" and "Cancel".
 *
 * Example: <ConfirmPostDialog open title="Revaluation" summary={{ vouchers: 1, lines: 2, totalDebit: "USD 4,165.34", accounts: ["1010 Bank EUR", "7100 FX loss"] }}
 *            drafts={undefined} onPost={(reason) => …} onCancel={…} />
 */
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import { ReasonDialog } from "../shell/ReasonDialog";
import { postSummaryLine, type PostSummary } from "./closeGuards";

export interface ConfirmPostDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly summary: PostSummary | undefined;
  /** a sentence instead of (or before) the summary, e.g. what Run all steps will post */
  readonly what?: string | undefined;
  /** the drafts warning (closeGuards.draftsWarning) when an override is needed */
  readonly drafts: string | undefined;
  readonly busy: boolean;
  /** the override reason ("" when none is needed) */
  onPost(reason: string): void;
  onCancel(): void;
}

export function ConfirmPostDialog({
  open,
  title,
  summary,
  what,
  drafts,
  busy,
  onPost,
  onCancel,
}: ConfirmPostDialogProps) {
  return (
    <ReasonDialog
      open={open}
      title={`Post ${title}?`}
      reasonLabel={drafts ? "Override reason" : undefined}
      confirm="Post now"
      busy={busy}
      onConfirm={onPost}
      onCancel={onCancel}
    >
      {what ? <p>{what}</p> : null}
      {summary ? (
        <>
          <p>Will post {postSummaryLine(summary)}.</p>
          {summary.accounts.length ? <p>Accounts: {summary.accounts.join(", ")}.</p> : null}
        </>
      ) : null}
      {drafts ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{drafts}</MessageBarBody>
        </MessageBar>
      ) : null}
    </ReasonDialog>
  );
}
