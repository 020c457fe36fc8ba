/**
 * Generation for January 2026 (period end Saturday 2026-01-31): T1 BD+1 → Mon 2026-02-02,
 * T2 BD+3 → Wed 2026-02-04, T3 BD−2 → Thu 2026-01-29; REC-1110 (account flagged Reconcile) BD+3.
 */
import fc from "fast-check";
import { effectiveTemplate, generateTasks } from "../../../src/core/checklist/generate";
import { isSigned, TASK_STATUSES, type CloseTask } from "../../../src/core/checklist/types";
import { buildFiscalYear } from "../../../src/core/calendar/fiscalYear";
import { CAL, task, tpl } from "./fixtures";

const JAN = buildFiscalYear(2026, 1).find((p) => p.id === "2026-01")!;

describe("generateTasks", () => {
  const template = effectiveTemplate(
    [tpl("T1", { due: 1 }), tpl("T2", { due: 3, dependsOn: ["T1"] }), tpl("T3", { due: -2 })],
    [{ number: "1110", name: "Bank EUR" }],
  );
  it("first generation: every task Not started with its business-day due date", () => {
    const g = generateTasks(template, JAN, CAL, []);
    expect(g.update).toEqual([]);
    expect(g.add.map((t) => [t.id, t.due, t.status, t.account])).toEqual([
      ["T1", "2026-02-02", "Not started", ""],
      ["T2", "2026-02-04", "Not started", ""],
      ["T3", "2026-01-29", "Not started", ""],
      ["REC-1110", "2026-02-04", "Not started", "1110"],
    ]);
  });
  it("regenerating keeps signed tasks as they are and refreshes unsigned ones", () => {
    const signed = task("T1", {
      due: "2026-02-09",
      title: "old title",
      status: "Reviewed",
      preparedBy: "alice",
      reviewedBy: "bob",
      row: 1,
    });
    const unsigned = task("T2", { due: "2026-02-09", status: "In progress", row: 2 });
    const g = generateTasks(template, JAN, CAL, [signed, unsigned]);
    expect(g.update).toEqual([{ ...unsigned, due: "2026-02-04", title: "Task T2", dependsOn: ["T1"] }]);
    expect(g.add.map((t) => t.id)).toEqual(["T3", "REC-1110"]);
  });
  it("property: regenerating never loses a sign-off", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("T1", "T2", "T3", "T4"),
            fc.constantFrom(...TASK_STATUSES),
            fc.integer({ min: -3, max: 9 }),
          ),
          { maxLength: 6 },
        ),
        (rows) => {
          const existing: CloseTask[] = [];
          for (const [id, status, d] of rows) {
            if (existing.some((t) => t.id === id)) continue;
            existing.push(
              task(id, {
                status,
                due: `2026-02-0${(Math.abs(d) % 9) + 1}`,
                preparedBy: status === "Not started" ? "" : "alice",
                reviewedBy: status === "Reviewed" ? "bob" : "",
                row: existing.length + 1,
              }),
            );
          }
          const g = generateTasks(template, JAN, CAL, existing);
          for (const u of g.update) expect(isSigned(existing.find((t) => t.id === u.id)!)).toBe(false);
          for (const a of g.add) expect(existing.some((t) => t.id === a.id)).toBe(false);
        },
      ),
    );
  });
});
