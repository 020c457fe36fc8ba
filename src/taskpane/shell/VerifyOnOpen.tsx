/**
 * "Verify on open": recomputes every seal and the audit log's chain once when
 * the pane opens a set-up workbook (after the first tab has read what it shows), and again after every lock change (a hold
 * seals a period: the count moves), and says so — a success line with the
 * number of sealed periods, or an error with each issue (located, clickable).
 *
 * Example: <VerifyOnOpen /> → "Seals and audit log verified (3 sealed periods)"
 *   or "Verification found 1 problem" + "Entry 17 in sealed period 2026-03 was changed (Amount)…"
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { hasErrors } from "../../core/issues/issue";
import type { VerifyResult } from "../../app/verifyWorkbook";
import { usePaneEnv } from "../paneEnv";
import { useSend } from "./useSend";
import { IssueList } from "./IssueList";
import { OperationProgress } from "./OperationProgress";
import { usePaneSession } from "./session";
import { afterFirstRead } from "./readCache";
import { useOperation } from "./useOperation";

/** how long the verification on open waits for the first tab's read at most */
const FIRST_TAB_WAIT_MS = 5000;
import { verifiedSentence } from "./workbookModel";

export function VerifyOnOpen() {
  const { port } = usePaneEnv();
  const send = useSend();
  const { locksChanged } = usePaneSession();
  const op = useOperation();
  const { run } = op;
  const [result, setResult] = useState<VerifyResult | undefined>(undefined);
  const opened = useRef(false);

  useEffect(() => {
    let live = true;
    // on open, the first tab is read first (it is what the user waits for); a lock change verifies at once
    const ready = opened.current ? Promise.resolve() : afterFirstRead(port, FIRST_TAB_WAIT_MS);
    opened.current = true;
    void ready
      .then(() => (live ? run("Verifying seals and the audit log", () => send("verify", {})) : undefined))
      .then((r) => {
        if (live && r) setResult(r);
      });
    return () => {
      live = false;
    };
  }, [port, send, run, locksChanged]);

  if (op.busy) return <OperationProgress op={op} />;
  if (op.failure) return <IssueList issues={[op.failure]} label="Verification stopped" />;
  if (!result) return null;
  const errors = result.issues.filter((i) => i.severity === "error").length;
  const warnings = result.issues.length - errors;
  if (!hasErrors(result.issues)) {
    return (
      <>
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{verifiedSentence(result.sealedPeriods)}</MessageBarBody>
        </MessageBar>
        {warnings ? <IssueList issues={result.issues} label="Verification warnings" /> : null}
      </>
    );
  }
  return (
    <>
      <MessageBar intent="error" layout="multiline" politeness="assertive">
        <MessageBarBody>
          <MessageBarTitle>Verification found {errors === 1 ? "1 problem" : `${errors} problems`}</MessageBarTitle>
          Something changed in sealed periods or the audit log outside Closebook. Click a problem to see its cell.
        </MessageBarBody>
      </MessageBar>
      <IssueList issues={result.issues} label="Verification problems" />
    </>
  );
}
