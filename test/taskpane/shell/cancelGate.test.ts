/**
 * Cancel (#16 point 1): a pane operation cancelled while nothing has been written leaves the workbook
 * unchanged; once its first write went through, cancel is refused and the operation completes.
 * Property over the moment of the click: after k port calls (k from 0 to past the end), posting two
 * vouchers either throws OperationCancelled with every table as it was (cancel accepted), or posts
 * both vouchers (cancel refused) — never anything in between.
 */
import fc from "fast-check";
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { loadBook } from "../../../src/app/loadBook";
import { postJournals } from "../../../src/app/postJournals";
import { setupWorkbook } from "../../../src/app/setupWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import type { WorkbookPort } from "../../../src/ports/workbook";
import { cancelGate, isCancelled, OperationCancelled, type CancelScope } from "../../../src/taskpane/shell/cancelGate";
import { journal } from "../../support/fixtures";
import { smallCompany } from "../../support/smallCompany";

const clock = fixedClock("2026-04-01T09:00:00.000Z");
const DRAFTS = `
  D-1 2026-03-10 1010 EUR Dr 100.00 dept=SALES
  D-1 2026-03-10 4000 EUR Cr 100.00 dept=SALES
  D-2 2026-03-12 6100 USD Dr 50.00 dept=ADMIN
  D-2 2026-03-12 1000 USD Cr 50.00`;

async function snapshot(port: WorkbookPort): Promise<string> {
  const tables = await port.listTables();
  const out: unknown[] = [];
  for (const t of tables) out.push([t.name, await port.readTable(t.name)]);
  for (const t of tables) out.push([t.sheet, await port.isProtected(t.sheet)]);
  return JSON.stringify(out);
}

/** Counts calls reaching the workbook and cancels after the k-th one. */
function clicking(
  inner: WorkbookPort,
  k: number,
  click: () => boolean,
): { port: WorkbookPort; accepted: () => boolean | undefined } {
  let calls = 0;
  let accepted: boolean | undefined;
  const port = new Proxy(inner, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (++calls === k) accepted = click();
        return result;
      };
    },
  });
  return { port, accepted: () => accepted };
}

test("cancel before anything is read: the first read throws and nothing changes", async () => {
  const wb = new MemoryWorkbook();
  await setupWorkbook(wb, smallCompany(journal(DRAFTS)));
  const before = await snapshot(wb);
  const gate = cancelGate(wb);
  const scope = gate.begin();
  expect(scope.cancel()).toBe(true);
  await expect(postJournals(gate.port, { user: "alice", clock })).rejects.toThrow(OperationCancelled);
  scope.end();
  expect(await snapshot(wb)).toBe(before);
  // the scope ended: the port works again
  expect((await postJournals(gate.port, { user: "alice", clock })).posted).toBe(true);
});

test("cancel is accepted until the first write, and then never cuts the operation off", async () => {
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: 120 }), async (k) => {
      const wb = new MemoryWorkbook();
      await setupWorkbook(wb, smallCompany(journal(DRAFTS)));
      const before = await snapshot(wb);
      const box: { scope?: CancelScope } = {};
      const spy = clicking(wb, k, () => box.scope!.cancel());
      const gate = cancelGate(spy.port);
      const scope = (box.scope = gate.begin());
      let outcome: "cancelled" | "posted";
      try {
        const r = await postJournals(gate.port, { user: "alice", clock });
        expect(r.posted).toBe(true);
        outcome = "posted";
      } catch (e) {
        expect(isCancelled(e)).toBe(true);
        outcome = "cancelled";
      } finally {
        scope.end();
      }
      seen.add(outcome);
      if (outcome === "cancelled") {
        expect(spy.accepted()).toBe(true);
        expect(await snapshot(wb)).toBe(before);
      } else {
        // refused (a write had gone through) or the click came after the last call
        expect(spy.accepted()).not.toBe(true);
        const { book } = await loadBook(wb);
        expect(book.ledger.length).toBe(4); // 2 vouchers × 2 lines
      }
    }),
    { numRuns: 40, examples: [[1], [120]] },
  );
  expect([...seen].sort()).toEqual(["cancelled", "posted"]);
});
