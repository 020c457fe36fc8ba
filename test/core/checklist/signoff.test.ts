/**
 * Sign-offs: separation of duties, assignment, dependency blocking and the
 * reconciliation tie-out. Users (fixtures): alice preparer, bob reviewer,
 * carol controller, dave reviewer+preparer.
 */
import fc from "fast-check";
import { reconState } from "../../../src/core/checklist/reconciliation";
import { signTask, type TaskAction } from "../../../src/core/checklist/signoff";
import { viewTasks } from "../../../src/core/checklist/state";
import type { CloseTask } from "../../../src/core/checklist/types";
import { Amount } from "../../../src/core/money";
import { task, USERS } from "./fixtures";
import { WORKBOOK_WHERE } from "../../../src/schema/where";

const A = (s: string) => Amount.parse(s)!;
const NOW = "2026-02-02T09:00:00Z";
const ctx = { where: WORKBOOK_WHERE, users: USERS, now: NOW };
const view = (t: CloseTask, others: CloseTask[] = []) =>
  viewTasks([t, ...others], "2026-02-01").find((v) => v.task.id === t.id)!;

describe("signTask", () => {
  it("prepare then review by another user", () => {
    const p = signTask(
      view(task("T1", { row: 1 })),
      { kind: "prepare", note: "tied to bank", evidence: "Bank!A1:D30" },
      "alice",
      ctx,
    );
    expect(p.issues).toEqual([]);
    expect(p.task).toMatchObject({
      status: "Prepared",
      preparedBy: "alice",
      preparedAt: NOW,
      note: "tied to bank",
      evidence: "Bank!A1:D30",
    });
    const r = signTask(view(p.task!), { kind: "review", note: "ok" }, "bob", ctx);
    expect(r.task).toMatchObject({ status: "Reviewed", reviewedBy: "bob", preparedBy: "alice" });
  });
  it("SoD: the preparer may not review, even a controller", () => {
    const t = task("T1", {
      row: 3,
      preparer: "carol",
      reviewer: "controller",
      status: "Prepared",
      preparedBy: "carol",
    });
    const r = signTask(view(t), { kind: "review" }, "carol", ctx);
    expect(r.task).toBeUndefined();
    expect(r.issues).toEqual([
      expect.objectContaining({
        code: "SEPARATION_OF_DUTIES",
        at: { table: "tblCloseTasks", row: 3, column: "Reviewed by" },
      }),
    ]);
  });
  it("only the assigned people or a controller sign", () => {
    const t = task("T1", { row: 1 });
    expect(signTask(view(t), { kind: "prepare" }, "bob", ctx).issues[0]).toMatchObject({
      code: "NOT_ASSIGNED",
      at: { column: "Preparer" },
    });
    expect(signTask(view(t), { kind: "prepare" }, "carol", ctx).task?.preparedBy).toBe("carol");
    // a role assignment: anyone holding it
    const byRole = task("T2", { reviewer: "reviewer", status: "Prepared", preparedBy: "alice" });
    expect(signTask(view(byRole), { kind: "review" }, "dave", ctx).task?.reviewedBy).toBe("dave");
    // alice prepared it and holds no reviewer role: told of separation of duties first (being made
    // reviewer would not help her), naming who may review: dave (reviewer) and carol (controller)
    expect(signTask(view(byRole), { kind: "review" }, "alice", ctx).issues.map((i) => [i.code, i.message])).toEqual([
      [
        "SEPARATION_OF_DUTIES",
        "alice prepared T2 and may not also review it; another reviewer must (bob, carol, dave).",
      ],
    ]);
    expect(signTask(view({ ...byRole, preparedBy: "dave" }), { kind: "review" }, "alice", ctx).issues[0]?.code).toBe(
      "NOT_ASSIGNED",
    );
    expect(signTask(view(t), { kind: "prepare" }, "zoe", ctx).issues[0]?.code).toBe("UNKNOWN_USER");
  });
  it("a blocked task names what blocks it", () => {
    const t1 = task("T1", { status: "Prepared", preparedBy: "alice" });
    const t2 = task("T2", { dependsOn: ["T1"], row: 2 });
    const r = signTask(view(t2, [t1]), { kind: "prepare" }, "alice", ctx);
    expect(r.issues).toEqual([
      expect.objectContaining({ code: "TASK_BLOCKED", at: { table: "tblCloseTasks", row: 2, column: "Depends on" } }),
    ]);
    expect(r.issues[0]!.message).toContain("blocked by T1");
    // once T1 is reviewed, T2 may be prepared
    expect(
      signTask(view(t2, [{ ...t1, status: "Reviewed", reviewedBy: "bob" }]), { kind: "prepare" }, "alice", ctx).task
        ?.status,
    ).toBe("Prepared");
  });
  it("reopen and N/A need a reason; reopen clears the sign-offs", () => {
    const t = task("T1", { status: "Reviewed", preparedBy: "alice", reviewedBy: "bob" });
    expect(signTask(view(t), { kind: "reopen", reason: " " }, "bob", ctx).issues[0]?.code).toBe("REASON_REQUIRED");
    expect(signTask(view(t), { kind: "reopen", reason: "late invoice" }, "bob", ctx).task).toMatchObject({
      status: "In progress",
      preparedBy: "",
      reviewedBy: "",
      reason: "late invoice",
    });
    expect(signTask(view(task("T2")), { kind: "na", reason: "" }, "bob", ctx).issues[0]?.code).toBe("REASON_REQUIRED");
    expect(
      signTask(view(task("T2")), { kind: "na", reason: "no EUR account this year" }, "bob", ctx).task,
    ).toMatchObject({ status: "N/A", reason: "no EUR account this year" });
  });
  it("a reconciliation is not prepared while an unexplained difference remains", () => {
    // ledger 10,250.00 − bank 10,000.00 − item 200.00 = 50.00 > tolerance 0.01
    const recon = reconState(
      "1110",
      A("10250.00"),
      { period: "2026-01", account: "1110", supporting: A("10000.00"), source: "typed" },
      [{ period: "2026-01", account: "1110", amount: A("200.00"), explanation: "deposit in transit" }],
      A("0.01"),
    );
    expect(recon.difference?.toFixed(2)).toBe("50.00");
    const t = task("REC-1110", { account: "1110", row: 5 });
    const r = signTask(view(t), { kind: "prepare" }, "alice", { ...ctx, recon });
    expect(r.issues[0]).toMatchObject({ code: "RECON_DIFFERENCE", at: { row: 5 } });
    expect(r.issues[0]!.message).toContain("50.00");
    // a second item of 50.00 explains it; the ledger balance is recorded with the sign-off
    const ok = reconState(
      "1110",
      A("10250.00"),
      { period: "2026-01", account: "1110", supporting: A("10000.00"), source: "typed" },
      [
        { period: "2026-01", account: "1110", amount: A("200.00"), explanation: "deposit in transit" },
        { period: "2026-01", account: "1110", amount: A("50.00"), explanation: "bank fee not booked" },
      ],
      A("0.01"),
    );
    expect(ok.difference?.isZero()).toBe(true);
    expect(signTask(view(t), { kind: "prepare" }, "alice", { ...ctx, recon: ok }).task?.signedBalance?.toFixed(2)).toBe(
      "10250.00",
    );
    // within a 0.01 tolerance: ledger 10,250.01
    const cents = reconState(
      "1110",
      A("10250.01"),
      { period: "2026-01", account: "1110", supporting: A("10250.00"), source: "typed" },
      [],
      A("0.01"),
    );
    expect(cents.explained).toBe(true);
  });
  it("property: no task ends Reviewed by its preparer, whatever the sequence of actions", () => {
    const names = ["alice", "bob", "carol", "dave", "zoe"];
    const action = fc.oneof(
      fc.constant<TaskAction>({ kind: "start" }),
      fc.constant<TaskAction>({ kind: "prepare" }),
      fc.constant<TaskAction>({ kind: "review" }),
      fc.constantFrom<TaskAction>(
        { kind: "reopen", reason: "r" },
        { kind: "na", reason: "x" },
        { kind: "reopen", reason: "" },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(action, fc.constantFrom(...names)), { maxLength: 25 }),
        fc.constantFrom("alice", "preparer", "carol", "dave"),
        fc.constantFrom("bob", "reviewer", "controller", "dave"),
        (steps, preparer, reviewer) => {
          let t = task("T1", { preparer, reviewer });
          for (const [a, who] of steps) {
            t = signTask(view(t), a, who, ctx).task ?? t;
            if (t.status === "Reviewed") expect(t.reviewedBy.toLowerCase()).not.toBe(t.preparedBy.toLowerCase());
          }
        },
      ),
    );
  });
});
