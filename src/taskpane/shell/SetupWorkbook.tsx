/**
 * Shown when the workbook has no Closebook tables: says so, and offers to set
 * it up with the starter setup (settings, currencies, a small chart of
 * accounts, users alice/bob/admin and one fiscal year), as `closebook init` does.
 *
 * Example: company "Acme", currency USD, year 2026, start month 1 →
 *   "Set up this workbook" creates tblSettings … tblAudit, then onDone() reloads the pane.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import { starterSetup } from "../../app/commands/values";
import { usePaneEnv } from "../paneEnv";
import { useSend } from "./useSend";
import { IssueList } from "./IssueList";
import { OperationProgress } from "./OperationProgress";
import { useOperation } from "./useOperation";
import { parseSetupForm, type SetupForm } from "./setupForm";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, minWidth: 0 },
  pair: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  half: { flexGrow: 1, flexBasis: "120px", minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
});

export function SetupWorkbook({ onDone }: { onDone(): void }) {
  const styles = useStyles();
  const env = usePaneEnv();
  const send = useSend();
  const op = useOperation();
  const [form, setForm] = useState<SetupForm>(() => ({
    company: "",
    currency: "USD",
    year: env.clock.now().slice(0, 4),
    startMonth: "1",
  }));
  const parsed = parseSetupForm(form);
  const [showErrors, setShowErrors] = useState(false);
  const err = (k: keyof SetupForm) =>
    showErrors && parsed.errors[k] ? { validationState: "error" as const, validationMessage: parsed.errors[k] } : {};
  const set = (k: keyof SetupForm) => (_: unknown, d: { value: string }) => setForm((f) => ({ ...f, [k]: d.value }));

  const submit = () => {
    setShowErrors(true);
    const opts = parsed.options;
    if (!opts) return;
    void op
      .run("Setting up the workbook", async () => {
        await send("setup-workbook", { data: starterSetup(opts) });
        return true;
      })
      .then((ok) => {
        if (ok) onDone();
      });
  };

  return (
    <section aria-label="Set up" className={styles.form}>
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This workbook is not set up for Closebook</MessageBarTitle>
          It has no Closebook tables (tblSettings, tblAccounts, tblLedger, …). Open a Closebook workbook, or set this
          one up with a starter chart of accounts and one fiscal year.
        </MessageBarBody>
      </MessageBar>
      <Field label="Company" required {...err("company")}>
        <Input className={styles.input} value={form.company} onChange={set("company")} />
      </Field>
      <div className={styles.pair}>
        <Field label="Accounting currency" className={styles.half} required {...err("currency")}>
          <Input className={styles.input} value={form.currency} maxLength={3} onChange={set("currency")} />
        </Field>
        <Field label="First fiscal year" className={styles.half} required {...err("year")}>
          <Input className={styles.input} type="number" value={form.year} onChange={set("year")} />
        </Field>
        <Field label="Start month (1–12)" className={styles.half} required {...err("startMonth")}>
          <Input
            className={styles.input}
            type="number"
            min={1}
            max={12}
            value={form.startMonth}
            onChange={set("startMonth")}
          />
        </Field>
      </div>
      <div>
        <Button appearance="primary" disabled={op.busy} onClick={submit}>
          Set up this workbook
        </Button>
      </div>
      <OperationProgress op={op} />
      {op.failure ? <IssueList issues={[op.failure]} label="Setup stopped" /> : null}
    </section>
  );
}
