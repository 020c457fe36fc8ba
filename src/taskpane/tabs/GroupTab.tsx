/**
 * The Group tab. In a group workbook (setting "Consolidation company" = yes): choose
 * package files (read as text with the app's package reader), a period, then
 * Preview / Post / Reverse the consolidation (the close step "consolidation", as
 * `closebook consolidate`); one row per entity with its package, status, draft or
 * sealed, translated totals, CTA and elimination differences; issues clickable.
 * In an entity workbook: "Export consolidation package" for a period and entity id
 * (a CSV download, as `closebook package`; an Open period only as a draft).
 *
 * Example (group): choose us.csv, uk.csv; Period 2026-03; Post
 *   → "Consolidation 2026-03 posted: posted 3 vouchers (41 lines) as RUN-000004. Worksheet "Consolidation 2026-03", every check line 0."
 */
import {
  Body1,
  Button,
  Checkbox,
  Dropdown,
  Field,
  Input,
  Option,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState, type ChangeEvent } from "react";
import { packageText } from "../../app/commands/groupValues";
import type { ConsolidateOutcome } from "../../app/consolidation/consolidateGroup";
import { CONSOLIDATION_STEPS } from "../../core/close/steps";
import type { EntityPackage } from "../../core/consolidation/model";
import { hasErrors, type Issue } from "../../core/issues/issue";
import type { WorkbookPort } from "../../ports/workbook";
import { EntityTable } from "../group/EntityTable";
import { consolidationOutcome, entityRows, packageFileName, readPackages, type ChosenFile } from "../group/groupModel";
import { sendOn, useSend } from "../shell/useSend";
import { IssueList } from "../shell/IssueList";
import { NeedsUser } from "../shell/NeedsUser";
import { OperationProgress } from "../shell/OperationProgress";
import { Outcome, type OutcomeValue } from "../shell/Outcome";
import { usePaneSession } from "../shell/session";
import { useOperation } from "../shell/useOperation";
import { useWorkbookRead } from "../shell/useWorkbookRead";
import { periodLabel } from "../shell/words";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, minWidth: 0 },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  dropdown: { minWidth: 0, width: "100%", maxWidth: "240px" },
});

/** the tab's view, computed in the command worker from the setup alone (no book sent to this thread, #16) */
const readGroup = (port: WorkbookPort) => sendOn(port)("group-view", {});

interface Shown {
  readonly outcome: OutcomeValue;
  readonly issues: readonly Issue[];
  readonly consolidated?: ConsolidateOutcome;
}

export function GroupTab() {
  const styles = useStyles();
  const send = useSend();
  const { user, bump } = usePaneSession();
  const op = useOperation();
  const { value: info, failure } = useWorkbookRead("Reading the workbook", readGroup);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [files, setFiles] = useState<readonly ChosenFile[]>([]);
  const [draft, setDraft] = useState(false);
  const [entityId, setEntityId] = useState("");
  const [reason, setReason] = useState("");
  const [shown, setShown] = useState<Shown | undefined>(undefined);

  const periods = info?.periods ?? [];
  const periodId = chosen ?? periods.find((p) => p.status === "Open")?.id ?? periods[0]?.id ?? "";
  const selected = periods.find((p) => p.id === periodId);
  const read = useMemo(() => readPackages(files), [files]);

  const choose = (e: ChangeEvent<HTMLInputElement>) => {
    const list = [...(e.target.files ?? [])];
    void Promise.all(list.map(async (f) => ({ name: f.name, text: await f.text() }))).then(setFiles);
  };

  const consolidateNow = async (mode: "preview" | "post") => {
    if (!user) return;
    setShown(undefined);
    if (hasErrors(read.issues))
      return setShown({
        outcome: {
          intent: "error",
          title: "Nothing was consolidated",
          text: "A chosen file is not a readable package.",
        },
        issues: read.issues,
      });
    const r = await op.run(`${mode === "preview" ? "Previewing" : "Posting"} the consolidation of ${periodId}`, () =>
      send("consolidate", { period: periodId, mode, packages: read.packages, user }),
    );
    if (!r) return;
    setShown({
      outcome: consolidationOutcome(r, periodId, mode),
      issues: [...read.issues, ...r.issues],
      consolidated: r,
    });
    if (mode === "post" && r.status === "ok") bump();
    else if (r.sheet) bump();
  };

  const reverse = async () => {
    if (!user) return;
    setShown(undefined);
    const r = await op.run(`Reversing the consolidation of ${periodId}`, async () => {
      const state = (await send("close-step-states", { period: periodId, steps: CONSOLIDATION_STEPS }))[0];
      if (state?.state !== "posted" || !state.runId)
        return {
          text: `The consolidation of ${periodId} is not posted: there is nothing to reverse.`,
          issues: [] as readonly Issue[],
          done: false,
        };
      const back = await send("reverse-close-step", { runId: state.runId, reason, user, steps: CONSOLIDATION_STEPS });
      return {
        text: back.posted ? `Reversed ${state.runId} as ${back.runId ?? "a run"}.` : `${state.runId} was not reversed.`,
        issues: back.issues,
        done: back.posted,
      };
    });
    if (!r) return;
    setShown({ outcome: { intent: r.done ? "success" : "error", text: r.text }, issues: r.issues });
    if (r.done) bump();
  };

  const exportPackage = async () => {
    setShown(undefined);
    const name = (p: Pick<EntityPackage, "entity" | "period" | "draft">) => packageFileName(p);
    const r = await op.run(`Building the consolidation package of ${periodId}`, () =>
      send("package-of-workbook", {
        period: periodId,
        draft,
        source: name({ entity: entityId.trim() || (info?.company ?? "entity"), period: periodId, draft }),
        ...(entityId.trim() ? { entity: entityId.trim() } : {}),
      }),
    );
    if (!r) return;
    if (!r.pkg)
      return setShown({
        outcome: {
          intent: "error",
          title: "No package",
          text: `No package for ${periodId}${draft ? "" : " (an Open period needs Draft)"}.`,
        },
        issues: r.issues,
      });
    const file = name(r.pkg);
    const url = URL.createObjectURL(new Blob([packageText(r.pkg, r.name)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = file;
    a.click();
    URL.revokeObjectURL(url);
    setShown({
      outcome: {
        intent: r.pkg.draft ? "warning" : "success",
        text: `Downloaded ${file}: ${r.pkg.entity} ${r.pkg.period} (${r.pkg.status}${r.pkg.draft ? ", DRAFT" : ""}), ${r.pkg.lines.length} balances.`,
      },
      issues: r.issues,
    });
  };

  const periodField = (
    <Field label="Period">
      <Dropdown
        className={styles.dropdown}
        value={selected ? periodLabel(selected) : periodId}
        selectedOptions={periodId ? [periodId] : []}
        onOptionSelect={(_, d) => d.optionValue && setChosen(d.optionValue)}
      >
        {periods.map((p) => (
          <Option key={p.id} value={p.id} text={periodLabel(p)}>
            {periodLabel(p)}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
  const result = shown ? (
    <>
      <Outcome {...shown.outcome} />
      <IssueList issues={shown.issues} label="Consolidation issues" />
    </>
  ) : null;

  if (failure) return <IssueList issues={[failure]} label="The workbook could not be read" />;
  if (!info) return null;
  if (!info.isGroup)
    return (
      <div className={styles.root}>
        <Body1>
          This is an entity workbook. Export its consolidation package for the group workbook (as `closebook package`).
        </Body1>
        {periodField}
        <Field
          label="Entity id"
          hint="As the group's Entities table names this company (as --entity); blank: the setting Company."
        >
          <Input value={entityId} onChange={(_, d) => setEntityId(d.value)} />
        </Field>
        <Checkbox
          label="Draft (the period is still Open)"
          checked={draft}
          onChange={(_, d) => setDraft(d.checked === true)}
        />
        <div>
          <Button appearance="primary" disabled={op.busy || !periodId} onClick={() => void exportPackage()}>
            Export consolidation package
          </Button>
        </div>
        {op.busy ? <OperationProgress op={op} /> : null}
        {result}
        {op.failure ? <IssueList issues={[op.failure]} label="Operation stopped" /> : null}
      </div>
    );

  const rows = entityRows(
    shown?.consolidated ? (shown.consolidated.result?.packages ?? read.packages) : read.packages,
    shown?.consolidated?.result,
    info.currency,
  );
  return (
    <div className={styles.root}>
      <Field
        label="Package files"
        hint={
          files.length
            ? `${files.length} chosen: ${files.map((f) => f.name).join(", ")}`
            : "The CSV packages the entities exported."
        }
      >
        {(props) => <input {...props} type="file" multiple accept=".csv,text/csv,text/plain" onChange={choose} />}
      </Field>
      {periodField}
      {!user ? (
        <NeedsUser />
      ) : (
        <div className={styles.buttons} role="group" aria-label="Consolidation">
          <Button disabled={op.busy || !read.packages.length} onClick={() => void consolidateNow("preview")}>
            Preview
          </Button>
          <Button
            appearance="primary"
            disabled={op.busy || !read.packages.length}
            onClick={() => void consolidateNow("post")}
          >
            Post
          </Button>
          <Button disabled={op.busy || !reason.trim()} onClick={() => void reverse()}>
            Reverse
          </Button>
        </div>
      )}
      <Field label="Reason to reverse">
        <Input value={reason} onChange={(_, d) => setReason(d.value)} />
      </Field>
      {op.busy ? <OperationProgress op={op} /> : null}
      {result}
      {rows.length ? <EntityTable rows={rows} /> : null}
      {!shown && read.issues.length ? <IssueList issues={read.issues} label="Package issues" /> : null}
      {op.failure ? <IssueList issues={[op.failure]} label="Operation stopped" /> : null}
    </div>
  );
}
