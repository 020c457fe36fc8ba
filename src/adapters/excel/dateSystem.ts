/**
 * Which date system the workbook uses. `Workbook.use1904DateSystem` is only in
 * the preview API set, so the adapter asks Excel to evaluate DATE(1904, 1, 1)
 * without a cell (Workbook.functions, ExcelApi 1.2; a FunctionResult with
 * `value` or `error`): 0 in a 1904 workbook, 1462 in a 1900 one. Anything
 * else is taken as the 1900 system (Excel's default on every platform):
 * - no `functions`, an ApiNotFound failure or an error result: "1900", final;
 * - any other failure of the sync (a glitch): "1900" for this call only
 *   (`final: false`), so the next call asks again.
 * One Excel.run; ExcelWorkbook remembers a final answer (excelWorkbook.ts).
 *
 * Example: await detectDateSystem((b) => Excel.run(b))   // { dates: "1904", final: true } for an old Mac workbook
 */
import type { DateSystem } from "./cellValues";
import type { RunBatch } from "./excelHost";

export interface DetectedDateSystem {
  readonly dates: DateSystem;
  /** false when the question failed for a reason that may pass (ask again next time) */
  readonly final: boolean;
}

export async function detectDateSystem(run: RunBatch): Promise<DetectedDateSystem> {
  try {
    return await run(async (ctx): Promise<DetectedDateSystem> => {
      const functions = ctx.workbook.functions;
      if (!functions) return { dates: "1900", final: true };
      const day0 = functions.date(1904, 1, 1).load("value, error");
      await ctx.sync();
      return { dates: !day0.error && day0.value === 0 ? "1904" : "1900", final: true };
    });
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    return { dates: "1900", final: code === "ApiNotFound" };
  }
}
