/**
 * The CLI's consolidation commands (issue #12):
 *   closebook init GROUP.xlsx --group            a group workbook (Consolidation company = yes)
 *   closebook package ENTITY.xlsx --period P --out FILE.csv [--draft] [--entity ID]
 *   closebook consolidate GROUP.xlsx --period P --user NAME [--preview] PACKAGE.csv|ENTITY.xlsx ...
 * A workbook given to consolidate is packaged on the fly; given beside its entity's package
 * file, it checks that file's seal instead.
 *
 * Example: closebook consolidate group.xlsx --period 2026-03 --user bob us-2026-03.csv uk-2026-03.csv
 *   → "consolidation 2026-03: posted 3 vouchers (41 lines) as RUN-000004; worksheet "Consolidation 2026-03"; checks 0"
 */
import { existsSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { groupSetup, packageText, readPackageText } from "../app/commands/groupValues";
import type { EntityPackage } from "../core/consolidation/model";
import { hasErrors, type Issue } from "../core/issues/issue";
import {
  type CliDeps,
  int,
  need,
  openExisting,
  readUtf8Text,
  refuseOverwrite,
  sendTo,
  str,
  UsageError,
  type Options,
} from "./cliSupport";
import { printIssues, type Out } from "./output";

export async function initGroup(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  if (refuseOverwrite(file, options, out)) return 1;
  const data = groupSetup({
    company: str(options, "company") ?? "My Group",
    accountingCurrency: (str(options, "currency") ?? "USD").toUpperCase(),
    fiscalYearStart: int(options, "year", new Date().getUTCFullYear()),
    startMonth: int(options, "start-month", 1),
  });
  const wb = XlsxWorkbook.create();
  await sendTo(wb, deps)("setup-group-workbook", { data });
  await wb.save(file);
  out.log(
    `Created group workbook ${file} (Consolidation company = yes): ${data.accounts.length} accounts, ${data.periods.length} periods.`,
  );
  out.log(
    `Declare the entities in sheet "Entities" (id, currency, ownership %, method, CTA and NCI accounts), then the account mapping, translation and elimination rules; then "closebook consolidate ${file} --period P --user NAME PACKAGE...".`,
  );
  return 0;
}

export async function packageCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const period = need(options, "period");
  const target = need(options, "out");
  if (refuseOverwrite(target, options, out)) return 1;
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const entity = str(options, "entity");
  const r = await sendTo(wb, deps)("package-of-workbook", {
    period,
    draft: options.draft === true,
    source: basename(target),
    ...(entity ? { entity } : {}),
  });
  const code = printIssues(out, r.issues);
  if (!r.pkg) {
    out.error(`No package written.`);
    return code || 1;
  }
  writeFileSync(target, packageText(r.pkg, r.name), "utf8");
  out.log(
    `Wrote ${target}: ${r.pkg.entity} ${r.pkg.period} (${r.pkg.status}${r.pkg.draft ? ", DRAFT" : ""}), ${r.pkg.lines.length} balances, ${r.pkg.equityChanges.length} equity changes, seal ${r.pkg.sealHead || "(none)"}.`,
  );
  return code;
}

async function readInputs(
  paths: readonly string[],
  period: string,
  out: Out,
  deps: CliDeps,
): Promise<{ packages: EntityPackage[]; workbooks: EntityPackage[]; issues: Issue[] }> {
  const files: EntityPackage[] = [];
  const books: EntityPackage[] = [];
  const issues: Issue[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      issues.push({
        code: "MISSING_FILE",
        severity: "error",
        message: `${p} does not exist.`,
        at: { table: basename(p) },
      });
      continue;
    }
    if (/\.xlsx$/i.test(p)) {
      const wb = await openExisting(p, out);
      if (!wb) continue;
      const r = await sendTo(wb, deps)("package-of-workbook", { period, draft: true, source: basename(p) });
      issues.push(...r.issues.filter((i) => i.code !== "DRAFT_PACKAGE"));
      if (r.pkg) books.push(r.pkg);
    } else {
      const r = readPackageText(readUtf8Text(p), basename(p));
      issues.push(...r.issues);
      if (r.pkg) files.push(r.pkg);
    }
  }
  return { packages: files, workbooks: books, issues };
}

export async function consolidateCommand(
  file: string,
  rest: readonly string[],
  options: Options,
  out: Out,
  deps: CliDeps,
): Promise<number> {
  const period = need(options, "period");
  const user = need(options, "user");
  if (!rest.length) throw new UsageError("give at least one PACKAGE.csv or ENTITY.xlsx");
  const inputs = await readInputs(rest, period, out, deps);
  if (hasErrors(inputs.issues)) {
    const code = printIssues(out, inputs.issues);
    out.error(`Nothing consolidated; ${file} is unchanged.`);
    return code || 1;
  }
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const r = await sendTo(wb, deps)("consolidate", {
    period,
    mode: options.preview ? "preview" : "post",
    packages: inputs.packages,
    workbooks: inputs.workbooks,
    user,
  });
  const code = printIssues(out, [...inputs.issues, ...r.issues]);
  if (r.status === "failed") {
    out.error(`Nothing consolidated; ${file} is unchanged.`);
    return code || 1;
  }
  await wb.save(file);
  out.log(
    `consolidation ${period}: ${r.summary}${r.sheet ? `; worksheet "${r.sheet}"` : ""}${r.worksheet ? (r.worksheet.checksPass ? "; every check line 0" : "; a CHECK LINE IS NOT 0") : ""}.`,
  );
  return code;
}
