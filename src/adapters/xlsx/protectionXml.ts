/**
 * The <sheetProtection> element read and written as exceljs 4.4.0 does
 * (lib/xlsx/xform/sheet/sheet-protection-xform.js), for the patch save, which
 * changes a worksheet part without exceljs: the model read here is what
 * ws.sheetProtection would hold, and the element written is what exceljs would
 * write for it, so a HashedLock (sheetProtection.ts) means the same either way.
 *
 * Example: readProtection('<sheetProtection sheet="1" formatColumns="0" sort="0" autoFilter="0"/>')
 *   → { sheet: true, formatColumns: true, sort: true, autoFilter: true }
 *   protectionElement({ sheet: true, formatColumns: true, sort: true, autoFilter: true })
 *   → '<sheetProtection sheet="1" formatColumns="0" sort="0" autoFilter="0"/>'
 */
import { SaxesParser } from "saxes";
import type { ProtectionModel } from "./sheetProtection";

/** options exceljs writes as "0" when allowed (true) */
const ALLOWED_AS_ZERO = [
  "formatCells",
  "formatColumns",
  "formatRows",
  "insertColumns",
  "insertRows",
  "insertHyperlinks",
  "deleteColumns",
  "deleteRows",
  "sort",
  "autoFilter",
  "pivotTables",
] as const;

/** The model of one <sheetProtection .../> element's text; undefined when it is not one. */
export function readProtection(element: string): ProtectionModel | undefined {
  let a: Record<string, string> | undefined;
  const parser = new SaxesParser({ fragment: true });
  parser.on("opentag", (tag) => {
    if (tag.name.slice(tag.name.indexOf(":") + 1) === "sheetProtection") a = tag.attributes as Record<string, string>;
  });
  try {
    parser.write(element).close();
  } catch {
    return undefined;
  }
  if (!a) return undefined;
  const flag = (v: string | undefined, t: string): true | undefined => (v === t ? true : undefined);
  const model: Record<string, unknown> = {
    sheet: flag(a.sheet, "1"),
    objects: a.objects === "1" ? false : undefined,
    scenarios: a.scenarios === "1" ? false : undefined,
    selectLockedCells: a.selectLockedCells === "1" ? false : undefined,
    selectUnlockedCells: a.selectUnlockedCells === "1" ? false : undefined,
  };
  for (const k of ALLOWED_AS_ZERO) model[k] = flag(a[k], "0");
  if (a.algorithmName) {
    model.algorithmName = a.algorithmName;
    model.hashValue = a.hashValue;
    model.saltValue = a.saltValue;
    model.spinCount = parseInt(a.spinCount ?? "", 10);
  }
  return model;
}

/** The element for a model ("" when exceljs would write none). */
export function protectionElement(model: ProtectionModel | undefined): string {
  if (!model) return "";
  const attrs: [string, unknown][] = [
    ["sheet", model.sheet ? "1" : undefined],
    ["selectLockedCells", model.selectLockedCells === false ? "1" : undefined],
    ["selectUnlockedCells", model.selectUnlockedCells === false ? "1" : undefined],
    ...ALLOWED_AS_ZERO.map((k): [string, unknown] => [k, model[k] ? "0" : undefined]),
  ];
  if (model.sheet) {
    attrs.push(
      ["algorithmName", model.algorithmName],
      ["hashValue", model.hashValue],
      ["saltValue", model.saltValue],
      ["spinCount", model.spinCount],
      ["objects", model.objects === false ? "1" : undefined],
      ["scenarios", model.scenarios === false ? "1" : undefined],
    );
  }
  const set = attrs.filter(([, v]) => v !== undefined);
  if (set.length === 0) return "";
  return `<sheetProtection${set.map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`).join("")}/>`;
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}
