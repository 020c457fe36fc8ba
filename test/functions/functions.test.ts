/**
 * The Excel side of the CLOSEBOOK.* functions without Excel: the metadata that
 * custom-functions-metadata generates from src/functions/functions.ts (what the
 * webpack plugin writes to functions.json), the shared ledger index's cache and
 * invalidation (host.ts), and errors handed to Excel (results.ts).
 */
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import type { ClosebookFunctions } from "../../src/core/formulas/functions";
import { functionsHost } from "../../src/functions/host";
import { toCell } from "../../src/functions/results";

describe("functions.json, generated from the JSDoc", () => {
  it("declares BALANCE, ACTIVITY, RATE and STATUS with their optional arguments, without errors", async () => {
    const r = await generateCustomFunctionsMetadata("src/functions/functions.ts");
    expect(r.errors).toEqual([]);
    const meta = JSON.parse(r.metadataJson) as {
      functions: { id: string; parameters: { name: string; optional?: boolean }[] }[];
    };
    const shape = meta.functions.map((f) => [
      f.id,
      f.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(" "),
    ]);
    expect(shape).toEqual([
      ["BALANCE", "account period [filter] [currency]"],
      ["ACTIVITY", "account from to [filter] [currency]"],
      ["RATE", "fromCurrency toCurrency date [rateType]"],
      ["STATUS", "period"],
    ]);
    expect(r.associate.map((a) => [a.id, a.functionName])).toEqual([
      ["BALANCE", "balance"],
      ["ACTIVITY", "activity"],
      ["RATE", "rate"],
      ["STATUS", "status"],
    ]);
  });
});

describe("the shared ledger index", () => {
  const fake = (n: number) => ({ status: () => ({ ok: true, value: `build ${n}` }) }) as unknown as ClosebookFunctions;

  it("is built once for many cells, and again after the ledger changed (Excel asked to recalculate)", async () => {
    let builds = 0;
    let recalcs = 0;
    const host = functionsHost(
      async () => fake(++builds),
      () => recalcs++,
    );
    const answers = await Promise.all(
      Array.from({ length: 1000 }, async () => (await host.functions()).status("2026-03")),
    );
    expect(builds).toBe(1);
    expect(new Set(answers.map((a) => (a.ok ? a.value : "")))).toEqual(new Set(["build 1"]));
    host.ledgerChanged();
    expect(recalcs).toBe(1);
    expect((await host.functions()).status("2026-03")).toEqual({ ok: true, value: "build 2" });
    expect(builds).toBe(2);
  });

  it("does not keep a failed build", async () => {
    let calls = 0;
    const host = functionsHost(async () => {
      calls++;
      if (calls === 1) throw new Error("Excel busy");
      return fake(calls);
    });
    await expect(host.functions()).rejects.toThrow("Excel busy");
    expect((await host.functions()).status("x")).toEqual({ ok: true, value: "build 2" });
  });
});

describe("errors handed to Excel", () => {
  const mk = (code: string, message: string) => Object.assign(new Error(message), { code });
  it("passes values, and raises Excel's own error with the message", () => {
    expect(toCell({ ok: true, value: 12.5 }, mk)).toBe(12.5);
    expect(() =>
      toCell({ ok: false, error: "#N/A", message: "No CHF→USD spot rate on or before 2026-03-31." }, mk),
    ).toThrow(expect.objectContaining({ code: "#N/A", message: "No CHF→USD spot rate on or before 2026-03-31." }));
  });
});
