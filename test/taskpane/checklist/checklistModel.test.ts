/**
 * The Checklist tab's view model, with worked examples: four tasks of 2026-01, today 2026-02-03.
 *   T1 Cash   alice/bob   due 2026-02-02  Prepared by alice          → review, not done, late (02-02 < 02-03)
 *   T2 Cash   alice/bob   due 2026-02-03  Not started, depends on T1 → blocked by T1, due today
 *   T3 Accr.  carol/role reviewer due 2026-02-05 Reviewed            → done
 *   T4 Accr.  role preparer/bob  due 2026-02-04 Not started, automatic step:revaluation → no Prepare button
 * Tiles by hand: past due 1 (T1), due today 1 (T2), blocked 1 (T2), remaining 3 (all but T3).
 * Areas: Accruals 1 of 2 done (50 %), Cash 0 of 2 (0 %).
 */
import fc from "fast-check";
import { viewTasks } from "../../../src/core/checklist/state";
import type { CloseTask } from "../../../src/core/checklist/types";
import type { User } from "../../../src/core/ledger/types";
import {
  checklistView,
  defaultChecklistPeriod,
  isMine,
  signedAsSentence,
  taskLink,
  taskRow,
} from "../../../src/taskpane/checklist/checklistModel";

function task(id: string, over: Partial<CloseTask>): CloseTask {
  return {
    period: "2026-01",
    id,
    area: "Cash",
    title: `Task ${id}`,
    preparer: "alice",
    reviewer: "bob",
    due: "2026-02-03",
    dependsOn: [],
    link: "",
    automatic: false,
    account: "",
    status: "Not started",
    preparedBy: "",
    preparedAt: "",
    evidence: "",
    reviewedBy: "",
    reviewedAt: "",
    note: "",
    reason: "",
    ...over,
  };
}

const TASKS = [
  task("T1", {
    due: "2026-02-02",
    status: "Prepared",
    preparedBy: "alice",
    preparedAt: "2026-02-02T10:00:00.000Z",
    link: "range:Bank!B2:B9",
  }),
  task("T2", { dependsOn: ["T1"] }),
  task("T3", {
    area: "Accruals",
    preparer: "carol",
    reviewer: "reviewer",
    due: "2026-02-05",
    status: "Reviewed",
    preparedBy: "carol",
    preparedAt: "2026-02-01T09:00:00.000Z",
    reviewedBy: "dave",
    reviewedAt: "2026-02-02T09:00:00.000Z",
  }),
  task("T4", { area: "Accruals", preparer: "preparer", due: "2026-02-04", automatic: true, link: "step:revaluation" }),
];
const VIEWS = viewTasks(TASKS, "2026-02-03");

function user(name: string, roles: string[] = []): User {
  return { name, active: true, roles: new Set(roles) } as unknown as User;
}

test("tiles and progress per area, worked by hand", () => {
  const v = checklistView(VIEWS, undefined, false);
  expect(v.tiles).toEqual({ pastDue: 1, dueToday: 1, blocked: 1, remaining: 3 });
  expect(v.byArea.map((a) => [a.name, a.done, a.total, a.percent])).toEqual([
    ["Accruals", 1, 2, 50],
    ["Cash", 0, 2, 0],
  ]);
  // who acts next: T1 Prepared → bob; T2 → alice; T3 Reviewed → its reviewer (role "reviewer"); T4 → role "preparer"
  expect(v.byPerson.map((p) => p.text)).toEqual([
    "alice: 0 of 1 done",
    "bob: 0 of 1 done",
    "preparer: 0 of 1 done",
    "reviewer: 1 of 1 done",
  ]);
});

test("each row: late in red, blocker named, buttons that apply", () => {
  const [t1, t2, t3, t4] = VIEWS.map(taskRow);
  expect(t1).toMatchObject({
    status: "Prepared",
    late: true,
    signed: ["Prepared by alice 2026-02-02"],
    can: { prepare: false, review: true, reopen: true, na: true },
  });
  expect(t1!.link).toEqual({ kind: "range", sheet: "Bank", address: "B2:B9", text: "Bank!B2:B9" });
  expect(t2).toMatchObject({
    late: false,
    blocker: "Blocked by T1 (not Reviewed or N/A yet)",
    can: { prepare: false, review: false, reopen: false, na: true },
  });
  expect(t3).toMatchObject({
    status: "Reviewed",
    late: false,
    signed: ["Prepared by carol 2026-02-01", "Reviewed by dave 2026-02-02"],
    can: { prepare: false, review: false, reopen: true, na: false },
  });
  expect(t4).toMatchObject({
    can: { prepare: false, review: false, reopen: false, na: true },
    link: { kind: "step", step: "revaluation" },
  });
});

test("My tasks: by name or by a role held; tiles follow the filter", () => {
  const bob = user("bob");
  expect(VIEWS.map((v) => isMine(v, bob))).toEqual([true, true, false, true]); // T1, T2 and T4 name bob as reviewer
  const carol = user("carol");
  const mine = checklistView(VIEWS, carol, true);
  expect(mine.rows.map((r) => r.id)).toEqual(["T3"]);
  expect(mine.tiles).toEqual({ pastDue: 0, dueToday: 0, blocked: 0, remaining: 0 });
  expect(mine.total).toBe(4);
  // dave holds the role reviewer: T3's reviewer is that role
  expect(checklistView(VIEWS, user("dave", ["reviewer"]), true).rows.map((r) => r.id)).toEqual(["T3"]);
  expect(checklistView(VIEWS, undefined, true).rows).toEqual([]);
});

test("links: a close step, a quoted sheet's range, a URL; anything else is none", () => {
  expect(taskLink("step: rate-checks")).toEqual({ kind: "step", step: "rate-checks", text: "Close step rate-checks" });
  expect(taskLink("range:'Bank ''EUR'''!A1")).toEqual({
    kind: "range",
    sheet: "Bank 'EUR'",
    address: "A1",
    text: "Bank 'EUR'!A1",
  });
  expect(taskLink("https://bank.example/statements")).toMatchObject({ kind: "url" });
  expect(taskLink("see Maria")).toBeUndefined();
  expect(taskLink("")).toBeUndefined();
});

test("the signer sentence keeps the identity caveat", () => {
  expect(signedAsSentence("alice")).toBe(
    "Signed as alice — chosen in this pane, not authenticated: the sign-off is tamper-evident, not proof of identity.",
  );
});

test("property: a done task is never late nor preparable; a blocked task is never preparable", () => {
  const status = fc.constantFrom("Not started", "In progress", "Prepared", "Reviewed", "N/A" as const);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(status, fc.integer({ min: 1, max: 28 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
      (specs) => {
        const tasks = specs.map(([s, d, dep], i) =>
          task(`T${i}`, {
            status: s,
            due: `2026-02-${String(d).padStart(2, "0")}`,
            dependsOn: dep && i > 0 ? [`T${i - 1}`] : [],
          }),
        );
        const views = viewTasks(tasks, "2026-02-10");
        const v = checklistView(views, undefined, false);
        for (const r of v.rows) {
          if (r.status === "Reviewed" || r.status === "N/A") expect(r.late || r.can.prepare).toBe(false);
          if (r.blocker) expect(r.can.prepare).toBe(false);
        }
        expect(v.byArea.reduce((n, a) => n + a.total, 0)).toBe(tasks.length);
      },
    ),
  );
});

test("the period shown first: the earliest Open month with unfinished tasks", () => {
  const p = (id: string, status = "Open", kind = "operating") => ({ id, kind, status, start: `${id}-01` });
  const periods = [p("2026-00", "Open", "opening"), p("2026-03"), p("2026-01", "On hold"), p("2026-02")];
  // 2026-01 is on hold (not offered first), 2026-02 has a Prepared task → 2026-02
  expect(
    defaultChecklistPeriod(periods, [
      { period: "2026-01", status: "Prepared" },
      { period: "2026-02", status: "Reviewed" },
      { period: "2026-02", status: "Prepared" },
    ]),
  ).toBe("2026-02");
  // every task done → the earliest Open month, 2026-02
  expect(defaultChecklistPeriod(periods, [{ period: "2026-03", status: "N/A" }])).toBe("2026-02");
});
