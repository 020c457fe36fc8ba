/**
 * Consolidation packages as files: an entity workbook's package built and
 * written as CSV text (src/core/consolidation/packageFile.ts has the format),
 * and a package file's text read back with every field checked.
 *
 * Example: await packageOfWorkbook(port, { period: "2026-03", draft: false, source: "uk.xlsx" })
 *   → { pkg: { entity: "Closebook UK", period: "2026-03", … }, issues: [] };
 *   packageText(pkg) → "Record,Account,…\nmeta,Format,closebook-package/1,…"
 */
import { buildPackage } from "../../core/consolidation/packageBuild";
import { packageFromRecords, packageRecords } from "../../core/consolidation/packageFile";
import type { EntityPackage } from "../../core/consolidation/model";
import type { Issue } from "../../core/issues/issue";
import type { WorkbookPort } from "../../ports/workbook";
import { csvCell, parseCsv, unescapeFormula } from "../csv";
import { readBook } from "../operation";

export interface PackageOptions {
  readonly period: string;
  readonly draft: boolean;
  /** the file or workbook name the package is known by */
  readonly source: string;
  /** the entity id (default: the workbook's setting Company) */
  readonly entity?: string;
}

export async function packageOfWorkbook(
  port: WorkbookPort,
  o: PackageOptions,
): Promise<{ pkg?: EntityPackage; name: string; issues: Issue[] }> {
  const { book, issues } = await readBook(port);
  const errors = issues.filter((i) => i.severity === "error");
  const name = book.setup.settings.company;
  if (errors.length) return { name, issues: errors };
  const built = buildPackage(book, { entity: o.entity ?? name, period: o.period, draft: o.draft, source: o.source });
  return { ...built, name };
}

export function packageText(pkg: EntityPackage, name = ""): string {
  return `${packageRecords(pkg, name)
    .map((r) => r.map(csvCell).join(","))
    .join("\n")}\n`;
}

export function readPackageText(text: string, file: string): { pkg?: EntityPackage; issues: Issue[] } {
  return packageFromRecords(packageCsv(text), file);
}

/**
 * The records of a package file. A file without quotes and with a comma header (what packageText writes)
 * is split directly, as parseCsv would read it, at a fraction of its cost (a package can hold 100,000s of rows);
 * anything else goes through parseCsv.
 */
export function packageCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const nl = src.indexOf("\n");
  const header = nl < 0 ? src : src.slice(0, nl);
  if (src.includes('"') || src.includes("\r") || header.split(";").length > header.split(",").length)
    return parseCsv(text);
  const lines = src.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.split(",").map((c) => (c.charCodeAt(0) === 39 ? unescapeFormula(c) : c)));
}
