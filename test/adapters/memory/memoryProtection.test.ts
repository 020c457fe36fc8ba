/**
 * MemoryWorkbook protection beyond the shared contract: the state is part of
 * snapshot(), a refused write leaves the whole snapshot unchanged (reports
 * too), protect/unprotect count as writes for failure injection, and `from`
 * can load protected sheets with their own password check.
 *
 * Example: wb.failOnWrite(1); wb.protect("T", "pw") rejects "injected failure",
 * writeCount goes up by one and snapshot().protectedSheets stays [].
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { passwordLock } from "../../../src/adapters/memory/sheetLocks";

const shape = { name: "tblT", sheet: "T", headers: ["Key", "N"], numberFormats: ["@", "0"] };
const report = { sheet: "R", title: "R", rows: [["x"]] };

async function book(): Promise<MemoryWorkbook> {
  const wb = MemoryWorkbook.from([{ ...shape, rows: [["a", 1]] }]);
  await wb.writeReport(report);
  return wb;
}

describe("MemoryWorkbook protection", () => {
  test("snapshot() lists the protected sheets (declared spelling, in the order protected)", async () => {
    const wb = await book();
    expect(wb.snapshot().protectedSheets).toEqual([]);
    await wb.protect("r", "pw");
    await wb.protect("t", "pw");
    expect(wb.snapshot().protectedSheets).toEqual(["R", "T"]);
    await wb.unprotect("R", "pw");
    expect(wb.snapshot().protectedSheets).toEqual(["T"]);
  });

  test("every refused write leaves the whole snapshot unchanged, and counts as a write", async () => {
    const wb = await book();
    await wb.protect("T", "pw");
    await wb.protect("R", "pw");
    const before = wb.snapshot();
    const writes: (() => Promise<void>)[] = [
      () => wb.appendRows("tblT", [["b", 2]]),
      () => wb.updateCells("tblT", [{ row: 1, column: "N", value: 5 }]),
      () => wb.replaceRows("tblT", []),
      () => wb.writeReport({ ...report, title: "changed" }),
      () => wb.createTable({ ...shape, name: "tblU", sheet: "R" }, []),
    ];
    for (const write of writes) {
      const n = wb.writeCount;
      await expect(write()).rejects.toThrow(/^AccessDenied: sheet "[RT]" is protected/);
      expect(wb.writeCount).toBe(n + 1);
    }
    await expect(wb.unprotect("T", "nope")).rejects.toThrow(/wrong password/);
    expect(wb.snapshot()).toEqual(before);
  });

  test("protect and unprotect count as writes and can be made to fail, changing nothing", async () => {
    const wb = await book();
    const start = wb.writeCount;
    wb.failOnWrite(1);
    await expect(wb.protect("T", "pw")).rejects.toThrow("injected failure");
    expect(wb.snapshot().protectedSheets).toEqual([]);
    await wb.protect("T", "pw");
    wb.failOnWrite(1);
    await expect(wb.unprotect("T", "pw")).rejects.toThrow("injected failure");
    expect(await wb.isProtected("T")).toBe(true);
    await expect(wb.protect("T", "pw")).rejects.toThrow(/already protected/); // a write that throws still counts
    await expect(wb.protect("Nope", "pw")).rejects.toThrow(/Nope/);
    await wb.isProtected("T"); // a read: not counted
    expect(wb.writeCount).toBe(start + 5);
  });

  test("from() loads protected sheets with their own password check; a lock on an unknown sheet is refused", async () => {
    const wb = MemoryWorkbook.from([{ ...shape, rows: [["a", 1]] }], {
      locks: [{ sheet: "t", lock: passwordLock("pw") }],
    });
    expect(wb.snapshot().protectedSheets).toEqual(["T"]);
    expect(wb.lockOf("T")?.verify("pw")).toBe(true);
    await expect(wb.appendRows("tblT", [["b", 2]])).rejects.toThrow(/^AccessDenied:/);
    await wb.unprotect("T", "pw");
    await wb.appendRows("tblT", [["b", 2]]);
    expect(() => MemoryWorkbook.from([shape], { locks: [{ sheet: "Elsewhere", lock: passwordLock("") }] })).toThrow(
      /Elsewhere/,
    );
  });
});
