/**
 * The Periods tab: the fiscal calendar (period, dates, status, access, seal),
 * a "Period" Dropdown, and the actions that apply to its status — "Put on
 * hold", "Reopen", "Close permanently", "Change access" — each confirmed in a
 * dialog with a reason and run through changePeriod; then "Verify seals".
 * After a hold or close it shows the seal chain's head and the seal receipt
 * (copy or download it, keep it outside the workbook); "Check receipt" checks
 * the workbook against a pasted or uploaded receipt, with an optional HMAC key
 * (the same check as `closebook verify --receipt`). "Publish" downloads the
 * period as a read-only workbook (periods/PublishPanel.tsx).
 *
 * Example: Period 2026-03, "Put on hold", Reason "March close", Confirm →
 *   "Period 2026-03 is on hold as RUN-000004: sealed 61 ledger rows (hash 5f3a9c0e…)."
 */
import { Button, Dropdown, Field, Input, Option, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { SealReceipt } from "../../core/seal/receipt";
import type { PeriodAction } from "../../core/calendar/periodChange";
import { hasErrors, type Issue } from "../../core/issues/issue";
import { useSend } from "../shell/useSend";
import { CalendarTable } from "../periods/CalendarTable";
import { PeriodActionDialog } from "../periods/PeriodActionDialog";
import { PublishPanel } from "../periods/PublishPanel";
import {
  ACTION_TITLES,
  actionsFor,
  changedSentence,
  defaultPeriod,
  type PeriodActionKind,
} from "../periods/periodModel";
import { chainHeadSentence, keyFromInput, receiptFileName, receiptOutcome, receiptText } from "../periods/receiptModel";
import { useCalendar } from "../periods/useCalendar";
import { IssueList } from "../shell/IssueList";
import { NeedsUser } from "../shell/NeedsUser";
import { OperationProgress } from "../shell/OperationProgress";
import { Outcome, type OutcomeValue } from "../shell/Outcome";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";
import { verifiedSentence } from "../shell/workbookModel";
import { periodLabel } from "../shell/words";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  dropdown: { minWidth: 0, width: "100%", maxWidth: "240px" },
});

const VERIFYING = "Verifying seals";
const CHECKING = "Checking the receipt";
const KINDS: readonly PeriodActionKind[] = ["hold", "reopen", "close", "access"];

export function PeriodsTab() {
  const styles = useStyles();
  const send = useSend();
  const { user, bump, bumpLocks } = usePaneSession();
  const op = useOperation();
  const calendar = useCalendar();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [asking, setAsking] = useState<PeriodActionKind | undefined>(undefined);
  const [result, setResult] = useState<
    | {
        readonly from: "action" | "verify" | "receipt";
        readonly outcome: OutcomeValue;
        readonly issues: readonly Issue[];
      }
    | undefined
  >(undefined);
  const [sealed, setSealed] = useState<SealReceipt | undefined>(undefined);
  const [pasted, setPasted] = useState("");
  const [key, setKey] = useState("");

  const rows = calendar.view?.rows ?? [];
  const periodId = chosen ?? defaultPeriod(rows.map((r) => r.period));
  const selected = rows.find((r) => r.period.id === periodId)?.period;
  const allowed = selected ? actionsFor(selected.status) : undefined;
  const verifying = op.progress?.label === VERIFYING || op.progress?.label === CHECKING;

  const confirm = async (action: PeriodAction) => {
    if (!user) return;
    setResult(undefined);
    setSealed(undefined);
    const seals = action.kind === "hold" || action.kind === "close";
    const r = await op.run(`${ACTION_TITLES[asking ?? "hold"]} ${action.period}`, async () => {
      const changed = await send("change-period", { action, user });
      const signWith = keyFromInput(key);
      const receipt =
        changed.done && seals
          ? await send("seal-receipt", {
              period: action.period,
              user,
              ...(signWith !== undefined ? { key: signWith } : {}),
            })
          : undefined;
      return { ...changed, receipt };
    });
    setAsking(undefined);
    // the selection stays on the period just acted on (not the next default)
    setChosen(action.period);
    if (!r) return;
    setSealed(r.receipt);
    const outcome: OutcomeValue = r.done
      ? {
          intent: "success",
          text: changedSentence(
            action.kind as PeriodActionKind,
            action.period,
            r,
            action.kind === "access" ? action.access : undefined,
          ),
        }
      : {
          intent: "error",
          title: "Nothing was changed",
          text: `Period ${action.period} stays as it was.${r.refusalRecorded ? " The refusal was recorded in the audit log." : ""}`,
        };
    setResult({ from: "action", outcome, issues: r.issues });
    if (r.done || r.refusalRecorded) bump();
    if (r.done) bumpLocks();
  };

  const verify = async () => {
    setResult(undefined);
    const r = await op.run(VERIFYING, () => send("verify", {}));
    if (!r) return;
    const errors = r.issues.filter((i) => i.severity === "error").length;
    const outcome: OutcomeValue = hasErrors(r.issues)
      ? {
          intent: "error",
          title: "Verification found problems",
          text: `${errors} problem${errors === 1 ? "" : "s"} in sealed periods or the audit log. Click one to see its cell.`,
        }
      : { intent: "success", text: verifiedSentence(r.sealedPeriods) };
    setResult({ from: "verify", outcome, issues: r.issues });
  };

  const checkReceipt = async () => {
    setResult(undefined);
    const signWith = keyFromInput(key);
    const r = await op.run(CHECKING, () =>
      send("verify-receipt", {
        text: pasted,
        source: "the receipt",
        ...(signWith !== undefined ? { key: signWith } : {}),
      }),
    );
    if (!r) return;
    setResult({ from: "receipt", outcome: receiptOutcome(r), issues: [...r.issues, ...r.receiptIssues] });
  };

  const upload = (file: File | undefined) => {
    if (file) void file.text().then(setPasted);
  };

  const download = (receipt: SealReceipt) => {
    const url = URL.createObjectURL(new Blob([receiptText(receipt)], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = receiptFileName(receipt);
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className={styles.root}>
      {calendar.failure ? <IssueList issues={[calendar.failure]} label="The calendar could not be read" /> : null}
      <Field label="Period">
        <Dropdown
          className={styles.dropdown}
          value={selected ? periodLabel(selected) : periodId}
          selectedOptions={periodId ? [periodId] : []}
          onOptionSelect={(_, d) => d.optionValue && setChosen(d.optionValue)}
        >
          {rows.map(({ period: p }) => (
            <Option key={p.id} value={p.id} text={periodLabel(p)}>
              {periodLabel(p)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {!user ? (
        <NeedsUser />
      ) : (
        <div className={styles.buttons} role="group" aria-label="Period actions">
          {KINDS.map((k) => (
            <Button
              key={k}
              appearance={k === "hold" ? "primary" : "secondary"}
              disabled={op.busy || !allowed?.[k]}
              onClick={() => setAsking(k)}
            >
              {ACTION_TITLES[k]}
            </Button>
          ))}
        </div>
      )}
      {user ? <PublishPanel period={selected} user={user} op={op} /> : null}
      {selected?.status === "Permanently closed" ? (
        <Outcome intent="info" text={`Period ${selected.id} is permanently closed: nothing about it can change.`} />
      ) : null}
      {op.busy && !verifying ? <OperationProgress op={op} /> : null}
      {result?.from === "action" ? (
        <Result outcome={result.outcome} issues={result.issues} label="Period issues" />
      ) : null}
      {sealed ? (
        <>
          <Outcome intent="info" title="Seal receipt" text={chainHeadSentence(sealed)} />
          <Field label="Receipt">
            <Textarea readOnly value={receiptText(sealed)} resize="vertical" />
          </Field>
          <div>
            <Button onClick={() => download(sealed)}>Download receipt</Button>
          </div>
        </>
      ) : null}
      {calendar.view ? <CalendarTable rows={rows} selected={periodId} /> : null}
      <div>
        <Button disabled={op.busy} onClick={() => void verify()}>
          Verify seals
        </Button>
      </div>
      {verifying ? <OperationProgress op={op} /> : null}
      {result?.from === "verify" ? (
        <Result outcome={result.outcome} issues={result.issues} label="Verification issues" />
      ) : null}
      <Field label="Seal receipt to check" hint="Paste the JSON receipt kept from a hold or close, or upload its file.">
        <Textarea value={pasted} resize="vertical" onChange={(_, d) => setPasted(d.value)} />
      </Field>
      <input
        type="file"
        accept=".json,application/json"
        aria-label="Upload a seal receipt"
        onChange={(e) => upload(e.target.files?.[0])}
      />
      <Field
        label="Receipt key (optional)"
        hint="Signs new receipts and checks a receipt's signature. Keep it outside the workbook."
      >
        <Input type="password" value={key} onChange={(_, d) => setKey(d.value)} />
      </Field>
      <div>
        <Button disabled={op.busy || !pasted.trim()} onClick={() => void checkReceipt()}>
          Check receipt
        </Button>
      </div>
      {result?.from === "receipt" ? (
        <Result outcome={result.outcome} issues={result.issues} label="Receipt issues" />
      ) : null}
      {op.failure ? <IssueList issues={[op.failure]} label="Operation stopped" /> : null}
      <PeriodActionDialog
        kind={user ? asking : undefined}
        period={periodId}
        currentAccess={selected?.access ?? ""}
        accessChoices={calendar.view?.access ?? []}
        busy={op.busy}
        onCancel={() => setAsking(undefined)}
        onConfirm={(a) => void confirm(a)}
      />
    </div>
  );
}

function Result({
  outcome,
  issues,
  label,
}: {
  readonly outcome: OutcomeValue;
  readonly issues: readonly Issue[];
  readonly label: string;
}) {
  return (
    <>
      <Outcome {...outcome} />
      <IssueList issues={issues} label={label} />
    </>
  );
}
