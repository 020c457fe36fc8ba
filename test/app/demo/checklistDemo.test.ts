/**
 * The demo's close checklist (src/app/demo/checklistDemo.ts): January–November
 * fully signed, December partly, its EUR bank reconciliation signed in
 * November's close and moved by December's revaluation ("Changed after
 * sign-off"), December held by the controller's audited override; every
 * checklist seal verifies.
 */
import type { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { readChecklist } from "../../../src/app/checklist/checklistCommands";
import { verifyWorkbook } from "../../../src/app/verifyWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import { demoMemory } from "../../support/demoFixture";

let wb: MemoryWorkbook;
let held: string[];
beforeAll(async () => {
  const { wb: built, result } = await demoMemory("year");
  wb = built;
  held = result.held;
  expect(result.issues.filter((i) => i.severity === "error")).toEqual([]);
}, 300_000);

const clock = fixedClock("2027-01-15T09:00:00.000Z");

test("January to November fully signed, December partly, one reconciliation changed after sign-off", async () => {
  expect(held).toHaveLength(12);
  for (const m of held.slice(0, 11)) {
    const cl = (await readChecklist(wb, m, clock)).checklist!;
    expect(cl.views.length).toBe(24); // 20 template tasks + 4 bank reconciliations
    expect(cl.views.filter((v) => v.status !== "Reviewed" && v.status !== "N/A").map((v) => `${m} ${v.task.id} ${v.status}`)).toEqual([]);
    expect(cl.views.every((v) => v.status === "N/A" || v.task.reviewedBy !== v.task.preparedBy)).toBe(true);
  }
  const dec = (await readChecklist(wb, "2026-12", clock)).checklist!;
  const statuses = new Set(dec.views.map((v) => v.status));
  expect([...statuses].sort()).toEqual(expect.arrayContaining(["Changed after sign-off", "Not started", "Prepared", "Reviewed"]));
  const rec = dec.views.find((v) => v.task.id === "REC-1010")!;
  expect(rec.status).toBe("Changed after sign-off");
  expect(rec.suspended!.old.eq(rec.suspended!.now)).toBe(false);
});

test("December was held by the controller's override, audited; the sealed checklists verify", async () => {
  const audit = (await wb.readTable("tblAudit"))!;
  const override = audit.rows.filter((r) => r[3] === "checklist-override");
  expect(override.map((r) => r[4])).toEqual(["2026-12"]);
  expect(audit.rows.filter((r) => r[3] === "checklist-sealed")).toHaveLength(12);
  const v = await verifyWorkbook(wb);
  expect(v.issues.filter((i) => i.severity === "error")).toEqual([]);
});
