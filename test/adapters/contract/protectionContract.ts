/**
 * The worksheet-protection part of the WorkbookPort contract (called from
 * describeWorkbookPortContract, so every adapter runs it): state per sheet,
 * Excel's traps (protect twice and unprotect an unprotected sheet throw), wrong
 * passwords, "AccessDenied" on every write to a protected sheet with nothing
 * changed, protection surviving a save + reopen, and withUnprotected.
 *
 * Example: after `await port.protect("Ledger", "pw")`,
 *   port.appendRows("tblLedger", [[3, 30]]) rejects with /^AccessDenied:/ and
 *   withUnprotected(port, ["Ledger"], "pw", () => port.appendRows(...)) succeeds,
 *   leaving "Ledger" protected.
 */
import { withUnprotected } from "../../../src/ports/protection";
import type { CellValue, TableShape, WorkbookPort } from "../../../src/ports/workbook";
import { isSheetNotFound } from "../../../src/ports/workbook";
import type { PortUnderTest } from "./workbookPortContract";

const PW = "Cl0se-March!";
const LEDGER: TableShape = {
  name: "tblLedger",
  sheet: "Ledger",
  headers: ["Entry no", "Amount"],
  numberFormats: ["0", "#,##0.00"],
};
const OTHER: TableShape = { name: "tblOther", sheet: "Other", headers: ["Key"], numberFormats: ["@"] };
const LEDGER_ROWS: CellValue[][] = [
  [1, 10],
  [2, 20],
];
const REPORT = { sheet: "Report", title: "Trial balance", rows: [["Account", "Balance"]] };
const DENIED = /^AccessDenied:/;

/** A workbook with tblLedger (sheet Ledger), tblOther (sheet Other) and a report sheet "Report". */
async function setUp(make: () => Promise<PortUnderTest>): Promise<PortUnderTest> {
  const ctx = await make();
  await ctx.port.createTable(LEDGER, LEDGER_ROWS);
  await ctx.port.createTable(OTHER, [["a"]]);
  await ctx.port.writeReport(REPORT);
  return ctx;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

export function describeProtectionContract(make: () => Promise<PortUnderTest>): void {
  describe("worksheet protection", () => {
    test("protect / unprotect / isProtected, sheet names case-insensitive; an unknown sheet throws naming it", async () => {
      const { port } = await setUp(make);
      expect(await port.isProtected("Ledger")).toBe(false);
      await port.protect("Ledger", PW);
      expect(await port.isProtected("LEDGER")).toBe(true);
      expect(await port.isProtected("Other")).toBe(false);
      expect(await port.isProtected("Report")).toBe(false);
      await port.protect("report", "");
      expect(await port.isProtected("Report")).toBe(true);
      await port.unprotect("Report", "");
      await port.unprotect("ledger", PW);
      expect(await port.isProtected("Ledger")).toBe(false);
      expect(await port.isProtected("Report")).toBe(false);
      for (const call of [port.isProtected("Nowhere"), port.protect("Nowhere", PW), port.unprotect("Nowhere", PW)]) {
        const e = await rejection(call);
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).message).toMatch(/Nowhere/);
        expect(isSheetNotFound(e)).toBe(true);
      }
    });

    test("protect on a protected sheet and unprotect on an unprotected one throw; a wrong password throws and changes nothing", async () => {
      const { port } = await setUp(make);
      await expect(port.unprotect("Ledger", PW)).rejects.toThrow(/not protected/);
      await port.protect("Ledger", PW);
      await expect(port.protect("Ledger", PW)).rejects.toThrow(/already protected/);
      await expect(port.protect("LEDGER", "other")).rejects.toThrow(/already protected/);
      await expect(port.unprotect("Ledger", "wrong")).rejects.toThrow(/password/);
      await expect(port.unprotect("Ledger", PW.toUpperCase())).rejects.toThrow(/password/);
      await expect(port.unprotect("Ledger", "")).rejects.toThrow(/password/);
      expect(await port.isProtected("Ledger")).toBe(true);
      await port.unprotect("Ledger", PW);
      expect(await port.isProtected("Ledger")).toBe(false);
    });

    test('every write to a protected sheet throws "AccessDenied" and changes nothing; other sheets stay writable', async () => {
      const ctx = await setUp(make);
      const { port } = ctx;
      await port.protect("Ledger", PW);
      await port.protect("Report", PW);
      await expect(port.appendRows("tblLedger", [[3, 30]])).rejects.toThrow(DENIED);
      await expect(port.appendRows("TBLLEDGER", [])).rejects.toThrow(DENIED);
      await expect(port.updateCells("tblLedger", [{ row: 1, column: "Amount", value: 99 }])).rejects.toThrow(DENIED);
      await expect(port.replaceRows("tblLedger", [])).rejects.toThrow(DENIED);
      await expect(port.writeReport({ ...REPORT, title: "Changed" })).rejects.toThrow(DENIED);
      await expect(port.writeReport({ ...REPORT, sheet: "ledger" })).rejects.toThrow(DENIED);
      await expect(port.createTable({ ...OTHER, name: "tblNew", sheet: "REPORT" }, [])).rejects.toThrow(DENIED);
      expect((await port.listTables()).map((t) => t.name)).toEqual(["tblLedger", "tblOther"]);
      expect((await port.readTable("tblLedger"))?.rows).toEqual(LEDGER_ROWS);

      await port.appendRows("tblOther", [["b"]]);
      await port.updateCells("tblOther", [{ row: 1, column: "Key", value: "A" }]);
      await port.writeReport({ ...REPORT, sheet: "Report 2" });
      await port.createTable({ ...OTHER, name: "tblNew", sheet: "New" }, [["x"]]);
      expect((await port.readTable("tblOther"))?.rows).toEqual([["A"], ["b"]]);

      await port.unprotect("Ledger", PW);
      await port.appendRows("tblLedger", [[3, 30]]);
      expect((await port.readTable("tblLedger"))?.rows).toEqual([...LEDGER_ROWS, [3, 30]]);
      if (ctx.reopen) {
        const again = await ctx.reopen();
        expect((await again.readTable("tblLedger"))?.rows).toEqual([...LEDGER_ROWS, [3, 30]]);
        expect(await again.isProtected("Ledger")).toBe(false);
        expect(await again.isProtected("Report")).toBe(true);
      }
    });

    test("protection survives a reopen, with the same password", async () => {
      const ctx = await setUp(make);
      if (!ctx.reopen) return;
      await ctx.port.protect("Ledger", PW);
      await ctx.port.protect("Report", "r3port");
      const again: WorkbookPort = await ctx.reopen();
      expect(await again.isProtected("Ledger")).toBe(true);
      expect(await again.isProtected("Report")).toBe(true);
      expect(await again.isProtected("Other")).toBe(false);
      await expect(again.appendRows("tblLedger", [[3, 30]])).rejects.toThrow(DENIED);
      await expect(again.writeReport(REPORT)).rejects.toThrow(DENIED);
      await expect(again.protect("Ledger", PW)).rejects.toThrow(/already protected/);
      await expect(again.unprotect("Ledger", "wrong")).rejects.toThrow(/password/);
      await again.unprotect("Ledger", PW);
      await again.appendRows("tblLedger", [[3, 30]]);
      await expect(again.unprotect("Report", PW)).rejects.toThrow(/password/);
      await again.unprotect("Report", "r3port");
      await again.writeReport(REPORT);
      expect((await again.readTable("tblLedger"))?.rows).toEqual([...LEDGER_ROWS, [3, 30]]);
    });

    test("withUnprotected re-protects after success, leaves unprotected sheets alone and skips missing ones", async () => {
      const { port } = await setUp(make);
      await port.protect("Ledger", PW);
      const result = await withUnprotected(port, ["Ledger", "Other", "Missing"], PW, async () => {
        expect(await port.isProtected("Ledger")).toBe(false);
        await port.appendRows("tblLedger", [[3, 30]]);
        await port.appendRows("tblOther", [["b"]]);
        return 42;
      });
      expect(result).toBe(42);
      expect(await port.isProtected("Ledger")).toBe(true);
      expect(await port.isProtected("Other")).toBe(false);
      expect((await port.readTable("tblLedger"))?.rows).toEqual([...LEDGER_ROWS, [3, 30]]);
      // work that protects the sheet itself: no "already protected" error
      await withUnprotected(port, ["Ledger"], PW, () => port.protect("Ledger", PW));
      expect(await port.isProtected("Ledger")).toBe(true);
    });

    test("withUnprotected re-protects when work throws (the work's error wins) and when a later unprotect fails", async () => {
      const { port } = await setUp(make);
      await port.protect("Ledger", PW);
      await expect(
        withUnprotected(port, ["Ledger"], PW, async () => {
          await port.appendRows("tblLedger", [[3, 30]]);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await port.isProtected("Ledger")).toBe(true);
      await expect(withUnprotected(port, ["Ledger"], PW, () => port.appendRows("tblLedger", [[4]]))).rejects.toThrow(
        /row 1/,
      );
      expect(await port.isProtected("Ledger")).toBe(true);
      expect((await port.readTable("tblLedger"))?.rows).toEqual([...LEDGER_ROWS, [3, 30]]);

      await port.protect("Report", "another");
      let ran = false;
      const work = async (): Promise<void> => {
        ran = true;
      };
      await expect(withUnprotected(port, ["Ledger", "Report"], PW, work)).rejects.toThrow(/password/);
      await expect(withUnprotected(port, ["Other", "Ledger"], "wrong", work)).rejects.toThrow(/password/);
      expect(ran).toBe(false);
      expect(await port.isProtected("Ledger")).toBe(true);
      expect(await port.isProtected("Report")).toBe(true);
    });
  });
}
