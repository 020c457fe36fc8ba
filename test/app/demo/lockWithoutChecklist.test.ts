/**
 * A demo period locked without its checklist (#13): the demo through February
 * (its template of 20 tasks + 4 bank reconciliations, "Require a reviewed
 * checklist to lock" on) generated checklists for January and February only.
 * March, posted and closed afterwards as the e2e reference close does with
 * November, has none: its hold is refused (CHECKLIST_NOT_GENERATED, an error,
 * nothing of March was reviewed) unless admin — a controller in the demo —
 * overrides with a reason, which is audited. The demo's own override names the
 * month it holds (February here), not December.
 */
import type { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../../src/app/changePeriod";
import { closePeriod } from "../../../src/app/closePeriod";
import { postJournals } from "../../../src/app/postJournals";
import { fixedClock } from "../../../src/ports/clock";
import { demoMemory } from "../../support/demoFixture";

const clock = fixedClock("2026-04-06T09:00:00.000Z");
const ctx = { user: "admin", clock };
let wb: MemoryWorkbook;
beforeAll(async () => {
  wb = (await demoMemory("feb")).wb;
  const posted = await postJournals(wb, { ...ctx, through: "2026-03-31" });
  expect(posted.issues.filter((i) => i.severity === "error")).toEqual([]);
  const closed = await closePeriod(wb, { period: "2026-03", preview: false }, ctx);
  expect(closed.completed).toBe(true);
}, 300_000);

test("the demo's override of its last month names that month", async () => {
  const audit = (await wb.readTable("tblAudit"))!;
  const o = audit.rows.filter((r) => r[3] === "checklist-override").map((r) => [r[4], String(r[7])]);
  expect(o).toHaveLength(1);
  expect(o[0]![0]).toBe("2026-02");
  expect(o[0]![1]).toMatch(/^Demo: 2026-02's review continues/);
});

test("March without a checklist: refused, then held by admin's audited override", async () => {
  const refused = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, ctx);
  expect([refused.done, refused.issues.filter((i) => i.severity === "error").map((i) => [i.code, i.at?.table])]).toEqual([
    false,
    [["CHECKLIST_NOT_GENERATED", "tblCloseTasks"]],
  ]);
  const held = await changePeriod(
    wb,
    { kind: "hold", period: "2026-03", reason: "March close", overrideChecklist: "checklist not kept for March" },
    ctx,
  );
  expect([held.done, held.issues.filter((i) => i.code.startsWith("CHECKLIST")).map((i) => [i.code, i.severity])]).toEqual([
    true,
    [["CHECKLIST_NOT_GENERATED", "warning"]],
  ]);
  const audit = (await wb.readTable("tblAudit"))!;
  const o = audit.rows.filter((r) => r[3] === "checklist-override" && r[4] === "2026-03");
  expect(o.map((r) => [r[5], r[7]])).toEqual([["checklist not generated", "checklist not kept for March"]]);
});
