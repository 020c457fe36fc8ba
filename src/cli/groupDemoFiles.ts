/**
 * `closebook demo FILE --group` (and `npm run demo`): the group demo's three new
 * workbooks beside FILE, handed to runDemo (src/app/demo/groupDemo.ts) and saved
 * afterwards. Any of them already there is refused unless --force.
 *
 * Example: demo/closebook-demo.xlsx → demo/closebook-demo-de.xlsx (EUR, 100 %),
 *   demo/closebook-demo-uk.xlsx (GBP, 80 %), demo/closebook-demo-group.xlsx (consolidated).
 */
import { basename } from "node:path";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import type { GroupDemoResult, GroupDemoTarget } from "../app/demo/groupDemo";
import { refuseOverwrite, type Options } from "./cliSupport";
import type { Out } from "./output";

export interface GroupDemoFiles {
  readonly target: GroupDemoTarget;
  readonly workbooks: { readonly de: XlsxWorkbook; readonly uk: XlsxWorkbook; readonly group: XlsxWorkbook };
  readonly files: { readonly de: string; readonly uk: string; readonly group: string };
}

export const groupDemoPath = (file: string, suffix: string) => file.replace(/(\.xlsx)?$/i, `-${suffix}.xlsx`);

/** undefined without --group; "refused" when a file is there already */
export function demoGroupFiles(file: string, options: Options, out: Out): GroupDemoFiles | "refused" | undefined {
  if (!options.group) return undefined;
  const files = { de: groupDemoPath(file, "de"), uk: groupDemoPath(file, "uk"), group: groupDemoPath(file, "group") };
  if (Object.values(files).some((f) => refuseOverwrite(f, options, out))) return "refused";
  const workbooks = { de: XlsxWorkbook.create(), uk: XlsxWorkbook.create(), group: XlsxWorkbook.create() };
  return {
    target: { ...workbooks, sources: { nw: basename(file), de: basename(files.de), uk: basename(files.uk) } },
    workbooks,
    files,
  };
}

export async function saveDemoGroup(
  g: GroupDemoFiles | undefined,
  r: GroupDemoResult | undefined,
  out: Out,
): Promise<void> {
  if (!g || !r || r.issues.some((i) => i.severity === "error")) return;
  const t = g.workbooks;
  await t.de.save(g.files.de);
  await t.uk.save(g.files.uk);
  await t.group.save(g.files.group);
  for (const m of r.months) out.log(`group consolidation ${m.period}: ${m.summary}.`);
  out.log(
    `Wrote ${g.files.de} (Northwind Europe GmbH, EUR, 100 %), ${g.files.uk} (Northwind UK Ltd, GBP, 80 %) and ${g.files.group} (Northwind Group, USD: ${r.months.length} months consolidated, statements per month).`,
  );
}
