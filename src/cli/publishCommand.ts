/**
 * `closebook publish FILE --period P --out SHARED.xlsx [--include PARTS] [--draft] [--user NAME] [--force]
 * [--formulas values|sumifs]`: writes the period as a new, read-only workbook for people without the add-in
 * (src/app/publish.ts). FILE is only read. Its sheets calling CLOSEBOOK.* are copied with those formulas
 * as values (or native SUMIFS over the published ledger where one can, --formulas sumifs).
 *
 * Example: closebook publish books.xlsx --period 2026-03 --out march.xlsx
 *   → Published 2026-03 to march.xlsx: 14 sheets, 6 ledger rows, seal $1$ab…
 *     "closebook verify march.xlsx" recomputes that seal from the file's ledger rows.
 */
import { userInfo } from "node:os";
import { resolve } from "node:path";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { PUBLISH_PARTS } from "../app/commands/reportValues";
import type { PublishPart } from "../app/publish";
import pkg from "../../package.json";
import { type CliDeps, need, openExisting, type Options, refuseOverwrite, sendTo, str, UsageError } from "./cliSupport";
import { printIssues, type Out } from "./output";

export function includeParts(options: Options): PublishPart[] | undefined {
  const text = str(options, "include");
  if (options.include === true) throw new UsageError(`--include needs a list: ${PUBLISH_PARTS.join(",")}`);
  if (text === undefined) return undefined;
  const parts = text.split(/[,\s]+/).filter((x) => x !== "");
  const unknown = parts.filter((x) => !(PUBLISH_PARTS as readonly string[]).includes(x));
  if (unknown.length)
    throw new UsageError(`--include: unknown part ${unknown.join(", ")}; choose from ${PUBLISH_PARTS.join(", ")}`);
  return parts as PublishPart[];
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "";
  }
}

export async function publishCommand(file: string, options: Options, out: Out, deps: CliDeps): Promise<number> {
  const period = need(options, "period");
  const target = need(options, "out");
  const include = includeParts(options);
  if (resolve(target) === resolve(file)) throw new UsageError("--out must name a new file, not FILE");
  if (refuseOverwrite(target, options, out)) return 1;
  const wb = await openExisting(file, out);
  if (!wb) return 1;
  const formulas = str(options, "formulas") ?? "values";
  if (formulas !== "values" && formulas !== "sumifs") throw new UsageError("--formulas: values or sumifs");
  // the sheets without tables, with their formulas (a management report's CLOSEBOOK.* cells become values)
  const tableSheets = new Set((await wb.listTables()).map((t) => t.sheet.toLowerCase()));
  const others = wb.sheetNames().some((s) => !tableSheets.has(s.toLowerCase()));
  const sheets = others ? (await XlsxWorkbook.open(file, { eager: true })).reportSheets({ formulas: true }) : [];
  const shared = XlsxWorkbook.create();
  const r = await sendTo(wb, deps)("publish", {
    target: shared,
    sheets,
    formulas,
    period,
    user: str(options, "user") ?? osUser(),
    draft: options.draft === true,
    version: pkg.version,
    ...(include ? { include } : {}),
  });
  const code = printIssues(out, r.issues);
  if (!r.published) {
    out.error(`Nothing was published; ${target} was not written.`);
    return code || 1;
  }
  await shared.save(target);
  out.log(
    `Published ${period}${options.draft ? " as a DRAFT" : ""} to ${target}: ${r.sheets.length} sheets, ${r.ledgerRows} ledger rows, seal ${r.seal?.hash ?? ""}.`,
  );
  out.log(`"closebook verify ${target}" recomputes that seal from the file's ledger rows.`);
  return code;
}

/** Where `closebook demo --publish` writes the published month: demo/closebook-demo.xlsx, 2026-12 → demo/closebook-demo-2026-12-published.xlsx */
export function publishedPath(file: string, period: string): string {
  return file.replace(/(\.xlsx)?$/i, `-${period}-published.xlsx`);
}

/** For `closebook demo --publish`: a new workbook for runDemo to publish into, and saving it afterwards. */
export function demoPublishing(options: Options): { target: XlsxWorkbook; version: string } | undefined {
  return options.publish ? { target: XlsxWorkbook.create(), version: pkg.version } : undefined;
}

export async function saveDemoPublished(
  file: string,
  shared: XlsxWorkbook | undefined,
  r: { held: readonly string[]; published?: { published: boolean; sheets: readonly string[] } },
  out: Out,
): Promise<void> {
  const period = r.held[r.held.length - 1];
  if (!shared || !period || !r.published?.published) return;
  const target = publishedPath(file, period);
  await shared.save(target);
  out.log(
    `Published ${period} to ${target} (${r.published.sheets.length} sheets, read-only); "closebook verify ${target}" checks it.`,
  );
}
