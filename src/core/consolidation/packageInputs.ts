/**
 * The packages a consolidation is given: files, and entity workbooks packaged on
 * the fly. A workbook given beside its entity's package file is the check of
 * that file: their seal heads must agree (else SEAL_MISMATCH, naming both), and
 * the file is used.
 *
 * Example: uk-2026-03.csv (seal 9f2c…) and uk.xlsx (seal 41aa…) → SEAL_MISMATCH
 *   "uk-2026-03.csv carries seal 9f2c… for UK 2026-03, but uk.xlsx's seal of 2026-03 is 41aa…"
 */
import { issue, type Issue } from "../issues/issue";
import type { EntityPackage } from "./model";

export function combinePackages(
  files: readonly EntityPackage[],
  workbooks: readonly EntityPackage[],
): { packages: EntityPackage[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const packages = [...files];
  for (const w of workbooks) {
    const f = files.find((p) => p.entity === w.entity && p.period === w.period);
    if (!f) {
      packages.push(w);
      continue;
    }
    if (f.sealHead !== w.sealHead) {
      issues.push(
        issue(
          "SEAL_MISMATCH",
          `${f.source} carries seal ${f.sealHead || "(none)"} for ${f.entity} ${f.period}, but ${w.source}'s seal of ${w.period} is ${w.sealHead || "(none)"}: the package is not what the workbook closed.`,
          { table: f.source, column: "Seal head" },
        ),
      );
    }
  }
  return { packages, issues };
}
