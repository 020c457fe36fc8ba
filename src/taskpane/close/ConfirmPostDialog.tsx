/**
 * The confirmation before a close step posts: what will be posted (vouchers,
 * ledger lines, total debit, the accounts), and — while the period still has
 * draft journal lines — the override: a required "Override reason" kept in the
 * audit log, as the CLI's `close --override`. Buttons "Post now" and "Cancel".
 *
 * Example: <ConfirmPostDialog open title="Revaluation" summary={{ vouchers: 1, lines: 2, totalDebit: "USD 4,165.34", accounts: ["1010 Bank EUR", "7100 FX loss"] }}
 *            drafts={undefined} onPost={(reason) => …} onCancel={…} />
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Textarea,
} from "@fluentui/react-components";
import { useState } from "react";
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
  const [reason, setReason] = useState("");
  const close = () => {
    setReason("");
    onCancel();
  };
  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : close())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Post {title}?</DialogTitle>
          <DialogContent>
            {what ? <p>{what}</p> : null}
            {summary ? (
              <>
                <p>Will post {postSummaryLine(summary)}.</p>
                {summary.accounts.length ? <p>Accounts: {summary.accounts.join(", ")}.</p> : null}
              </>
            ) : null}
            {drafts ? (
              <>
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>{drafts}</MessageBarBody>
                </MessageBar>
                <Field label="Override reason" required>
                  <Textarea value={reason} onChange={(_, d) => setReason(d.value)} resize="vertical" />
                </Field>
              </>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={busy || (drafts !== undefined && reason.trim() === "")}
              onClick={() => {
                onPost(drafts ? reason.trim() : "");
                setReason("");
              }}
            >
              Post now
            </Button>
            <Button onClick={close}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
