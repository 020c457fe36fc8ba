/**
 * The controller's close through the app layer on the small company
 * (test/support/smallCompany: bob controller, alice preparer; bob posts March).
 * Added here: dave (reviewer), tblAccounts 1010 flagged Reconcile, and a template:
 *   T1 "Journals posted"  step:verify-journals, automatic, BD+1 → Wed 2026-04-01 (March ends Tue 31)
 *   T2 "Accruals booked"  depends on T1,                  BD+2 → Thu 2026-04-02
 *   REC-1010 (from the Reconcile flag)                    BD+3 → Fri 2026-04-03
 * Ledger 1010 at 2026-03-31: EUR 100.00 posted 2026-03-20 at 1.09 → USD 109.00.
 */
import { MemoryWorkbook } from "../../../src/adapters/memory/memoryWorkbook";
import { changePeriod } from "../../../src/app/changePeriod";
import { runCloseStep } from "../../../src/app/closeStepByStep";
import {
  generateChecklist,
  readChecklist,
  setReconciliation,
  signChecklistTask,
} from "../../../src/app/checklist/checklistCommands";
import { loadBook } from "../../../src/app/loadBook";
import { postJournals } from "../../../src/app/postJournals";
import { rateIssuesBeforeRun } from "../../../src/app/rates/rateRows";
import { verifyWorkbook } from "../../../src/app/verifyWorkbook";
import { fixedClock } from "../../../src/ports/clock";
import type { WorkbookPort } from "../../../src/ports/workbook";
import { CLOSE_TEMPLATE, RECON_ITEMS } from "../../../src/schema/checklistTables";
import { encodeRecords } from "../../../src/schema/records";
import { JOURNAL } from "../../../src/schema/tables";
import { journal } from "../../support/fixtures";
import { postedSmallCompany } from "../../support/smallCompany";

const clock = fixedClock("2026-04-05T09:00:00.000Z");
const as = (user: string) => ({ user, clock });
const codes = (xs: readonly { code: string }[]) => xs.map((i) => i.code);

async function company(): Promise<MemoryWorkbook> {
  const wb = await postedSmallCompany(new MemoryWorkbook(), as("bob"));
  const users = (await wb.readTable("tblUsers"))!;
  await wb.appendRows("tblUsers", [
    users.headers.map(
      (h) => ({ User: "dave", "Full name": "Dave", Groups: "", Roles: "reviewer", Active: true })[h] ?? null,
    ),
  ]);
  const accounts = (await wb.readTable("tblAccounts"))!;
  await wb.updateCells("tblAccounts", [
    { row: accounts.rows.findIndex((r) => r[0] === "1010") + 1, column: "Reconcile", value: true },
  ]);
  await wb.appendRows(CLOSE_TEMPLATE.name, [
    ["T1", "Ledger", "Journals posted", "", "alice", "dave", "BD+1", "", "step:verify-journals", true, ""],
    ["T2", "Accruals", "Accruals booked", "", "alice", "reviewer", "2", "T1", "", false, ""],
  ]);
  return wb;
}

async function sign(wb: WorkbookPort, task: string, kind: "prepare" | "review", user: string) {
  return signChecklistTask(wb, { period: "2026-03", task, action: { kind } }, as(user));
}

describe("checklist flow", () => {
  it("generate, blocked, SoD, reconciliation, gated hold, seal, verify", async () => {
    const wb = await company();
    const g = await generateChecklist(wb, "2026-03", as("bob"));
    expect(g).toMatchObject({ done: true, added: 3, updated: 0 });
    let cl = (await readChecklist(wb, "2026-03", clock)).checklist!;
    expect(cl.views.map((v) => [v.task.id, v.task.due, v.status, v.blockedBy.join()])).toEqual([
      ["T1", "2026-04-01", "Prepared", ""], // no draft dated in March: the check prepares it
      ["T2", "2026-04-02", "Not started", "T1"],
      ["REC-1010", "2026-04-03", "Not started", ""],
    ]);
    // the gate: one issue per open task
    const refused = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(refused.done).toBe(false);
    expect(codes(refused.issues.filter((i) => i.severity === "error"))).toEqual([
      "CHECKLIST_OPEN",
      "CHECKLIST_OPEN",
      "CHECKLIST_OPEN",
    ]);
    expect(refused.refusalRecorded).toBe(true);

    expect(codes((await sign(wb, "T2", "prepare", "alice")).issues)).toEqual(["TASK_BLOCKED"]);
    expect((await sign(wb, "T1", "review", "dave")).done).toBe(true);
    expect((await sign(wb, "T2", "prepare", "alice")).done).toBe(true);
    expect(codes((await sign(wb, "T2", "review", "alice")).issues)).toEqual(["SEPARATION_OF_DUTIES"]); // she prepared it (and holds no reviewer role)
    expect((await sign(wb, "T2", "review", "dave")).done).toBe(true);

    // reconciliation: 109.00 in the ledger, bank says 100.00 → 9.00 unexplained
    expect(codes((await sign(wb, "REC-1010", "prepare", "alice")).issues)).toEqual(["RECON_NO_SUPPORT"]);
    const r = await setReconciliation(wb, { period: "2026-03", account: "1010", supporting: "100.00" }, as("alice"));
    expect([r.done, r.ledger?.toFixed(2), r.difference?.toFixed(2)]).toEqual([true, "109.00", "9.00"]);
    const diff = await sign(wb, "REC-1010", "prepare", "alice");
    expect(codes(diff.issues)).toEqual(["RECON_DIFFERENCE"]);
    expect(diff.issues[0]!.message).toContain("9.00");
    await wb.appendRows(RECON_ITEMS.name, [
      ["2026-03", "1010", 9, "EUR balance translated at 1.09 vs bank's USD view"],
    ]);
    expect((await sign(wb, "REC-1010", "prepare", "alice")).done).toBe(true);
    expect((await sign(wb, "REC-1010", "review", "dave")).done).toBe(true);

    // a posting to 1010 after sign-off suspends it: EUR 10.00 at 1.09 = USD 10.90 → 119.90
    await wb.appendRows(
      JOURNAL.name,
      encodeRecords(
        JOURNAL,
        ["Department"],
        journal("D-9 2026-03-25 1010 EUR Dr 10.00\nD-9 2026-03-25 4000 EUR Cr 10.00"),
      ),
    );
    expect((await postJournals(wb, as("bob"))).posted).toBe(true);
    cl = (await readChecklist(wb, "2026-03", clock)).checklist!;
    const rec = cl.views.find((v) => v.task.id === "REC-1010")!;
    expect([rec.status, rec.suspended?.old.toFixed(2), rec.suspended?.now.toFixed(2)]).toEqual([
      "Changed after sign-off",
      "109.00",
      "119.90",
    ]);
    const again = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(codes(again.issues.filter((i) => i.severity === "error"))).toEqual(["CHECKLIST_OPEN"]);
    // bank now 110.90: 119.90 − 110.90 − 9.00 = 0 → the reviewer signs again
    expect(
      (
        await setReconciliation(wb, { period: "2026-03", account: "1010", supporting: "110.90" }, as("alice"))
      ).difference?.isZero(),
    ).toBe(true);
    expect((await sign(wb, "REC-1010", "review", "dave")).done).toBe(true);

    const held = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(held.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(held.done).toBe(true);
    expect((await verifyWorkbook(wb)).issues.filter((i) => i.code.startsWith("CHECKLIST"))).toEqual([]);
    // locked: no more sign-offs
    expect(
      codes(
        (
          await signChecklistTask(
            wb,
            { period: "2026-03", task: "T2", action: { kind: "reopen", reason: "x" } },
            as("dave"),
          )
        ).issues,
      ),
    ).toEqual(["PERIOD_LOCKED"]);
    // a sign-off edited after the lock is caught by verify, at its row and column
    const tasks = (await wb.readTable("tblCloseTasks"))!;
    const row = tasks.rows.findIndex((x) => x[1] === "T2") + 1;
    await wb.updateCells("tblCloseTasks", [{ row, column: "Reviewed by", value: "bob" }]);
    const v = await verifyWorkbook(wb);
    expect(v.issues.filter((i) => i.code.startsWith("CHECKLIST"))).toEqual([
      expect.objectContaining({
        code: "CHECKLIST_SEAL_CHANGED",
        at: { table: "tblCloseTasks", row, column: "Reviewed by" },
      }),
    ]);
  });

  it("a controller overrides with a reason (audited); the audit log records every sign-off", async () => {
    const wb = await company();
    await generateChecklist(wb, "2026-03", as("bob"));
    await sign(wb, "T1", "review", "dave");
    const held = await changePeriod(
      wb,
      {
        kind: "hold",
        period: "2026-03",
        reason: "March close",
        overrideChecklist: "auditor needs the ledger frozen today",
      },
      as("bob"),
    );
    expect(held.done).toBe(true);
    expect(codes(held.issues.filter((i) => i.severity === "warning" && i.code === "CHECKLIST_OPEN"))).toHaveLength(2);
    const audit = (await wb.readTable("tblAudit"))!;
    const actions = audit.rows.map((r) => r[3]);
    expect(actions).toEqual(
      expect.arrayContaining(["checklist-generate", "task-review", "checklist-override", "checklist-sealed"]),
    );
    const o = audit.rows.find((r) => r[3] === "checklist-override")!;
    expect(o[7]).toBe("auditor needs the ledger frozen today");
  });

  it("a template never generated for the period: the hold is refused unless a controller overrides with a reason", async () => {
    // the template holds T1, T2 and REC-1010 (3 tasks); nothing generated for March, so nothing was reviewed
    // the app asks NOT_GENERATED_SEVERITY "error": without an override the hold is refused, nothing sealed
    const wb = await company();
    const refused = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect([refused.done, refused.issues.map((i) => [i.code, i.severity, i.at?.table, i.at?.column])]).toEqual([
      false,
      [["CHECKLIST_NOT_GENERATED", "error", "tblCloseTasks", "Period"]],
    ]);
    // (a non-controller's reason does not override: lockGate.test.ts)
    // bob (controller) with a reason: held, the override audited with its reason
    const held = await changePeriod(
      wb,
      { kind: "hold", period: "2026-03", reason: "March close", overrideChecklist: "template added after March" },
      as("bob"),
    );
    expect([held.done, held.issues.map((i) => [i.code, i.severity])]).toEqual([
      true,
      [["CHECKLIST_NOT_GENERATED", "warning"]],
    ]);
    const o = (await wb.readTable("tblAudit"))!.rows.find((r) => r[3] === "checklist-override")!;
    expect([o[5], o[7]]).toEqual(["checklist not generated", "template added after March"]);
  });

  it("a workbook without checklist tables locks as before", async () => {
    const wb = await postedSmallCompany(new MemoryWorkbook(), as("bob"));
    const held = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect([held.done, held.issues.filter((i) => i.severity !== "info")]).toEqual([true, []]);
  });
});

describe("reconciliation inputs", () => {
  it("--range TABLE[COLUMN] sums the column; a bad reference or amount is an issue, nothing written", async () => {
    const wb = await company();
    await generateChecklist(wb, "2026-03", as("bob"));
    // bank statement lines 60.00 + 49.00 = 109.00 = ledger 109.00 → difference 0
    await wb.createTable(
      { name: "tblBankEUR", sheet: "Bank EUR", headers: ["Date", "Amount"], numberFormats: ["yyyy-mm-dd", "0.00"] },
      [
        ["2026-03-20", 60],
        ["2026-03-31", 49],
      ],
    );
    const r = await setReconciliation(
      wb,
      { period: "2026-03", account: "1010", range: "tblBankEUR[Amount]" },
      as("alice"),
    );
    expect([r.done, r.difference?.isZero()]).toEqual([true, true]);
    expect((await wb.readTable("tblReconciliations"))!.rows[0]!.slice(0, 4)).toEqual([
      "2026-03",
      "1010",
      109,
      "tblBankEUR[Amount]",
    ]);
    expect(
      codes((await setReconciliation(wb, { period: "2026-03", account: "1010", range: "Bank" }, as("alice"))).issues),
    ).toEqual(["BAD_RANGE"]);
    expect(
      codes(
        (await setReconciliation(wb, { period: "2026-03", account: "1010", supporting: "12,x" }, as("alice"))).issues,
      ),
    ).toEqual(["BAD_AMOUNT"]);
    expect(
      codes((await setReconciliation(wb, { period: "2026-03", account: "9999", supporting: "1" }, as("alice"))).issues),
    ).toEqual(["UNKNOWN_ACCOUNT"]);
    expect((await wb.readTable("tblReconciliations"))!.rows).toHaveLength(1);
  });

  it("--range SHEET!RANGE sums the range's numbers; a missing sheet, a bad address, a text cell: issues, nothing written", async () => {
    const wb = await company();
    await generateChecklist(wb, "2026-03", as("bob"));
    // a statement on its own sheet (a report: title A1, rows from row 3): B4 70.25, B5 38.75 → 109.00 = ledger 109.00
    await wb.writeReport({
      sheet: "Bank EUR",
      title: "Statement March",
      rows: [
        ["Date", "Amount"],
        ["2026-03-20", 70.25],
        ["2026-03-31", 38.75],
        ["Total", 109],
      ],
    });
    const r = await setReconciliation(
      wb,
      { period: "2026-03", account: "1010", range: "'Bank EUR'!B4:B5" },
      as("alice"),
    );
    expect([r.done, r.ledger?.toString(), r.difference?.toString()]).toEqual([true, "109.00", "0.00"]);
    expect((await wb.readTable("tblReconciliations"))!.rows[0]!.slice(0, 4)).toEqual([
      "2026-03",
      "1010",
      109,
      "'Bank EUR'!B4:B5",
    ]);
    const tried = async (range: string) =>
      (await setReconciliation(wb, { period: "2026-03", account: "1010", range }, as("alice"))).issues.map((i) => [
        i.code,
        i.at?.table,
        i.at?.column,
        i.message.split(";")[0],
      ]);
    expect(await tried("Bank USD!B4:B5")).toEqual([
      ["MISSING_SHEET", "tblReconciliations", "Source", "The workbook has no sheet Bank USD"],
    ]);
    expect((await tried("'Bank EUR'!B0"))[0]!.slice(0, 3)).toEqual(["BAD_RANGE", "tblReconciliations", "Source"]);
    // B3 is the heading "Amount": B3:B5 would sum 109.00 and leave it out silently, so it is refused
    expect(await tried("'Bank EUR'!B3:B5")).toEqual([
      ["BAD_CELL", "tblReconciliations", "Source", `'Bank EUR'!B3 holds the text "Amount", not an amount`],
    ]);
    expect((await wb.readTable("tblReconciliations"))!.rows).toHaveLength(1);
  });

  it("bad template input: a circular dependency and a bad due offset are located issues, nothing generated", async () => {
    const wb = await company();
    await wb.appendRows(CLOSE_TEMPLATE.name, [
      ["T3", "X", "Loop", "", "alice", "dave", "soon", "T4", "", false, ""],
      ["T4", "X", "Loop back", "", "zoe", "dave", "1", "T3", "", false, ""],
    ]);
    const g = await generateChecklist(wb, "2026-03", as("bob"));
    expect(g.done).toBe(false);
    expect(g.issues.map((i) => [i.code, i.at?.row, i.at?.column])).toEqual([
      ["BAD_DUE_OFFSET", 3, "Due (BD)"],
      ["UNKNOWN_USER", 4, "Preparer"],
      ["CIRCULAR_DEPENDENCY", 3, "Depends on"],
    ]);
    expect((await wb.readTable("tblCloseTasks"))!.rows).toHaveLength(0);
  });
});

describe("an interrupted sign-off", () => {
  it("at every write: either fully signed with its audit row, or (after recovery) exactly as before", async () => {
    let interrupted = 0;
    for (let n = 1; n <= 30; n++) {
      const wb = await company();
      await generateChecklist(wb, "2026-03", as("bob"));
      const before = (await wb.readTable("tblCloseTasks"))!.rows.map((r) => r.slice(11, 14));
      wb.failOnWrite(n);
      let failed = false;
      try {
        await sign(wb, "T1", "review", "dave");
      } catch {
        failed = true;
      }
      if (!failed) break; // n is past the last write: the sign-off went through
      interrupted++;
      // the next command that writes recovers the interrupted run first; a refused one writes nothing else
      await signChecklistTask(wb, { period: "2026-03", task: "T2", action: { kind: "review" } }, as("dave"));
      const after = (await wb.readTable("tblCloseTasks"))!.rows.map((r) => r.slice(11, 14));
      const audit = (await wb.readTable("tblAudit"))!.rows.filter((r) => r[3] === "task-review");
      const t1 = after[0]!;
      if (t1[0] === "Reviewed") expect(audit).toHaveLength(1);
      else {
        expect(after).toEqual(before);
        // an audit row written before the interruption stays (the log is append-only); its run is marked rolled back
        const runs = (await wb.readTable("tblRuns"))!.rows;
        for (const a of audit) expect(runs.find((r) => r[0] === a[9])?.[6]).toBe("rolled back");
      }
    }
    // unprotect, write lock, sequence, run row, the task's cells, audit, run committed, re-protect…
    expect(interrupted).toBeGreaterThan(6);
  });
});

describe("a status typed into the sheet", () => {
  it("does not count without its audit row: read at the audited status, named, and the lock stays refused", async () => {
    const wb = await company();
    await generateChecklist(wb, "2026-03", as("bob"));
    await sign(wb, "T1", "review", "dave");
    const tasks = (await wb.readTable("tblCloseTasks"))!;
    const row = tasks.rows.findIndex((x) => x[1] === "T2") + 1;
    await wb.updateCells("tblCloseTasks", [
      { row, column: "Status", value: "Reviewed" },
      { row, column: "Reviewed by", value: "dave" },
    ]);
    const r = await readChecklist(wb, "2026-03", clock);
    expect(r.checklist!.views.find((v) => v.task.id === "T2")).toMatchObject({
      status: "Not started",
      task: { reviewedBy: "" },
    });
    expect(r.issues.filter((i) => i.code === "SIGNOFF_NOT_AUDITED").map((i) => i.at)).toEqual([
      { table: "tblCloseTasks", row, column: "Status" },
    ]);
    const held = await changePeriod(wb, { kind: "hold", period: "2026-03", reason: "March close" }, as("bob"));
    expect(held.issues.filter((i) => i.code === "CHECKLIST_OPEN").map((i) => i.at?.row)).toEqual([row, row + 1]);
  });
});

describe("statements written as an automatic task", () => {
  it("prepared by the close's statements run (evidence its run id); Not started after a later March posting", async () => {
    const wb = await company();
    await wb.appendRows(CLOSE_TEMPLATE.name, [
      ["T3", "Reporting", "Statements written", "", "alice", "dave", "BD+3", "", "step:statements", true, ""],
    ]);
    await generateChecklist(wb, "2026-03", as("bob"));
    const t3 = async () =>
      (await readChecklist(wb, "2026-03", clock)).checklist!.views.find((v) => v.task.id === "T3")!;
    expect((await t3()).status).toBe("Not started");
    // a preview records nothing
    await runCloseStep(wb, { period: "2026-03", step: "statements", mode: "preview" }, as("alice"));
    expect((await t3()).status).toBe("Not started");
    const o = await runCloseStep(wb, { period: "2026-03", step: "statements", mode: "post" }, as("alice"));
    expect(o.status).toBe("ok");
    const runs = (await wb.readTable("tblRuns"))!;
    const last = runs.rows[runs.rows.length - 1]!;
    const runId = String(last[0]);
    expect([last[1], last[2]]).toEqual(["statements", "2026-03"]);
    expect(o.summary).toContain(`(${runId})`);
    expect((await t3()).task).toMatchObject({ status: "Prepared", preparedBy: "alice", evidence: runId });
    // a journal dated 2026-03-25 posted afterwards: the statements no longer show March's ledger
    await wb.appendRows(
      JOURNAL.name,
      encodeRecords(
        JOURNAL,
        ["Department"],
        journal("D-9 2026-03-25 1010 EUR Dr 10.00\nD-9 2026-03-25 4000 EUR Cr 10.00"),
      ),
    );
    expect((await postJournals(wb, as("bob"))).posted).toBe(true);
    expect((await t3()).task).toMatchObject({ status: "Not started", evidence: "" });
    // written again: prepared by the new run
    await runCloseStep(wb, { period: "2026-03", step: "statements", mode: "post" }, as("alice"));
    expect((await t3()).task.evidence).not.toBe(runId);
    expect((await t3()).status).toBe("Prepared");
  });
});

describe("rate checks as an automatic task", () => {
  it("follows the rate checks over the rate rows (the app evaluates them)", async () => {
    const wb = await company();
    await wb.appendRows(CLOSE_TEMPLATE.name, [
      ["T5", "FX", "Rate checks", "", "alice", "dave", "1", "", "step:rate-checks", true, ""],
    ]);
    await generateChecklist(wb, "2026-03", as("bob"));
    const loaded = await loadBook(wb);
    const passes = !rateIssuesBeforeRun(loaded, { asOf: "2026-03-31" }).some((i) => i.severity === "error");
    const t5 = (await readChecklist(wb, "2026-03", clock)).checklist!.views.find((v) => v.task.id === "T5")!;
    expect(passes).toBe(true); // March's rates of the small company check clean
    expect(t5.status).toBe("Prepared");
    // a negative rate fails the checks: the task is no longer prepared
    await wb.appendRows("tblRates", [["2026-03-31", "EUR", "USD", "spot", -1, 1, "typo"]]);
    const again = (await readChecklist(wb, "2026-03", clock)).checklist!.views.find((v) => v.task.id === "T5")!;
    expect(rateIssuesBeforeRun(await loadBook(wb), { asOf: "2026-03-31" }).some((i) => i.severity === "error")).toBe(
      true,
    );
    expect(again.status).toBe("Not started");
  });
});
