/** The lock gate over a period's task views; users from the fixtures (carol is the controller). */
import fc from "fast-check";
import { checklistGate } from "../../../src/core/checklist/lockGate";
import { viewTasks } from "../../../src/core/checklist/state";
import { summarize } from "../../../src/core/checklist/state";
import { TASK_STATUSES } from "../../../src/core/checklist/types";
import { task, USERS } from "./fixtures";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const carol = USERS.get("carol")!;
const bob = USERS.get("bob")!;

describe("checklistGate", () => {
  const tasks = [
    task("T1", { status: "Reviewed", row: 1 }),
    task("T2", { status: "Prepared", preparedBy: "alice", due: "2026-02-04", row: 2 }),
    task("T3", { dependsOn: ["T2"], due: "2026-02-05", row: 3 }),
    task("T4", { status: "N/A", reason: "dormant", row: 4 }),
  ];
  const views = viewTasks(tasks, "2026-02-04");
  it("one issue per open task, with owner, due date and blocker", () => {
    const g = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views,
      templateSize: 4,
      user: carol,
    });
    expect(g.issues.map((i) => [i.code, i.severity, i.at?.row])).toEqual([
      ["CHECKLIST_OPEN", "error", 2],
      ["CHECKLIST_OPEN", "error", 3],
    ]);
    expect(g.issues[0]!.message).toBe(
      "Task T2 Task T2 is Prepared (prepared by alice, reviewer bob, due 2026-02-04); it must be Reviewed or N/A before 2026-01 is locked.",
    );
    expect(g.issues[1]!.message).toContain("blocked by T2");
  });
  it("a controller's override with a reason turns them into warnings; anyone else's is refused", () => {
    const o = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views,
      templateSize: 4,
      user: carol,
      overrideReason: "auditor on site",
    });
    expect(o.overridden).toBe(true);
    expect(o.issues.every((i) => i.severity === "warning")).toBe(true);
    const b = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views,
      templateSize: 4,
      user: bob,
      overrideReason: "please",
    });
    expect(b.issues.map((i) => i.code)).toEqual(["CONTROLLER_REQUIRED", "CHECKLIST_OPEN", "CHECKLIST_OPEN"]);
  });
  it("setting off: no gate; a template never generated for the period: refused unless a controller overrides", () => {
    expect(
      checklistGate({ where: WORKBOOK_WHERE, required: false, period: "2026-01", views, templateSize: 4, user: carol })
        .issues,
    ).toEqual([]);
    // 4 template tasks, none generated for 2026-01: nothing was reviewed, so the lock is refused (an error) …
    const none = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views: [],
      templateSize: 4,
      user: carol,
    });
    expect(none.issues.map((i) => [i.code, i.severity, i.at?.table, i.at?.column])).toEqual([
      ["CHECKLIST_NOT_GENERATED", "error", "tblCloseTasks", "Period"],
    ]);
    // … a controller (carol) with a reason overrides it (a warning, and overridden so the caller audits it) …
    const carolOverride = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views: [],
      templateSize: 4,
      user: carol,
      overrideReason: "template added after January closed",
    });
    expect([carolOverride.overridden, carolOverride.issues.map((i) => i.severity)]).toEqual([true, ["warning"]]);
    // … bob (no controller role) cannot, and a blank reason is no override
    const bobTry = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views: [],
      templateSize: 4,
      user: bob,
      overrideReason: "please",
    });
    expect(bobTry.issues.map((i) => [i.code, i.severity])).toEqual([
      ["CONTROLLER_REQUIRED", "error"],
      ["CHECKLIST_NOT_GENERATED", "error"],
    ]);
    const blank = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views: [],
      templateSize: 4,
      user: carol,
      overrideReason: "  ",
    });
    expect([blank.overridden, blank.issues.map((i) => i.severity)]).toEqual([false, ["error"]]);
    // a caller asking for a warning lets the lock pass (the app asks "error": NOT_GENERATED_SEVERITY)
    const lenient = checklistGate({
      where: WORKBOOK_WHERE,
      required: true,
      period: "2026-01",
      views: [],
      templateSize: 4,
      user: bob,
      notGenerated: "warning",
    });
    expect(lenient.issues.map((i) => [i.code, i.severity])).toEqual([["CHECKLIST_NOT_GENERATED", "warning"]]);
    expect(
      checklistGate({
        where: WORKBOOK_WHERE,
        required: true,
        period: "2026-01",
        views: [],
        templateSize: 0,
        user: carol,
      }).issues,
    ).toEqual([]);
  });
  it("tiles: past due, due today, blocked, remaining; per area and person", () => {
    const s = summarize(views);
    // today 2026-02-04: T2 due today (open), T3 due tomorrow and blocked by T2; T1, T4 done
    expect(s.all).toEqual({ total: 4, done: 2, pastDue: 0, dueToday: 1, blocked: 1, remaining: 2 });
    expect(summarize(viewTasks(tasks, "2026-02-06")).all.pastDue).toBe(2);
    // next to act: T2 (Prepared) → its reviewer bob; T3 → its preparer alice
    expect(s.byPerson.get("bob")?.remaining).toBe(1); // T1 (done) and T2
    expect(s.byPerson.get("alice")?.remaining).toBe(1);
    expect(s.byArea.get("Cash")?.total).toBe(4);
  });
  it("property: a lock never passes with an open task unless a controller overrides with a reason", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...TASK_STATUSES), { minLength: 1, maxLength: 8 }),
        fc.constantFrom("alice", "bob", "carol", "dave"),
        fc.constantFrom(undefined, "", "  ", "auditor on site"),
        (statuses, who, reason) => {
          const vs = viewTasks(
            statuses.map((s, i) => task(`T${i}`, { status: s, row: i + 1 })),
            "2026-02-01",
          );
          const g = checklistGate({
            where: WORKBOOK_WHERE,
            required: true,
            period: "2026-01",
            views: vs,
            templateSize: statuses.length,
            user: USERS.get(who)!,
            ...(reason !== undefined ? { overrideReason: reason } : {}),
          });
          const open = statuses.some((s) => s !== "Reviewed" && s !== "N/A");
          const passes = !g.issues.some((i) => i.severity === "error");
          if (open && passes) {
            expect(who).toBe("carol");
            expect(reason?.trim()).toBeTruthy();
            expect(g.overridden).toBe(true);
          }
          if (!open) expect(g.issues).toEqual([]);
        },
      ),
    );
  });
});
