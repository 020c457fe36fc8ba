/**
 * The Group tab's words, as pure functions: the package files chosen (read with
 * the app's package reader, text in, no file system), one row per entity after a
 * preview or post (package period, status, draft or sealed, translated totals,
 * CTA, elimination differences, all in group currency), the outcome sentence, and
 * the file name of an entity's package download.
 *
 * Example: a UK package of 2026-03 (On hold, seal "9f2c41aa77…"), translated assets 1,250.00,
 * liabilities 400.00, equity 700.00, net income 100.00, CTA 50.00 (1,250 − 400 − 700 − 100),
 * an elimination difference 10.00 booked by rule IC1 →
 *   { entity: "UK", packageText: "uk.csv · 2026-03", status: "On hold", state: "sealed 9f2c41aa77…",
 *     assets: "USD 1,250.00", …, cta: "USD 50.00", differences: "USD 10.00" }
 *   packageFileName({ entity: "UK", period: "2026-03", draft: false }) → "package-UK-2026-03.csv"
 */
import type { ConsolidateOutcome } from "../../app/consolidation/consolidateGroup";
import { readPackageText } from "../../app/commands/groupValues";
import type { ConsolidationResult } from "../../core/consolidation/consolidate";
import type { EntityPackage } from "../../core/consolidation/model";
import { issue, type Issue } from "../../core/issues/issue";
import { Amount } from "../../core/money";
import type { OutcomeValue } from "../shell/Outcome";
import { money, plural } from "../shell/words";

export interface ChosenFile {
  readonly name: string;
  readonly text: string;
}

/** Every chosen file read as a package: the packages read, and every file's issues (a file is named as the issues' table). */
export function readPackages(files: readonly ChosenFile[]): { packages: EntityPackage[]; issues: Issue[] } {
  const packages: EntityPackage[] = [];
  const issues: Issue[] = [];
  for (const f of files) {
    const r = readPackageText(f.text, f.name);
    issues.push(...r.issues);
    if (r.pkg) packages.push(r.pkg);
    else if (!r.issues.some((i) => i.severity === "error"))
      issues.push(issue("NOT_A_PACKAGE", `${f.name} is not a consolidation package.`, { table: f.name }));
  }
  return { packages, issues };
}

export interface EntityRow {
  readonly entity: string;
  readonly packageText: string;
  readonly status: string;
  /** "draft", "sealed <head>" or "not sealed" */
  readonly state: string;
  readonly assets?: string;
  readonly liabilities?: string;
  readonly equity?: string;
  readonly netIncome?: string;
  readonly cta?: string;
  /** the elimination differences booked to this entity (blank: none) */
  readonly differences?: string;
}

const head = (h: string) => (h.length > 12 ? `${h.slice(0, 12)}…` : h);

export function packageState(p: Pick<EntityPackage, "draft" | "sealHead">): string {
  return p.draft ? "draft" : p.sealHead ? `sealed ${head(p.sealHead)}` : "not sealed";
}

/** One row per package; the figures come from the consolidation result when there is one. */
export function entityRows(
  packages: readonly EntityPackage[],
  result: ConsolidationResult | undefined,
  currency: string,
): EntityRow[] {
  return packages.map((p) => {
    const row: EntityRow = {
      entity: p.entity,
      packageText: `${p.source} · ${p.period}`,
      status: p.status,
      state: packageState(p),
    };
    const t = result?.translated.find((x) => x.entity === p.entity);
    if (!t) return row;
    const diffs = result!.lines.filter(
      (l) => l.entity === p.entity && l.column === "eliminations" && l.note.endsWith(" difference"),
    );
    const m = (a: Amount) => money(a.toFixed(2), currency);
    return {
      ...row,
      assets: m(t.totals.assets),
      liabilities: m(t.totals.liabilities),
      equity: m(t.totals.equity),
      netIncome: m(t.totals.netIncome),
      cta: m(t.totals.cta),
      ...(diffs.length ? { differences: m(Amount.sum(diffs.map((l) => l.amount))) } : {}),
    };
  });
}

/** The sentence over the rows after Preview or Post. */
export function consolidationOutcome(
  o: Pick<ConsolidateOutcome, "status" | "summary" | "sheet" | "worksheet" | "issues">,
  period: string,
  mode: "preview" | "post",
): OutcomeValue {
  if (o.status === "failed") {
    const errors = o.issues.filter((i) => i.severity === "error").length;
    return {
      intent: "error",
      title: "Nothing was consolidated",
      text: `${period}: ${o.summary}. ${plural(errors, "problem")}; click one to see its cell.`,
    };
  }
  const sheet = o.sheet
    ? ` Worksheet "${o.sheet}"${o.worksheet ? (o.worksheet.checksPass ? ", every check line 0" : ", a CHECK LINE IS NOT 0") : ""}.`
    : "";
  return {
    intent: o.worksheet && !o.worksheet.checksPass ? "warning" : "success",
    text: `Consolidation ${period} ${mode === "preview" ? "previewed" : "posted"}: ${o.summary}.${sheet}`,
  };
}

/** "package-UK-2026-03.csv"; a draft says so in its name */
export function packageFileName(p: Pick<EntityPackage, "entity" | "period" | "draft">): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "_");
  return `package-${safe(p.entity)}-${safe(p.period)}${p.draft ? "-DRAFT" : ""}.csv`;
}
