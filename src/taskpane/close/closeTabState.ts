/**
 * The Close tab's pure decisions: which periods it offers (and which first),
 * a step's badge (from the workbook's runs and what this session did), the
 * line under a step's title, the result sentence of a post or reversal, and
 * the calculation-trace rows shown in the pane (the first 50; the preview
 * sheet holds all).
 *
 * Example: badgeFor(revaluation, "posted") → "Posted";
 *          badgeFor(rateChecks, "not run", { kind: "done", summary: "…" }) → "Done"
 *          postedSentence({ posted: true, runId: "RUN-000004", vouchers: ["GL-000012"], lines: 2, issues: [] })
 *            → "Posted 1 voucher (GL-000012), 2 ledger lines, as RUN-000004."
 *          resultFor(allocations, "preview", outcome) → { intent: "info", sentence: "Allocations previewed: 1 voucher proposed on the sheet \"Preview allocation\". Nothing was posted." }
 */
import type { CloseStepDef, CloseStepOutcome, CloseStepState, PersistedStepState } from "../../app/closeStepByStep";
import type { PostResult } from "../../app/closeRuns";
import type { Proposal } from "../../core/close/proposal";
import type { Issue } from "../../core/issues/issue";
import type { FiscalPeriod } from "../../core/ledger/types";
import { periodLabel, plural, readableSummary } from "../shell/words";

export type BadgeText = "Not run" | "Previewed" | "Posted" | "Reversed" | "Failed" | "Done" | "Skipped";
export type BadgeColor = "informative" | "success" | "danger" | "warning" | "subtle" | "brand";

/** What this session did to a step of a period (the workbook keeps only posted runs). */
export interface SessionMark {
  readonly kind: "previewed" | "done" | "failed" | "skipped";
  readonly summary: string;
}

export interface PeriodChoice {
  readonly id: string;
  /** "2026-03 · March 2026 (Open)" */
  readonly label: string;
  /** "March 2026" */
  readonly name: string;
  readonly status: FiscalPeriod["status"];
}

export function closablePeriods(periods: readonly FiscalPeriod[]): PeriodChoice[] {
  return periods
    .filter((p) => p.kind === "operating")
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    .map((p) => ({ id: p.id, label: periodLabel(p), name: p.name, status: p.status }));
}

/** The earliest Open operating period; else the last one (a year that is all closed still shows its steps). */
export function defaultClosePeriod(choices: readonly PeriodChoice[]): string | undefined {
  return (choices.find((p) => p.status === "Open") ?? choices[choices.length - 1])?.id;
}

export function markKey(period: string, step: string): string {
  return `${period}|${step}`;
}

/** whether a step posts a run (and can be reversed); the others check or report */
export const posts = (def: Pick<CloseStepDef, "kind">): boolean => def.kind === "posting";

/** The session mark a step's outcome leaves: posting steps that posted show their run state instead. */
export function markFor(
  def: Pick<CloseStepDef, "kind">,
  mode: "preview" | "post",
  o: Pick<CloseStepOutcome, "status" | "summary">,
): SessionMark | undefined {
  const summary = readableSummary(o.summary);
  if (o.status === "failed") return { kind: "failed", summary };
  if (o.status === "skipped") return { kind: "skipped", summary };
  if (mode === "preview") return { kind: "previewed", summary };
  return posts(def) ? undefined : { kind: "done", summary };
}

const MARK_TEXT: Record<SessionMark["kind"], BadgeText> = {
  previewed: "Previewed",
  done: "Done",
  failed: "Failed",
  skipped: "Skipped",
};

/** A posted run wins (a failed re-post does not undo it); then what this session did; then a reversed run. */
export function badgeFor(
  def: Pick<CloseStepDef, "kind">,
  persisted: PersistedStepState | undefined,
  mark?: SessionMark,
): BadgeText {
  if (posts(def) && persisted === "posted") return "Posted";
  if (mark) return MARK_TEXT[mark.kind];
  if (posts(def) && persisted === "reversed") return "Reversed";
  return "Not run";
}

export function badgeColor(text: BadgeText): BadgeColor {
  const colors: Record<BadgeText, BadgeColor> = {
    "Not run": "subtle",
    Previewed: "informative",
    Posted: "success",
    Done: "success",
    Reversed: "warning",
    Skipped: "subtle",
    Failed: "danger",
  };
  return colors[text];
}

const day = (at: string | undefined) => (at ?? "").slice(0, 10);

/** The line under a step's title: what it did last, else what it is for. */
export function stepLine(
  def: Pick<CloseStepDef, "kind" | "what">,
  state: CloseStepState | undefined,
  mark?: SessionMark,
): string {
  if (posts(def) && state?.state === "posted")
    return `Posted as ${state.runId}${state.vouchers ? ` (${state.vouchers})` : ""} on ${day(state.startedAt)} by ${state.user}.`;
  if (mark) return mark.summary;
  if (posts(def) && state?.state === "reversed") return `${state.runId} was ${state.note || "reversed"}.`;
  return def.what;
}

export function voucherRange(vouchers: readonly string[]): string {
  if (vouchers.length === 0) return "";
  return vouchers.length === 1 ? vouchers[0]! : `${vouchers[0]}..${vouchers[vouchers.length - 1]}`;
}

/** "Posted 14 vouchers (GL-000321..GL-000334), 30 ledger lines, as RUN-000045." */
export function postedSentence(r: PostResult, verb = "Posted"): string | undefined {
  if (!r.posted) return undefined;
  const vouchers = r.vouchers.length
    ? `${plural(r.vouchers.length, "voucher")} (${voucherRange(r.vouchers)}), ${plural(r.lines, "ledger line")}`
    : "no ledger lines";
  return `${verb} ${vouchers}, as ${r.runId}.`;
}

export interface TraceRowView {
  readonly key: string;
  readonly formula: string;
  readonly result: string;
}

export const TRACE_SHOWN = 50;

export function traceRows(
  proposal: Pick<Proposal, "trace"> | undefined,
  max = TRACE_SHOWN,
): { readonly rows: TraceRowView[]; readonly total: number } {
  const trace = proposal?.trace ?? [];
  return {
    rows: trace.slice(0, max).map((t) => ({ key: t.key, formula: t.formula, result: t.result })),
    total: trace.length,
  };
}

/** "Showing the first 50 of 312 rows; the sheet "Preview fx-revaluation" holds all of them, with inputs and rates." */
export function traceNote(shown: number, total: number, sheet: string | undefined): string {
  if (total === 0) return "This step has no calculation trace.";
  const where = sheet ? `the sheet "${sheet}"` : "a preview of this step";
  if (shown >= total) return `${plural(total, "row")}; ${where} also shows each row's inputs and rates.`;
  return `Showing the first ${shown} of ${total.toLocaleString("en-US")} rows; ${where} holds all of them, with inputs and rates.`;
}

/** Why Post is not offered, or undefined when it may be pressed. */
export function postBlocked(user: string | undefined, status: FiscalPeriod["status"] | undefined): string | undefined {
  if (!user) return "Choose who you are at the top first.";
  if (status !== "Open") return `The period is ${status ?? "unknown"}; only an Open period can be posted to.`;
  return undefined;
}

/** What the tab shows of the last step it ran: a sentence, the trace and the issues. */
export interface StepResult {
  /** the step's title, or "Run all steps" */
  readonly title: string;
  readonly intent: "success" | "info" | "warning" | "error";
  readonly sentence: string;
  readonly proposal?: Proposal;
  /** the preview sheet that holds the whole trace */
  readonly sheet?: string;
  /** every sheet the step wrote (its preview sheet, the report sheets), offered as "Open sheet" links */
  readonly sheets?: readonly string[];
  readonly issues: readonly Issue[];
}

export function resultFor(
  def: Pick<CloseStepDef, "title" | "kind">,
  mode: "preview" | "post",
  raw: CloseStepOutcome,
): StepResult {
  const o = { ...raw, summary: readableSummary(raw.summary) };
  const written = [...(o.previewSheet ? [o.previewSheet] : []), ...(o.sheets ?? [])];
  const base = {
    title: def.title,
    issues: o.issues,
    ...(o.proposal ? { proposal: o.proposal } : {}),
    ...(o.previewSheet ? { sheet: o.previewSheet } : {}),
    ...(written.length ? { sheets: written } : {}),
  };
  if (o.status === "failed") return { ...base, intent: "error", sentence: `${def.title} failed: ${o.summary}.` };
  if (o.status === "skipped") return { ...base, intent: "info", sentence: `${def.title} skipped: ${o.summary}.` };
  const warned = o.issues.some((i) => i.severity === "warning");
  if (posts(def) && mode === "preview") {
    const n = o.proposal?.vouchers.length ?? 0;
    return {
      ...base,
      intent: "info",
      sentence: `${def.title} previewed: ${plural(n, "voucher")} proposed${o.previewSheet ? ` on the sheet "${o.previewSheet}"` : ""}. Nothing was posted.`,
    };
  }
  const posted = o.posted ? postedSentence(o.posted) : undefined;
  if (posted) return { ...base, intent: warned ? "warning" : "success", sentence: posted };
  if (posts(def)) return { ...base, intent: "info", sentence: `${def.title}: ${o.summary}.` };
  return {
    ...base,
    intent: warned ? "warning" : "success",
    sentence: `${def.title}${mode === "preview" ? " (preview)" : ""}: ${o.summary}.`,
  };
}

export function reversedResult(title: string, runId: string, r: PostResult): StepResult {
  const done = postedSentence(r, `Reversed ${runId} with`);
  return {
    title,
    intent: done ? "success" : "error",
    sentence: done ?? `${runId} was not reversed.`,
    issues: r.issues,
  };
}
