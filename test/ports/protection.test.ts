/**
 * withUnprotected against a scripted port, for what a real adapter rarely
 * does: protect failing. (The contract suite runs it against every adapter.)
 *
 * Example: work throws "boom" and re-protecting throws "network" → the call
 * rejects with "boom"; the call log shows the state checked before each change.
 */
import { withUnprotected } from "../../src/ports/protection";
import type { ProtectionPort } from "../../src/ports/protection";
import { SheetNotFoundError } from "../../src/ports/workbook";

/** A port over a set of protected sheets, logging every call; `failProtect` makes protect() throw. */
function fakePort(sheets: Record<string, boolean>, failProtect?: string): ProtectionPort & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    async isProtected(sheet) {
      log.push(`isProtected ${sheet}`);
      const state = sheets[sheet];
      if (state === undefined) throw new SheetNotFoundError(sheet, "isProtected");
      return state;
    },
    async protect(sheet) {
      log.push(`protect ${sheet}`);
      if (sheet === failProtect) throw new Error("network");
      if (sheets[sheet]) throw new Error("AccessDenied: already protected");
      sheets[sheet] = true;
    },
    async unprotect(sheet) {
      log.push(`unprotect ${sheet}`);
      if (!sheets[sheet]) throw new Error("AccessDenied: not protected");
      sheets[sheet] = false;
    },
  };
}

describe("withUnprotected", () => {
  test("checks each sheet's state first, unprotects only protected ones, re-protects exactly those", async () => {
    const sheets = { A: true, B: false, C: true };
    const port = fakePort(sheets);
    expect(await withUnprotected(port, ["A", "B", "Gone", "C"], "pw", async () => "done")).toBe("done");
    expect(sheets).toEqual({ A: true, B: false, C: true });
    expect(port.log).toEqual([
      "isProtected A",
      "unprotect A",
      "isProtected B",
      "isProtected Gone",
      "isProtected C",
      "unprotect C",
      "isProtected A",
      "protect A",
      "isProtected C",
      "protect C",
    ]);
  });

  test("when work fails and re-protecting fails too, the work's error wins; the other sheets are still re-protected", async () => {
    const sheets = { A: true, C: true };
    const port = fakePort(sheets, "A");
    await expect(
      withUnprotected(port, ["A", "C"], "pw", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(sheets).toEqual({ A: false, C: true });
  });

  test("when only re-protecting fails, the call rejects naming the sheet", async () => {
    const port = fakePort({ A: true }, "A");
    await expect(withUnprotected(port, ["A"], "pw", async () => 1)).rejects.toThrow(
      /could not protect sheet "A" again: network/,
    );
  });

  test("an error from isProtected other than a missing sheet is not swallowed", async () => {
    const port = fakePort({ A: true });
    port.isProtected = async () => {
      throw new Error("offline");
    };
    await expect(withUnprotected(port, ["A"], "pw", async () => 1)).rejects.toThrow("offline");
  });
});
